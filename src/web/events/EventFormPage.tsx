import { Anchor, Button, Checkbox, Group, NativeSelect, NumberInput, Paper, Radio, SimpleGrid, Stack, Switch, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, textOrNull, WorkspaceTitle } from '../workspace/forms.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { canCreateEvents, eventKey, eventKinds, eventsKey, kindLabel, type EventDetail, type EventKind } from './shared.js';
import { timeZoneOptions, viewerTimeZone } from './zonedTime.js';

/** `/app/events/new`: an organiser creates an event or mission (a draft until published). */
export function NewEventPage() {
  const actor = useActor();
  return (
    <>
      <WorkspaceTitle description={t('events.form.newDescription')}>{t('events.form.newTitle')}</WorkspaceTitle>
      {canCreateEvents(actor) ? <EventForm event={null} /> : <Text>{t('events.form.notOrganiser')}</Text>}
    </>
  );
}

/** `/app/events/:eventId/edit`: its organisers change it. */
export function EditEventPage() {
  const { eventId = '' } = useParams();
  const event = useQuery({ queryKey: eventKey(eventId), queryFn: async () => unwrap(await api.GET('/api/v1/events/{eventId}', { params: { path: { eventId } } })) });
  if (event.isPending) return <PageLoader />;
  if (event.isError) return <PageError error={event.error} onRetry={() => event.refetch()} />;
  return (
    <>
      <WorkspaceTitle description={event.data.title}>{t('events.form.editTitle')}</WorkspaceTitle>
      {event.data.canEdit ? (
        <EventForm event={event.data} />
      ) : (
        <Stack gap="xs">
          <Text>{event.data.isOrganiser ? t('events.form.closed') : t('events.form.notYourEvent')}</Text>
          <Anchor component={Link} to={`/app/events/${eventId}`}>
            {t('events.backToEvent')}
          </Anchor>
        </Stack>
      )}
    </>
  );
}

type ProjectChoice = { id: string; title: string; cityName: string };

const numberOrNull = (value: number | string): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function EventForm({ event }: { event: EventDetail | null }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<EventKind>(event?.kind ?? 'convening');
  const [title, setTitle] = useState(event?.title ?? '');
  const [summary, setSummary] = useState(event?.summary ?? '');
  const [description, setDescription] = useState(event?.description ?? '');
  const [timeZone, setTimeZone] = useState(event?.timeZone ?? viewerTimeZone());
  const [startsAt, setStartsAt] = useState(event?.localStartsAt ?? '');
  const [endsAt, setEndsAt] = useState(event?.localEndsAt ?? '');
  const [venue, setVenue] = useState(event?.venue ?? '');
  const [onlineUrl, setOnlineUrl] = useState(event?.onlineUrl ?? '');
  const [capacity, setCapacity] = useState<number | string>(event?.capacity ?? '');
  const [registrationMode, setRegistrationMode] = useState(event?.registrationMode ?? 'open');
  const [approvalRequired, setApprovalRequired] = useState(event?.approvalRequired ?? false);
  const [registrationClosesAt, setRegistrationClosesAt] = useState(event?.localRegistrationClosesAt ?? '');
  const [visibility, setVisibility] = useState(event?.visibility ?? 'partnership');
  const [projects, setProjects] = useState<ProjectChoice[]>(event?.projects.map((p) => ({ id: p.id, title: p.title, cityName: p.cityName })) ?? []);
  const [challenges, setChallenges] = useState<string[]>(event?.challenges ?? []);
  const [matchmakingEnabled, setMatchmaking] = useState(event?.matchmakingEnabled ?? false);
  const [maxRequests, setMaxRequests] = useState<number | string>(event?.maxRequestsPerPerson ?? 10);
  const [maxMeetings, setMaxMeetings] = useState<number | string>(event?.maxMeetingsPerPerson ?? 8);
  const [missionObjectives, setObjectives] = useState(event?.missionObjectives ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        kind,
        title,
        summary,
        description,
        timeZone,
        startsAt,
        endsAt,
        venue,
        onlineUrl: textOrNull(onlineUrl),
        capacity: numberOrNull(capacity),
        registrationMode,
        approvalRequired,
        registrationClosesAt: registrationClosesAt || null,
        visibility,
        projectIds: projects.map((p) => p.id),
        challenges,
        matchmakingEnabled,
        maxRequestsPerPerson: numberOrNull(maxRequests) ?? 10,
        maxMeetingsPerPerson: numberOrNull(maxMeetings) ?? 8,
        missionObjectives,
      };
      if (!event) return unwrap(await api.POST('/api/v1/events', { body }));
      // The kind changes only while a draft; send it only when it changed.
      const { kind: _kind, ...rest } = body;
      return unwrap(await api.PATCH('/api/v1/events/{eventId}', { params: { path: { eventId: event.id } }, body: kind === event.kind ? rest : body }));
    },
    onSuccess: async (saved) => {
      const { message, ...detail } = { message: null as string | null, ...saved };
      queryClient.setQueryData(eventKey(saved.id), detail);
      await queryClient.invalidateQueries({ queryKey: eventsKey });
      // Raising the capacity may have given places to the waiting list: the event's page says so.
      navigate(`/app/events/${saved.id}`, { state: { message: message ?? t(event ? 'events.form.saved' : 'events.form.created') } });
    },
    onError: (error) => setProblems(fieldErrorsOf(error)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (title.trim().length < 3) found.title = t('events.form.titleRequired');
    if (!startsAt) found.startsAt = t('events.form.timeRequired');
    if (!endsAt) found.endsAt = t('events.form.timeRequired');
    if (startsAt && endsAt && endsAt <= startsAt) found.endsAt = t('events.form.endAfterStart');
    setProblems(found);
    if (Object.keys(found).length === 0) save.mutate();
  }

  const mission = kind === 'trade_mission';
  const zoneHint = t('events.form.localTimeHint', { zone: timeZone });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={820}>
        <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="fieldset" m={0}>
          <Title order={2} size="h4" component="legend" px={4}>
            {t('events.form.about')}
          </Title>
          <Stack gap="sm">
            <NativeSelect
              label={t('events.form.kind')}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as EventKind)}
              data={eventKinds.map((value) => ({ value, label: kindLabel(value) }))}
              disabled={event !== null && event.status !== 'draft'}
              description={event !== null && event.status !== 'draft' ? t('events.form.kindFixed') : undefined}
              error={problems.kind}
            />
            <TextInput label={t('events.form.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={problems.title} maxLength={300} />
            <Textarea label={t('events.form.summary')} description={t('events.form.summaryHint')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={problems.summary} autosize minRows={2} maxLength={1000} />
            <Textarea label={t('events.form.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={problems.description} autosize minRows={4} />
            {mission && (
              <Textarea
                label={t('events.form.missionObjectives')}
                description={t('events.form.missionObjectivesHint')}
                value={missionObjectives}
                onChange={(e) => setObjectives(e.currentTarget.value)}
                error={problems.missionObjectives}
                autosize
                minRows={3}
              />
            )}
            <TagsInput label={t('events.form.challenges')} description={t('events.form.challengesHint')} value={challenges} onChange={setChallenges} error={problems.challenges} maxTags={30} />
          </Stack>
        </Paper>

        <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="fieldset" m={0}>
          <Title order={2} size="h4" component="legend" px={4}>
            {t('events.form.whenWhere')}
          </Title>
          <Stack gap="sm">
            <NativeSelect
              label={t('events.form.timeZone')}
              description={t('events.form.timeZoneHint')}
              value={timeZone}
              onChange={(e) => setTimeZone(e.currentTarget.value)}
              data={timeZoneOptions(timeZone)}
              error={problems.timeZone}
              required
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput type="datetime-local" label={t('events.form.startsAt')} description={zoneHint} required value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value.slice(0, 16))} error={problems.startsAt} />
              <TextInput type="datetime-local" label={t('events.form.endsAt')} description={zoneHint} required value={endsAt} onChange={(e) => setEndsAt(e.currentTarget.value.slice(0, 16))} error={problems.endsAt} />
            </SimpleGrid>
            <Textarea label={t('events.form.venue')} description={t('events.form.venueHint')} value={venue} onChange={(e) => setVenue(e.currentTarget.value)} error={problems.venue} autosize minRows={2} />
            <TextInput label={t('events.form.onlineUrl')} description={t('events.form.onlineUrlHint')} type="url" placeholder="https://" value={onlineUrl} onChange={(e) => setOnlineUrl(e.currentTarget.value)} error={problems.onlineUrl} />
          </Stack>
        </Paper>

        <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="fieldset" m={0}>
          <Title order={2} size="h4" component="legend" px={4}>
            {t('events.form.registration')}
          </Title>
          <Stack gap="sm">
            <Radio.Group label={t('events.form.visibility')} value={visibility} onChange={(value) => setVisibility(value as typeof visibility)} error={problems.visibility}>
              <Stack gap={6} mt={6}>
                <Radio value="public" label={t('events.visibility.public')} description={t('events.form.visibilityPublic')} />
                <Radio value="partnership" label={t('events.visibility.partnership')} description={t('events.form.visibilityPartnership')} />
              </Stack>
            </Radio.Group>
            <Radio.Group label={t('events.form.registrationMode')} value={registrationMode} onChange={(value) => setRegistrationMode(value as typeof registrationMode)} error={problems.registrationMode}>
              <Stack gap={6} mt={6}>
                <Radio value="open" label={t('events.form.modeOpen')} />
                <Radio value="invitation" label={t('events.form.modeInvitation')} description={t('events.form.modeInvitationHint')} />
              </Stack>
            </Radio.Group>
            <Checkbox label={t('events.form.approvalRequired')} description={t('events.form.approvalRequiredHint')} checked={approvalRequired} onChange={(e) => setApprovalRequired(e.currentTarget.checked)} />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NumberInput
                label={t('events.form.capacity')}
                description={t('events.form.capacityHint')}
                min={1}
                allowDecimal={false}
                allowNegative={false}
                value={capacity}
                onChange={setCapacity}
                error={problems.capacity}
              />
              <TextInput
                type="datetime-local"
                label={t('events.form.registrationClosesAt')}
                description={t('events.form.registrationClosesAtHint', { zone: timeZone })}
                value={registrationClosesAt}
                onChange={(e) => setRegistrationClosesAt(e.currentTarget.value.slice(0, 16))}
                error={problems.registrationClosesAt}
              />
            </SimpleGrid>
          </Stack>
        </Paper>

        <ProjectPicker projects={projects} onChange={setProjects} mission={mission} error={problems.projectIds ?? Object.entries(problems).find(([field]) => field.startsWith('projectIds.'))?.[1]} />

        <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="fieldset" m={0}>
          <Title order={2} size="h4" component="legend" px={4}>
            {t('events.form.matchmaking')}
          </Title>
          <Stack gap="sm">
            <Switch label={t('events.form.matchmakingEnabled')} description={t('events.form.matchmakingHint')} checked={matchmakingEnabled} onChange={(e) => setMatchmaking(e.currentTarget.checked)} />
            {matchmakingEnabled && (
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <NumberInput label={t('events.form.maxRequests')} min={1} max={500} allowDecimal={false} allowNegative={false} value={maxRequests} onChange={setMaxRequests} error={problems.maxRequestsPerPerson} />
                <NumberInput label={t('events.form.maxMeetings')} min={1} max={100} allowDecimal={false} allowNegative={false} value={maxMeetings} onChange={setMaxMeetings} error={problems.maxMeetingsPerPerson} />
              </SimpleGrid>
            )}
          </Stack>
        </Paper>

        <FormAlert error={save.error} />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            {event ? t('events.form.save') : t('events.form.create')}
          </Button>
          <Button component={Link} to={event ? `/app/events/${event.id}` : '/app/events'} variant="default">
            {t('workspace.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Linked SCAP projects: pick a city, then tick its projects (a mission is built from its delegation's). */
function ProjectPicker({ projects, onChange, mission, error }: { projects: ProjectChoice[]; onChange: (projects: ProjectChoice[]) => void; mission: boolean; error?: string }) {
  const [cityId, setCityId] = useState('');
  const cities = useQuery({ queryKey: ['cities', 'all'], queryFn: async () => unwrap(await api.GET('/api/v1/cities', { params: { query: {} } })).items, staleTime: 300_000 });
  const cityProjects = useQuery({
    queryKey: ['projects', 'city', cityId],
    queryFn: async () => unwrap(await api.GET('/api/v1/projects', { params: { query: { city: cityId, limit: 200 } } })).items,
    enabled: cityId !== '',
  });
  const chosen = new Set(projects.map((p) => p.id));
  const cityName = cities.data?.find((c) => c.id === cityId)?.name ?? '';
  const toggle = (project: { id: string; title: string }, on: boolean) =>
    onChange(on ? [...projects, { id: project.id, title: project.title, cityName }] : projects.filter((p) => p.id !== project.id));
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="fieldset" m={0}>
      <Title order={2} size="h4" component="legend" px={4}>
        {mission ? t('events.form.missionProjects') : t('events.form.projects')}
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {mission ? t('events.form.missionProjectsHint') : t('events.form.projectsHint')}
        </Text>
        {projects.length > 0 ? (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {projects.map((project) => (
              <Group key={project.id} component="li" gap="xs" justify="space-between" wrap="nowrap">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {project.title}
                  {project.cityName ? ` (${project.cityName})` : ''}
                </Text>
                <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" onClick={() => onChange(projects.filter((p) => p.id !== project.id))} aria-label={t('events.form.removeProject', { title: project.title })}>
                  {t('events.form.remove')}
                </Button>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text size="sm">{t('events.form.noProjects')}</Text>
        )}
        {error && (
          <Text size="sm" c="red.9" role="alert">
            {error}
          </Text>
        )}
        <NativeSelect
          label={t('events.form.projectCity')}
          value={cityId}
          onChange={(e) => setCityId(e.currentTarget.value)}
          data={[{ value: '', label: t('workspace.choose') }, ...(cities.data ?? []).map((city) => ({ value: city.id, label: city.name }))]}
          w={{ base: '100%', xs: 320 }}
        />
        {cityId && cityProjects.isPending && <Text size="sm">{t('app.loading')}</Text>}
        {cityProjects.isError && <PageError error={cityProjects.error} onRetry={() => cityProjects.refetch()} />}
        {cityId && cityProjects.data && (
          cityProjects.data.length === 0 ? (
            <Text size="sm">{t('events.form.cityHasNoProjects', { city: cityName })}</Text>
          ) : (
            <Stack gap={6} role="group" aria-label={t('events.form.cityProjects', { city: cityName })}>
              {cityProjects.data.map((project) => (
                <Checkbox key={project.id} label={project.title} checked={chosen.has(project.id)} onChange={(e) => toggle(project, e.currentTarget.checked)} />
              ))}
            </Stack>
          )
        )}
      </Stack>
    </Paper>
  );
}
