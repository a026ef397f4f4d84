import { Alert, Anchor, Badge, Box, Button, Checkbox, CopyButton, Group, NativeSelect, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';
import { PageError } from '../app/pages.js';
import { dealPath, emptyMoney, MoneyFields, moneyBody, stageLabel, type MoneyDraft } from '../deals/shared.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { fieldErrorsOf, formatDate, formatDateTime, FormAlert, InlineLoader, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { DualTime, viewerTimeZone } from './time.js';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
type Agenda = Ok<paths['/api/v1/agenda']['get']>;
type Entry = Agenda['upcoming'][number];
type Meeting = NonNullable<Entry['meeting']>;

const agendaKey = ['agenda'];
const feedKey = ['agenda-feed'];

/** `/app/agenda`: the person's sessions and meetings, the calendar download and subscription link, and meeting outcomes. */
export function AgendaPage() {
  const agenda = useQuery({ queryKey: agendaKey, queryFn: async () => unwrap(await api.GET('/api/v1/agenda')) });
  const [saved, setSaved] = useState<{ lead: { id: string; title: string } | null } | null>(null);
  useScrollToHash(agenda.isSuccess);
  return (
    <>
      <WorkspaceTitle description={t('calendar.page.description', { zone: viewerTimeZone() })}>{t('calendar.page.title')}</WorkspaceTitle>
      <Stack gap="md">
        <CalendarSection />
        {saved && (
          <SuccessAlert title={t('calendar.outcome.saved')}>
            {saved.lead ? (
              <>
                {t('calendar.outcome.leadSaved')}{' '}
                <Anchor component={Link} to={dealPath(saved.lead.id)}>
                  {saved.lead.title}
                </Anchor>
              </>
            ) : (
              t('calendar.outcome.savedBody')
            )}
          </SuccessAlert>
        )}
        {agenda.isPending ? (
          <InlineLoader />
        ) : agenda.isError ? (
          <PageError error={agenda.error} onRetry={() => agenda.refetch()} />
        ) : (
          <>
            <Section title={t('calendar.upcoming.title')}>
              <EntryList entries={agenda.data.upcoming} empty={t('calendar.upcoming.none')} onSaved={setSaved} />
            </Section>
            <Section title={t('calendar.past.title')}>
              <EntryList entries={agenda.data.past} empty={t('calendar.past.none')} onSaved={setSaved} />
            </Section>
          </>
        )}
      </Stack>
    </>
  );
}

/** Links from calendar apps point at #meeting-<id>: bring that meeting into view once the agenda is there. */
function useScrollToHash(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [ready, hash]);
}

/* ---- Download and subscription ---- */

function CalendarSection() {
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: feedKey, queryFn: async () => unwrap(await api.GET('/api/v1/agenda/feed')) });
  const [created, setCreated] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'rotate' | 'revoke' | null>(null);
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/agenda/feed')),
    onSuccess: async (data) => {
      setCreated(data.url);
      setConfirming(null);
      await queryClient.invalidateQueries({ queryKey: feedKey });
    },
  });
  const revoke = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/agenda/feed')),
    onSuccess: async () => {
      setCreated(null);
      setConfirming(null);
      await queryClient.invalidateQueries({ queryKey: feedKey });
    },
  });
  const active = feed.data?.active ?? false;
  return (
    <Section title={t('calendar.export.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('calendar.export.downloadIntro')}</Text>
        <Button component="a" href="/api/v1/agenda.ics" download="mitra-agenda.ics" variant="outline" w="fit-content">
          {t('calendar.export.download')}
        </Button>
        <Title order={3} size="h5" mt="xs">
          {t('calendar.feed.title')}
        </Title>
        <Text size="sm">{t('calendar.feed.intro')}</Text>
        {feed.isPending ? (
          <InlineLoader />
        ) : feed.isError ? (
          <PageError error={feed.error} onRetry={() => feed.refetch()} />
        ) : (
          <Text size="sm" fw={500}>
            {active && feed.data.createdAt ? t('calendar.feed.active', { date: formatDate(feed.data.createdAt) }) : t('calendar.feed.none')}
          </Text>
        )}
        <FormAlert error={create.error ?? revoke.error} />
        {created && <NewFeedLink url={created} onDone={() => setCreated(null)} />}
        <Group gap="sm">
          {!active ? (
            <Button onClick={() => create.mutate()} loading={create.isPending} disabled={feed.isPending}>
              {t('calendar.feed.create')}
            </Button>
          ) : (
            <>
              <Button variant="outline" onClick={() => setConfirming('rotate')}>
                {t('calendar.feed.rotate')}
              </Button>
              <Button variant="outline" color="red.9" onClick={() => setConfirming('revoke')}>
                {t('calendar.feed.revoke')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
      {confirming && (
        <WorkspaceModal opened onClose={() => setConfirming(null)} title={confirming === 'rotate' ? t('calendar.feed.rotateTitle') : t('calendar.feed.revokeTitle')}>
          <Stack>
            <Text size="sm">{confirming === 'rotate' ? t('calendar.feed.rotateBody') : t('calendar.feed.revokeBody')}</Text>
            <ModalActions onCancel={() => setConfirming(null)}>
              {confirming === 'rotate' ? (
                <Button onClick={() => create.mutate()} loading={create.isPending}>
                  {t('calendar.feed.rotateConfirm')}
                </Button>
              ) : (
                <Button color="red.9" onClick={() => revoke.mutate()} loading={revoke.isPending}>
                  {t('calendar.feed.revokeConfirm')}
                </Button>
              )}
            </ModalActions>
          </Stack>
        </WorkspaceModal>
      )}
    </Section>
  );
}

/** The link, shown once (Mitra keeps only its hash), with a copy button and how to use it. */
function NewFeedLink({ url, onDone }: { url: string; onDone: () => void }) {
  return (
    <Alert color="blue" title={t('calendar.feed.newTitle')} role="status" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
      <Stack gap="xs">
        <TextInput label={t('calendar.feed.urlLabel')} value={url} readOnly onFocus={(e) => e.currentTarget.select()} styles={{ input: { fontFamily: 'monospace' } }} />
        <Group gap="sm">
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="compact-md" onClick={copy}>
                {copied ? t('calendar.feed.copied') : t('calendar.feed.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="compact-md" variant="default" onClick={onDone}>
            {t('calendar.feed.hide')}
          </Button>
        </Group>
        <Text size="sm">{t('calendar.feed.onceOnly')}</Text>
        <Box component="ul" my={0} pl="md">
          <Text component="li" size="sm">
            {t('calendar.feed.howGoogle')}
          </Text>
          <Text component="li" size="sm">
            {t('calendar.feed.howOutlook')}
          </Text>
          <Text component="li" size="sm">
            {t('calendar.feed.howApple')}
          </Text>
        </Box>
        <Text size="sm" fw={500}>
          {t('calendar.feed.keepPrivate')}
        </Text>
      </Stack>
    </Alert>
  );
}

/* ---- Entries ---- */

type Saved = { lead: { id: string; title: string } | null };

function EntryList({ entries, empty, onSaved }: { entries: Entry[]; empty: string; onSaved: (saved: Saved) => void }) {
  if (entries.length === 0) return <Text size="sm">{empty}</Text>;
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {entries.map((entry) => (
        <EntryCard key={entry.uid} entry={entry} onSaved={onSaved} />
      ))}
    </Stack>
  );
}

const kindKeys: Record<NonNullable<Entry['agendaItemKind']>, MessageKey> = {
  session: 'calendar.kind.session',
  site_visit: 'calendar.kind.site_visit',
  briefing: 'calendar.kind.briefing',
  business_meetings: 'calendar.kind.business_meetings',
  travel: 'calendar.kind.travel',
  break: 'calendar.kind.break',
};
const entryKind = (entry: Entry) =>
  entry.type === 'meeting' ? t('calendar.kind.meeting') : entry.type === 'event' ? t('calendar.kind.event') : t(kindKeys[entry.agendaItemKind ?? 'session']);

const othersOf = (meeting: Meeting) =>
  meeting.participants
    .filter((p) => !p.isMe)
    .map((p) => t('calendar.meeting.person', { name: p.name, organisation: p.organisationName }))
    .join(', ');

function EntryCard({ entry, onSaved }: { entry: Entry; onSaved: (saved: Saved) => void }) {
  const [recording, setRecording] = useState(false);
  const cancelled = entry.status === 'cancelled';
  const meeting = entry.meeting;
  return (
    <Paper component="li" withBorder p="sm" radius="sm" id={meeting ? `meeting-${entry.id}` : undefined} bg={cancelled ? 'gray.0' : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Title order={3} size="h5" style={{ overflowWrap: 'anywhere', minWidth: 0, textDecoration: cancelled ? 'line-through' : undefined }}>
            {entry.title}
          </Title>
          <Group gap={4} justify="flex-end">
            <Badge variant="outline" color="gray.8" miw="max-content">
              {entryKind(entry)}
            </Badge>
            {cancelled && (
              <Badge color="red.9" miw="max-content">
                {t('calendar.status.cancelled')}
              </Badge>
            )}
          </Group>
        </Group>
        <DualTime startsAt={entry.startsAt} endsAt={entry.endsAt} eventZone={entry.timeZone} />
        {entry.location && <Text size="sm">{t('calendar.entry.where', { place: entry.location })}</Text>}
        {entry.onlineUrl && (
          <Text size="sm">
            {t('calendar.entry.online')}{' '}
            <Anchor href={entry.onlineUrl} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>
              {entry.onlineUrl}
            </Anchor>
          </Text>
        )}
        {entry.type !== 'event' && (
          <Text size="sm">
            {t('calendar.entry.event')}{' '}
            <Anchor component={Link} to={`/app/events/${entry.event.id}`}>
              {entry.event.title}
            </Anchor>
          </Text>
        )}
        {entry.speakers.length > 0 && <Text size="sm">{t('calendar.entry.speakers', { names: entry.speakers.join(', ') })}</Text>}
        {entry.description && !meeting && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
            {entry.description}
          </Text>
        )}
        {meeting && <MeetingDetails entry={entry} meeting={meeting} onRecord={() => setRecording(true)} />}
      </Stack>
      {recording && meeting && (
        <OutcomeModal
          entry={entry}
          meeting={meeting}
          onClose={() => setRecording(false)}
          onSaved={(saved) => {
            setRecording(false);
            onSaved(saved);
          }}
        />
      )}
    </Paper>
  );
}

function MeetingDetails({ entry, meeting, onRecord }: { entry: Entry; meeting: Meeting; onRecord: () => void }) {
  const mine = meeting.myOutcome;
  const others = othersOf(meeting);
  return (
    <>
      <Text size="sm">{t('calendar.meeting.participants', { names: meeting.participants.map((p) => t('calendar.meeting.person', { name: p.name, organisation: p.organisationName })).join(', ') })}</Text>
      {meeting.message && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {t('calendar.meeting.message', { message: meeting.message })}
        </Text>
      )}
      {mine.recordedAt && (
        <Text size="sm">
          {t(mine.happened ? 'calendar.outcome.recordedHappened' : 'calendar.outcome.recordedNotHappened', { date: formatDateTime(mine.recordedAt) })}
          {mine.outcome && ` ${mine.outcome}`}
        </Text>
      )}
      {meeting.deals.length > 0 && (
        <Text size="sm">
          {t('calendar.meeting.deals')}{' '}
          {meeting.deals.map((deal, index) => (
            <span key={deal.id}>
              {index > 0 && ', '}
              <Anchor component={Link} to={dealPath(deal.id)}>
                {deal.title}
              </Anchor>{' '}
              ({stageLabel(deal.stage)})
            </span>
          ))}
        </Text>
      )}
      {meeting.canRecordOutcome ? (
        <Button
          size="compact-md"
          variant={mine.recordedAt ? 'outline' : 'filled'}
          w="fit-content"
          maw="100%"
          onClick={onRecord}
          // The label names the other participants, which can be long: let it wrap on narrow screens.
          styles={{ root: { height: 'auto', minHeight: 30, paddingBlock: 4 }, label: { whiteSpace: 'normal', textAlign: 'left' } }}
        >
          {mine.recordedAt ? t('calendar.outcome.change', { names: others }) : t('calendar.outcome.record', { names: others })}
        </Button>
      ) : (
        entry.status === 'confirmed' &&
        !meeting.ended && (
          <Text size="sm" c="dimmed">
            {t('calendar.outcome.later')}
          </Text>
        )
      )}
    </>
  );
}

function OutcomeModal({ entry, meeting, onClose, onSaved }: { entry: Entry; meeting: Meeting; onClose: () => void; onSaved: (saved: Saved) => void }) {
  const queryClient = useQueryClient();
  const mine = meeting.myOutcome;
  const [happened, setHappened] = useState<'' | 'yes' | 'no'>(mine.happened === null ? '' : mine.happened ? 'yes' : 'no');
  const [outcome, setOutcome] = useState(mine.outcome);
  const [withLead, setWithLead] = useState(false);
  const [title, setTitle] = useState('');
  const [cityId, setCityId] = useState(meeting.leadCities.length === 1 ? meeting.leadCities[0]!.id : '');
  const [partnerId, setPartnerId] = useState(meeting.leadPartners.length === 1 ? meeting.leadPartners[0]!.id : '');
  const [value, setValue] = useState<MoneyDraft>(emptyMoney);
  const [missing, setMissing] = useState(false);
  const leadPossible = meeting.leadCities.length > 0 && meeting.leadPartners.length > 0;
  const others = othersOf(meeting);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/meetings/{requestId}/outcome', {
          params: { path: { requestId: meeting.requestId } },
          body: {
            happened: happened === 'yes',
            outcome,
            ...(withLead && happened === 'yes'
              ? {
                  lead: {
                    ...(title.trim() ? { title: title.trim() } : {}),
                    ...(cityId ? { cityId } : {}),
                    ...(partnerId ? { partnerOrganisationId: partnerId } : {}),
                    value: moneyBody(value),
                  },
                }
              : {}),
          },
        }),
      ),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: agendaKey });
      await queryClient.invalidateQueries({ queryKey: ['deals'] });
      onSaved({ lead: result.lead });
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!happened) {
      setMissing(true);
      return;
    }
    save.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} size="lg" title={t('calendar.outcome.title', { names: others })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('calendar.outcome.intro', { event: entry.event.title })}</Text>
          <FormAlert error={save.error} />
          <Radio.Group
            label={t('calendar.outcome.happened')}
            value={happened}
            onChange={(v) => {
              setHappened(v as 'yes' | 'no');
              setMissing(false);
            }}
            error={missing ? t('calendar.outcome.happenedRequired') : errors.happened}
            required
          >
            <Stack gap="xs" mt="xs">
              <Radio value="yes" label={t('calendar.outcome.happenedYes')} />
              <Radio value="no" label={t('calendar.outcome.happenedNo')} />
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('calendar.outcome.outcome')}
            description={t('calendar.outcome.outcomeHelp')}
            autosize
            minRows={3}
            maxLength={5000}
            value={outcome}
            onChange={(e) => setOutcome(e.currentTarget.value)}
            error={errors.outcome}
          />
          {happened === 'yes' &&
            (leadPossible ? (
              <Stack gap="sm">
                <Checkbox label={t('calendar.lead.create')} description={t('calendar.lead.createHelp')} checked={withLead} onChange={(e) => setWithLead(e.currentTarget.checked)} />
                {withLead && (
                  <Stack gap="sm" pl={{ base: 0, xs: 'md' }}>
                    <TextInput label={t('calendar.lead.title')} description={t('calendar.lead.titleHelp')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors['lead.title']} />
                    {meeting.leadCities.length > 1 && (
                      <NativeSelect
                        label={t('calendar.lead.city')}
                        value={cityId}
                        onChange={(e) => setCityId(e.currentTarget.value)}
                        data={[{ value: '', label: t('workspace.choose') }, ...meeting.leadCities.map((c) => ({ value: c.id, label: c.name }))]}
                        error={errors['lead.cityId']}
                        required
                      />
                    )}
                    {meeting.leadPartners.length > 1 && (
                      <NativeSelect
                        label={t('calendar.lead.partner')}
                        value={partnerId}
                        onChange={(e) => setPartnerId(e.currentTarget.value)}
                        data={[{ value: '', label: t('workspace.choose') }, ...meeting.leadPartners.map((p) => ({ value: p.id, label: p.name }))]}
                        error={errors['lead.partnerOrganisationId']}
                        required
                      />
                    )}
                    <MoneyFields label={t('calendar.lead.value')} value={value} onChange={setValue} errors={{ amount: errors['lead.value.amount'], currency: errors['lead.value.currency'] }} />
                  </Stack>
                )}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {t('calendar.lead.notPossible')}
              </Text>
            ))}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {t('calendar.outcome.save')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}
