import { Alert, Anchor, Badge, Box, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { DocumentUploadForm, uploadDocumentTo } from '../workspace/documents.js';
import { PageError, PageLoader } from '../app/pages.js';
import type { SessionActor } from '../app/session.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, formatDate, formatDateTime, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { useActor, useCountryName } from '../workspace/WorkspaceFrame.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import {
  activityKindLabel,
  activityKinds,
  activityStatusColor,
  activityStatuses,
  activityStatusLabel,
  FocusAreaBadges,
  lifecycle,
  pairingKey,
  pairingsKey,
  StatusBadge,
  statusLabel,
  type Activity,
  type PairingDetail,
  type PairingStatus,
  type Side,
} from './shared.js';

type Target = 'letter_of_intent' | 'memorandum_signed' | 'active' | 'completed' | 'declined' | 'withdrawn';
/** The step forward from each status (the server's transition rules). */
const nextStep: Partial<Record<PairingStatus, Target>> = {
  accepted: 'letter_of_intent',
  letter_of_intent: 'memorandum_signed',
  memorandum_signed: 'active',
  active: 'completed',
};
const closed: PairingStatus[] = ['completed', 'declined', 'withdrawn'];

const fetchPairing = async (pairingId: string) => unwrap(await api.GET('/api/v1/pairings/{pairingId}', { params: { path: { pairingId } } }));

/** Which side the viewer is on, if any. */
function sideOf(actor: SessionActor, pairing: PairingDetail): Side | null {
  if (actor.organisation.id === pairing.usOrganisationId) return 'us';
  if (actor.organisation.kind === 'city_government' && actor.organisation.cityId === pairing.cityId) return 'city';
  return null;
}

/** `/app/exchanges/:pairingId`. */
export function PairingPage() {
  const actor = useActor();
  const { pairingId = '' } = useParams();
  const pairing = useQuery({ queryKey: pairingKey(pairingId), queryFn: () => fetchPairing(pairingId) });
  if (pairing.isPending) return <PageLoader />;
  if (pairing.isError)
    return (
      <>
        <WorkspaceTitle>{t('exchanges.pairing.title')}</WorkspaceTitle>
        <PageError error={pairing.error} />
        <Anchor component={Link} to="/app/exchanges" mt="md" display="inline-block">
          {t('exchanges.back')}
        </Anchor>
      </>
    );
  return <PairingView pairing={pairing.data} actor={actor} />;
}

function PairingView({ pairing, actor }: { pairing: PairingDetail; actor: SessionActor }) {
  const country = useCountryName(pairing.countryCode);
  const side = sideOf(actor, pairing);
  const open = !closed.includes(pairing.status);
  const editable = pairing.canEdit && open;
  return (
    <>
      <Anchor component={Link} to="/app/exchanges" size="sm">
        {t('exchanges.back')}
      </Anchor>
      <WorkspaceTitle description={t('exchanges.sides', { partner: pairing.usOrganisationName, city: country ? `${pairing.cityName}, ${country}` : pairing.cityName })}>
        {t('exchanges.pairingName', { partner: pairing.usOrganisationName, city: pairing.cityName })}
      </WorkspaceTitle>
      <Stack gap="md">
        <Section title={t('exchanges.pairing.status')} actions={<StatusBadge status={pairing.status} />}>
          <Stack gap="sm">
            <Lifecycle status={pairing.status} />
            <Acceptances pairing={pairing} />
            {pairing.canEdit && <NextSteps pairing={pairing} side={side} />}
          </Stack>
        </Section>
        <Section title={t('exchanges.pairing.about')}>
          <Stack gap="xs">
            <FocusAreaBadges ids={pairing.focusAreaIds} />
            <Text size="sm" fw={600}>
              {t('exchanges.field.objectives')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {pairing.objectives || t('exchanges.pairing.noObjectives')}
            </Text>
            {pairing.outcomes && (
              <>
                <Text size="sm" fw={600}>
                  {t('exchanges.field.outcomes')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {pairing.outcomes}
                </Text>
              </>
            )}
            {pairing.lessonsLearned && (
              <>
                <Text size="sm" fw={600}>
                  {t('exchanges.field.lessonsLearned')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {pairing.lessonsLearned}
                </Text>
              </>
            )}
          </Stack>
        </Section>
        {pairing.activities === null ? (
          <Text size="sm">{t('exchanges.pairing.summaryOnly')}</Text>
        ) : (
          <>
            <WorkPlan pairing={pairing} editable={editable} side={side} />
            <Updates pairing={pairing} editable={editable} />
            <Attachments pairing={pairing} editable={pairing.canEdit && !['declined', 'withdrawn'].includes(pairing.status)} />
            <History pairing={pairing} />
          </>
        )}
      </Stack>
    </>
  );
}

/** proposed → accepted → letter of intent → memorandum signed → active → completed, as an ordered list. */
function Lifecycle({ status }: { status: PairingStatus }) {
  const current = lifecycle.indexOf(status);
  return (
    <Box>
      {current < 0 && (
        <Alert color="gray" mb="xs" p="xs">
          <Text size="sm">{t('exchanges.pairing.ended', { status: statusLabel(status) })}</Text>
        </Alert>
      )}
      <Box component="ol" aria-label={t('exchanges.pairing.lifecycle')} m={0} p={0} style={{ listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {lifecycle.map((step, index) => {
          const done = current >= 0 && index < current;
          const here = index === current;
          return (
            <Box
              component="li"
              key={step}
              aria-current={here ? 'step' : undefined}
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 6,
                padding: '4px 10px',
                borderRadius: 16,
                border: `1px solid var(--mantine-color-${here ? 'blue-8' : 'gray-5'})`,
                background: here ? 'var(--mantine-color-blue-8)' : 'transparent',
                color: here ? 'white' : 'var(--mantine-color-text)',
              }}
            >
              <Text span size="sm" fw={here ? 700 : 400}>
                {done ? '✓ ' : `${index + 1}. `}
                {statusLabel(step)}
              </Text>
              {done && <VisuallyHiddenText text={t('exchanges.pairing.stepDone')} />}
              {here && <VisuallyHiddenText text={t('exchanges.pairing.stepCurrent')} />}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}

function VisuallyHiddenText({ text }: { text: string }) {
  return (
    <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>
      {` (${text})`}
    </span>
  );
}

function Acceptances({ pairing }: { pairing: PairingDetail }) {
  const acceptedAt = (toStatus: PairingStatus) => pairing.transitions?.find((tr) => tr.toStatus === toStatus);
  const both = acceptedAt('accepted');
  return (
    <Stack gap={2}>
      <Text size="sm">
        {t('exchanges.pairing.sideAccepted', { side: pairing.usOrganisationName, state: pairing.usAccepted ? t('exchanges.accepted') : t('exchanges.notYetAccepted') })}
      </Text>
      <Text size="sm">
        {t('exchanges.pairing.sideAccepted', { side: pairing.cityName, state: pairing.cityAccepted ? t('exchanges.accepted') : t('exchanges.notYetAccepted') })}
      </Text>
      {both && (
        <Text size="sm" c="dimmed">
          {t('exchanges.pairing.bothAccepted', { date: formatDateTime(both.at), name: both.actorName ?? t('exchanges.someone') })}
        </Text>
      )}
    </Stack>
  );
}

function useRefresh(pairingId: string) {
  const queryClient = useQueryClient();
  return (data?: PairingDetail) => {
    if (data) queryClient.setQueryData(pairingKey(pairingId), data);
    return Promise.all([queryClient.invalidateQueries({ queryKey: pairingKey(pairingId) }), queryClient.invalidateQueries({ queryKey: pairingsKey })]);
  };
}

function NextSteps({ pairing, side }: { pairing: PairingDetail; side: Side | null }) {
  const refresh = useRefresh(pairing.id);
  const [target, setTarget] = useState<Target | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const accept = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/pairings/{pairingId}/accept', { params: { path: { pairingId: pairing.id } } })),
    onSuccess: async (data) => {
      await refresh(data);
      setDone(t('exchanges.pairing.acceptedDone'));
    },
  });
  const next = nextStep[pairing.status];
  const needsDocument = next === 'memorandum_signed' && (pairing.attachments?.length ?? 0) === 0;
  const canDecline = pairing.status === 'proposed' && side !== null;
  const canWithdraw = !closed.includes(pairing.status);
  const ourSide = pairing.canAcceptAs === 'us' ? pairing.usOrganisationName : pairing.cityName;
  if (!pairing.canAcceptAs && !next && !canDecline && !canWithdraw) return null;
  return (
    <Stack gap="xs">
      {done && <SuccessAlert>{done}</SuccessAlert>}
      <FormAlert error={accept.error} />
      {pairing.status === 'proposed' && !pairing.canAcceptAs && (
        <Text size="sm">{side ? t('exchanges.pairing.waitingOther') : t('exchanges.pairing.waitingSides')}</Text>
      )}
      {needsDocument && (
        <Text size="sm">{t('exchanges.pairing.memorandumNeedsDocument')}</Text>
      )}
      <Group gap="xs">
        {pairing.canAcceptAs && (
          <Button loading={accept.isPending} onClick={() => accept.mutate()}>
            {t('exchanges.pairing.acceptFor', { side: ourSide })}
          </Button>
        )}
        {next && (
          <Button disabled={needsDocument} onClick={() => setTarget(next)}>
            {t(`exchanges.transition.${next}`)}
          </Button>
        )}
        {canDecline && (
          <Button variant="outline" color="red.9" onClick={() => setTarget('declined')}>
            {t('exchanges.transition.declined')}
          </Button>
        )}
        {canWithdraw && (
          <Button variant="outline" color="gray.8" onClick={() => setTarget('withdrawn')}>
            {t('exchanges.transition.withdrawn')}
          </Button>
        )}
      </Group>
      {target && (
        <TransitionModal
          pairing={pairing}
          target={target}
          onClose={() => setTarget(null)}
          onDone={(label) => {
            setTarget(null);
            setDone(t('exchanges.pairing.movedTo', { status: label }));
          }}
        />
      )}
    </Stack>
  );
}

function TransitionModal({ pairing, target, onClose, onDone }: { pairing: PairingDetail; target: Target; onClose: () => void; onDone: (label: string) => void }) {
  const refresh = useRefresh(pairing.id);
  const [reason, setReason] = useState('');
  const [outcomes, setOutcomes] = useState(pairing.outcomes);
  const [lessonsLearned, setLessons] = useState(pairing.lessonsLearned);
  const needsReason = target === 'declined' || target === 'withdrawn';
  const completing = target === 'completed';
  const move = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/pairings/{pairingId}/transitions', {
          params: { path: { pairingId: pairing.id } },
          body: { to: target, ...(reason.trim() ? { reason } : {}), ...(completing ? { outcomes, lessonsLearned } : {}) },
        }),
      ),
    onSuccess: async (data) => {
      await refresh(data);
      onDone(statusLabel(target));
    },
  });
  const errors = fieldErrorsOf(move.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    move.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} size="lg" title={t(`exchanges.transition.${target}`)}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t(`exchanges.transition.${target}.help`)}</Text>
          <FormAlert error={move.error} />
          {completing && (
            <>
              <Textarea label={t('exchanges.field.outcomes')} required autosize minRows={3} value={outcomes} onChange={(e) => setOutcomes(e.currentTarget.value)} error={errors.outcomes} />
              <Textarea label={t('exchanges.field.lessonsLearned')} required autosize minRows={3} value={lessonsLearned} onChange={(e) => setLessons(e.currentTarget.value)} error={errors.lessonsLearned} />
            </>
          )}
          <Textarea
            label={needsReason ? t('exchanges.field.reason') : t('exchanges.field.note')}
            required={needsReason}
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
          <ModalActions onCancel={onClose}>
            <Button type="submit" color={target === 'declined' ? 'red.9' : undefined} loading={move.isPending}>
              {t(`exchanges.transition.${target}`)}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

const sideLabel = (pairing: PairingDetail, side: Side) => (side === 'us' ? pairing.usOrganisationName : pairing.cityName);

function datesOf(activity: Activity): string {
  if (activity.startDate && activity.endDate) return activity.startDate === activity.endDate ? formatDate(activity.startDate) : `${formatDate(activity.startDate)} – ${formatDate(activity.endDate)}`;
  if (activity.startDate) return t('exchanges.activity.from', { date: formatDate(activity.startDate) });
  if (activity.endDate) return t('exchanges.activity.until', { date: formatDate(activity.endDate) });
  return t('exchanges.activity.noDates');
}

function WorkPlan({ pairing, editable, side }: { pairing: PairingDetail; editable: boolean; side: Side | null }) {
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const activities = pairing.activities ?? [];
  return (
    <Section
      title={t('exchanges.workPlan.title', { count: activities.length })}
      actions={
        editable && (
          <Button size="compact-md" onClick={() => setEditing('new')}>
            {t('exchanges.workPlan.add')}
          </Button>
        )
      }
    >
      <Stack gap="xs">
        {done && <SuccessAlert>{done}</SuccessAlert>}
        {activities.length === 0 ? (
          <Text size="sm">{t('exchanges.workPlan.none')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {activities.map((activity) => (
              <Paper component="li" key={activity.id} withBorder p="sm" radius="sm">
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {activity.title}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {[activityKindLabel(activity.kind), datesOf(activity), activity.location].filter(Boolean).join(' · ')}
                    </Text>
                    <Text size="sm">{t('exchanges.activity.owner', { side: sideLabel(pairing, activity.ownerSide) })}</Text>
                  </Box>
                  <Group gap={4}>
                    <Badge miw="max-content" color={activityStatusColor[activity.status]}>
                      {activityStatusLabel(activity.status)}
                    </Badge>
                    {editable && (
                      <Button size="compact-sm" variant="outline" aria-label={t('exchanges.workPlan.editNamed', { title: activity.title })} onClick={() => setEditing(activity)}>
                        {t('workspace.edit')}
                      </Button>
                    )}
                  </Group>
                </Group>
                {activity.description && (
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {activity.description}
                  </Text>
                )}
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
      {editing && (
        <ActivityModal
          pairing={pairing}
          activity={editing === 'new' ? null : editing}
          defaultSide={side ?? 'city'}
          onClose={() => setEditing(null)}
          onSaved={(title, created) => {
            setEditing(null);
            setDone(created ? t('exchanges.workPlan.added', { title }) : t('exchanges.workPlan.saved', { title }));
          }}
        />
      )}
    </Section>
  );
}

function ActivityModal({
  pairing,
  activity,
  defaultSide,
  onClose,
  onSaved,
}: {
  pairing: PairingDetail;
  activity: Activity | null;
  defaultSide: Side;
  onClose: () => void;
  onSaved: (title: string, created: boolean) => void;
}) {
  const refresh = useRefresh(pairing.id);
  const [form, setForm] = useState({
    kind: activity?.kind ?? 'exchange_visit',
    title: activity?.title ?? '',
    description: activity?.description ?? '',
    ownerSide: activity?.ownerSide ?? defaultSide,
    startDate: activity?.startDate ?? '',
    endDate: activity?.endDate ?? '',
    location: activity?.location ?? '',
    status: activity?.status ?? 'planned',
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((current) => ({ ...current, [key]: value }));
  const save = useMutation({
    mutationFn: async () => {
      const body = { ...form, startDate: form.startDate || null, endDate: form.endDate || null };
      return activity
        ? unwrap(await api.PATCH('/api/v1/pairings/{pairingId}/activities/{activityId}', { params: { path: { pairingId: pairing.id, activityId: activity.id } }, body }))
        : unwrap(await api.POST('/api/v1/pairings/{pairingId}/activities', { params: { path: { pairingId: pairing.id } }, body }));
    },
    onSuccess: async (data) => {
      await refresh(data);
      onSaved(form.title, activity === null);
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} size="lg" title={activity ? t('exchanges.workPlan.editTitle', { title: activity.title }) : t('exchanges.workPlan.add')}>
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={save.error} />
          <NativeSelect
            label={t('exchanges.field.kind')}
            value={form.kind}
            onChange={(e) => set('kind', e.currentTarget.value as Activity['kind'])}
            data={activityKinds.map((value) => ({ value, label: activityKindLabel(value) }))}
            error={errors.kind}
          />
          <TextInput label={t('exchanges.field.activityTitle')} required minLength={3} value={form.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} />
          <Textarea label={t('exchanges.field.description')} autosize minRows={3} value={form.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} />
          <NativeSelect
            label={t('exchanges.field.ownerSide')}
            value={form.ownerSide}
            onChange={(e) => set('ownerSide', e.currentTarget.value as Side)}
            data={[
              { value: 'us', label: pairing.usOrganisationName },
              { value: 'city', label: pairing.cityName },
            ]}
            error={errors.ownerSide}
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput type="date" label={t('exchanges.field.startDate')} value={form.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} error={errors.startDate} miw={150} />
            <TextInput type="date" label={t('exchanges.field.endDate')} value={form.endDate} onChange={(e) => set('endDate', e.currentTarget.value)} error={errors.endDate} miw={150} />
          </Group>
          <TextInput label={t('exchanges.field.location')} value={form.location} onChange={(e) => set('location', e.currentTarget.value)} error={errors.location} />
          <NativeSelect
            label={t('exchanges.field.activityStatus')}
            value={form.status}
            onChange={(e) => set('status', e.currentTarget.value as Activity['status'])}
            data={activityStatuses.map((value) => ({ value, label: activityStatusLabel(value) }))}
            error={errors.status}
          />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {activity ? t('workspace.save') : t('exchanges.workPlan.addSubmit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

function Updates({ pairing, editable }: { pairing: PairingDetail; editable: boolean }) {
  const refresh = useRefresh(pairing.id);
  const [date, setDate] = useState(today);
  const [body, setBody] = useState('');
  const [done, setDone] = useState(false);
  const post = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/pairings/{pairingId}/updates', { params: { path: { pairingId: pairing.id } }, body: { date, body } })),
    onSuccess: async (data) => {
      await refresh(data);
      setBody('');
      setDone(true);
    },
  });
  const errors = fieldErrorsOf(post.error);
  const updates = [...(pairing.updates ?? [])].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.createdAt.localeCompare(a.createdAt)));
  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    post.mutate();
  }
  return (
    <Section title={t('exchanges.updates.title', { count: updates.length })}>
      <Stack gap="sm">
        {updates.length === 0 ? (
          <Text size="sm">{t('exchanges.updates.none')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {updates.map((update) => (
              <Paper component="li" key={update.id} withBorder p="sm" radius="sm">
                <Text size="sm" fw={600}>
                  {t('exchanges.updates.meta', { date: formatDate(update.date), name: update.authorName ?? t('exchanges.someone') })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {update.body}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        {editable && (
          <form onSubmit={submit}>
            <Stack gap="xs">
              {done && <SuccessAlert>{t('exchanges.updates.posted')}</SuccessAlert>}
              <FormAlert error={post.error} />
              <TextInput type="date" label={t('exchanges.field.updateDate')} required value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} maw={220} />
              <Textarea label={t('exchanges.field.updateBody')} required autosize minRows={3} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={errors.body} />
              <Button type="submit" loading={post.isPending} w="fit-content">
                {t('exchanges.updates.post')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}

function Attachments({ pairing, editable }: { pairing: PairingDetail; editable: boolean }) {
  const refresh = useRefresh(pairing.id);
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadDocumentTo<unknown>(`/api/v1/pairings/${encodeURIComponent(pairing.id)}/documents`, chosen),
    onSuccess: async (_data, chosen) => {
      await refresh();
      setFile(null);
      setDone(t('workspace.documents.uploaded', { name: chosen.name }));
    },
  });
  const attachments = pairing.attachments ?? [];
  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) upload.mutate(file);
  }
  return (
    <Section title={t('exchanges.attachments.title', { count: attachments.length })}>
      <Stack gap="sm">
        {pairing.status === 'letter_of_intent' && <Text size="sm">{t('exchanges.attachments.memorandumHint')}</Text>}
        {attachments.length === 0 ? (
          <Text size="sm">{t('workspace.documents.none')}</Text>
        ) : (
          <Stack gap={4} component="ul" m={0} pl="md">
            {attachments.map((doc) => (
              <Text component="li" size="sm" key={doc.id} style={{ overflowWrap: 'anywhere' }}>
                <Anchor href={`/api/v1/documents/${doc.id}`} download={doc.fileName}>
                  {doc.fileName}
                </Anchor>{' '}
                <Text span c="dimmed" size="sm">
                  {t('exchanges.attachments.added', { date: formatDate(doc.createdAt) })}
                </Text>
              </Text>
            ))}
          </Stack>
        )}
        {editable && (
          <Stack gap="xs">
            {done && <SuccessAlert>{done}</SuccessAlert>}
            <DocumentUploadForm
              file={file}
              onFileChange={(chosen) => {
                upload.reset();
                setFile(chosen);
              }}
              onSubmit={submit}
              pending={upload.isPending}
              error={upload.error}
            />
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

function History({ pairing }: { pairing: PairingDetail }) {
  const transitions = [...(pairing.transitions ?? [])].reverse();
  return (
    <Section title={t('exchanges.history.title')}>
      {transitions.length === 0 ? (
        <Text size="sm">{t('exchanges.history.none')}</Text>
      ) : (
        <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {transitions.map((tr, index) => (
            <Box component="li" key={`${tr.at}-${index}`}>
              <Text size="sm">
                <Text span fw={600}>
                  {statusLabel(tr.toStatus)}
                </Text>{' '}
                {t('exchanges.history.meta', { date: formatDateTime(tr.at), name: tr.actorName ?? t('exchanges.someone') })}
              </Text>
              {tr.reason && (
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {t('exchanges.history.reason', { reason: tr.reason })}
                </Text>
              )}
            </Box>
          ))}
        </Stack>
      )}
    </Section>
  );
}
