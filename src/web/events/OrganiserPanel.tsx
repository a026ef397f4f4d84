import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, InlineLoader, SuccessAlert } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import {
  eventKey,
  eventsKey,
  participantTypeLabel,
  RegistrationBadge,
  registrationsKey,
  registrationStatuses,
  registrationStatusLabel,
  type EventDetail,
  type Registration,
  type RegistrationStatus,
} from './shared.js';
import { instantInBothZones } from './zonedTime.js';

/** What the organisers of an event do first: its lifecycle, downloads and check-in (at the top of the event's page). */
export function OrganiserPanel({ event }: { event: EventDetail }) {
  return <LifecycleSection event={event} />;
}

/** The organisers' lists: the invitation list and the registrations (at the foot of the event's page, as they grow long). */
export function OrganiserLists({ event }: { event: EventDetail }) {
  return (
    <>
      {event.registrationMode === 'invitation' && <InvitationsSection event={event} />}
      {event.status !== 'draft' && <RegistrationsSection event={event} />}
    </>
  );
}

function LifecycleSection({ event }: { event: EventDetail }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const transition = useMutation({
    mutationFn: async (body: { to: 'published' | 'completed' | 'cancelled'; reason?: string }) =>
      unwrap(await api.POST('/api/v1/events/{eventId}/transitions', { params: { path: { eventId: event.id } }, body })),
    onSuccess: async (updated, body) => {
      queryClient.setQueryData(eventKey(event.id), updated);
      await queryClient.invalidateQueries({ queryKey: eventsKey });
      setCancelling(false);
      setMessage(body.to === 'published' ? t('events.organiser.publishedMessage') : body.to === 'completed' ? t('events.organiser.completedMessage') : t('events.organiser.cancelledMessage'));
    },
  });
  const started = new Date(event.startsAt) <= new Date();
  const open = event.status === 'draft' || event.status === 'published';
  return (
    <Section title={t('events.organiser.title')}>
      <Stack gap="sm">
        <Text size="sm">
          {t('events.organiser.counts', {
            confirmed: event.confirmedCount,
            waitlisted: event.waitlistedCount,
            pending: event.pendingCount ?? 0,
            checkedIn: event.checkedInCount ?? 0,
          })}
        </Text>
        {message && <SuccessAlert>{message}</SuccessAlert>}
        {!cancelling && <FormAlert error={transition.error} />}
        <Group gap="sm" wrap="wrap">
          {event.canEdit && (
            <Button component={Link} to={`/app/events/${event.id}/edit`} variant="default">
              {t('events.organiser.edit')}
            </Button>
          )}
          {event.status === 'draft' && (
            <Button onClick={() => transition.mutate({ to: 'published' })} loading={transition.isPending && transition.variables?.to === 'published'}>
              {t('events.organiser.publish')}
            </Button>
          )}
          {event.status === 'published' && started && (
            <Button variant="default" onClick={() => transition.mutate({ to: 'completed' })} loading={transition.isPending && transition.variables?.to === 'completed'}>
              {t('events.organiser.complete')}
            </Button>
          )}
          {open && (
            <Button variant="outline" color="red.9" onClick={() => setCancelling(true)}>
              {t('events.organiser.cancelEvent')}
            </Button>
          )}
        </Group>
        {event.status === 'published' && (
          <Group gap="md" wrap="wrap">
            <Anchor component={Link} to={`/app/events/${event.id}/check-in`}>
              {t('events.organiser.checkIn')}
            </Anchor>
            <Anchor href={`/api/v1/events/${event.id}/badges.pdf`} download>
              {t('events.organiser.badges')}
            </Anchor>
            <Anchor href={`/api/v1/events/${event.id}/registrations.csv`} download>
              {t('events.organiser.csv')}
            </Anchor>
          </Group>
        )}
        {event.status === 'completed' && (
          <Anchor href={`/api/v1/events/${event.id}/registrations.csv`} download>
            {t('events.organiser.csv')}
          </Anchor>
        )}
      </Stack>
      {cancelling && <CancelEventModal event={event} pending={transition.isPending} error={transition.error} onConfirm={(reason) => transition.mutate({ to: 'cancelled', reason })} onClose={() => setCancelling(false)} />}
    </Section>
  );
}

function CancelEventModal({ event, pending, error, onConfirm, onClose }: { event: EventDetail; pending: boolean; error: unknown; onConfirm: (reason: string) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const needsReason = event.status === 'published';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (needsReason && !reason.trim()) return setProblem(t('events.organiser.cancelReasonRequired'));
    setProblem(null);
    onConfirm(reason.trim());
  };
  return (
    <WorkspaceModal opened onClose={onClose} title={t('events.organiser.cancelTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{needsReason ? t('events.organiser.cancelIntro') : t('events.organiser.cancelDraftIntro')}</Text>
          <Textarea label={t('events.organiser.cancelReason')} required={needsReason} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={problem ?? fieldErrorsOf(error).reason} autosize minRows={2} data-autofocus />
          <FormAlert error={error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('events.organiser.keepEvent')}
            </Button>
            <Button type="submit" color="red.9" loading={pending}>
              {t('events.organiser.cancelEvent')}
            </Button>
          </Group>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

/* ---- Invitations ---- */

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function InvitationsSection({ event }: { event: EventDetail }) {
  const queryClient = useQueryClient();
  const key = ['event-invitations', event.id];
  const invitations = useQuery({ queryKey: key, queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}/invitations', { params: { path: { eventId: event.id } } })).items });
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: async (emails: string[]) => unwrap(await api.POST('/api/v1/events/{eventId}/invitations', { params: { path: { eventId: event.id } }, body: { emails } })).items,
    onSuccess: (items, emails) => {
      queryClient.setQueryData(key, items);
      setText('');
      setMessage(event.status === 'published' ? t('events.invitations.sent', { count: emails.length }) : t('events.invitations.savedForLater', { count: emails.length }));
    },
  });
  const remove = useMutation({
    mutationFn: async (email: string) => unwrap(await api.DELETE('/api/v1/events/{eventId}/invitations', { params: { path: { eventId: event.id }, query: { email } } })).items,
    onSuccess: (items) => queryClient.setQueryData(key, items),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const emails = [...new Set(text.split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))];
    const wrong = emails.filter((email) => !emailPattern.test(email));
    if (!emails.length) return setProblem(t('events.invitations.none'));
    if (wrong.length) return setProblem(t('events.invitations.invalid', { emails: wrong.join(', ') }));
    setProblem(null);
    add.mutate(emails);
  };
  return (
    <Section title={t('events.invitations.title')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {event.status === 'draft' ? t('events.invitations.introDraft') : t('events.invitations.intro')}
        </Text>
        {event.canEdit && (
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <Textarea label={t('events.invitations.emails')} description={t('events.invitations.emailsHint')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={problem} autosize minRows={2} />
              <FormAlert error={add.error} />
              {message && <SuccessAlert>{message}</SuccessAlert>}
              <Button type="submit" w="fit-content" loading={add.isPending}>
                {t('events.invitations.invite')}
              </Button>
            </Stack>
          </form>
        )}
        {invitations.isPending ? (
          <InlineLoader />
        ) : invitations.isError ? (
          <PageError error={invitations.error} onRetry={() => invitations.refetch()} />
        ) : invitations.data.length === 0 ? (
          <Text size="sm">{t('events.invitations.empty')}</Text>
        ) : (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            <FormAlert error={remove.error} />
            {invitations.data.map((invitation) => (
              <Group key={invitation.email} component="li" justify="space-between" gap="xs" wrap="wrap">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {invitation.email}
                  {invitation.personName ? ` (${invitation.personName})` : ` (${t('events.invitations.noAccount')})`}
                  {invitation.registrationStatus ? ` · ${registrationStatusLabel(invitation.registrationStatus)}` : ''}
                </Text>
                {event.canEdit && (
                  <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" onClick={() => remove.mutate(invitation.email)} aria-label={t('events.invitations.removeNamed', { email: invitation.email })}>
                    {t('events.invitations.remove')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

/* ---- Registrations ---- */

type Decision = { registration: Registration; kind: 'decline' | 'cancel' };

function RegistrationsSection({ event }: { event: EventDetail }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RegistrationStatus | ''>('');
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const [message, setMessage] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const registrations = useQuery({
    queryKey: [...registrationsKey(event.id), status, q],
    queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}/registrations', { params: { path: { eventId: event.id }, query: { status: status || undefined, q: q || undefined, limit: 500 } } })),
    placeholderData: (previous) => previous,
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: registrationsKey(event.id) });
    await queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
  };
  const confirm = useMutation({
    mutationFn: async (registration: Registration) =>
      unwrap(await api.POST('/api/v1/registrations/{registrationId}/decision', { params: { path: { registrationId: registration.id } }, body: { decision: 'confirm' } })),
    onSuccess: async (result) => {
      setMessage(result.message);
      await refresh();
    },
  });
  const open = event.status === 'published';
  const mission = event.kind === 'trade_mission';
  return (
    <Section title={t('events.registrations.title')}>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t('events.registrations.statusFilter')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as RegistrationStatus | '')}
            data={[{ value: '', label: t('events.registrations.allStatuses') }, ...registrationStatuses.map((value) => ({ value, label: registrationStatusLabel(value) }))]}
            w={{ base: '100%', xs: 240 }}
          />
          <TextInput label={t('events.registrations.search')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={{ base: '100%', xs: 300 }} />
        </Group>
        {message && <SuccessAlert>{message}</SuccessAlert>}
        <FormAlert error={confirm.error} />
        {registrations.isPending ? (
          <InlineLoader />
        ) : registrations.isError ? (
          <PageError error={registrations.error} onRetry={() => registrations.refetch()} />
        ) : registrations.data.items.length === 0 ? (
          <Text size="sm">{status || q ? t('events.registrations.noneMatching') : t('events.registrations.none')}</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('events.registrations.shown', { shown: registrations.data.items.length, total: registrations.data.total })}
            </Text>
            <ScrollTable minWidth={980}>
              <Table striped withTableBorder verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('events.registrations.participant')}</Table.Th>
                    <Table.Th>{t('events.registrations.type')}</Table.Th>
                    <Table.Th>{t('events.registrations.status')}</Table.Th>
                    <Table.Th>{t('events.registrations.needs')}</Table.Th>
                    {mission && <Table.Th>{t('events.registrations.visa')}</Table.Th>}
                    <Table.Th>{t('events.registrations.checkIn')}</Table.Th>
                    <Table.Th>{t('events.registrations.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {registrations.data.items.map((registration) => (
                    <Table.Tr key={registration.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {registration.name}
                        </Text>
                        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {[registration.organisationName, registration.cityName, registration.email].filter(Boolean).join(' · ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>{participantTypeLabel(registration.participantType)}</Table.Td>
                      <Table.Td>
                        <RegistrationBadge status={registration.status} position={registration.waitlistPosition} />
                        {registration.decisionReason && (
                          <Text size="xs" c="dimmed">
                            {registration.decisionReason}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                          {[
                            registration.accessibilityNeeds ? t('events.registrations.accessibility', { needs: registration.accessibilityNeeds }) : null,
                            registration.dietaryNeeds ? t('events.registrations.dietary', { needs: registration.dietaryNeeds }) : null,
                          ]
                            .filter(Boolean)
                            .join('\n') || t('events.registrations.noNeeds')}
                        </Text>
                      </Table.Td>
                      {mission && (
                        <Table.Td>
                          {registration.visaLetterRequested ? (
                            <Stack gap={2}>
                              <Text size="xs">{`${registration.passportName} · ${registration.nationality}`}</Text>
                              {registration.status === 'confirmed' && (
                                <Anchor href={`/api/v1/registrations/${registration.id}/visa-letter.pdf`} download size="xs" aria-label={t('events.registrations.visaLetterNamed', { name: registration.name })}>
                                  {t('events.registrations.visaLetter')}
                                </Anchor>
                              )}
                            </Stack>
                          ) : (
                            <Text size="xs">{t('events.registrations.noVisa')}</Text>
                          )}
                        </Table.Td>
                      )}
                      <Table.Td>
                        <Text size="xs">{registration.checkedInAt ? t('events.registrations.checkedInAt', { time: instantInBothZones(registration.checkedInAt, event.timeZone) }) : t('events.registrations.notCheckedIn')}</Text>
                      </Table.Td>
                      <Table.Td>
                        {open && (
                          <Group gap={4} wrap="wrap">
                            {registration.status === 'pending' && (
                              <Button size="compact-sm" onClick={() => confirm.mutate(registration)} loading={confirm.isPending && confirm.variables?.id === registration.id} aria-label={t('events.registrations.confirmNamed', { name: registration.name })}>
                                {t('events.registrations.confirm')}
                              </Button>
                            )}
                            {(registration.status === 'pending' || registration.status === 'waitlisted') && (
                              <Button size="compact-sm" variant="default" onClick={() => setDeciding({ registration, kind: 'decline' })} aria-label={t('events.registrations.declineNamed', { name: registration.name })}>
                                {t('events.registrations.decline')}
                              </Button>
                            )}
                            {['pending', 'confirmed', 'waitlisted'].includes(registration.status) && (
                              <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" onClick={() => setDeciding({ registration, kind: 'cancel' })} aria-label={t('events.registrations.cancelNamed', { name: registration.name })}>
                                {t('events.registrations.cancel')}
                              </Button>
                            )}
                            {registration.status === 'confirmed' && (
                              <Anchor href={`/api/v1/registrations/${registration.id}/badge.pdf`} download size="xs" aria-label={t('events.registrations.badgeNamed', { name: registration.name })}>
                                {t('events.registrations.badge')}
                              </Anchor>
                            )}
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </>
        )}
      </Stack>
      {deciding && (
        <DecisionModal
          decision={deciding}
          onClose={() => setDeciding(null)}
          onDone={async (text) => {
            setDeciding(null);
            setMessage(text);
            await refresh();
          }}
        />
      )}
    </Section>
  );
}

function DecisionModal({ decision, onClose, onDone }: { decision: Decision; onClose: () => void; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { registration, kind } = decision;
  const act = useMutation({
    mutationFn: async () =>
      kind === 'decline'
        ? unwrap(await api.POST('/api/v1/registrations/{registrationId}/decision', { params: { path: { registrationId: registration.id } }, body: { decision: 'decline', reason } }))
        : unwrap(await api.POST('/api/v1/registrations/{registrationId}/cancel', { params: { path: { registrationId: registration.id } }, body: { reason } })),
    onSuccess: (result) => onDone(result.message),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (kind === 'decline' && !reason.trim()) return setProblem(t('events.registrations.reasonRequired'));
    setProblem(null);
    act.mutate();
  };
  const name = registration.name;
  return (
    <WorkspaceModal opened onClose={onClose} title={kind === 'decline' ? t('events.registrations.declineTitle', { name }) : t('events.registrations.cancelTitle', { name })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{kind === 'decline' ? t('events.registrations.declineIntro') : t('events.registrations.cancelIntro')}</Text>
          <Textarea label={t('events.registrations.reason')} required={kind === 'decline'} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={problem ?? fieldErrorsOf(act.error).reason} autosize minRows={2} data-autofocus />
          <FormAlert error={act.error} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" color="red.9" loading={act.isPending}>
              {kind === 'decline' ? t('events.registrations.declineNamed', { name }) : t('events.registrations.cancelNamed', { name })}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}
