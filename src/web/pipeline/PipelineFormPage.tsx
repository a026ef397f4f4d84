import { Button, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { useCities, useFramework } from '../portal/queries.js';
import { fieldErrorsOf, FormAlert, InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { isSecretariat, useActor } from '../workspace/WorkspaceFrame.js';
import { pipelineKey } from './PipelineListPage.js';
import {
  deliveryLabel,
  deliveryModels,
  sectorLabel,
  sectors,
  visibilities,
  visibilityHelp,
  visibilityLabel,
  type DeliveryModel,
  type PipelineDetail,
  type PipelineVisibility,
  type Sector,
} from './shared.js';

type CreateBody = NonNullable<paths['/api/v1/pipeline-projects']['post']['requestBody']>['content']['application/json'];
type FormState = {
  cityId: string;
  scapProjectId: string | null;
  title: string;
  sector: Sector | '';
  focusAreaId: string;
  description: string;
  location: string;
  deliveryModel: DeliveryModel | '';
  currency: string;
  capitalCost: string;
  fundingSecured: string;
  visibility: PipelineVisibility;
};

function initialState(project: PipelineDetail | null, cityId: string): FormState {
  return {
    cityId: project?.cityId ?? cityId,
    scapProjectId: project?.scapProjectId ?? null,
    title: project?.title ?? '',
    sector: project?.sector ?? '',
    focusAreaId: project?.focusAreaId ?? '',
    description: project?.description ?? '',
    location: project?.location ?? '',
    deliveryModel: project?.deliveryModel ?? '',
    currency: project?.money.currency ?? 'USD',
    capitalCost: project?.money.capitalCost?.amount ?? '',
    fundingSecured: project?.money.fundingSecured?.amount ?? '',
    visibility: project?.visibility ?? 'restricted',
  };
}

/** `/app/pipeline/new`: start from scratch, or promote a project of the city's action plan (prefilled, the link kept). */
export function NewPipelineProjectPage() {
  const actor = useActor();
  const ownCity = actor.organisation.kind === 'city_government' ? actor.organisation.cityId : null;
  const [cityId, setCityId] = useState(ownCity ?? '');
  const [start, setStart] = useState<'scratch' | 'promote'>('scratch');
  const [scapId, setScapId] = useState('');
  const cities = useCities();
  const scapProjects = useQuery({
    queryKey: ['city-projects', cityId, 'for-pipeline'],
    enabled: Boolean(cityId) && start === 'promote',
    queryFn: async () => unwrap(await api.GET('/api/v1/cities/{cityId}/projects', { params: { path: { cityId }, query: { limit: 200 } } })).items,
  });
  const draft = useQuery({
    queryKey: ['pipeline-draft', scapId],
    enabled: Boolean(scapId) && start === 'promote',
    queryFn: async () => unwrap(await api.GET('/api/v1/projects/{projectId}/pipeline-draft', { params: { path: { projectId: scapId } } })),
  });
  if (!ownCity && !isSecretariat(actor)) {
    return (
      <>
        <WorkspaceTitle>{t('pipeline.form.newTitle')}</WorkspaceTitle>
        <Text>{t('pipeline.form.onlyCities')}</Text>
      </>
    );
  }
  const prefilled: FormState | null =
    start === 'promote' && draft.data
      ? {
          ...initialState(null, draft.data.cityId),
          scapProjectId: draft.data.scapProjectId,
          title: draft.data.title,
          focusAreaId: draft.data.focusAreaId,
          description: draft.data.description,
          visibility: draft.data.visibility,
          currency: draft.data.money?.currency ?? 'USD',
          capitalCost: draft.data.money?.capitalCost ?? '',
        }
      : null;
  return (
    <>
      <WorkspaceTitle description={t('pipeline.form.newDescription')}>{t('pipeline.form.newTitle')}</WorkspaceTitle>
      <Stack gap="md">
        <Section title={t('pipeline.form.startTitle')}>
          <Stack gap="sm">
            {!ownCity && (
              <NativeSelect
                label={t('pipeline.form.city')}
                required
                value={cityId}
                onChange={(e) => {
                  setCityId(e.currentTarget.value);
                  setScapId('');
                }}
                data={[{ value: '', label: t('pipeline.form.chooseCity') }, ...(cities.data ?? []).map((city) => ({ value: city.id, label: city.name }))]}
                maw={360}
              />
            )}
            <Radio.Group label={t('pipeline.form.start')} value={start} onChange={(value) => setStart(value === 'promote' ? 'promote' : 'scratch')}>
              <Stack gap={6} mt={6}>
                <Radio value="scratch" label={t('pipeline.form.startScratch')} />
                <Radio value="promote" label={t('pipeline.form.startPromote')} />
              </Stack>
            </Radio.Group>
            {start === 'promote' &&
              (!cityId ? (
                <Text size="sm">{t('pipeline.form.chooseCityFirst')}</Text>
              ) : scapProjects.isPending ? (
                <InlineLoader />
              ) : scapProjects.isError ? (
                <PageError error={scapProjects.error} onRetry={() => scapProjects.refetch()} />
              ) : scapProjects.data.length === 0 ? (
                <Text size="sm">{t('pipeline.form.noScapProjects')}</Text>
              ) : (
                <NativeSelect
                  label={t('pipeline.form.scapProject')}
                  value={scapId}
                  onChange={(e) => setScapId(e.currentTarget.value)}
                  data={[{ value: '', label: t('pipeline.form.chooseScapProject') }, ...scapProjects.data.map((p) => ({ value: p.id, label: p.title }))]}
                  maw={520}
                />
              ))}
            {start === 'promote' && draft.isError && <PageError error={draft.error} />}
            {start === 'promote' && draft.data?.alreadyPromoted && (
              <Text size="sm" role="status">
                {t('pipeline.form.alreadyPromoted', { title: draft.data.alreadyPromoted.title })}{' '}
                <Link to={`/app/pipeline/${draft.data.alreadyPromoted.id}`}>{t('pipeline.form.openIt')}</Link>
              </Text>
            )}
          </Stack>
        </Section>
        {start === 'scratch' && cityId && <ProjectForm key={`scratch-${cityId}`} initial={initialState(null, cityId)} project={null} />}
        {start === 'promote' && prefilled && !draft.data?.alreadyPromoted && <ProjectForm key={`promote-${scapId}`} initial={prefilled} project={null} />}
      </Stack>
    </>
  );
}

/** `/app/pipeline/:id/edit`: change the project's fields (its stage changes on the project page). */
export function EditPipelineProjectPage() {
  const { id = '' } = useParams();
  const project = useQuery({ queryKey: ['pipeline-project', id], queryFn: async () => unwrap(await api.GET('/api/v1/pipeline-projects/{id}', { params: { path: { id } } })) });
  if (project.isPending) return <InlineLoader />;
  if (project.isError) return <PageError error={project.error} onRetry={() => project.refetch()} />;
  return (
    <>
      <WorkspaceTitle>{t('pipeline.form.editTitle', { title: project.data.title })}</WorkspaceTitle>
      <ProjectForm initial={initialState(project.data, project.data.cityId)} project={project.data} />
    </>
  );
}

function ProjectForm({ initial, project }: { initial: FormState; project: PipelineDetail | null }) {
  const [form, setForm] = useState(initial);
  const framework = useFramework();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const set = <K extends keyof FormState>(name: K) => (value: FormState[K]) => setForm((current) => ({ ...current, [name]: value }));
  const save = useMutation({
    mutationFn: async () => {
      const body = {
        title: form.title,
        sector: form.sector as Sector,
        focusAreaId: form.focusAreaId,
        description: form.description,
        location: form.location,
        deliveryModel: form.deliveryModel as DeliveryModel,
        visibility: form.visibility,
        money: { currency: form.currency.trim().toUpperCase(), capitalCost: form.capitalCost.trim() || null, fundingSecured: form.fundingSecured.trim() || null },
      };
      if (project) return unwrap(await api.PATCH('/api/v1/pipeline-projects/{id}', { params: { path: { id: project.id } }, body }));
      const createBody: CreateBody = { ...body, cityId: form.cityId, scapProjectId: form.scapProjectId };
      return unwrap(await api.POST('/api/v1/pipeline-projects', { body: createBody }));
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(['pipeline-project', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: pipelineKey });
      navigate(`/app/pipeline/${saved.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <Section title={project ? t('pipeline.form.detailsTitle') : t('pipeline.form.newDetailsTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert error={save.error} title={t('pipeline.form.failed')} />
          {form.scapProjectId && <Text size="sm">{t('pipeline.form.promotedNote')}</Text>}
          <TextInput label={t('pipeline.field.title')} required value={form.title} onChange={(e) => set('title')(e.currentTarget.value)} error={errors.title} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NativeSelect
              label={t('pipeline.field.sector')}
              required
              value={form.sector}
              onChange={(e) => set('sector')(e.currentTarget.value as Sector)}
              error={errors.sector}
              data={[{ value: '', label: t('pipeline.form.choose') }, ...sectors.map((s) => ({ value: s, label: sectorLabel(s) }))]}
            />
            <NativeSelect
              label={t('pipeline.field.focusArea')}
              required
              value={form.focusAreaId}
              onChange={(e) => set('focusAreaId')(e.currentTarget.value)}
              error={errors.focusAreaId}
              data={[{ value: '', label: t('pipeline.form.choose') }, ...(framework.data?.focusAreas ?? []).map((area) => ({ value: area.id, label: area.name }))]}
            />
            <NativeSelect
              label={t('pipeline.field.deliveryModel')}
              required
              value={form.deliveryModel}
              onChange={(e) => set('deliveryModel')(e.currentTarget.value as DeliveryModel)}
              error={errors.deliveryModel}
              data={[{ value: '', label: t('pipeline.form.choose') }, ...deliveryModels.map((m) => ({ value: m, label: deliveryLabel(m) }))]}
            />
          </SimpleGrid>
          <Textarea label={t('pipeline.field.description')} autosize minRows={3} value={form.description} onChange={(e) => set('description')(e.currentTarget.value)} error={errors.description} />
          <TextInput label={t('pipeline.field.location')} value={form.location} onChange={(e) => set('location')(e.currentTarget.value)} error={errors.location} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('pipeline.field.currency')}
              description={t('pipeline.field.currencyHelp')}
              required
              maxLength={3}
              value={form.currency}
              onChange={(e) => set('currency')(e.currentTarget.value.toUpperCase())}
              error={errors['money.currency'] ?? errors.money}
            />
            <TextInput
              label={t('pipeline.field.capitalCost')}
              description={t('pipeline.field.amountHelp')}
              inputMode="decimal"
              value={form.capitalCost}
              onChange={(e) => set('capitalCost')(e.currentTarget.value)}
              error={errors['money.capitalCost']}
            />
            <TextInput
              label={t('pipeline.field.fundingSecured')}
              description={t('pipeline.field.amountHelp')}
              inputMode="decimal"
              value={form.fundingSecured}
              onChange={(e) => set('fundingSecured')(e.currentTarget.value)}
              error={errors['money.fundingSecured']}
            />
          </SimpleGrid>
          <Radio.Group label={t('pipeline.field.visibility')} value={form.visibility} onChange={(value) => set('visibility')(value as PipelineVisibility)} error={errors.visibility}>
            <Stack gap={6} mt={6}>
              {visibilities.map((v) => (
                <Radio key={v} value={v} label={visibilityLabel(v)} description={visibilityHelp(v)} />
              ))}
            </Stack>
          </Radio.Group>
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {project ? t('pipeline.form.save') : t('pipeline.form.create')}
            </Button>
            <Button component={Link} to={project ? `/app/pipeline/${project.id}` : '/app/pipeline'} variant="default">
              {t('pipeline.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
