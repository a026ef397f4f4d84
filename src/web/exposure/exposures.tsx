import { Anchor, Box, Button, Group, NativeSelect, Paper, Stack, Table, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, InlineLoader, SuccessAlert } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import {
  assetPath,
  exposureKey,
  formatCvss,
  formatDay,
  formatEpss,
  formatWhen,
  KevBadge,
  KevDue,
  PriorityBadge,
  statuses,
  StatusBadge,
  systems,
  todayIso,
  VulnerabilityLink,
  type Exposure,
  type ExposureQuery,
  type ExposureStatus,
} from './shared.js';

/**
 * A list of the city's exposures in the order the API gives (KEV first, then by priority score):
 * a table on wide screens, cards on narrow ones; each with "Change status". Loads the list for `query`
 * (ExposureItems shows a list already loaded, as on the vulnerability page).
 */
export function ExposureList({ query, label, hideAsset, emptyText }: { query: ExposureQuery; label: string; hideAsset?: boolean; emptyText: string }) {
  const exposures = useInfiniteQuery({
    queryKey: [...exposureKey, 'list', query],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/exposures', { params: { query: { ...query, cursor: pageParam, limit: 50 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (exposures.isPending) return <InlineLoader />;
  if (exposures.isError) return <PageError error={exposures.error} onRetry={() => exposures.refetch()} />;
  const items = exposures.data.pages.flatMap((page) => page.items);
  return (
    <Stack gap="sm">
      <ExposureItems items={items} label={label} hideAsset={hideAsset} emptyText={emptyText} />
      {exposures.hasNextPage && (
        <Button variant="outline" w="fit-content" loading={exposures.isFetchingNextPage} onClick={() => exposures.fetchNextPage()}>
          {t('workspace.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

export function ExposureItems({ items, label, hideAsset, emptyText }: { items: Exposure[]; label: string; hideAsset?: boolean; emptyText: string }) {
  const [changing, setChanging] = useState<Exposure | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      {changed && <SuccessAlert>{changed}</SuccessAlert>}
      {items.length === 0 ? (
        <Text size="sm">{emptyText}</Text>
      ) : (
        <>
          <Box visibleFrom="md">
            <ScrollTable minWidth={720}>
              <Table verticalSpacing="xs" striped aria-label={label}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('exposure.col.vulnerability')}</Table.Th>
                    <Table.Th scope="col">{t('exposure.col.priority')}</Table.Th>
                    <Table.Th scope="col">{t('exposure.col.scores')}</Table.Th>
                    {!hideAsset && <Table.Th scope="col">{t('exposure.col.asset')}</Table.Th>}
                    <Table.Th scope="col">{t('exposure.col.status')}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('exposure.col.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((exposure) => (
                    <Table.Tr key={exposure.id} data-exposure={exposure.vulnerabilityId}>
                      <Table.Td maw={320}>
                        <Stack gap={2}>
                          <Group gap={6}>
                            <VulnerabilityLink id={exposure.vulnerabilityId} />
                            {exposure.kev && <KevBadge />}
                          </Group>
                          {exposure.kev && <KevDue due={exposure.kevDueDate} />}
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {exposure.title}
                          </Text>
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2} align="flex-start">
                          <PriorityBadge priority={exposure.priority} />
                          {exposure.matchStatus === 'unknown' && (
                            <Text size="xs" c="orange.9">
                              {t('exposure.unknownMatch')}
                            </Text>
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {t('exposure.cvss', { score: formatCvss(exposure.cvssScore) })}
                        </Text>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {t('exposure.epss', { score: formatEpss(exposure.epss) })}
                        </Text>
                      </Table.Td>
                      {!hideAsset && (
                        <Table.Td>
                          <Anchor component={Link} to={assetPath(exposure.assetId)} size="sm">
                            {exposure.assetName}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {systems.label(exposure.assetSystem)}
                            {exposure.internetExposed ? ` · ${t('exposure.asset.internetExposedShort')}` : ''}
                          </Text>
                        </Table.Td>
                      )}
                      <Table.Td>
                        <StatusBadge status={exposure.status} />
                        {exposure.acceptedUntil && (
                          <Text size="xs">{t('exposure.acceptedUntil', { date: formatDay(exposure.acceptedUntil) })}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <ChangeButton exposure={exposure} onClick={() => setChanging(exposure)} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Box>
          <Stack hiddenFrom="md" gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
            {items.map((exposure) => (
              <Paper component="li" key={exposure.id} withBorder p="sm" radius="sm">
                <Stack gap={6}>
                  <Group gap={6} justify="space-between" align="flex-start">
                    <Group gap={6}>
                      <VulnerabilityLink id={exposure.vulnerabilityId} />
                      {exposure.kev && <KevBadge />}
                    </Group>
                    <PriorityBadge priority={exposure.priority} />
                  </Group>
                  {exposure.kev && <KevDue due={exposure.kevDueDate} />}
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {exposure.title}
                  </Text>
                  <Text size="sm">
                    {t('exposure.cvss', { score: formatCvss(exposure.cvssScore) })} · {t('exposure.epss', { score: formatEpss(exposure.epss) })}
                    {exposure.matchStatus === 'unknown' ? ` · ${t('exposure.unknownMatch')}` : ''}
                  </Text>
                  {!hideAsset && (
                    <Text size="sm">
                      {t('exposure.col.asset')}:{' '}
                      <Anchor component={Link} to={assetPath(exposure.assetId)}>
                        {exposure.assetName}
                      </Anchor>{' '}
                      ({systems.label(exposure.assetSystem)})
                    </Text>
                  )}
                  <Group justify="space-between" gap="xs">
                    <StatusBadge status={exposure.status} />
                    <ChangeButton exposure={exposure} onClick={() => setChanging(exposure)} />
                  </Group>
                </Stack>
              </Paper>
            ))}
          </Stack>
        </>
      )}
      {changing && (
        <StatusModal
          exposure={changing}
          onClose={() => setChanging(null)}
          onChanged={(status) => {
            setChanged(t('exposure.statusChanged', { id: changing.vulnerabilityId, asset: changing.assetName, status: statuses.label(status) }));
            setChanging(null);
          }}
        />
      )}
    </Stack>
  );
}

function ChangeButton({ exposure, onClick }: { exposure: Exposure; onClick: () => void }) {
  return (
    <Button size="compact-sm" variant="outline" onClick={onClick} aria-label={t('exposure.changeStatusOf', { id: exposure.vulnerabilityId, asset: exposure.assetName })}>
      {t('exposure.changeStatus')}
    </Button>
  );
}

const needsReason = (status: ExposureStatus | '') => status === 'accepted_risk' || status === 'false_positive';

/**
 * "Change status": only the moves the server allows from the current status (read from the
 * exposure's details), a reason (required to accept a risk or dismiss a false positive) and, to accept
 * a risk, the date until which it is accepted. Shows the history below.
 */
function StatusModal({ exposure, onClose, onChanged }: { exposure: Exposure; onClose: () => void; onChanged: (status: ExposureStatus) => void }) {
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: [...exposureKey, 'detail', exposure.id],
    queryFn: async () => unwrap(await api.GET('/api/v1/exposures/{id}', { params: { path: { id: exposure.id } } })),
  });
  const [status, setStatus] = useState<ExposureStatus | ''>('');
  const [reason, setReason] = useState('');
  const [acceptedUntil, setAcceptedUntil] = useState('');
  const change = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/exposures/{id}/status', {
          params: { path: { id: exposure.id } },
          body: {
            status: status as ExposureStatus,
            reason: reason.trim() || undefined,
            acceptedUntil: status === 'accepted_risk' && acceptedUntil ? acceptedUntil : undefined,
          },
        }),
      ),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: exposureKey });
      onChanged(updated.status);
    },
  });
  const errors = fieldErrorsOf(change.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    change.mutate();
  }
  const allowed = detail.data?.allowedTransitions ?? [];
  return (
    <WorkspaceModal opened onClose={onClose} size="lg" title={t('exposure.statusModal.title')}>
      <Stack>
        <Text size="sm">
          {t('exposure.statusModal.intro', { id: exposure.vulnerabilityId, asset: exposure.assetName })}{' '}
          {t('exposure.statusModal.current')} <StatusBadge status={exposure.status} />
        </Text>
        {detail.isPending ? (
          <InlineLoader />
        ) : detail.isError ? (
          <PageError error={detail.error} onRetry={() => detail.refetch()} />
        ) : allowed.length === 0 ? (
          <Text size="sm">{t('exposure.statusModal.noMoves')}</Text>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <FormAlert error={change.error} />
              <NativeSelect
                label={t('exposure.statusModal.newStatus')}
                required
                value={status}
                onChange={(e) => setStatus(e.currentTarget.value as ExposureStatus | '')}
                data={[{ value: '', label: t('workspace.choose') }, ...allowed.map((value) => ({ value, label: statuses.label(value) }))]}
                error={errors.status}
              />
              {status && <Text size="sm">{t(`exposure.statusHelp.${status}`)}</Text>}
              <Textarea
                label={needsReason(status) ? t('exposure.statusModal.reason') : t('exposure.statusModal.reasonOptional')}
                required={needsReason(status)}
                autosize
                minRows={3}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={errors.reason}
              />
              {status === 'accepted_risk' && (
                <TextInput
                  type="date"
                  label={t('exposure.statusModal.acceptedUntil')}
                  description={t('exposure.statusModal.acceptedUntilHelp')}
                  required
                  min={todayIso()}
                  value={acceptedUntil}
                  onChange={(e) => setAcceptedUntil(e.currentTarget.value)}
                  error={errors.acceptedUntil}
                  maw={220}
                />
              )}
              <ModalActions onCancel={onClose}>
                <Button type="submit" disabled={!status} loading={change.isPending}>
                  {t('exposure.statusModal.submit')}
                </Button>
              </ModalActions>
            </Stack>
          </form>
        )}
        {detail.data && detail.data.events.length > 0 && (
          <Box>
            <Text fw={600} size="sm" mb={4}>
              {t('exposure.history.title')}
            </Text>
            <Stack gap={4} component="ol" m={0} pl="md">
              {detail.data.events.map((event) => (
                <Text component="li" size="sm" key={event.id}>
                  {t('exposure.history.entry', {
                    date: formatWhen(event.at),
                    status: statuses.label(event.toStatus),
                    name: event.actorName ?? t('exposure.history.system'),
                  })}
                  {event.reason ? ` — ${event.reason}` : ''}
                </Text>
              ))}
            </Stack>
          </Box>
        )}
      </Stack>
    </WorkspaceModal>
  );
}
