import { Button, NativeSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client.js';
import type { SessionActor } from '../app/session.js';
import { t } from '../i18n/i18n.js';
import { formatDate, fieldErrorsOf, FormAlert } from '../workspace/forms.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { dealSources, dealsKey, dealStages, emptyMoney, MoneyFields, moneyBody, sourceLabel, stageLabel, type DealDetail, type DealSource, type DealStage, type MoneyDraft } from './shared.js';

/** Organisations that can be the partner side of a deal (as the server's deals module says). */
const partnerKinds = ['company', 'us_city', 'us_agency', 'ngo', 'academia', 'cyber_centre'];

export type DealPrefill = {
  source?: DealSource;
  eventId?: string;
  meetingRequestId?: string;
  cityId?: string;
  partnerOrganisationId?: string;
  partnerName?: string;
  investmentProjectId?: string;
  assistanceRequestId?: string;
};

/**
 * "Record a deal": prefilled with the viewer's own city or organisation, and with what it came from when
 * given (an event, a meeting, a company's interest in a pipeline project, an assistance request).
 */
export function DealFormModal({ actor, prefill, onClose, onSaved }: { actor: SessionActor; prefill: DealPrefill; onClose: () => void; onSaved: (deal: DealDetail) => void }) {
  const queryClient = useQueryClient();
  const ownCity = actor.organisation.kind === 'city_government' ? actor.organisation.cityId : null;
  const ownPartner = partnerKinds.includes(actor.organisation.kind) ? { value: actor.organisation.id, label: actor.organisation.name } : null;
  const [title, setTitle] = useState('');
  const [source, setSource] = useState<DealSource>(prefill.source ?? (prefill.meetingRequestId ? 'meeting' : prefill.eventId ? 'event' : 'other'));
  const [eventId, setEventId] = useState(prefill.eventId ?? '');
  const [meetingId, setMeetingId] = useState(prefill.meetingRequestId ?? '');
  const [cityId, setCityId] = useState(prefill.cityId ?? ownCity ?? '');
  const [partner, setPartner] = useState<{ value: string; label: string } | null>(
    prefill.partnerOrganisationId ? { value: prefill.partnerOrganisationId, label: prefill.partnerName ?? '' } : ownPartner,
  );
  const [projectId, setProjectId] = useState(prefill.investmentProjectId ?? '');
  const [requestId, setRequestId] = useState(prefill.assistanceRequestId ?? '');
  const [search, setSearch] = useState('');
  const [stage, setStage] = useState<DealStage>('lead');
  const [value, setValue] = useState<MoneyDraft>(emptyMoney);
  const [notes, setNotes] = useState('');

  const options = useQuery({
    queryKey: ['deals', 'form-options', cityId],
    queryFn: async () => unwrap(await api.GET('/api/v1/deals/form-options', { params: { query: { city: cityId || undefined } } })),
    placeholderData: (previous) => previous,
  });
  const cities = useQuery({ queryKey: ['cities', 'all'], queryFn: async () => unwrap(await api.GET('/api/v1/cities', { params: { query: {} } })).items });
  const [q] = useDebouncedValue(search.trim(), 300);
  const organisations = useQuery({
    queryKey: ['organisations', 'partners', q],
    queryFn: async () => unwrap(await api.GET('/api/v1/organisations', { params: { query: { q: q || undefined, limit: 50 } } })).items,
  });
  const partnerChoices = [
    ...(partner ? [partner] : []),
    ...(organisations.data ?? []).filter((o) => partnerKinds.includes(o.kind) && o.id !== partner?.value).map((o) => ({ value: o.id, label: o.name })),
  ];

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/deals', {
          body: {
            title,
            cityId,
            partnerOrganisationId: partner?.value ?? '',
            stage,
            value: moneyBody(value),
            source,
            eventId: source === 'mission' || source === 'event' ? eventId || null : null,
            meetingRequestId: source === 'meeting' ? meetingId || null : null,
            assistanceRequestId: source === 'assistance_request' ? requestId || null : null,
            investmentProjectId: projectId || null,
            notes,
          },
        }),
      ),
    onSuccess: async (deal) => {
      await queryClient.invalidateQueries({ queryKey: dealsKey });
      onSaved(deal);
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const events = options.data?.events ?? [];
  // Options of another city (still shown while the chosen city's load) are not offered.
  const cityOptions = options.data && options.data.cityId === (cityId || null) ? options.data : null;
  const requests = cityOptions?.assistanceRequests ?? [];
  const interestOnly = source === 'project_interest' && partner !== null;
  const projects = (cityOptions?.projects ?? []).filter((p) => !interestOnly || p.interestedOrganisationIds.includes(partner.value) || p.id === projectId);
  const missionEvents = source === 'mission' ? events.filter((e) => e.kind === 'trade_mission') : events;
  return (
    <WorkspaceModal opened onClose={onClose} size="lg" title={t('deals.form.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('deals.form.intro')}</Text>
          <FormAlert error={save.error} />
          <TextInput label={t('deals.field.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} maxLength={300} />
          <NativeSelect
            label={t('deals.field.source')}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value as DealSource)}
            data={dealSources.map((s) => ({ value: s, label: sourceLabel(s) }))}
            error={errors.source}
          />
          {(source === 'mission' || source === 'event') && (
            <NativeSelect
              label={source === 'mission' ? t('deals.field.mission') : t('deals.field.event')}
              description={t('deals.field.eventHelp')}
              required
              value={eventId}
              onChange={(e) => setEventId(e.currentTarget.value)}
              data={[{ value: '', label: t('workspace.choose') }, ...missionEvents.map((e) => ({ value: e.id, label: `${e.title} (${formatDate(e.startsAt)})` }))]}
              error={errors.eventId}
            />
          )}
          {source === 'meeting' && (
            <NativeSelect
              label={t('deals.field.meeting')}
              description={options.data && options.data.meetings.length === 0 ? t('deals.field.noMeetings') : undefined}
              required
              value={meetingId}
              onChange={(e) => setMeetingId(e.currentTarget.value)}
              data={[
                { value: '', label: t('workspace.choose') },
                ...(options.data?.meetings ?? []).map((m) => ({ value: m.id, label: t('deals.field.meetingOption', { event: m.eventTitle, names: m.with.join(', '), date: formatDate(m.startsAt) }) })),
              ]}
              error={errors.meetingRequestId}
            />
          )}
          <NativeSelect
            label={t('deals.field.city')}
            required
            value={cityId}
            onChange={(e) => {
              setCityId(e.currentTarget.value);
              setProjectId('');
              setRequestId('');
            }}
            data={[{ value: '', label: t('workspace.choose') }, ...(cities.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
            error={errors.cityId}
          />
          <Select
            label={t('deals.field.partner')}
            description={t('deals.field.partnerHelp')}
            required
            searchable
            clearable
            data={partnerChoices}
            value={partner?.value ?? null}
            onChange={(id, option) => setPartner(id && option ? { value: id, label: option.label } : null)}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            nothingFoundMessage={organisations.isFetching ? t('app.loading') : t('deals.field.partnerNone')}
            error={errors.partnerOrganisationId}
          />
          {source === 'assistance_request' && (
            <NativeSelect
              label={t('deals.field.assistanceRequest')}
              description={cityOptions && requests.length === 0 ? t('deals.field.noRequests') : t('deals.field.assistanceRequestHelp')}
              required
              value={requestId}
              onChange={(e) => setRequestId(e.currentTarget.value)}
              data={[{ value: '', label: t('workspace.choose') }, ...requests.map((r) => ({ value: r.id, label: r.title }))]}
              error={errors.assistanceRequestId}
            />
          )}
          <NativeSelect
            label={source === 'project_interest' ? t('deals.field.project') : t('deals.field.projectOptional')}
            description={cityOptions && projects.length === 0 ? t('deals.field.noProjects') : source === 'project_interest' ? t('deals.field.projectInterestHelp') : t('deals.field.projectOptionalHelp')}
            required={source === 'project_interest'}
            value={projectId}
            onChange={(e) => setProjectId(e.currentTarget.value)}
            data={[
              { value: '', label: source === 'project_interest' ? t('workspace.choose') : t('deals.field.projectNone') },
              ...projects.map((p) => ({ value: p.id, label: p.title })),
            ]}
            error={errors.investmentProjectId}
          />
          <NativeSelect label={t('deals.field.stage')} value={stage} onChange={(e) => setStage(e.currentTarget.value as DealStage)} data={dealStages.map((s) => ({ value: s, label: stageLabel(s) }))} />
          <MoneyFields label={t('deals.field.value')} value={value} onChange={setValue} errors={{ amount: errors['value.amount'], currency: errors['value.currency'] }} />
          <Textarea label={t('deals.field.notes')} autosize minRows={3} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {t('deals.form.submit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}
