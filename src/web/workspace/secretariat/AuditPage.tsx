import { Badge, Box, Button, Code, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { PageError } from '../../app/pages.js';
import { t, type MessageKey } from '../../i18n/i18n.js';
import type { AuditEntry } from '../apiTypes.js';
import { InlineLoader, formatDateTime, WorkspaceTitle } from '../forms.js';
import { isSecretariat, useActor } from '../WorkspaceFrame.js';
import { SecretariatOnly } from './SecretariatOnly.js';
import { ScrollTable } from '../ScrollTable.js';

const entityTypes: [string, MessageKey][] = [
  ['city', 'workspace.audit.entity.city'],
  ['scap_project', 'workspace.audit.entity.scap_project'],
  ['document', 'workspace.audit.entity.document'],
  ['organisation', 'workspace.audit.entity.organisation'],
  ['user', 'workspace.audit.entity.user'],
];
const entityLabel = (type: string) => {
  const key = entityTypes.find(([value]) => value === type)?.[1];
  return key ? t(key) : type;
};

/** `/app/audit` (secretariat): every change, newest first, with what it was before and after. */
export function AuditPage() {
  const actor = useActor();
  const [entityType, setEntityType] = useState<string | null>(null);
  const audit = useInfiniteQuery({
    queryKey: ['audit', entityType],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/v1/audit', { params: { query: { entityType: entityType ?? undefined, cursor: pageParam, limit: 30 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: isSecretariat(actor),
  });
  if (!isSecretariat(actor)) return <SecretariatOnly title={t('workspace.audit.title')} />;
  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <WorkspaceTitle description={t('workspace.audit.description')}>{t('workspace.audit.title')}</WorkspaceTitle>
      <Stack gap="sm">
        <Select
          label={t('workspace.audit.filter')}
          data={[{ value: 'all', label: t('workspace.audit.allEntities') }, ...entityTypes.map(([value, key]) => ({ value, label: t(key) }))]}
          value={entityType ?? 'all'}
          onChange={(value) => setEntityType(value && value !== 'all' ? value : null)}
          allowDeselect={false}
          maw={300}
        />
        {audit.isPending ? (
          <InlineLoader />
        ) : audit.isError ? (
          <PageError error={audit.error} onRetry={() => audit.refetch()} />
        ) : items.length === 0 ? (
          <Text>{t('workspace.audit.none')}</Text>
        ) : (
          <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('workspace.audit.list')}>
            {items.map((entry) => (
              <AuditItem key={entry.id} entry={entry} />
            ))}
          </Stack>
        )}
        {audit.hasNextPage && (
          <Button variant="outline" w="fit-content" loading={audit.isFetchingNextPage} onClick={() => audit.fetchNextPage()}>
            {t('workspace.loadMore')}
          </Button>
        )}
      </Stack>
    </>
  );
}

function AuditItem({ entry }: { entry: AuditEntry }) {
  const changes = changedFields(entry.before, entry.after);
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Group gap="xs" mb={4} wrap="wrap">
        <Code>{entry.action}</Code>
        <Badge variant="outline" color="gray.8">
          {entityLabel(entry.entityType)}
        </Badge>
        <Text size="sm" c="dimmed">
          {formatDateTime(entry.at)}
        </Text>
      </Group>
      <Text size="sm">
        {t('workspace.audit.by', { actor: entry.actorLabel })}{' '}
        <Text span size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          ({entry.entityId})
        </Text>
      </Text>
      {changes.length > 0 && (
        <Box mt="xs">
          <ScrollTable minWidth={360} label={t('workspace.audit.changesOf', { action: entry.action, at: formatDateTime(entry.at) })}>
            <Table fz="xs" verticalSpacing={2} withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('workspace.audit.field')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.audit.before')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.audit.after')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((change) => (
                  <Table.Tr key={change.field}>
                    <Table.Th scope="row">{change.field}</Table.Th>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{change.before}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{change.after}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Box>
      )}
    </Paper>
  );
}

/** Internal bookkeeping that says nothing to a reader of the log. */
const HIDDEN_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'passwordHash']);

/** "budgetMinor" → "budget minor": the stored names, readable. */
const asWords = (field: string) => field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || value === '') return '—';
  if (Array.isArray(value)) return value.map(show).join(', ') || '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Before/after as rows of the fields that changed (all fields of a creation or a deletion). */
export function changedFields(before: unknown, after: unknown): { field: string; before: string; after: string }[] {
  const asRecord = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    if (before === undefined && after === undefined) return [];
    if (before === null && after === null) return [];
    return [{ field: '', before: show(before), after: show(after) }];
  }
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((field) => !HIDDEN_FIELDS.has(field));
  return fields
    .filter((field) => !b || !a || JSON.stringify(b[field]) !== JSON.stringify(a[field]))
    .map((field) => ({ field: asWords(field), before: b ? show(b[field]) : '', after: a ? show(a[field]) : '' }));
}
