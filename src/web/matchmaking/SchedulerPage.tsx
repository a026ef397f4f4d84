import { Alert, Anchor, Box, Button, Group, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, formatDateTime, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { listOf, personLabel, schedulerKey, slotInBothZones, viewerZone, type ScheduledMeeting, type SchedulerState } from './shared.js';

type SchedulerSlot = SchedulerState['slots'][number];
type SchedulerTable = SchedulerState['tables'][number];

function useScheduler(eventId: string) {
  return useQuery({
    queryKey: schedulerKey(eventId),
    queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}/scheduler', { params: { path: { eventId } } })),
  });
}

/** After a change: the answer is the new state of the scheduler; participants' views of the event are stale. */
function useApply(eventId: string) {
  const queryClient = useQueryClient();
  return async (state?: SchedulerState) => {
    if (state) queryClient.setQueryData(schedulerKey(eventId), state);
    await Promise.all([queryClient.invalidateQueries({ queryKey: schedulerKey(eventId) }), queryClient.invalidateQueries({ queryKey: ['matchmaking', eventId] })]);
  };
}

/** `/app/events/:eventId/scheduler`: the organisers define slots and tables, run the scheduler, lock and publish. */
export function SchedulerPage() {
  const { eventId = '' } = useParams();
  const scheduler = useScheduler(eventId);
  if (scheduler.isPending) return <PageLoader />;
  if (scheduler.isError)
    return (
      <>
        <WorkspaceTitle>{t('matchmaking.scheduler.titlePlain')}</WorkspaceTitle>
        <PageError error={scheduler.error} onRetry={() => scheduler.refetch()} />
      </>
    );
  return <SchedulerView state={scheduler.data} />;
}

function SchedulerView({ state }: { state: SchedulerState }) {
  const { event } = state;
  return (
    <>
      <Group gap="md">
        <Anchor component={Link} to={`/app/events/${event.id}`} size="sm">
          {t('matchmaking.backToEvent')}
        </Anchor>
        <Anchor component={Link} to={`/app/events/${event.id}/matchmaking`} size="sm">
          {t('matchmaking.scheduler.participantsPage')}
        </Anchor>
      </Group>
      <WorkspaceTitle description={t('matchmaking.page.zones', { zone: event.timeZone, yourZone: viewerZone() })}>{t('matchmaking.scheduler.title', { event: event.title })}</WorkspaceTitle>
      <Stack gap="md">
        {!event.matchmakingEnabled && (
          <Alert color="blue" title={t('matchmaking.scheduler.notEnabledTitle')}>
            <Text size="sm">{t('matchmaking.scheduler.notEnabled')}</Text>
          </Alert>
        )}
        <RunAndPublish state={state} />
        <Meetings state={state} />
        <Slots state={state} />
        <Tables state={state} />
      </Stack>
    </>
  );
}

/* ---- Running and publishing ---- */

function RunAndPublish({ state }: { state: SchedulerState }) {
  const eventId = state.event.id;
  const apply = useApply(eventId);
  const [done, setDone] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/events/{eventId}/scheduler/runs', { params: { path: { eventId } } })),
    onSuccess: async (result) => {
      await apply(result);
      const last = result.latestRun!;
      setDone(t('matchmaking.scheduler.ranDone', { scheduled: last.scheduled, meetings: last.meetings }));
    },
  });
  const publish = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/events/{eventId}/scheduler/publish', { params: { path: { eventId } } })),
    onSuccess: async (result) => {
      await apply();
      setDone(t('matchmaking.scheduler.publishedDone', { published: result.published, notified: result.notified }));
    },
  });
  const last = state.latestRun;
  const placed = state.meetings.filter((m) => m.slot).length;
  return (
    <Section title={t('matchmaking.scheduler.scheduleTitle')}>
      <Stack gap="sm">
        <Text size="sm">{t('matchmaking.scheduler.counts', { accepted: state.meetings.length, placed, pending: state.requestCounts.pending, slots: state.slots.length, tables: state.tables.length })}</Text>
        {last ? (
          <Box>
            <Text size="sm">{t('matchmaking.scheduler.lastRun', { date: formatDateTime(last.ranAt), name: last.ranByName ?? t('matchmaking.someone') })}</Text>
            <Text size="sm">{t('matchmaking.scheduler.result', { scheduled: last.scheduled, meetings: last.meetings, weight: round(last.scheduledWeight), bound: round(last.upperBound), gap: last.gapPercent })}</Text>
            <WeightBar weight={last.scheduledWeight} bound={last.upperBound} />
          </Box>
        ) : (
          <Text size="sm">{t('matchmaking.scheduler.neverRun')}</Text>
        )}
        {state.awaitingRun > 0 && <Text size="sm">{t('matchmaking.scheduler.awaitingRun', { count: state.awaitingRun })}</Text>}
        <Text size="sm">
          {state.unpublishedChanges > 0
            ? t('matchmaking.scheduler.unpublished', { count: state.unpublishedChanges })
            : state.lastPublishedAt
              ? t('matchmaking.scheduler.allPublished', { date: formatDateTime(state.lastPublishedAt) })
              : t('matchmaking.scheduler.nothingPublished')}
        </Text>
        {state.conflicts.length > 0 && (
          <Alert color="orange" title={t('matchmaking.scheduler.conflictsTitle', { count: state.conflicts.length })}>
            <Box component="ul" m={0} pl="md">
              {state.conflicts.map((c, i) => (
                <Text component="li" size="sm" key={`${c.requestId}-${i}`} style={{ overflowWrap: 'anywhere' }}>
                  {c.message}
                </Text>
              ))}
            </Box>
          </Alert>
        )}
        {done && <SuccessAlert>{done}</SuccessAlert>}
        <FormAlert error={run.error ?? publish.error} />
        <Group gap="xs">
          <Button loading={run.isPending} onClick={() => {
              setDone(null);
              run.mutate();
            }}>
            {t('matchmaking.scheduler.run')}
          </Button>
          <Button variant="outline" loading={publish.isPending} onClick={() => {
              setDone(null);
              publish.mutate();
            }}>
            {t('matchmaking.scheduler.publish')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('matchmaking.scheduler.publishHint')}
        </Text>
      </Stack>
    </Section>
  );
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Scheduled weight against the upper bound, as a small bar; the text above says the same in words. */
function WeightBar({ weight, bound }: { weight: number; bound: number }) {
  const share = bound > 0 ? Math.min(1, weight / bound) : 1;
  return (
    <svg role="img" width="100%" height="14" viewBox="0 0 100 14" preserveAspectRatio="none" style={{ maxWidth: 320, display: 'block', marginTop: 4 }}>
      <title>{t('matchmaking.scheduler.barTitle', { percent: Math.round(share * 1000) / 10 })}</title>
      <rect x="0" y="2" width="100" height="10" fill="var(--mantine-color-gray-2)" stroke="var(--mantine-color-gray-6)" strokeWidth="0.5" />
      <rect x="0" y="2" width={share * 100} height="10" fill="var(--mantine-color-teal-8)" />
    </svg>
  );
}

/* ---- Meetings ---- */

function Meetings({ state }: { state: SchedulerState }) {
  const eventId = state.event.id;
  const apply = useApply(eventId);
  const lock = useMutation({
    mutationFn: async ({ meeting, locked }: { meeting: ScheduledMeeting; locked: boolean }) =>
      unwrap(await api.PUT('/api/v1/events/{eventId}/meeting-requests/{requestId}/lock', { params: { path: { eventId, requestId: meeting.id } }, body: { locked } })),
    onSuccess: (result) => apply(result),
  });
  const sorted = [...state.meetings].sort((a, b) => (a.slot?.startsAt ?? '9999').localeCompare(b.slot?.startsAt ?? '9999') || (a.table?.name ?? '').localeCompare(b.table?.name ?? '', undefined, { numeric: true }));
  const names = (m: ScheduledMeeting) => listOf(m.participants.map(personLabel));
  return (
    <Section title={t('matchmaking.scheduler.meetingsTitle', { count: state.meetings.length })}>
      <FormAlert error={lock.error} />
      {sorted.length === 0 ? (
        <Text size="sm">{t('matchmaking.scheduler.noMeetings')}</Text>
      ) : (
        <ScrollTable minWidth={760}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('matchmaking.scheduler.col.participants')}</Table.Th>
                <Table.Th>{t('matchmaking.scheduler.col.time')}</Table.Th>
                <Table.Th>{t('matchmaking.scheduler.col.table')}</Table.Th>
                <Table.Th>{t('matchmaking.scheduler.col.state')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('matchmaking.scheduler.col.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Text size="sm">{names(m)}</Text>
                  </Table.Td>
                  <Table.Td>{m.slot ? <Text size="sm">{slotInBothZones(m.slot, state.event.timeZone)}</Text> : <Text size="sm">{t('matchmaking.scheduler.unscheduled', { reason: m.unscheduledReason ?? '' })}</Text>}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.table?.name ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{[m.locked ? t('matchmaking.scheduler.locked') : t('matchmaking.scheduler.unlocked'), m.publishedAt ? t('matchmaking.scheduler.published') : t('matchmaking.scheduler.notPublished')].join(' · ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    {(m.locked || m.slot) && (
                      <Button
                        size="compact-sm"
                        variant="outline"
                        color={m.locked ? 'gray.8' : 'blue.8'}
                        loading={lock.isPending && lock.variables?.meeting.id === m.id}
                        onClick={() => lock.mutate({ meeting: m, locked: !m.locked })}
                        aria-label={m.locked ? t('matchmaking.scheduler.unlockNamed', { names: names(m) }) : t('matchmaking.scheduler.lockNamed', { names: names(m) })}
                      >
                        {m.locked ? t('matchmaking.scheduler.unlock') : t('matchmaking.scheduler.lock')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Section>
  );
}

/* ---- Slots ---- */

function Slots({ state }: { state: SchedulerState }) {
  const [deleting, setDeleting] = useState<SchedulerSlot | null>(null);
  const zone = state.event.timeZone;
  return (
    <Section title={t('matchmaking.slots.title', { count: state.slots.length })}>
      <Stack gap="md">
        {state.slots.length === 0 ? (
          <Text size="sm">{t('matchmaking.slots.none')}</Text>
        ) : (
          <ScrollTable minWidth={520}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('matchmaking.slots.col.time')}</Table.Th>
                  <Table.Th>{t('matchmaking.slots.col.meetings')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('matchmaking.scheduler.col.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {state.slots.map((slot) => (
                  <Table.Tr key={slot.id}>
                    <Table.Td>
                      <Text size="sm">{slotInBothZones(slot, zone)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t('matchmaking.slots.meetings', { count: slot.meetings, locked: slot.lockedMeetings })}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="outline" color="red.9" onClick={() => setDeleting(slot)} aria-label={t('matchmaking.slots.deleteNamed', { slot: slotInBothZones(slot, zone, { yourZone: zone }) })}>
                        {t('matchmaking.delete')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <GenerateSlotsForm state={state} />
        <AddSlotForm state={state} />
      </Stack>
      {deleting && (
        <DeleteModal
          eventId={state.event.id}
          title={t('matchmaking.slots.deleteTitle', { slot: slotInBothZones(deleting, zone, { yourZone: zone }) })}
          body={deleting.meetings > 0 ? t('matchmaking.slots.deleteBody', { count: deleting.meetings }) : t('matchmaking.slots.deleteEmpty')}
          remove={async () => unwrap(await api.DELETE('/api/v1/events/{eventId}/scheduler/slots/{slotId}', { params: { path: { eventId: state.event.id, slotId: deleting.id } } }))}
          onClose={() => setDeleting(null)}
        />
      )}
    </Section>
  );
}

function GenerateSlotsForm({ state }: { state: SchedulerState }) {
  const eventId = state.event.id;
  const apply = useApply(eventId);
  const [startsAt, setStartsAt] = useState('');
  const [count, setCount] = useState<number | string>(8);
  const [minutes, setMinutes] = useState<number | string>(30);
  const [gapMinutes, setGapMinutes] = useState<number | string>(0);
  const [breakEvery, setBreakEvery] = useState<number | string>('');
  const [breakMinutes, setBreakMinutes] = useState<number | string>(0);
  const [done, setDone] = useState<string | null>(null);
  const generate = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/events/{eventId}/scheduler/slots/generate', {
          params: { path: { eventId } },
          body: { startsAt, count: Number(count), minutes: Number(minutes), gapMinutes: Number(gapMinutes || 0), breakEvery: breakEvery === '' ? undefined : Number(breakEvery), breakMinutes: Number(breakMinutes || 0) },
        }),
      ),
    onSuccess: async (result) => {
      await apply(result);
      setDone(t('matchmaking.slots.generated', { count: Number(count) }));
    },
  });
  const errors = fieldErrorsOf(generate.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    generate.mutate();
  }
  return (
    <form onSubmit={submit} aria-labelledby="generate-slots-title">
      <Stack gap="xs">
        <Text fw={600} id="generate-slots-title">
          {t('matchmaking.slots.generateTitle')}
        </Text>
        {done && <SuccessAlert>{done}</SuccessAlert>}
        <FormAlert error={generate.error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput type="datetime-local" label={t('matchmaking.slots.firstStart', { zone: state.event.timeZone })} required value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value)} error={errors.startsAt} />
          <NumberInput label={t('matchmaking.slots.count')} required min={1} max={96} value={count} onChange={setCount} error={errors.count} />
          <NumberInput label={t('matchmaking.slots.minutes')} required min={5} max={480} value={minutes} onChange={setMinutes} error={errors.minutes} />
          <NumberInput label={t('matchmaking.slots.gapMinutes')} min={0} max={240} value={gapMinutes} onChange={setGapMinutes} error={errors.gapMinutes} />
          <NumberInput label={t('matchmaking.slots.breakEvery')} description={t('matchmaking.slots.breakEveryHint')} min={1} max={96} value={breakEvery} onChange={setBreakEvery} error={errors.breakEvery} />
          <NumberInput label={t('matchmaking.slots.breakMinutes')} min={0} max={600} value={breakMinutes} onChange={setBreakMinutes} error={errors.breakMinutes} />
        </SimpleGrid>
        <Button type="submit" loading={generate.isPending} w="fit-content">
          {t('matchmaking.slots.generate')}
        </Button>
      </Stack>
    </form>
  );
}

function AddSlotForm({ state }: { state: SchedulerState }) {
  const eventId = state.event.id;
  const apply = useApply(eventId);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [done, setDone] = useState(false);
  const add = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/events/{eventId}/scheduler/slots', { params: { path: { eventId } }, body: { startsAt, endsAt } })),
    onSuccess: async (result) => {
      await apply(result);
      setDone(true);
    },
  });
  const errors = fieldErrorsOf(add.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    add.mutate();
  }
  return (
    <form onSubmit={submit} aria-labelledby="add-slot-title">
      <Stack gap="xs">
        <Text fw={600} id="add-slot-title">
          {t('matchmaking.slots.addTitle')}
        </Text>
        {done && <SuccessAlert>{t('matchmaking.slots.added')}</SuccessAlert>}
        <FormAlert error={add.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput type="datetime-local" label={t('matchmaking.slots.start', { zone: state.event.timeZone })} required value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value)} error={errors.startsAt} />
          <TextInput type="datetime-local" label={t('matchmaking.slots.end', { zone: state.event.timeZone })} required value={endsAt} onChange={(e) => setEndsAt(e.currentTarget.value)} error={errors.endsAt} />
        </SimpleGrid>
        <Button type="submit" variant="outline" loading={add.isPending} w="fit-content">
          {t('matchmaking.slots.add')}
        </Button>
      </Stack>
    </form>
  );
}

/* ---- Tables ---- */

function Tables({ state }: { state: SchedulerState }) {
  const eventId = state.event.id;
  const apply = useApply(eventId);
  const [deleting, setDeleting] = useState<SchedulerTable | null>(null);
  const [count, setCount] = useState<number | string>(10);
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const generate = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/events/{eventId}/scheduler/tables/generate', { params: { path: { eventId } }, body: { count: Number(count) } })),
    onSuccess: async (result) => {
      await apply(result);
      setDone(t('matchmaking.tables.generated', { count: Number(count) }));
    },
  });
  const add = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/events/{eventId}/scheduler/tables', { params: { path: { eventId } }, body: { name } })),
    onSuccess: async (result) => {
      await apply(result);
      setDone(t('matchmaking.tables.added', { name }));
      setName('');
    },
  });
  const generateErrors = fieldErrorsOf(generate.error);
  const addErrors = fieldErrorsOf(add.error);
  return (
    <Section title={t('matchmaking.tables.title', { count: state.tables.length })}>
      <Stack gap="md">
        {state.tables.length === 0 ? (
          <Text size="sm">{t('matchmaking.tables.none')}</Text>
        ) : (
          <ScrollTable minWidth={360}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('matchmaking.tables.col.name')}</Table.Th>
                  <Table.Th>{t('matchmaking.slots.col.meetings')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('matchmaking.scheduler.col.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {state.tables.map((table) => (
                  <Table.Tr key={table.id}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Text size="sm">{table.name}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t('matchmaking.slots.meetings', { count: table.meetings, locked: table.lockedMeetings })}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="outline" color="red.9" onClick={() => setDeleting(table)} aria-label={t('matchmaking.tables.deleteNamed', { name: table.name })}>
                        {t('matchmaking.delete')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {done && <SuccessAlert>{done}</SuccessAlert>}
        <FormAlert error={generate.error ?? add.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setDone(null);
              generate.mutate();
            }}
          >
            <Stack gap="xs">
              <NumberInput label={t('matchmaking.tables.count')} description={t('matchmaking.tables.countHint')} required min={1} max={200} value={count} onChange={setCount} error={generateErrors.count} />
              <Button type="submit" loading={generate.isPending} w="fit-content">
                {t('matchmaking.tables.generate')}
              </Button>
            </Stack>
          </form>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setDone(null);
              add.mutate();
            }}
          >
            <Stack gap="xs">
              <TextInput label={t('matchmaking.tables.name')} description={t('matchmaking.tables.nameHint')} required maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)} error={addErrors.name} />
              <Button type="submit" variant="outline" loading={add.isPending} w="fit-content">
                {t('matchmaking.tables.add')}
              </Button>
            </Stack>
          </form>
        </SimpleGrid>
      </Stack>
      {deleting && (
        <DeleteModal
          eventId={eventId}
          title={t('matchmaking.tables.deleteTitle', { name: deleting.name })}
          body={deleting.meetings > 0 ? t('matchmaking.tables.deleteBody', { count: deleting.meetings }) : t('matchmaking.tables.deleteEmpty')}
          remove={async () => unwrap(await api.DELETE('/api/v1/events/{eventId}/scheduler/tables/{tableId}', { params: { path: { eventId, tableId: deleting.id } } }))}
          onClose={() => setDeleting(null)}
        />
      )}
    </Section>
  );
}

function DeleteModal({ eventId, title, body, remove, onClose }: { eventId: string; title: string; body: string; remove: () => Promise<SchedulerState>; onClose: () => void }) {
  const apply = useApply(eventId);
  const mutation = useMutation({
    mutationFn: remove,
    onSuccess: async (result) => {
      await apply(result);
      onClose();
    },
  });
  return (
    <WorkspaceModal opened onClose={onClose} title={title}>
      <Stack>
        <Text size="sm">{body}</Text>
        <FormAlert error={mutation.error} />
        <ModalActions onCancel={onClose}>
          <Button color="red.9" loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {t('matchmaking.delete')}
          </Button>
        </ModalActions>
      </Stack>
    </WorkspaceModal>
  );
}
