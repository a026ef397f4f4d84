import { Anchor, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { formatDate, InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { isSecretariat, useActor } from '../workspace/WorkspaceFrame.js';
import { DealFormModal, type DealPrefill } from './DealForm.js';
import { dealPath, dealsKey, dealSources, dealStages, formatMoney, sourceLabel, StageBadge, stageLabel, type DealSource, type DealStage } from './shared.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `/app/deals`: the deals the viewer may see, filtered by stage and city; "Record a deal". Other pages
 * link here with `?event=<id>` (the deals of one event) and `?new=1&source=mission&event=<id>` (a form
 * prefilled with the mission); a company's interest and an assistance request with
 * `?new=1&source=…&city=…&partner=…&partnerName=…&project=…&request=…` (recordDealPath).
 */
export function DealsPage() {
  const actor = useActor();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [stage, setStage] = useState<DealStage | ''>('');
  const [city, setCity] = useState('');
  const eventParam = params.get('event');
  const event = eventParam && uuidPattern.test(eventParam) ? eventParam : undefined;
  const sourceParam = params.get('source') as DealSource | null;
  const uuidParam = (name: string) => {
    const value = params.get(name);
    return value && uuidPattern.test(value) ? value : undefined;
  };
  const cityParam = params.get('city');
  const prefill: DealPrefill = {
    source: sourceParam && dealSources.includes(sourceParam) ? sourceParam : undefined,
    eventId: event,
    meetingRequestId: uuidParam('meeting'),
    cityId: cityParam && /^[a-z0-9-]{1,100}$/.test(cityParam) ? cityParam : undefined,
    partnerOrganisationId: uuidParam('partner'),
    partnerName: params.get('partnerName') ?? undefined,
    investmentProjectId: uuidParam('project'),
    assistanceRequestId: uuidParam('request'),
  };
  const [creating, setCreating] = useState(params.get('new') === '1');
  const cities = useQuery({ queryKey: ['cities', 'all'], queryFn: async () => unwrap(await api.GET('/api/v1/cities', { params: { query: {} } })).items });
  const query = { stage: stage || undefined, city: city || undefined, event };
  const deals = useInfiniteQuery({
    queryKey: [...dealsKey, query],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/deals', { params: { query: { ...query, cursor: pageParam, limit: 50 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = deals.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(query).some((v) => v !== undefined);
  const csvQuery = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
  return (
    <>
      <WorkspaceTitle description={t('deals.list.description')}>{t('deals.list.title')}</WorkspaceTitle>
      <Stack gap="md">
        <Group gap="sm">
          <Button onClick={() => setCreating(true)}>{t('deals.list.record')}</Button>
          {isSecretariat(actor) && (
            <Button component="a" href={`/api/v1/deals.csv${csvQuery ? `?${csvQuery}` : ''}`} download variant="outline">
              {t('deals.list.export')}
            </Button>
          )}
        </Group>
        <Section title={t('deals.list.section')}>
          <Stack gap="sm">
            {event && (
              <Text size="sm">
                {t('deals.list.oneEvent')}{' '}
                <Anchor component={Link} to="/app/deals">
                  {t('deals.list.allEvents')}
                </Anchor>
              </Text>
            )}
            <Group align="flex-end" gap="sm">
              <NativeSelect
                label={t('deals.filter.stage')}
                value={stage}
                onChange={(e) => setStage(e.currentTarget.value as DealStage | '')}
                data={[{ value: '', label: t('deals.filter.allStages') }, ...dealStages.map((s) => ({ value: s, label: stageLabel(s) }))]}
                w={{ base: '100%', xs: 220 }}
              />
              <NativeSelect
                label={t('deals.filter.city')}
                value={city}
                onChange={(e) => setCity(e.currentTarget.value)}
                data={[{ value: '', label: t('deals.filter.allCities') }, ...(cities.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
                w={{ base: '100%', xs: 240 }}
              />
            </Group>
            {deals.isPending ? (
              <InlineLoader />
            ) : deals.isError ? (
              <PageError error={deals.error} onRetry={() => deals.refetch()} />
            ) : items.length === 0 ? (
              <Text size="sm">{filtered ? t('deals.list.noneFiltered') : t('deals.list.none')}</Text>
            ) : (
              <ScrollTable minWidth={720}>
                <Table striped verticalSpacing="xs" aria-label={t('deals.list.tableLabel')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('deals.col.deal')}</Table.Th>
                      <Table.Th scope="col">{t('deals.col.stage')}</Table.Th>
                      <Table.Th scope="col">{t('deals.col.sides')}</Table.Th>
                      <Table.Th scope="col">{t('deals.col.value')}</Table.Th>
                      <Table.Th scope="col">{t('deals.col.source')}</Table.Th>
                      <Table.Th scope="col">{t('deals.col.updated')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((deal) => (
                      <Table.Tr key={deal.id}>
                        <Table.Th scope="row" fw={500}>
                          <Anchor component={Link} to={dealPath(deal.id)} style={{ overflowWrap: 'anywhere' }}>
                            {deal.title}
                          </Anchor>
                        </Table.Th>
                        <Table.Td>
                          <StageBadge stage={deal.stage} />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{t('deals.sides', { partner: deal.partnerOrganisationName, city: deal.cityName })}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{deal.value ? formatMoney(deal.value) : t('deals.noValue')}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {sourceLabel(deal.source)}
                            {deal.eventTitle ? `: ${deal.eventTitle}` : ''}
                          </Text>
                          {deal.assistanceRequestTitle && (
                            <Anchor component={Link} to={`/app/assistance/${deal.assistanceRequestId}`} size="sm" display="block" style={{ overflowWrap: 'anywhere' }}>
                              {deal.assistanceRequestTitle}
                            </Anchor>
                          )}
                          {deal.investmentProjectTitle && (
                            <Anchor component={Link} to={`/app/pipeline/${deal.investmentProjectId}`} size="sm" display="block" style={{ overflowWrap: 'anywhere' }}>
                              {deal.investmentProjectTitle}
                            </Anchor>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDate(deal.updatedAt)}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
            {deals.hasNextPage && (
              <Button variant="outline" w="fit-content" loading={deals.isFetchingNextPage} onClick={() => deals.fetchNextPage()}>
                {t('workspace.loadMore')}
              </Button>
            )}
          </Stack>
        </Section>
      </Stack>
      {creating && (
        <DealFormModal
          actor={actor}
          prefill={prefill}
          onClose={() => {
            setCreating(false);
            if (params.has('new')) {
              const next = new URLSearchParams(params);
              next.delete('new');
              next.delete('source');
              for (const name of ['meeting', 'city', 'partner', 'partnerName', 'project', 'request']) next.delete(name);
              setParams(next, { replace: true });
            }
          }}
          onSaved={(deal) => navigate(dealPath(deal.id))}
        />
      )}
    </>
  );
}
