import { Alert, Anchor, Box, Button, Checkbox, Group, MultiSelect, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { useFramework } from '../portal/queries.js';
import { fieldErrorsOf, FormAlert, InlineLoader, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import {
  dayIn,
  listOf,
  matchmakingKey,
  MultilineText,
  othersOf,
  participantTypeLabel,
  ParticipantResponses,
  personLabel,
  RequestStatusBadge,
  slotInBothZones,
  viewerZone,
  wrappingButton,
  type MeetingRequest,
  type MyMatchmaking,
  type Profile,
} from './shared.js';

type Person = { registrationId: string; name: string; organisationName: string };

const suggestionsKey = (eventId: string) => ['matchmaking-suggestions', eventId];
const participantsKey = (eventId: string) => ['matchmaking-participants', eventId];

function useRefresh(eventId: string) {
  const queryClient = useQueryClient();
  return async (data?: MyMatchmaking) => {
    if (data) queryClient.setQueryData(matchmakingKey(eventId), data);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: matchmakingKey(eventId) }),
      queryClient.invalidateQueries({ queryKey: suggestionsKey(eventId) }),
      queryClient.invalidateQueries({ queryKey: ['scheduler', eventId] }),
    ]);
  };
}

/** `/app/events/:eventId/matchmaking`: a participant's profile, availability, suggestions, requests and meetings. */
export function MatchmakingPage() {
  const { eventId = '' } = useParams();
  const my = useQuery({
    queryKey: matchmakingKey(eventId),
    queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}/matchmaking', { params: { path: { eventId } } })),
  });
  if (my.isPending) return <PageLoader />;
  if (my.isError)
    return (
      <>
        <WorkspaceTitle>{t('matchmaking.page.titlePlain')}</WorkspaceTitle>
        <PageError error={my.error} onRetry={() => my.refetch()} />
      </>
    );
  return <MatchmakingView data={my.data} />;
}

function MatchmakingView({ data }: { data: MyMatchmaking }) {
  const { event, registration } = data;
  const [requestFor, setRequestFor] = useState<Person[] | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const confirmed = registration?.status === 'confirmed';
  const live = registration !== null && ['pending', 'confirmed', 'waitlisted'].includes(registration.status);
  return (
    <>
      <Group gap="md">
        <Anchor component={Link} to={`/app/events/${event.id}`} size="sm">
          {t('matchmaking.backToEvent')}
        </Anchor>
        {data.isOrganiser && (
          <Anchor component={Link} to={`/app/events/${event.id}/scheduler`} size="sm">
            {t('matchmaking.page.openScheduler')}
          </Anchor>
        )}
      </Group>
      <WorkspaceTitle description={t('matchmaking.page.zones', { zone: event.timeZone, yourZone: viewerZone() })}>{t('matchmaking.page.title', { event: event.title })}</WorkspaceTitle>
      {!event.matchmakingEnabled ? (
        <Text>{t('matchmaking.page.notEnabled')}</Text>
      ) : !registration ? (
        <Stack gap="xs">
          <Text>{t('matchmaking.page.notRegistered')}</Text>
          <Anchor component={Link} to={`/app/events/${event.id}`}>
            {t('matchmaking.page.register')}
          </Anchor>
        </Stack>
      ) : (
        <Stack gap="md">
          {!confirmed && (
            <Alert color="blue" title={t('matchmaking.page.notConfirmedTitle')}>
              <Text size="sm">{live ? t('matchmaking.page.notConfirmed') : t('matchmaking.page.closedRegistration')}</Text>
            </Alert>
          )}
          {confirmed && (
            <>
              <Text size="sm">
                {t('matchmaking.page.caps', { sent: data.requestsSent, maxRequests: event.maxRequestsPerPerson, meetings: data.meetings, maxMeetings: event.maxMeetingsPerPerson })}
              </Text>
              {sent && <SuccessAlert>{sent}</SuccessAlert>}
              <MyMeetings data={data} />
              <Requests data={data} />
              <Suggestions eventId={event.id} onRequest={(p) => setRequestFor([p])} />
              <Directory eventId={event.id} onRequest={(people) => setRequestFor(people)} />
            </>
          )}
          {live && (
            <>
              <ProfileForm data={data} profile={data.profile!} />
              <AvailabilityForm data={data} />
            </>
          )}
        </Stack>
      )}
      {requestFor && (
        <RequestModal
          eventId={event.id}
          initial={requestFor}
          onClose={() => setRequestFor(null)}
          onSent={(names) => {
            setRequestFor(null);
            setSent(t('matchmaking.request.sent', { names }));
          }}
        />
      )}
    </>
  );
}

/* ---- My meetings ---- */

function MyMeetings({ data }: { data: MyMatchmaking }) {
  const me = data.registration?.id ?? null;
  const meetings = [...data.sent, ...data.received]
    .filter((r) => r.status === 'accepted')
    .sort((a, b) => (a.slot?.startsAt ?? '9999').localeCompare(b.slot?.startsAt ?? '9999') || a.createdAt.localeCompare(b.createdAt));
  const unavailable = new Set(data.unavailableSlotIds);
  return (
    <Section title={t('matchmaking.meetings.title', { count: meetings.length })}>
      {meetings.length === 0 ? (
        <Text size="sm">{t('matchmaking.meetings.none')}</Text>
      ) : (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {meetings.map((m) => (
            <Paper component="li" key={m.id} withBorder p="sm" radius="sm">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {t('matchmaking.meetings.with', { names: listOf(othersOf(m, me).map(personLabel)) })}
              </Text>
              {m.slot ? (
                <>
                  <Text size="sm">{slotInBothZones(m.slot, data.event.timeZone)}</Text>
                  <Text size="sm">{t('matchmaking.meetings.table', { table: m.table?.name ?? '—' })}</Text>
                  {unavailable.has(m.slot.id) && (
                    <Text size="sm" c="orange.9">
                      {t('matchmaking.meetings.clash')}
                    </Text>
                  )}
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  {m.publishedAt ? t('matchmaking.meetings.notFitted') : t('matchmaking.meetings.notPublished')}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Section>
  );
}

/* ---- Requests sent and received ---- */

function Requests({ data }: { data: MyMatchmaking }) {
  const me = data.registration?.id ?? null;
  const [declining, setDeclining] = useState<MeetingRequest | null>(null);
  const [cancelling, setCancelling] = useState<MeetingRequest | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = useRefresh(data.event.id);
  const accept = useMutation({
    mutationFn: async (request: MeetingRequest) =>
      unwrap(await api.POST('/api/v1/events/{eventId}/meeting-requests/{requestId}/accept', { params: { path: { eventId: data.event.id, requestId: request.id } } })),
    onSuccess: async (result) => {
      await refresh();
      setDone(result.status === 'accepted' ? t('matchmaking.request.acceptedAll') : t('matchmaking.request.acceptedWaiting'));
    },
  });
  const received = [...data.received].sort((a, b) => Number(b.canRespond) - Number(a.canRespond));
  const requesterOf = (r: MeetingRequest) => r.participants.find((p) => p.response === 'requester') ?? r.participants[0]!;
  return (
    <Section title={t('matchmaking.requests.title')}>
      <Stack gap="sm">
        {done && <SuccessAlert>{done}</SuccessAlert>}
        <FormAlert error={accept.error} />
        <Text fw={600}>{t('matchmaking.requests.received', { count: received.length })}</Text>
        {received.length === 0 ? (
          <Text size="sm">{t('matchmaking.requests.noneReceived')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {received.map((r) => {
              const from = requesterOf(r);
              const who = from.organisationName;
              return (
                <Paper component="li" key={r.id} withBorder p="sm" radius="sm">
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Text fw={600} style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
                      {t('matchmaking.requests.from', { person: personLabel(from) })}
                    </Text>
                    <RequestStatusBadge status={r.status} />
                  </Group>
                  {r.message && <MultilineText>{r.message}</MultilineText>}
                  <ParticipantResponses request={r} />
                  {r.canRespond && (
                    <Group gap="xs" mt="xs">
                      <Button size="sm" {...wrappingButton} loading={accept.isPending && accept.variables?.id === r.id} onClick={() => accept.mutate(r)}>
                        {t('matchmaking.request.accept', { name: who })}
                      </Button>
                      <Button size="sm" {...wrappingButton} variant="outline" color="red.9" onClick={() => setDeclining(r)}>
                        {t('matchmaking.request.decline', { name: who })}
                      </Button>
                    </Group>
                  )}
                </Paper>
              );
            })}
          </Stack>
        )}
        <Text fw={600}>{t('matchmaking.requests.sent', { count: data.sent.length })}</Text>
        {data.sent.length === 0 ? (
          <Text size="sm">{t('matchmaking.requests.noneSent')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {data.sent.map((r) => (
              <Paper component="li" key={r.id} withBorder p="sm" radius="sm">
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Text fw={600} style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
                    {t('matchmaking.requests.to', { names: listOf(othersOf(r, me).map(personLabel)) })}
                  </Text>
                  <RequestStatusBadge status={r.status} />
                </Group>
                {r.message && <MultilineText>{r.message}</MultilineText>}
                <ParticipantResponses request={r} />
                {r.canCancel && (
                  <Button size="sm" {...wrappingButton} mt="xs" variant="outline" color="gray.8" onClick={() => setCancelling(r)}>
                    {r.status === 'accepted'
                      ? t('matchmaking.request.cancelMeeting', { names: listOf(othersOf(r, me).map((p) => p.organisationName)) })
                      : t('matchmaking.request.cancel', { names: listOf(othersOf(r, me).map((p) => p.organisationName)) })}
                  </Button>
                )}
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
      {declining && (
        <DeclineModal
          eventId={data.event.id}
          request={declining}
          name={requesterOf(declining).organisationName}
          onClose={() => setDeclining(null)}
          onDone={() => {
            setDeclining(null);
            setDone(t('matchmaking.request.declinedDone'));
          }}
        />
      )}
      {cancelling && (
        <CancelModal
          eventId={data.event.id}
          request={cancelling}
          names={listOf(othersOf(cancelling, me).map(personLabel))}
          onClose={() => setCancelling(null)}
          onDone={() => {
            setCancelling(null);
            setDone(t('matchmaking.request.cancelledDone'));
          }}
        />
      )}
    </Section>
  );
}

function DeclineModal({ eventId, request, name, onClose, onDone }: { eventId: string; request: MeetingRequest; name: string; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const refresh = useRefresh(eventId);
  const decline = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/events/{eventId}/meeting-requests/{requestId}/decline', { params: { path: { eventId, requestId: request.id } }, body: { reason } })),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    decline.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} title={t('matchmaking.request.declineTitle', { name })}>
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={decline.error} />
          <Textarea label={t('matchmaking.request.declineReason')} autosize minRows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" color="red.9" loading={decline.isPending}>
              {t('matchmaking.request.declineConfirm')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

function CancelModal({ eventId, request, names, onClose, onDone }: { eventId: string; request: MeetingRequest; names: string; onClose: () => void; onDone: () => void }) {
  const refresh = useRefresh(eventId);
  const cancel = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/events/{eventId}/meeting-requests/{requestId}/cancel', { params: { path: { eventId, requestId: request.id } } })),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  return (
    <WorkspaceModal opened onClose={onClose} title={request.status === 'accepted' ? t('matchmaking.request.cancelMeetingTitle') : t('matchmaking.request.cancelTitle')}>
      <Stack>
        <Text size="sm">{t('matchmaking.request.cancelBody', { names })}</Text>
        <FormAlert error={cancel.error} />
        <ModalActions onCancel={onClose}>
          <Button color="red.9" loading={cancel.isPending} onClick={() => cancel.mutate()}>
            {t('matchmaking.request.cancelConfirm')}
          </Button>
        </ModalActions>
      </Stack>
    </WorkspaceModal>
  );
}

/* ---- Suggestions and the participant list ---- */

function Suggestions({ eventId, onRequest }: { eventId: string; onRequest: (p: Person) => void }) {
  const suggestions = useQuery({
    queryKey: suggestionsKey(eventId),
    queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}/matchmaking/suggestions', { params: { path: { eventId }, query: { limit: 10 } } })).items,
  });
  return (
    <Section title={t('matchmaking.suggestions.title')}>
      <Text size="sm" c="dimmed" mb="xs">
        {t('matchmaking.suggestions.intro')}
      </Text>
      {suggestions.isPending ? (
        <InlineLoader />
      ) : suggestions.isError ? (
        <PageError error={suggestions.error} />
      ) : suggestions.data.length === 0 ? (
        <Text size="sm">{t('matchmaking.suggestions.none')}</Text>
      ) : (
        <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('matchmaking.suggestions.listLabel')}>
          {suggestions.data.map((s, index) => (
            <Paper component="li" key={s.registrationId} withBorder p="sm" radius="sm">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {t('matchmaking.suggestions.rank', { rank: index + 1, person: personLabel(s) })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('matchmaking.suggestions.typeAndScore', { type: participantTypeLabel(s.participantType), score: s.score })}
              </Text>
              <Box component="ul" mt={4} mb={0} pl="md">
                {s.reasons.map((reason) => (
                  <Text component="li" size="sm" key={reason.text} style={{ overflowWrap: 'anywhere' }}>
                    {reason.text}
                  </Text>
                ))}
              </Box>
              {s.hasOpenRequest ? (
                <Text size="sm" mt="xs">
                  {t('matchmaking.suggestions.alreadyRequested')}
                </Text>
              ) : (
                <Button size="sm" mt="xs" variant="outline" onClick={() => onRequest(s)} {...wrappingButton}>
                  {t('matchmaking.request.with', { organisation: s.organisationName, name: s.name })}
                </Button>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function useParticipants(eventId: string) {
  return useQuery({
    queryKey: participantsKey(eventId),
    queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}/matchmaking/participants', { params: { path: { eventId } } })).items,
    staleTime: 60_000,
  });
}

const DIRECTORY_SHOWN = 20;

/** Every confirmed participant, searchable: to request a meeting with someone not suggested, or a group meeting. */
function Directory({ eventId, onRequest }: { eventId: string; onRequest: (people: Person[]) => void }) {
  const participants = useParticipants(eventId);
  const [search, setSearch] = useState('');
  const matches = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    return (participants.data ?? []).filter((p) => words.every((w) => `${p.name} ${p.organisationName} ${p.offers} ${p.seeks}`.toLowerCase().includes(w)));
  }, [participants.data, search]);
  return (
    <Section
      title={t('matchmaking.directory.title')}
      actions={
        <Button size="sm" variant="light" onClick={() => onRequest([])}>
          {t('matchmaking.directory.group')}
        </Button>
      }
    >
      {participants.isPending ? (
        <InlineLoader />
      ) : participants.isError ? (
        <PageError error={participants.error} />
      ) : (
        <Stack gap="xs">
          <TextInput label={t('matchmaking.directory.search')} description={t('matchmaking.directory.searchHint')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} type="search" />
          <Text size="sm" role="status">
            {t('matchmaking.directory.count', { shown: Math.min(matches.length, DIRECTORY_SHOWN), count: matches.length })}
          </Text>
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {matches.slice(0, DIRECTORY_SHOWN).map((p) => (
              <Paper component="li" key={p.registrationId} withBorder p="sm" radius="sm">
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {personLabel(p)}
                </Text>
                <Text size="sm" c="dimmed">
                  {participantTypeLabel(p.participantType)}
                </Text>
                {p.offers && <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>{t('matchmaking.directory.offers', { offers: p.offers })}</Text>}
                {p.seeks && <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>{t('matchmaking.directory.seeks', { seeks: p.seeks })}</Text>}
                <Button size="sm" mt="xs" variant="outline" onClick={() => onRequest([p])} {...wrappingButton}>
                  {t('matchmaking.request.with', { organisation: p.organisationName, name: p.name })}
                </Button>
              </Paper>
            ))}
          </Stack>
        </Stack>
      )}
    </Section>
  );
}

/** A meeting request: the people invited (one for a one-to-one meeting, several for a group meeting) and a message. */
function RequestModal({ eventId, initial, onClose, onSent }: { eventId: string; initial: Person[]; onClose: () => void; onSent: (names: string) => void }) {
  const participants = useParticipants(eventId);
  const [invitees, setInvitees] = useState(initial.map((p) => p.registrationId));
  const [message, setMessage] = useState('');
  const refresh = useRefresh(eventId);
  const known = useMemo(() => new Map([...initial, ...(participants.data ?? [])].map((p) => [p.registrationId, p])), [initial, participants.data]);
  const send = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/events/{eventId}/meeting-requests', { params: { path: { eventId } }, body: { inviteeRegistrationIds: invitees, message } })),
    onSuccess: async () => {
      await refresh();
      onSent(listOf(invitees.map((id) => known.get(id)).filter((p) => p !== undefined).map(personLabel)));
    },
  });
  const errors = fieldErrorsOf(send.error);
  const options = [...known.values()].map((p) => ({ value: p.registrationId, label: personLabel(p) }));
  function submit(e: FormEvent) {
    e.preventDefault();
    send.mutate();
  }
  const title = initial.length === 1 ? t('matchmaking.request.titleWith', { organisation: initial[0]!.organisationName }) : t('matchmaking.request.title');
  return (
    <WorkspaceModal opened onClose={onClose} title={title}>
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={send.error} />
          <MultiSelect
            label={t('matchmaking.request.invitees')}
            description={t('matchmaking.request.inviteesHint')}
            data={options}
            value={invitees}
            onChange={setInvitees}
            searchable
            maxValues={9}
            nothingFoundMessage={t('matchmaking.request.nobodyFound')}
            error={errors.inviteeRegistrationIds}
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea
            label={t('matchmaking.request.message')}
            description={t('matchmaking.request.messageHint')}
            autosize
            minRows={3}
            maxLength={2000}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            error={errors.message}
          />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={send.isPending} disabled={invitees.length === 0}>
              {t('matchmaking.request.send')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

/* ---- Profile and availability ---- */

function ProfileForm({ data, profile }: { data: MyMatchmaking; profile: Profile }) {
  const framework = useFramework();
  const [offers, setOffers] = useState(profile.offers);
  const [seeks, setSeeks] = useState(profile.seeks);
  const [focusAreaIds, setFocusAreaIds] = useState(profile.focusAreaIds);
  const [saved, setSaved] = useState(false);
  const refresh = useRefresh(data.event.id);
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PUT('/api/v1/events/{eventId}/matchmaking/profile', { params: { path: { eventId: data.event.id } }, body: { offers, seeks, focusAreaIds } })),
    onSuccess: async (result) => {
      await refresh(result);
      setSaved(true);
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  }
  return (
    <Section title={t('matchmaking.profile.title')}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('matchmaking.profile.intro')}
          </Text>
          {saved && <SuccessAlert>{t('matchmaking.profile.saved')}</SuccessAlert>}
          <FormAlert error={save.error} />
          <Textarea label={t('matchmaking.profile.offers')} description={t('matchmaking.profile.itemsHint')} autosize minRows={3} maxLength={5000} value={offers} onChange={(e) => setOffers(e.currentTarget.value)} error={errors.offers} />
          <Textarea label={t('matchmaking.profile.seeks')} description={t('matchmaking.profile.itemsHint')} autosize minRows={3} maxLength={5000} value={seeks} onChange={(e) => setSeeks(e.currentTarget.value)} error={errors.seeks} />
          <Checkbox.Group label={t('matchmaking.profile.focusAreas')} value={focusAreaIds} onChange={setFocusAreaIds} error={errors.focusAreaIds}>
            <Stack gap={6} mt={6}>
              {(framework.data?.focusAreas ?? []).map((area) => (
                <Checkbox key={area.id} value={area.id} label={area.name} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Button type="submit" loading={save.isPending} w="fit-content">
            {t('matchmaking.profile.save')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function AvailabilityForm({ data }: { data: MyMatchmaking }) {
  const [unavailable, setUnavailable] = useState(data.unavailableSlotIds);
  const [saved, setSaved] = useState(false);
  const refresh = useRefresh(data.event.id);
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PUT('/api/v1/events/{eventId}/matchmaking/availability', { params: { path: { eventId: data.event.id } }, body: { unavailableSlotIds: unavailable } })),
    onSuccess: async (result) => {
      await refresh(result);
      setSaved(true);
    },
  });
  const zone = data.event.timeZone;
  const days = useMemo(() => {
    const byDay = new Map<string, MyMatchmaking['slots']>();
    for (const slot of data.slots) byDay.set(dayIn(slot.startsAt, zone), [...(byDay.get(dayIn(slot.startsAt, zone)) ?? []), slot]);
    return [...byDay];
  }, [data.slots, zone]);
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  }
  return (
    <Section title={t('matchmaking.availability.title')}>
      {data.slots.length === 0 ? (
        <Text size="sm">{t('matchmaking.availability.noSlots')}</Text>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {saved && <SuccessAlert>{t('matchmaking.availability.saved')}</SuccessAlert>}
            <FormAlert error={save.error} />
            <Checkbox.Group label={t('matchmaking.availability.label')} description={t('matchmaking.availability.hint', { zone })} value={unavailable} onChange={setUnavailable}>
              <Stack gap="sm" mt="xs">
                {days.map(([day, slots]) => (
                  <Box key={day}>
                    <Text size="sm" fw={600}>
                      {day}
                    </Text>
                    <Stack gap={6} mt={4}>
                      {slots.map((slot) => (
                        <Checkbox key={slot.id} value={slot.id} label={slotInBothZones(slot, zone, { withDay: false })} />
                      ))}
                    </Stack>
                  </Box>
                ))}
              </Stack>
            </Checkbox.Group>
            <Button type="submit" loading={save.isPending} w="fit-content">
              {t('matchmaking.availability.save')}
            </Button>
          </Stack>
        </form>
      )}
    </Section>
  );
}
