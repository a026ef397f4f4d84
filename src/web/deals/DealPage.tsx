import { Anchor, Box, Button, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, formatDate, formatDateTime, FormAlert, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import {
  dealKey,
  dealsKey,
  dealStages,
  formatMoney,
  MoneyFields,
  moneyBody,
  moneyDraftOf,
  sourceLabel,
  StageBadge,
  stageLabel,
  type DealDetail,
  type DealStage,
  type HistoryEntry,
  type MoneyDraft,
} from './shared.js';

/** `/app/deals/:dealId`: a deal, its change form for those who may change it, and its history. */
export function DealPage() {
  const { dealId = '' } = useParams();
  const deal = useQuery({ queryKey: dealKey(dealId), queryFn: async () => unwrap(await api.GET('/api/v1/deals/{dealId}', { params: { path: { dealId } } })) });
  if (deal.isPending) return <PageLoader />;
  if (deal.isError) {
    return (
      <>
        <WorkspaceTitle>{t('deals.detail.notAvailable')}</WorkspaceTitle>
        <PageError error={deal.error} onRetry={() => deal.refetch()} />
        <BackLink />
      </>
    );
  }
  return <DealView deal={deal.data} />;
}

function BackLink() {
  return (
    <Anchor component={Link} to="/app/deals" size="sm" mt="md" display="inline-block">
      {t('deals.back')}
    </Anchor>
  );
}

function DealView({ deal }: { deal: DealDetail }) {
  const [saved, setSaved] = useState(false);
  return (
    <>
      <BackLink />
      <WorkspaceTitle description={t('deals.sides', { partner: deal.partnerOrganisationName, city: deal.cityName })}>{deal.title}</WorkspaceTitle>
      <Stack gap="md">
        {saved && <SuccessAlert>{t('deals.detail.saved')}</SuccessAlert>}
        <Section title={t('deals.detail.summary')}>
          <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: 'minmax(8rem, max-content) 1fr', gap: '0.4rem 1rem' }}>
            <Term label={t('deals.field.stage')}>
              <StageBadge stage={deal.stage} />
            </Term>
            <Term label={t('deals.field.city')}>
              <Anchor component={Link} to={`/app/cities/${deal.cityId}`}>
                {deal.cityName}
              </Anchor>
            </Term>
            <Term label={t('deals.field.partner')}>
              <Anchor component={Link} to={`/app/organisations/${deal.partnerOrganisationId}`}>
                {deal.partnerOrganisationName}
              </Anchor>
            </Term>
            <Term label={t('deals.col.value')}>{deal.value ? formatMoney(deal.value) : t('deals.noValue')}</Term>
            <Term label={t('deals.field.source')}>
              {sourceLabel(deal.source)}
              {deal.eventId && deal.eventTitle && (
                <>
                  {': '}
                  <Anchor component={Link} to={`/app/events/${deal.eventId}`}>
                    {deal.eventTitle}
                  </Anchor>
                </>
              )}
              {deal.meetingRequestId && (
                <>
                  {' · '}
                  <Anchor component={Link} to={`/app/agenda#meeting-${deal.meetingRequestId}`}>
                    {t('deals.detail.meetingLink')}
                  </Anchor>
                </>
              )}
            </Term>
            {deal.assistanceRequestId && (
              <Term label={t('deals.field.assistanceRequest')}>
                {deal.assistanceRequestTitle ? (
                  <Anchor component={Link} to={`/app/assistance/${deal.assistanceRequestId}`}>
                    {deal.assistanceRequestTitle}
                  </Anchor>
                ) : (
                  t('deals.detail.hiddenLink')
                )}
              </Term>
            )}
            {deal.investmentProjectId && (
              <Term label={t('deals.field.project')}>
                {deal.investmentProjectTitle ? (
                  <Anchor component={Link} to={`/app/pipeline/${deal.investmentProjectId}`}>
                    {deal.investmentProjectTitle}
                  </Anchor>
                ) : (
                  t('deals.detail.hiddenLink')
                )}
              </Term>
            )}
            <Term label={t('deals.detail.recorded')}>
              {deal.createdByName ? t('deals.detail.recordedBy', { name: deal.createdByName, date: formatDate(deal.createdAt) }) : formatDate(deal.createdAt)}
            </Term>
            {deal.notes && (
              <Term label={t('deals.field.notes')}>
                <Text size="sm" component="span" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {deal.notes}
                </Text>
              </Term>
            )}
          </Box>
        </Section>
        {deal.canEdit && <EditSection key={deal.updatedAt} deal={deal} onSaved={() => setSaved(true)} />}
        <Section title={t('deals.history.heading')}>
          <History entries={deal.history} />
        </Section>
        {deal.canDelete && <DeleteSection deal={deal} />}
      </Stack>
    </>
  );
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </>
  );
}

function EditSection({ deal, onSaved }: { deal: DealDetail; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(deal.title);
  const [stage, setStage] = useState<DealStage>(deal.stage);
  const [value, setValue] = useState<MoneyDraft>(moneyDraftOf(deal.value));
  const [notes, setNotes] = useState(deal.notes);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.PATCH('/api/v1/deals/{dealId}', { params: { path: { dealId: deal.id } }, body: { title, stage, value: moneyBody(value), notes } })),
    onSuccess: async (updated) => {
      queryClient.setQueryData(dealKey(deal.id), updated);
      await queryClient.invalidateQueries({ queryKey: dealsKey });
      onSaved();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const movingBack = dealStages.indexOf(stage) < dealStages.indexOf(deal.stage);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <Section title={t('deals.edit.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert error={save.error} />
          <TextInput label={t('deals.field.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} maxLength={300} />
          <NativeSelect
            label={t('deals.field.stage')}
            description={movingBack ? t('deals.edit.movingBack') : t('deals.edit.stageHelp')}
            value={stage}
            onChange={(e) => setStage(e.currentTarget.value as DealStage)}
            data={dealStages.map((s) => ({ value: s, label: stageLabel(s) }))}
            error={errors.stage}
            maw={320}
          />
          <MoneyFields label={t('deals.field.value')} value={value} onChange={setValue} errors={{ amount: errors['value.amount'], currency: errors['value.currency'] }} />
          <Textarea label={t('deals.field.notes')} autosize minRows={3} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} />
          <Button type="submit" w="fit-content" loading={save.isPending}>
            {t('deals.edit.save')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function changeText(change: HistoryEntry['changes'][number]) {
  const none = t('deals.history.none');
  const from = change.field === 'stage' && change.from ? stageLabel(change.from as DealStage) : (change.from ?? none);
  const to = change.field === 'stage' && change.to ? stageLabel(change.to as DealStage) : (change.to ?? none);
  if (change.field === 'notes') return t('deals.history.notes');
  return t(`deals.history.change.${change.field}`, { from, to });
}

function History({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return <Text size="sm">{t('deals.history.empty')}</Text>;
  return (
    <Stack gap={6} component="ol" m={0} pl="md">
      {entries.map((entry, index) => (
        <Text component="li" size="sm" key={`${entry.at}-${index}`}>
          <Text span size="sm" fw={500}>
            {t('deals.history.by', { date: formatDateTime(entry.at), name: entry.actorName })}
          </Text>{' '}
          {entry.action === 'created' ? t('deals.history.created') : entry.changes.map(changeText).join('; ') || t('deals.history.updated')}
        </Text>
      ))}
    </Stack>
  );
}

function DeleteSection({ deal }: { deal: DealDetail }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/deals/{dealId}', { params: { path: { dealId: deal.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: dealsKey });
      await navigate('/app/deals');
    },
  });
  return (
    <Section title={t('deals.delete.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('deals.delete.intro')}</Text>
        <Button variant="outline" color="red.9" w="fit-content" onClick={() => setConfirming(true)}>
          {t('deals.delete.button')}
        </Button>
      </Stack>
      {confirming && (
        <WorkspaceModal opened onClose={() => setConfirming(false)} title={t('deals.delete.confirmTitle')}>
          <Stack>
            <Text size="sm">{t('deals.delete.confirmBody', { title: deal.title })}</Text>
            <FormAlert error={remove.error} />
            <ModalActions onCancel={() => setConfirming(false)}>
              <Button color="red.9" onClick={() => remove.mutate()} loading={remove.isPending}>
                {t('deals.delete.confirm')}
              </Button>
            </ModalActions>
          </Stack>
        </WorkspaceModal>
      )}
    </Section>
  );
}
