import { Anchor, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { allStatuses, assistanceListKey, kindLabel, StatusBadge, statusLabel, type AssistanceStatus } from './shared.js';

type Sort = 'recent' | 'oldest_submission' | 'longest_unchanged';
const sorts: Sort[] = ['recent', 'oldest_submission', 'longest_unchanged'];
const sortKeys: Record<Sort, MessageKey> = {
  recent: 'assistance.list.sort.recent',
  oldest_submission: 'assistance.list.sort.oldest_submission',
  longest_unchanged: 'assistance.list.sort.longest_unchanged',
};

/**
 * `/app/assistance`: the requests the viewer may see. For a U.S. agency's reviewers it is their queue,
 * with each request's age; city staff see their city's requests and start new ones.
 */
export function AssistanceListPage() {
  const [status, setStatus] = useState<AssistanceStatus | ''>('');
  const [sort, setSort] = useState<Sort>('recent');
  const list = useQuery({
    queryKey: [...assistanceListKey, status, sort],
    queryFn: async () => unwrap(await api.GET('/api/v1/assistance-requests', { params: { query: { status: status || undefined, sort } } })),
  });
  const items = list.data?.items ?? [];
  return (
    <>
      <WorkspaceTitle description={t('assistance.list.description')}>{t('assistance.list.title')}</WorkspaceTitle>
      <Stack gap="md">
        {list.data?.canCreate && (
          <Button component={Link} to="/app/assistance/new" w="fit-content">
            {t('assistance.list.new')}
          </Button>
        )}
        <Section title={t('assistance.list.tableLabel')}>
          <Stack gap="sm">
            <Group gap="sm" align="flex-end">
              <NativeSelect
                label={t('assistance.list.statusFilter')}
                value={status}
                onChange={(e) => setStatus(e.currentTarget.value as AssistanceStatus | '')}
                data={[{ value: '', label: t('assistance.list.allStatuses') }, ...allStatuses.map((value) => ({ value, label: statusLabel(value) }))]}
                w={{ base: '100%', xs: 240 }}
              />
              <NativeSelect
                label={t('assistance.list.sort')}
                value={sort}
                onChange={(e) => setSort(e.currentTarget.value as Sort)}
                data={sorts.map((value) => ({ value, label: t(sortKeys[value]) }))}
                w={{ base: '100%', xs: 300 }}
              />
            </Group>
            {list.isPending ? (
              <InlineLoader />
            ) : list.isError ? (
              <PageError error={list.error} onRetry={() => list.refetch()} />
            ) : items.length === 0 ? (
              <Text size="sm">{t('assistance.list.none')}</Text>
            ) : (
              <ScrollTable minWidth={760}>
                <Table striped verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('assistance.list.request')}</Table.Th>
                      <Table.Th scope="col">{t('assistance.list.city')}</Table.Th>
                      <Table.Th scope="col">{t('assistance.list.agency')}</Table.Th>
                      <Table.Th scope="col">{t('assistance.list.status')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('assistance.list.daysSinceSubmission')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('assistance.list.daysInStatus')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((item) => (
                      <Table.Tr key={item.id}>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>
                          <Anchor component={Link} to={`/app/assistance/${item.id}`} fw={600}>
                            {item.title}
                          </Anchor>
                          <Text size="xs">{kindLabel(item.kind)}</Text>
                        </Table.Td>
                        <Table.Td>{item.cityName}</Table.Td>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.agencyName}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={item.status} />
                          {item.infoRequested && (
                            <Text size="xs" fw={600}>
                              {t('assistance.list.infoRequested')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{item.daysSinceSubmission ?? t('assistance.list.notSubmitted')}</Table.Td>
                        <Table.Td ta="right">{item.daysSinceChange}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
          </Stack>
        </Section>
      </Stack>
    </>
  );
}
