import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { allKinds, assistanceKey, assistanceListKey, kindLabel, type AssistanceDetail, type AssistanceKind, type AssistanceOptions } from './shared.js';

type Values = {
  kind: AssistanceKind;
  title: string;
  problem: string;
  objectives: string;
  scope: string;
  projectId: string;
  amount: string;
  currency: string;
  timeline: string;
  agencyOrganisationId: string;
};

const emptyValues: Values = {
  kind: 'feasibility_study',
  title: '',
  problem: '',
  objectives: '',
  scope: '',
  projectId: '',
  amount: '',
  currency: 'USD',
  timeline: '',
  agencyOrganisationId: '',
};

const valuesOf = (request: AssistanceDetail): Values => ({
  kind: request.kind,
  title: request.title,
  problem: request.problem,
  objectives: request.objectives,
  scope: request.scope,
  projectId: request.projectId ?? '',
  amount: request.budget?.amount ?? '',
  currency: request.budget?.currency ?? 'USD',
  timeline: request.timeline,
  agencyOrganisationId: request.agencyOrganisationId,
});

/** What the API takes: an empty amount means no budget; the amount stays a string so it is stored exactly. */
const bodyOf = (v: Values) => ({
  kind: v.kind,
  title: v.title,
  problem: v.problem,
  objectives: v.objectives,
  scope: v.scope,
  projectId: v.projectId || null,
  budget: v.amount.trim() ? { amount: v.amount.trim(), currency: v.currency.trim() } : null,
  timeline: v.timeline,
  agencyOrganisationId: v.agencyOrganisationId,
});

const useOptions = () => useQuery({ queryKey: ['assistance-options'], queryFn: async () => unwrap(await api.GET('/api/v1/assistance-requests/options')) });

/** `/app/assistance/new`: a city officer drafts a request. */
export function NewAssistancePage() {
  const actor = useActor();
  const options = useOptions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: async (values: Values) => unwrap(await api.POST('/api/v1/assistance-requests', { body: bodyOf(values) })),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: assistanceListKey });
      navigate(`/app/assistance/${created.id}`);
    },
  });
  const isCity = actor.organisation.kind === 'city_government';
  return (
    <>
      <WorkspaceTitle description={t('assistance.form.description')}>{t('assistance.new.title')}</WorkspaceTitle>
      {!isCity ? (
        <Alert color="gray" title={t('assistance.new.title')}>
          <Text size="sm">{t('assistance.form.onlyCities')}</Text>
        </Alert>
      ) : options.isPending ? (
        <PageLoader />
      ) : options.isError ? (
        <PageError error={options.error} onRetry={() => options.refetch()} />
      ) : (
        <RequestForm options={options.data} initial={emptyValues} submitLabel={t('assistance.form.create')} pending={create.isPending} error={create.error} onSubmit={(v) => create.mutate(v)} cancelTo="/app/assistance" />
      )}
    </>
  );
}

/** `/app/assistance/:requestId/edit`: the city changes its draft. */
export function EditAssistancePage() {
  const { requestId = '' } = useParams();
  const options = useOptions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const request = useQuery({
    queryKey: assistanceKey(requestId),
    queryFn: async () => unwrap(await api.GET('/api/v1/assistance-requests/{requestId}', { params: { path: { requestId } } })),
  });
  const save = useMutation({
    mutationFn: async (values: Values) => unwrap(await api.PATCH('/api/v1/assistance-requests/{requestId}', { params: { path: { requestId } }, body: bodyOf(values) })),
    onSuccess: async (saved) => {
      queryClient.setQueryData(assistanceKey(requestId), saved);
      await queryClient.invalidateQueries({ queryKey: assistanceListKey });
      navigate(`/app/assistance/${requestId}`);
    },
  });
  return (
    <>
      <WorkspaceTitle>{t('assistance.detail.edit')}</WorkspaceTitle>
      {request.isPending || options.isPending ? (
        <PageLoader />
      ) : request.isError || options.isError ? (
        <PageError error={request.error ?? options.error} onRetry={() => (request.isError ? request.refetch() : options.refetch())} />
      ) : (
        <RequestForm
          options={options.data}
          initial={valuesOf(request.data)}
          submitLabel={t('assistance.form.save')}
          pending={save.isPending}
          error={save.error}
          onSubmit={(v) => save.mutate(v)}
          cancelTo={`/app/assistance/${requestId}`}
        />
      )}
    </>
  );
}

function RequestForm(props: {
  options: AssistanceOptions;
  initial: Values;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: Values) => void;
  cancelTo: string;
}) {
  const [values, setValues] = useState<Values>(props.initial);
  const errors = fieldErrorsOf(props.error);
  const set = (key: keyof Values) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    props.onSubmit(values);
  }
  if (props.options.agencies.length === 0) {
    return (
      <Alert color="gray">
        <Text size="sm">{t('assistance.form.noAgencies')}</Text>
      </Alert>
    );
  }
  return (
    <Section title={t('assistance.detail.details')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={720}>
          <FormAlert error={props.error} />
          <NativeSelect label={t('assistance.form.kind')} value={values.kind} onChange={set('kind')} data={allKinds.map((value) => ({ value, label: kindLabel(value) }))} error={errors.kind} />
          <TextInput label={t('assistance.form.title')} required value={values.title} onChange={set('title')} error={errors.title} />
          <NativeSelect
            label={t('assistance.form.agency')}
            description={t('assistance.form.agencyHint')}
            required
            value={values.agencyOrganisationId}
            onChange={set('agencyOrganisationId')}
            data={[{ value: '', label: t('assistance.form.chooseAgency'), disabled: true }, ...props.options.agencies.map((a) => ({ value: a.id, label: a.name }))]}
            error={errors.agencyOrganisationId}
          />
          <Textarea label={t('assistance.form.problem')} autosize minRows={3} value={values.problem} onChange={set('problem')} error={errors.problem} />
          <Textarea label={t('assistance.form.objectives')} autosize minRows={3} value={values.objectives} onChange={set('objectives')} error={errors.objectives} />
          <Textarea label={t('assistance.form.scope')} autosize minRows={3} value={values.scope} onChange={set('scope')} error={errors.scope} />
          <NativeSelect
            label={t('assistance.form.project')}
            value={values.projectId}
            onChange={set('projectId')}
            data={[{ value: '', label: t('assistance.form.noProject') }, ...props.options.projects.map((p) => ({ value: p.id, label: p.title }))]}
            error={errors.projectId}
          />
          <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
            <TextInput
              label={t('assistance.form.budgetAmount')}
              description={t('assistance.form.budgetAmountHint')}
              inputMode="decimal"
              value={values.amount}
              onChange={set('amount')}
              error={errors['budget.amount']}
              miw={200}
            />
            <TextInput
              label={t('assistance.form.budgetCurrency')}
              value={values.currency}
              onChange={set('currency')}
              maxLength={3}
              error={errors['budget.currency']}
              miw={140}
              maw={200}
            />
          </Group>
          <TextInput label={t('assistance.form.timeline')} value={values.timeline} onChange={set('timeline')} error={errors.timeline} />
          <Group gap="sm">
            <Button type="submit" loading={props.pending}>
              {props.submitLabel}
            </Button>
            <Button component={Link} to={props.cancelTo} variant="default">
              {t('assistance.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
