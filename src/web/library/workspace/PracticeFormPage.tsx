import { Alert, Anchor, Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client.js';
import { NotFoundPage, PageError } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { useCities, useFramework } from '../../portal/queries.js';
import { fieldErrorsOf, FormAlert, InlineLoader, SuccessAlert, WorkspaceTitle } from '../../workspace/forms.js';
import { useActor } from '../../workspace/WorkspaceFrame.js';
import { StatusBadge } from '../components.js';
import { costLabel, kindLabel, languageName, practiceVisibilityLabel } from '../presentation.js';
import {
  afterPracticeChange,
  costRanges,
  libraryLanguages,
  practiceKinds,
  practiceVisibilities,
  usePractice,
  type CostRange,
  type PracticeDetail,
  type PracticeInput,
  type PracticeKind,
  type PracticeVisibility,
} from '../queries.js';
import { AttachmentsSection, ReplicationsSection, TranslationSection } from './PracticeExtras.js';

type IndicatorRow = { name: string; value: string | number; unit: string };
type FormState = Omit<Required<PracticeInput>, 'outcomeIndicators'> & { outcomeIndicators: IndicatorRow[] };
type Done = { done?: string } | null;

function initialState(practice: PracticeDetail | null, cityId: string | null): FormState {
  return {
    kind: practice?.kind ?? 'case_study',
    title: practice?.title ?? '',
    summary: practice?.summary ?? '',
    body: practice?.body ?? '',
    focusAreaId: practice?.focusAreaId ?? '',
    sectors: practice?.sectors ?? [],
    cityId: practice ? practice.cityId : cityId,
    technologies: practice?.technologies ?? [],
    standards: practice?.standards ?? [],
    costRange: practice?.costRange ?? null,
    outcomeIndicators: practice?.outcomeIndicators ?? [],
    language: practice?.language ?? 'en',
    visibility: practice?.visibility ?? 'public',
  };
}

/** `/app/library/new`: write a practice. */
export function NewPracticePage() {
  return <PracticeForm practice={null} />;
}

/** `/app/library/:practiceId/edit`: change a draft, add a translation, record replications, attach documents. */
export function EditPracticePage() {
  const { practiceId = '' } = useParams();
  const practice = usePractice(practiceId);
  if (practice.isPending) return <InlineLoader />;
  if (practice.isError) {
    if (practice.error instanceof ApiError && [400, 404].includes(practice.error.status)) return <NotFoundPage />;
    return <PageError error={practice.error} onRetry={() => practice.refetch()} />;
  }
  return <PracticeForm key={practice.data.id} practice={practice.data} />;
}

function PracticeForm({ practice }: { practice: PracticeDetail | null }) {
  const actor = useActor();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const framework = useFramework();
  const cities = useCities();
  const [form, setForm] = useState<FormState>(() => initialState(practice, actor.organisation.cityId));
  const [done, setDone] = useState<string | null>((location.state as Done)?.done ?? null);
  const set = <K extends keyof FormState>(name: K, value: FormState[K]) => setForm((current) => ({ ...current, [name]: value }));

  const body = (): PracticeInput => ({
    ...form,
    title: form.title.trim(),
    outcomeIndicators: form.outcomeIndicators
      .filter((row) => row.name.trim() !== '')
      .map((row) => ({ name: row.name.trim(), value: Number(row.value) || 0, unit: row.unit.trim() })),
  });
  async function save(): Promise<PracticeDetail> {
    const saved = practice
      ? unwrap(await api.PATCH('/api/v1/practices/{practiceId}', { params: { path: { practiceId: practice.id } }, body: body() }))
      : unwrap(await api.POST('/api/v1/practices', { body: body() }));
    await afterPracticeChange(queryClient, saved);
    return saved;
  }
  const saveDraft = useMutation({
    mutationFn: save,
    onSuccess: (saved) => {
      const message = t('library.form.saved', { title: saved.title });
      if (practice) setDone(message);
      else navigate(`/app/library/${saved.id}/edit`, { replace: true, state: { done: message } });
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      const saved = await save();
      return unwrap(await api.POST('/api/v1/practices/{practiceId}/submit', { params: { path: { practiceId: saved.id } } }));
    },
    onSuccess: async (submitted) => {
      await afterPracticeChange(queryClient, submitted);
      navigate(`/library/${submitted.id}`);
    },
  });
  const error = saveDraft.error ?? submit.error;
  const errors = fieldErrorsOf(error);
  const busy = saveDraft.isPending || submit.isPending;
  const editable = practice === null || practice.canEdit;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit.reset();
    saveDraft.mutate();
  }

  const focusAreas = framework.data?.focusAreas ?? [];
  const cityOptions = (cities.data ?? []).map((city) => ({ value: city.id, label: `${city.name} (${city.countryName})` })).sort((a, b) => a.label.localeCompare(b.label));
  const languages = libraryLanguages.includes(form.language) ? libraryLanguages : [form.language, ...libraryLanguages];

  return (
    <>
      <WorkspaceTitle description={practice ? undefined : t('library.form.intro')}>{practice ? t('library.form.editTitle') : t('library.form.newTitle')}</WorkspaceTitle>
      <Stack gap="lg">
        {practice && (
          <Group gap="xs">
            <Text size="sm">{t('library.statusIs')}</Text>
            <StatusBadge status={practice.status} />
            <Anchor component={Link} to={`/library/${practice.id}`} size="sm">
              {t('library.form.view')}
            </Anchor>
          </Group>
        )}
        {done && <SuccessAlert>{done}</SuccessAlert>}
        {practice?.reviewComment && (
          <Alert color="gray" title={t('library.reviewComment')}>
            <Text size="sm">{practice.reviewComment}</Text>
          </Alert>
        )}
        {!editable ? (
          <Alert color="gray" title={t('library.form.lockedTitle')}>
            <Text size="sm">{t('library.form.locked')}</Text>
          </Alert>
        ) : (
          <form onSubmit={onSubmit} noValidate aria-label={practice ? t('library.form.editTitle') : t('library.form.newTitle')}>
            <Stack gap="md" maw={760}>
              <NativeSelect
                label={t('library.field.kind')}
                value={form.kind}
                onChange={(e) => set('kind', e.currentTarget.value as PracticeKind)}
                data={practiceKinds.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
                error={errors.kind}
              />
              <TextInput label={t('library.field.title')} required value={form.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} maxLength={300} />
              <Textarea
                label={t('library.field.summary')}
                description={t('library.field.summaryHint')}
                autosize
                minRows={2}
                value={form.summary}
                onChange={(e) => set('summary', e.currentTarget.value)}
                error={errors.summary}
                maxLength={2000}
              />
              <Textarea
                label={t('library.field.body')}
                description={t('library.field.bodyHint')}
                autosize
                minRows={8}
                maxRows={30}
                value={form.body}
                onChange={(e) => set('body', e.currentTarget.value)}
                error={errors.body}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <NativeSelect
                label={t('library.field.focusArea')}
                required
                value={form.focusAreaId}
                onChange={(e) => set('focusAreaId', e.currentTarget.value)}
                data={[{ value: '', label: t('library.form.chooseFocusArea') }, ...focusAreas.map((area) => ({ value: area.id, label: `${area.name} (${area.code})` }))]}
                error={errors.focusAreaId}
              />
              <NativeSelect
                label={t('library.field.city')}
                value={form.cityId ?? ''}
                onChange={(e) => set('cityId', e.currentTarget.value || null)}
                data={[{ value: '', label: t('library.form.noCity') }, ...cityOptions]}
                error={errors.cityId}
              />
              <TagsInput label={t('library.field.sectors')} description={t('library.field.tagsHint')} value={form.sectors} onChange={(value) => set('sectors', value)} error={errors.sectors} maxTags={20} />
              <TagsInput label={t('library.field.technologies')} description={t('library.field.tagsHint')} value={form.technologies} onChange={(value) => set('technologies', value)} error={errors.technologies} maxTags={30} />
              <TagsInput label={t('library.field.standards')} description={t('library.field.tagsHint')} value={form.standards} onChange={(value) => set('standards', value)} error={errors.standards} maxTags={30} />
              <NativeSelect
                label={t('library.field.costRange')}
                value={form.costRange ?? ''}
                onChange={(e) => set('costRange', (e.currentTarget.value || null) as CostRange | null)}
                data={[{ value: '', label: t('library.form.noCost') }, ...costRanges.map((cost) => ({ value: cost, label: costLabel(cost) }))]}
                error={errors.costRange}
              />
              <IndicatorRows rows={form.outcomeIndicators} onChange={(rows) => set('outcomeIndicators', rows)} error={errors.outcomeIndicators} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <NativeSelect
                  label={t('library.field.language')}
                  value={form.language}
                  onChange={(e) => set('language', e.currentTarget.value)}
                  data={languages.map((tag) => ({ value: tag, label: languageName(tag) }))}
                  error={errors.language}
                />
                <NativeSelect
                  label={t('library.field.visibility')}
                  description={t('library.field.visibilityHint')}
                  value={form.visibility}
                  onChange={(e) => set('visibility', e.currentTarget.value as PracticeVisibility)}
                  data={practiceVisibilities.map((visibility) => ({ value: visibility, label: practiceVisibilityLabel(visibility) }))}
                  error={errors.visibility}
                />
              </SimpleGrid>
              <FormAlert error={error} />
              <Group gap="sm">
                <Button type="submit" variant="outline" loading={saveDraft.isPending} disabled={busy}>
                  {t('library.form.saveDraft')}
                </Button>
                <Button
                  type="button"
                  loading={submit.isPending}
                  disabled={busy}
                  onClick={() => {
                    saveDraft.reset();
                    submit.mutate();
                  }}
                >
                  {t('library.submit')}
                </Button>
              </Group>
              <Text size="sm" c="dimmed">
                {t('library.form.submitHint')}
              </Text>
            </Stack>
          </form>
        )}
        {practice && (
          <>
            {practice.status === 'draft' && practice.canEdit && <AttachmentsSection practice={practice} />}
            <TranslationSection practice={practice} />
            <ReplicationsSection practice={practice} />
          </>
        )}
      </Stack>
    </>
  );
}

/** Outcome indicators: a few rows of name, value and unit, added and removed one at a time. */
function IndicatorRows({ rows, onChange, error }: { rows: IndicatorRow[]; onChange: (rows: IndicatorRow[]) => void; error?: string }) {
  const update = (index: number, change: Partial<IndicatorRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-sm)', padding: 'var(--mantine-spacing-sm)', margin: 0, minWidth: 0 }}>
      <legend style={{ fontWeight: 500, fontSize: 'var(--mantine-font-size-sm)', padding: '0 4px' }}>{t('library.field.indicators')}</legend>
      <Stack gap="sm">
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('library.form.noIndicators')}
          </Text>
        )}
        {rows.map((row, index) => (
          <Group key={index} gap="xs" align="flex-end" wrap="wrap" data-testid="indicator-row">
            <TextInput
              label={t('library.indicator.nameN', { n: index + 1 })}
              value={row.name}
              onChange={(e) => update(index, { name: e.currentTarget.value })}
              style={{ flex: '2 1 12rem' }}
              maxLength={200}
            />
            <NumberInput
              label={t('library.indicator.valueN', { n: index + 1 })}
              value={row.value}
              onChange={(value) => update(index, { value })}
              style={{ flex: '1 1 6rem' }}
              hideControls
            />
            <TextInput
              label={t('library.indicator.unitN', { n: index + 1 })}
              value={row.unit}
              onChange={(e) => update(index, { unit: e.currentTarget.value })}
              style={{ flex: '1 1 6rem' }}
              maxLength={50}
            />
            <Button variant="subtle" color="red" onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={t('library.indicator.removeN', { n: index + 1 })}>
              {t('library.indicator.remove')}
            </Button>
          </Group>
        ))}
        {error && (
          <Text size="sm" c="red.8">
            {error}
          </Text>
        )}
        {rows.length < 30 && (
          <Button variant="outline" size="compact-sm" w="fit-content" onClick={() => onChange([...rows, { name: '', value: '', unit: '' }])}>
            {t('library.indicator.add')}
          </Button>
        )}
      </Stack>
    </fieldset>
  );
}

