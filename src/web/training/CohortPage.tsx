import { Anchor, Badge, Button, Checkbox, Fieldset, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, InlineLoader, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { CohortFormModal } from './CohortForm.js';
import {
  BackLink,
  CohortStatusBadge,
  eligibilities,
  EnrolmentStatusBadge,
  Fact,
  formatDay,
  formatDays,
  genders,
  modes,
  SessionTime,
  trainingKey,
  type AttendanceGrid,
  type CohortDetail,
  type CohortSession,
  type EnrolmentSummary,
  type TraineeGender,
} from './shared.js';

const cohortKey = (cohortId: string) => [...trainingKey, 'cohort', cohortId];

/** `/app/training/cohorts/:cohortId`: sessions, nominations, and for the trainers decisions, attendance and feedback. */
export function CohortPage() {
  const { cohortId = '' } = useParams();
  const cohort = useQuery({
    queryKey: cohortKey(cohortId),
    queryFn: async () => unwrap(await api.GET('/api/v1/training/cohorts/{cohortId}', { params: { path: { cohortId } } })),
  });
  if (cohort.isPending) return <PageLoader />;
  if (cohort.isError)
    return (
      <>
        <BackLink to="/app/training">{t('training.back.training')}</BackLink>
        <WorkspaceTitle>{t('training.cohort.title')}</WorkspaceTitle>
        <PageError error={cohort.error} onRetry={() => cohort.refetch()} />
      </>
    );
  return <CohortView cohort={cohort.data} />;
}

function CohortView({ cohort }: { cohort: CohortDetail }) {
  const [editing, setEditing] = useState(false);
  const [nominating, setNominating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <BackLink to={`/app/training/courses/${cohort.courseId}`}>{t('training.back.course', { course: cohort.courseTitle })}</BackLink>
      <WorkspaceTitle description={t('training.cohort.description', { course: cohort.courseTitle, partner: cohort.deliveringOrganisationName })}>{cohort.title}</WorkspaceTitle>
      <Stack gap="md">
        {notice && <SuccessAlert>{notice}</SuccessAlert>}
        <Section
          title={t('training.cohort.about')}
          actions={
            <Group gap="xs">
              <CohortStatusBadge status={cohort.status} />
              {cohort.canEdit && (
                <Button size="compact-sm" variant="outline" onClick={() => setEditing(true)}>
                  {t('training.cohort.edit')}
                </Button>
              )}
            </Group>
          }
        >
          <Stack gap="sm">
            <Stack component="dl" gap={4} m={0}>
              <Fact label={t('training.cohort.dates')}>{formatDays(cohort.startsOn, cohort.endsOn)}</Fact>
              <Fact label={t('training.cohort.timeZone')}>{cohort.timeZone}</Fact>
              <Fact label={t('training.cohort.mode')}>{modes.label(cohort.mode)}</Fact>
              {cohort.location && <Fact label={t('training.cohort.location')}>{cohort.location}</Fact>}
              <Fact label={t('training.cohort.partner')}>{cohort.deliveringOrganisationName}</Fact>
              <Fact label={t('training.cohort.seatsLabel')}>{t('training.cohort.seatsDetail', { left: cohort.seatsLeft, capacity: cohort.capacity, waiting: cohort.waitlistedCount })}</Fact>
              <Fact label={t('training.cohort.eligibility')}>{eligibilities.label(cohort.eligibility)}</Fact>
              <Fact label={t('training.cohort.nominations')}>
                {cohort.nominationsOpen
                  ? cohort.nominationsCloseOn
                    ? t('training.cohort.openUntil', { date: formatDay(cohort.nominationsCloseOn) })
                    : t('training.cohort.openNow')
                  : t('training.cohort.closed')}
              </Fact>
              <Fact label={t('training.cohort.minAttendance')}>{t('training.cohort.minAttendanceValue', { percent: cohort.minAttendancePercent })}</Fact>
            </Stack>
            {cohort.myEnrolment && (
              <Text size="sm">
                {t('training.cohort.yourEnrolment')}{' '}
                <Anchor component={Link} to={`/app/training/enrolments/${cohort.myEnrolment.id}`}>
                  {t('training.cohort.openYourEnrolment')}
                </Anchor>
              </Text>
            )}
            {cohort.canNominate && (
              <Button w="fit-content" onClick={() => setNominating(true)}>
                {t('training.nominate.button')}
              </Button>
            )}
          </Stack>
        </Section>
        <Sessions cohort={cohort} />
        <Enrolments cohort={cohort} />
        {cohort.isTrainer && cohort.status !== 'cancelled' && <Attendance cohort={cohort} />}
        {(cohort.isTrainer || cohort.canManageCourse) && <Feedback cohort={cohort} />}
      </Stack>
      {editing && (
        <CohortFormModal
          courseId={cohort.courseId}
          cohort={cohort}
          canChangePartner={cohort.canManageCourse}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setNotice(t('training.cohort.saved'));
          }}
        />
      )}
      {nominating && (
        <NominateModal
          cohort={cohort}
          onClose={() => setNominating(false)}
          onNominated={(name) => {
            setNominating(false);
            setNotice(t('training.nominate.done', { name }));
          }}
        />
      )}
    </>
  );
}

/* ---- Sessions ---- */

function Sessions({ cohort }: { cohort: CohortDetail }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<CohortSession | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: async (sessionId: string) => unwrap(await api.DELETE('/api/v1/training/cohorts/{cohortId}/sessions/{sessionId}', { params: { path: { cohortId: cohort.id, sessionId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKey }),
  });
  const editable = cohort.canEdit && cohort.status !== 'cancelled';
  return (
    <Section
      title={t('training.sessions.title', { count: cohort.sessions.length })}
      actions={
        editable ? (
          <Button size="compact-sm" onClick={() => setEditing('new')}>
            {t('training.sessions.add')}
          </Button>
        ) : undefined
      }
    >
      <Stack gap="xs">
        <FormAlert error={remove.error} />
        {cohort.sessions.length === 0 ? (
          <Text size="sm">{t('training.sessions.none')}</Text>
        ) : (
          <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
            {cohort.sessions.map((session) => (
              <Paper component="li" key={session.id} withBorder p="sm" radius="sm">
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {session.title}
                    </Text>
                    <SessionTime session={session} timeZone={cohort.timeZone} />
                    {session.location && <Text size="sm">{session.location}</Text>}
                  </Stack>
                  {editable && (
                    <Group gap="xs">
                      <Button size="compact-sm" variant="outline" onClick={() => setEditing(session)} aria-label={t('training.sessions.editNamed', { title: session.title })}>
                        {t('training.sessions.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red.9"
                        c="red.9"
                        loading={remove.isPending && remove.variables === session.id}
                        onClick={() => remove.mutate(session.id)}
                        aria-label={t('training.sessions.removeNamed', { title: session.title })}
                      >
                        {t('training.sessions.remove')}
                      </Button>
                    </Group>
                  )}
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
      {editing && <SessionModal cohort={cohort} session={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Section>
  );
}

function SessionModal({ cohort, session, onClose }: { cohort: CohortDetail; session?: CohortSession; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(session?.title ?? t('training.sessions.defaultTitle', { number: cohort.sessions.length + 1 }));
  const [startsAt, setStartsAt] = useState(session?.localStartsAt ?? `${cohort.startsOn}T09:00`);
  const [endsAt, setEndsAt] = useState(session?.localEndsAt ?? `${cohort.startsOn}T12:00`);
  const [location, setLocation] = useState(session?.location ?? '');
  const save = useMutation({
    mutationFn: async () => {
      const body = { title, startsAt, endsAt, location };
      return session
        ? unwrap(await api.PATCH('/api/v1/training/cohorts/{cohortId}/sessions/{sessionId}', { params: { path: { cohortId: cohort.id, sessionId: session.id } }, body }))
        : unwrap(await api.POST('/api/v1/training/cohorts/{cohortId}/sessions', { params: { path: { cohortId: cohort.id } }, body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trainingKey });
      onClose();
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} title={session ? t('training.sessions.editTitle', { title: session.title }) : t('training.sessions.addTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={save.error} />
          <Text size="sm" c="dimmed">
            {t('training.sessions.zoneHelp', { zone: cohort.timeZone })}
          </Text>
          <TextInput label={t('training.sessions.name')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput type="datetime-local" label={t('training.sessions.starts')} required value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value.slice(0, 16))} error={errors.startsAt} />
            <TextInput type="datetime-local" label={t('training.sessions.ends')} required value={endsAt} onChange={(e) => setEndsAt(e.currentTarget.value.slice(0, 16))} error={errors.endsAt} />
          </SimpleGrid>
          <TextInput label={t('training.sessions.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} error={errors.location} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {session ? t('training.sessions.save') : t('training.sessions.addButton')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

/* ---- Nominations ---- */

function NominateModal({ cohort, onClose, onNominated }: { cohort: CohortDetail; onClose: () => void; onNominated: (name: string) => void }) {
  const queryClient = useQueryClient();
  const nominees = useQuery({
    queryKey: [...cohortKey(cohort.id), 'nominees'],
    queryFn: async () => unwrap(await api.GET('/api/v1/training/cohorts/{cohortId}/nominees', { params: { path: { cohortId: cohort.id } } })).items,
  });
  const [userId, setUserId] = useState('');
  const [gender, setGender] = useState<TraineeGender>('not_stated');
  const [note, setNote] = useState('');
  const nominate = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/training/cohorts/{cohortId}/nominations', { params: { path: { cohortId: cohort.id } }, body: { userId, gender, note } })),
    onSuccess: async (enrolment) => {
      await queryClient.invalidateQueries({ queryKey: trainingKey });
      onNominated(enrolment.traineeName);
    },
  });
  const errors = fieldErrorsOf(nominate.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    nominate.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} title={t('training.nominate.title', { cohort: cohort.title })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('training.nominate.intro', { eligibility: eligibilities.label(cohort.eligibility) })}
          </Text>
          <FormAlert error={nominate.error} />
          {nominees.isPending ? (
            <InlineLoader />
          ) : nominees.isError ? (
            <PageError error={nominees.error} onRetry={() => nominees.refetch()} />
          ) : nominees.data.length === 0 ? (
            <Text size="sm">{t('training.nominate.nobody')}</Text>
          ) : (
            <NativeSelect
              label={t('training.nominate.nominee')}
              required
              value={userId}
              onChange={(e) => setUserId(e.currentTarget.value)}
              data={[
                { value: '', label: t('workspace.choose') },
                ...nominees.data.map((person) => ({ value: person.userId, label: person.cityName ? `${person.name} (${person.cityName})` : `${person.name} (${person.organisationName})` })),
              ]}
              error={errors.userId}
            />
          )}
          <NativeSelect
            label={t('training.nominate.gender')}
            description={t('training.nominate.genderHelp')}
            value={gender}
            onChange={(e) => setGender(e.currentTarget.value as TraineeGender)}
            data={genders.values.map((value) => ({ value, label: genders.label(value) }))}
          />
          <Textarea label={t('training.nominate.note')} description={t('training.nominate.noteHelp')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={nominate.isPending} disabled={!userId}>
              {t('training.nominate.submit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

/* ---- Enrolments ---- */

type Decision = 'approve' | 'waitlist' | 'decline';
type Asking = { enrolment: EnrolmentSummary; action: 'decline' | 'withdraw' };

function Enrolments({ cohort }: { cohort: CohortDetail }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);
  const enrolments = useQuery({
    queryKey: [...cohortKey(cohort.id), 'enrolments'],
    queryFn: async () => unwrap(await api.GET('/api/v1/training/cohorts/{cohortId}/enrolments', { params: { path: { cohortId: cohort.id } } })).items,
  });
  const decide = useMutation({
    mutationFn: async ({ enrolmentId, decision }: { enrolmentId: string; decision: Decision }) =>
      unwrap(await api.POST('/api/v1/training/enrolments/{enrolmentId}/decision', { params: { path: { enrolmentId } }, body: { decision } })),
    onSuccess: async (result) => {
      setMessage(result.message);
      await queryClient.invalidateQueries({ queryKey: trainingKey });
    },
  });
  if (enrolments.isPending) return <InlineLoader />;
  if (enrolments.isError) return <PageError error={enrolments.error} onRetry={() => enrolments.refetch()} />;
  const items = enrolments.data;
  if (!cohort.isTrainer && items.length === 0) return null;
  const open = cohort.status !== 'completed' && cohort.status !== 'cancelled';
  const order: Record<EnrolmentSummary['status'], number> = { nominated: 0, waitlisted: 1, approved: 2, declined: 3, withdrawn: 4 };
  const sorted = [...items].sort((a, b) => order[a.status] - order[b.status] || (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) || a.traineeName.localeCompare(b.traineeName));
  return (
    <Section title={cohort.isTrainer ? t('training.enrolments.title', { count: items.length }) : t('training.enrolments.yours', { count: items.length })}>
      <Stack gap="xs">
        {message && <SuccessAlert>{message}</SuccessAlert>}
        <FormAlert error={decide.error} />
        {items.length === 0 ? (
          <Text size="sm">{t('training.enrolments.none')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {sorted.map((enrolment) => {
              const name = enrolment.traineeName;
              const busy = (decision: Decision) => decide.isPending && decide.variables?.enrolmentId === enrolment.id && decide.variables.decision === decision;
              const live = ['nominated', 'approved', 'waitlisted'].includes(enrolment.status) && enrolment.completedAt === null;
              return (
                <Paper component="li" key={enrolment.id} withBorder p="sm" radius="sm">
                  <Stack gap={4}>
                    <Group justify="space-between" align="flex-start" gap="xs">
                      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                        <Anchor component={Link} to={`/app/training/enrolments/${enrolment.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                          {name}
                        </Anchor>
                        <Text size="sm" c="dimmed">
                          {enrolment.cityName ? `${enrolment.organisationName} · ${enrolment.cityName}` : enrolment.organisationName}
                        </Text>
                      </Stack>
                      <Group gap={4}>
                        <EnrolmentStatusBadge status={enrolment.status} completed={enrolment.completedAt !== null} />
                        {enrolment.waitlistPosition !== null && (
                          <Badge variant="outline" color="dark.6" miw="max-content">
                            {t('training.enrolment.waitlistPosition', { position: enrolment.waitlistPosition })}
                          </Badge>
                        )}
                      </Group>
                    </Group>
                    {enrolment.nominatedByName && <Text size="sm">{t('training.enrolments.nominatedBy', { name: enrolment.nominatedByName, date: formatDay(enrolment.createdAt) })}</Text>}
                    {enrolment.nominationNote && (
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {t('training.enrolments.note', { note: enrolment.nominationNote })}
                      </Text>
                    )}
                    {enrolment.decisionReason && (
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {t('training.enrolments.reason', { reason: enrolment.decisionReason })}
                      </Text>
                    )}
                    {enrolment.status === 'approved' && (
                      <Text size="sm">
                        {t('training.enrolments.progress', { attended: enrolment.sessionsAttended, sessions: cohort.sessions.length })}
                        {enrolment.quizPassed ? ` · ${t('training.enrolments.quizPassed')}` : ''}
                      </Text>
                    )}
                    <Group gap="xs" mt={4}>
                      {cohort.isTrainer && open && (enrolment.status === 'nominated' || enrolment.status === 'waitlisted') && (
                        <Button size="compact-sm" onClick={() => decide.mutate({ enrolmentId: enrolment.id, decision: 'approve' })} loading={busy('approve')} aria-label={t('training.decide.approveNamed', { name })}>
                          {t('training.decide.approve')}
                        </Button>
                      )}
                      {cohort.isTrainer && open && enrolment.status === 'nominated' && (
                        <Button
                          size="compact-sm"
                          variant="outline"
                          onClick={() => decide.mutate({ enrolmentId: enrolment.id, decision: 'waitlist' })}
                          loading={busy('waitlist')}
                          aria-label={t('training.decide.waitlistNamed', { name })}
                        >
                          {t('training.decide.waitlist')}
                        </Button>
                      )}
                      {cohort.isTrainer && open && (enrolment.status === 'nominated' || enrolment.status === 'waitlisted') && (
                        <Button size="compact-sm" variant="outline" color="red.9" onClick={() => setAsking({ enrolment, action: 'decline' })} aria-label={t('training.decide.declineNamed', { name })}>
                          {t('training.decide.decline')}
                        </Button>
                      )}
                      {live && open && (
                        <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" onClick={() => setAsking({ enrolment, action: 'withdraw' })} aria-label={t('training.decide.withdrawNamed', { name })}>
                          {t('training.decide.withdraw')}
                        </Button>
                      )}
                    </Group>
                  </Stack>
                </Paper>
              );
            })}
          </Stack>
        )}
      </Stack>
      {asking && (
        <ReasonModal
          asking={asking}
          onClose={() => setAsking(null)}
          onDone={(text) => {
            setAsking(null);
            setMessage(text);
          }}
        />
      )}
    </Section>
  );
}

/** Declining needs a reason (the trainee and nominator are told); withdrawing may give one. */
function ReasonModal({ asking, onClose, onDone }: { asking: Asking; onClose: () => void; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const name = asking.enrolment.traineeName;
  const act = useMutation({
    mutationFn: async () => {
      const path = { params: { path: { enrolmentId: asking.enrolment.id } } };
      return asking.action === 'decline'
        ? unwrap(await api.POST('/api/v1/training/enrolments/{enrolmentId}/decision', { ...path, body: { decision: 'decline', reason } }))
        : unwrap(await api.POST('/api/v1/training/enrolments/{enrolmentId}/withdrawal', { ...path, body: { reason } }));
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: trainingKey });
      onDone(result.message);
    },
  });
  const errors = fieldErrorsOf(act.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    act.mutate();
  }
  const declining = asking.action === 'decline';
  return (
    <WorkspaceModal opened onClose={onClose} title={declining ? t('training.decide.declineTitle', { name }) : t('training.decide.withdrawTitle', { name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{declining ? t('training.decide.declineBody') : t('training.decide.withdrawBody')}</Text>
          <FormAlert error={act.error} />
          <Textarea label={t('training.decide.reason')} required={declining} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" color="red.9" loading={act.isPending}>
              {declining ? t('training.decide.declineConfirm') : t('training.decide.withdrawConfirm')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

/* ---- Attendance ---- */

function Attendance({ cohort }: { cohort: CohortDetail }) {
  const grid = useQuery({
    queryKey: [...cohortKey(cohort.id), 'attendance'],
    queryFn: async () => unwrap(await api.GET('/api/v1/training/cohorts/{cohortId}/attendance', { params: { path: { cohortId: cohort.id } } })),
  });
  return (
    <Section title={t('training.attendance.title')}>
      {grid.isPending ? (
        <InlineLoader />
      ) : grid.isError ? (
        <PageError error={grid.error} onRetry={() => grid.refetch()} />
      ) : grid.data.sessions.length === 0 ? (
        <Text size="sm">{t('training.attendance.noSessions')}</Text>
      ) : grid.data.trainees.length === 0 ? (
        <Text size="sm">{t('training.attendance.noTrainees')}</Text>
      ) : (
        <AttendanceForm cohort={cohort} grid={grid.data} />
      )}
    </Section>
  );
}

/** The session that is on now or came last, else the first: what a trainer most likely records. */
function likelySession(sessions: AttendanceGrid['sessions']) {
  const now = Date.now();
  const started = sessions.filter((s) => Date.parse(s.startsAt) <= now);
  return (started[started.length - 1] ?? sessions[0])!.id;
}

function AttendanceForm({ cohort, grid }: { cohort: CohortDetail; grid: AttendanceGrid }) {
  const queryClient = useQueryClient();
  const [sessionId, setSessionId] = useState(() => likelySession(grid.sessions));
  const session = grid.sessions.find((s) => s.id === sessionId) ?? grid.sessions[0]!;
  const recorded = new Map(grid.records.filter((r) => r.sessionId === session.id).map((r) => [r.enrolmentId, r.present]));
  // Attendance is recorded once a session has begun (the server refuses earlier records too).
  const notStarted = Date.parse(session.startsAt) > Date.now();
  const [present, setPresent] = useState<Record<string, Record<string, boolean>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const isPresent = (enrolmentId: string) => present[session.id]?.[enrolmentId] ?? recorded.get(enrolmentId) ?? false;
  const mark = (enrolmentId: string, value: boolean) => {
    setSaved(null);
    setPresent((current) => ({ ...current, [session.id]: { ...current[session.id], [enrolmentId]: value } }));
  };
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/training/cohorts/{cohortId}/attendance', {
          params: { path: { cohortId: cohort.id } },
          body: { records: grid.trainees.map((trainee) => ({ sessionId: session.id, enrolmentId: trainee.enrolmentId, present: isPresent(trainee.enrolmentId) })) },
        }),
      ),
    onSuccess: async (result) => {
      const completed = result.trainees.filter((trainee) => result.newlyCompleted.includes(trainee.enrolmentId)).map((trainee) => trainee.name);
      setSaved(completed.length ? t('training.attendance.savedCompleted', { session: session.title, names: completed.join(', ') }) : t('training.attendance.saved', { session: session.title }));
      setPresent((current) => ({ ...current, [session.id]: {} }));
      await queryClient.invalidateQueries({ queryKey: trainingKey });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const attended = (enrolmentId: string) => grid.records.filter((r) => r.enrolmentId === enrolmentId && r.present).length;
  return (
    <Stack gap="sm">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <NativeSelect
            label={t('training.attendance.session')}
            value={session.id}
            onChange={(e) => {
              setSaved(null);
              setSessionId(e.currentTarget.value);
            }}
            data={grid.sessions.map((s) => ({ value: s.id, label: `${s.title} · ${s.localStartsAt.replace('T', ' ')}` }))}
            maw={420}
          />
          <Text size="sm" c="dimmed">
            {notStarted
              ? t('training.attendance.notStarted', { session: session.title })
              : recorded.size === 0
                ? t('training.attendance.notRecorded', { session: session.title })
                : t('training.attendance.recorded', { session: session.title })}
          </Text>
          {saved && <SuccessAlert>{saved}</SuccessAlert>}
          <FormAlert error={save.error} />
          <Fieldset legend={t('training.attendance.whoWasPresent', { session: session.title })} p="sm" disabled={notStarted}>
            <Stack gap="xs">
              {grid.trainees.map((trainee) => (
                <Checkbox
                  key={trainee.enrolmentId}
                  size="md"
                  label={trainee.name}
                  description={trainee.organisationName}
                  aria-label={t('training.attendance.presentNamed', { name: trainee.name, session: session.title })}
                  checked={isPresent(trainee.enrolmentId)}
                  onChange={(e) => mark(trainee.enrolmentId, e.currentTarget.checked)}
                />
              ))}
            </Stack>
          </Fieldset>
          <Group gap="xs">
            <Button variant="outline" disabled={notStarted} onClick={() => grid.trainees.forEach((trainee) => mark(trainee.enrolmentId, true))}>
              {t('training.attendance.allPresent')}
            </Button>
            <Button type="submit" disabled={notStarted} loading={save.isPending} aria-label={t('training.attendance.save', { session: session.title })}>
              {t('training.attendance.saveButton')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ScrollTable minWidth={420} label={t('training.attendance.summaryLabel')}>
        <Table striped verticalSpacing="xs" aria-label={t('training.attendance.summaryLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('training.col.trainee')}</Table.Th>
              <Table.Th scope="col">{t('training.col.attended')}</Table.Th>
              <Table.Th scope="col">{t('training.col.completed')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grid.trainees.map((trainee) => (
              <Table.Tr key={trainee.enrolmentId}>
                <Table.Th scope="row" fw={400}>
                  {trainee.name}
                </Table.Th>
                <Table.Td>{t('training.attendance.count', { attended: attended(trainee.enrolmentId), sessions: grid.sessions.length })}</Table.Td>
                <Table.Td>{trainee.completedAt ? formatDay(trainee.completedAt) : t('training.attendance.notYet')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Text size="sm" c="dimmed">
        {t('training.attendance.rule', { percent: grid.minAttendancePercent })}
      </Text>
    </Stack>
  );
}

/* ---- Feedback ---- */

function Feedback({ cohort }: { cohort: CohortDetail }) {
  const feedback = useQuery({
    queryKey: [...cohortKey(cohort.id), 'feedback'],
    queryFn: async () => unwrap(await api.GET('/api/v1/training/cohorts/{cohortId}/feedback', { params: { path: { cohortId: cohort.id } } })),
  });
  return (
    <Section title={t('training.feedback.resultsTitle')}>
      {feedback.isPending ? (
        <InlineLoader />
      ) : feedback.isError ? (
        <PageError error={feedback.error} onRetry={() => feedback.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('training.feedback.responses', { count: feedback.data.responses })}</Text>
          {feedback.data.averages ? (
            <Stack component="dl" gap={4} m={0}>
              <Fact label={t('training.feedback.overall')}>{t('training.feedback.average', { value: feedback.data.averages.overall })}</Fact>
              <Fact label={t('training.feedback.relevance')}>{t('training.feedback.average', { value: feedback.data.averages.relevance })}</Fact>
              <Fact label={t('training.feedback.delivery')}>{t('training.feedback.average', { value: feedback.data.averages.delivery })}</Fact>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('training.feedback.tooFew', { minimum: feedback.data.minimumResponses })}
            </Text>
          )}
          {feedback.data.comments.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('training.feedback.comments')}
              </Text>
              <Stack gap="xs" component="ul" m={0} pl="md">
                {feedback.data.comments.map((comment, index) => (
                  <Text component="li" size="sm" key={index} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {comment}
                  </Text>
                ))}
              </Stack>
            </Stack>
          )}
        </Stack>
      )}
    </Section>
  );
}
