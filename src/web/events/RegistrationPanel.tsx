import { Anchor, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, SuccessAlert } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { defaultParticipantType, eventKey, eventsKey, Notice, participantTypeLabel, participantTypes, RegistrationBadge, type EventDetail, type ParticipantType, type Registration } from './shared.js';

/** The viewer's registration: register (with needs and visa details), see its status, download the badge and visa letter, change or cancel it. */
export function RegistrationPanel({ event }: { event: EventDetail }) {
  const mine = event.myRegistration;
  const [message, setMessage] = useState<string | null>(null);
  const active = mine && ['pending', 'confirmed', 'waitlisted'].includes(mine.status);
  return (
    <Section title={t('events.register.title')}>
      <Stack gap="sm">
        {message && <SuccessAlert>{message}</SuccessAlert>}
        {mine && active ? (
          <MyRegistration event={event} registration={mine} onMessage={setMessage} />
        ) : mine?.status === 'declined' ? (
          <Notice color="red" title={t('events.register.declinedTitle')}>
            {mine.decisionReason ? t('events.register.declinedReason', { reason: mine.decisionReason }) : t('events.register.declinedBody')}
          </Notice>
        ) : !event.registrationOpen ? (
          <Text size="sm">{event.registrationClosedReason}</Text>
        ) : event.registrationMode === 'invitation' && event.invited === false ? (
          <Notice color="orange" title={t('events.register.notInvitedTitle')}>
            {t('events.register.notInvitedBody', { organiser: event.organiserName })}
          </Notice>
        ) : (
          <RegisterForm event={event} again={mine?.status === 'cancelled'} onMessage={setMessage} />
        )}
      </Stack>
    </Section>
  );
}

type NeedsState = { participantType: ParticipantType; accessibilityNeeds: string; dietaryNeeds: string; visaLetterRequested: boolean; passportName: string; nationality: string };

/** Participant type, needs and (for a mission) the visa-support letter's passport details. */
function NeedsFields({ event, state, onChange, problems }: { event: EventDetail; state: NeedsState; onChange: (patch: Partial<NeedsState>) => void; problems: Record<string, string> }) {
  const mission = event.kind === 'trade_mission';
  return (
    <>
      <NativeSelect
        label={t('events.register.participantType')}
        value={state.participantType}
        onChange={(e) => onChange({ participantType: e.currentTarget.value as ParticipantType })}
        data={participantTypes.map((value) => ({ value, label: participantTypeLabel(value) }))}
        error={problems.participantType}
        w={{ base: '100%', xs: 320 }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Textarea
          label={t('events.register.accessibility')}
          description={t('events.register.accessibilityHint')}
          value={state.accessibilityNeeds}
          onChange={(e) => onChange({ accessibilityNeeds: e.currentTarget.value })}
          error={problems.accessibilityNeeds}
          autosize
          minRows={2}
          maxLength={2000}
        />
        <Textarea
          label={t('events.register.dietary')}
          description={t('events.register.dietaryHint')}
          value={state.dietaryNeeds}
          onChange={(e) => onChange({ dietaryNeeds: e.currentTarget.value })}
          error={problems.dietaryNeeds}
          autosize
          minRows={2}
          maxLength={2000}
        />
      </SimpleGrid>
      {mission && (
        <Stack gap="xs">
          <Checkbox
            label={t('events.register.visaLetter')}
            description={t('events.register.visaLetterHint')}
            checked={state.visaLetterRequested}
            onChange={(e) => onChange({ visaLetterRequested: e.currentTarget.checked })}
            error={problems.visaLetterRequested}
          />
          {state.visaLetterRequested && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('events.register.passportName')} description={t('events.register.passportNameHint')} required value={state.passportName} onChange={(e) => onChange({ passportName: e.currentTarget.value })} error={problems.passportName} maxLength={200} autoComplete="name" />
              <TextInput label={t('events.register.nationality')} required value={state.nationality} onChange={(e) => onChange({ nationality: e.currentTarget.value })} error={problems.nationality} maxLength={100} />
            </SimpleGrid>
          )}
        </Stack>
      )}
    </>
  );
}

function visaProblems(event: EventDetail, state: NeedsState): Record<string, string> {
  if (event.kind !== 'trade_mission' || !state.visaLetterRequested) return {};
  const found: Record<string, string> = {};
  if (!state.passportName.trim()) found.passportName = t('events.register.passportNameRequired');
  if (!state.nationality.trim()) found.nationality = t('events.register.nationalityRequired');
  return found;
}

function RegisterForm({ event, again, onMessage }: { event: EventDetail; again: boolean; onMessage: (message: string) => void }) {
  const actor = useActor();
  const queryClient = useQueryClient();
  const [state, setState] = useState<NeedsState>({
    participantType: event.myRegistration?.participantType ?? defaultParticipantType(actor.organisation.kind),
    accessibilityNeeds: event.myRegistration?.accessibilityNeeds ?? '',
    dietaryNeeds: event.myRegistration?.dietaryNeeds ?? '',
    visaLetterRequested: event.myRegistration?.visaLetterRequested ?? false,
    passportName: event.myRegistration?.passportName ?? '',
    nationality: event.myRegistration?.nationality ?? '',
  });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const register = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/events/{eventId}/registrations', {
          params: { path: { eventId: event.id } },
          body: { ...state, ...(event.kind === 'trade_mission' && state.visaLetterRequested ? {} : { visaLetterRequested: false, passportName: '', nationality: '' }) },
        }),
      ),
    onSuccess: async (result) => {
      onMessage(result.message);
      await queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      await queryClient.invalidateQueries({ queryKey: eventsKey });
    },
    onError: (error) => setProblems(fieldErrorsOf(error)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = visaProblems(event, state);
    setProblems(found);
    if (!Object.keys(found).length) register.mutate();
  };
  const full = event.placesLeft === 0;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {[again ? t('events.register.again') : null, event.approvalRequired ? t('events.register.approvalNote') : null, full ? t('events.register.fullNote') : null].filter(Boolean).join(' ') ||
            t('events.register.intro')}
        </Text>
        <NeedsFields event={event} state={state} onChange={(patch) => setState((s) => ({ ...s, ...patch }))} problems={problems} />
        <FormAlert error={register.error} />
        <Button type="submit" w="fit-content" loading={register.isPending}>
          {t('events.register.submit')}
        </Button>
      </Stack>
    </form>
  );
}

function MyRegistration({ event, registration, onMessage }: { event: EventDetail; registration: Registration; onMessage: (message: string | null) => void }) {
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  // A cancelled event issues no badge or letter.
  const confirmed = registration.status === 'confirmed' && event.status !== 'cancelled';
  const mission = event.kind === 'trade_mission';
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {t('events.register.yourStatus')}
        </Text>
        <RegistrationBadge status={registration.status} position={registration.waitlistPosition} />
      </Group>
      <Text size="sm">
        {registration.status === 'confirmed'
          ? t('events.register.confirmedBody')
          : registration.status === 'waitlisted'
            ? t('events.register.waitlistedBody', { position: registration.waitlistPosition ?? '?' })
            : t('events.register.pendingBody')}
      </Text>
      <Text size="sm" c="dimmed">
        {[
          t('events.register.asType', { type: participantTypeLabel(registration.participantType) }),
          registration.accessibilityNeeds ? t('events.register.accessibilityShown', { needs: registration.accessibilityNeeds }) : null,
          registration.dietaryNeeds ? t('events.register.dietaryShown', { needs: registration.dietaryNeeds }) : null,
          registration.checkedInAt ? t('events.register.checkedIn') : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {confirmed && (
        <Group gap="md" wrap="wrap">
          <Anchor href={`/api/v1/registrations/${registration.id}/badge.pdf`} download>
            {t('events.register.badge')}
          </Anchor>
          {mission && registration.visaLetterRequested && (
            <Anchor href={`/api/v1/registrations/${registration.id}/visa-letter.pdf`} download>
              {t('events.register.visaLetterDownload')}
            </Anchor>
          )}
        </Group>
      )}
      {mission && registration.visaLetterRequested && registration.status !== 'confirmed' && <Text size="sm">{t('events.register.visaLetterLater')}</Text>}
      {event.registrationOpen || event.status === 'published' ? (
        <Group gap="sm" wrap="wrap">
          <Button variant="default" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            {t('events.register.change')}
          </Button>
          <Button variant="outline" color="red.9" onClick={() => setCancelling(true)}>
            {t('events.register.cancel')}
          </Button>
        </Group>
      ) : null}
      {editing && <ChangeForm event={event} registration={registration} onDone={() => setEditing(false)} />}
      {cancelling && (
        <CancelModal
          event={event}
          registration={registration}
          onClose={() => setCancelling(false)}
          onCancelled={(message) => {
            setCancelling(false);
            onMessage(message);
          }}
        />
      )}
    </Stack>
  );
}

function ChangeForm({ event, registration, onDone }: { event: EventDetail; registration: Registration; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<NeedsState>({
    participantType: registration.participantType,
    accessibilityNeeds: registration.accessibilityNeeds,
    dietaryNeeds: registration.dietaryNeeds,
    visaLetterRequested: registration.visaLetterRequested,
    passportName: registration.passportName,
    nationality: registration.nationality,
  });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PATCH('/api/v1/registrations/{registrationId}', { params: { path: { registrationId: registration.id } }, body: state })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      onDone();
    },
    onError: (error) => setProblems(fieldErrorsOf(error)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = visaProblems(event, state);
    setProblems(found);
    if (!Object.keys(found).length) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NeedsFields event={event} state={state} onChange={(patch) => setState((s) => ({ ...s, ...patch }))} problems={problems} />
        <FormAlert error={save.error} />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {t('events.register.saveChanges')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('events.register.discardChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelModal({ event, registration, onClose, onCancelled }: { event: EventDetail; registration: Registration; onClose: () => void; onCancelled: (message: string) => void }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/registrations/{registrationId}/cancel', { params: { path: { registrationId: registration.id } }, body: {} })),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      await queryClient.invalidateQueries({ queryKey: eventsKey });
      onCancelled(result.message);
    },
  });
  return (
    <WorkspaceModal opened onClose={onClose} title={t('events.register.cancelTitle')}>
      <Stack gap="sm">
        <Text size="sm">{registration.status === 'confirmed' ? t('events.register.cancelConfirmed', { title: event.title }) : t('events.register.cancelOther', { title: event.title })}</Text>
        <FormAlert error={cancel.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('events.register.keep')}
          </Button>
          <Button color="red.9" loading={cancel.isPending} onClick={() => cancel.mutate()}>
            {t('events.register.cancel')}
          </Button>
        </Group>
      </Stack>
    </WorkspaceModal>
  );
}
