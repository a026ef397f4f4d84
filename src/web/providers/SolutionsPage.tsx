import { Anchor, Button, Checkbox, Group, MultiSelect, Radio, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { projectSectorOptions, type projectSectors } from './options.js';
import { useFocusAreaNames } from '../exchanges/shared.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { SolutionFacts, type Solution } from './shared.js';

const profileKey = (organisationId: string) => ['company-solutions', organisationId];

/** `/app/solutions`: a company's profile with its solutions, which its members add, change and remove. */
export function SolutionsPage() {
  const actor = useActor();
  const organisationId = actor.organisation.id;
  const isCompany = actor.organisation.kind === 'company';
  const profile = useQuery({
    queryKey: profileKey(organisationId),
    queryFn: async () => unwrap(await api.GET('/api/v1/companies/{organisationId}/solutions', { params: { path: { organisationId } } })),
    enabled: isCompany,
  });
  const [editing, setEditing] = useState<Solution | 'new' | null>(null);
  const title = <WorkspaceTitle description={t('providers.solutions.description')}>{t('providers.solutions.title')}</WorkspaceTitle>;
  if (!isCompany)
    return (
      <>
        {title}
        <Text>
          {t('providers.solutions.notCompany')}{' '}
          <Anchor component={Link} to="/solutions">
            {t('providers.directory.title')}
          </Anchor>
        </Text>
      </>
    );
  if (profile.isPending) return <PageLoader />;
  if (profile.isError) return <PageError error={profile.error} onRetry={() => profile.refetch()} />;
  const { organisation, solutions, canEdit } = profile.data;
  return (
    <>
      {title}
      <Stack gap="md">
        <Section title={organisation.name}>
          <Stack gap="xs">
            {organisation.description && <Text size="sm">{organisation.description}</Text>}
            {organisation.website && (
              <Anchor href={organisation.website} size="sm">
                {organisation.website}
              </Anchor>
            )}
            <Anchor component={Link} to="/app/solutions/opportunities" size="sm">
              {t('providers.opportunities.title')}
            </Anchor>
          </Stack>
        </Section>
        <Section
          title={t('providers.solutions.listTitle')}
          actions={
            canEdit && editing === null ? (
              <Button size="xs" onClick={() => setEditing('new')}>
                {t('providers.solutions.add')}
              </Button>
            ) : undefined
          }
        >
          <Stack gap="md">
            {editing !== null && <SolutionForm organisationId={organisationId} solution={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
            {solutions.length === 0 && <Text size="sm">{t('providers.solutions.none')}</Text>}
            {solutions.map((s) => (
              <Stack key={s.id} gap={4} component="article">
                <Title order={3} size="h5">
                  {s.name}
                </Title>
                <Text size="xs" c="dimmed">
                  {s.visibility === 'public' ? t('providers.visibility.public') : t('providers.visibility.partnership')}
                </Text>
                <SolutionFacts solution={s} />
                {canEdit && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setEditing(s)} aria-label={t('providers.solutions.editNamed', { name: s.name })}>
                      {t('providers.solutions.edit')}
                    </Button>
                    <DeleteButton solution={s} organisationId={organisationId} />
                  </Group>
                )}
              </Stack>
            ))}
          </Stack>
        </Section>
      </Stack>
    </>
  );
}

function DeleteButton({ solution, organisationId }: { solution: Solution; organisationId: string }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/solutions/{solutionId}', { params: { path: { solutionId: solution.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: profileKey(organisationId) }),
  });
  return (
    <>
      <Button size="xs" variant="default" color="red" loading={remove.isPending} onClick={() => window.confirm(t('providers.solutions.confirmDelete', { name: solution.name })) && remove.mutate()} aria-label={t('providers.solutions.deleteNamed', { name: solution.name })}>
        {t('providers.solutions.delete')}
      </Button>
      <FormAlert error={remove.error} />
    </>
  );
}

function SolutionForm({ organisationId, solution, onDone }: { organisationId: string; solution: Solution | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { areas } = useFocusAreaNames();
  const [name, setName] = useState(solution?.name ?? '');
  const [description, setDescription] = useState(solution?.description ?? '');
  const [sectors, setSectors] = useState<string[]>(solution?.sectors ?? []);
  const [focusAreaIds, setFocusAreaIds] = useState(solution?.focusAreaIds ?? []);
  const [technologies, setTechnologies] = useState(solution?.technologies ?? []);
  const [countriesServed, setCountries] = useState(solution?.countriesServed ?? []);
  const [referenceDeployments, setReferences] = useState(solution?.referenceDeployments ?? '');
  const [visibility, setVisibility] = useState<'public' | 'partnership'>(solution?.visibility ?? 'public');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      const body = { name, description, sectors: sectors as (typeof projectSectors)[number][], focusAreaIds, technologies, countriesServed, referenceDeployments, visibility };
      return solution
        ? unwrap(await api.PATCH('/api/v1/solutions/{solutionId}', { params: { path: { solutionId: solution.id } }, body }))
        : unwrap(await api.POST('/api/v1/companies/{organisationId}/solutions', { params: { path: { organisationId } }, body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: profileKey(organisationId) });
      setSaved(true);
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  }
  return (
    <form onSubmit={submit} aria-label={solution ? t('providers.solutions.editNamed', { name: solution.name }) : t('providers.solutions.add')}>
      <Stack>
        {saved && <SuccessAlert>{t('providers.solutions.saved')}</SuccessAlert>}
        <FormAlert error={save.error} />
        <TextInput label={t('providers.field.name')} withAsterisk value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <Textarea label={t('providers.field.description')} autosize minRows={3} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
        <MultiSelect label={t('providers.field.sectors')} withAsterisk data={projectSectorOptions()} value={sectors} onChange={setSectors} error={errors.sectors} />
        <Checkbox.Group label={t('providers.field.focusAreas')} value={focusAreaIds} onChange={setFocusAreaIds} error={errors.focusAreaIds}>
          <Stack gap={6} mt={6}>
            {areas.map((area) => (
              <Checkbox key={area.id} value={area.id} label={area.name} />
            ))}
          </Stack>
        </Checkbox.Group>
        <TagsInput label={t('providers.field.technologies')} description={t('providers.field.tagsHint')} value={technologies} onChange={setTechnologies} maxTags={30} error={errors.technologies} />
        <TagsInput label={t('providers.field.countries')} description={t('providers.field.countriesHint')} value={countriesServed} onChange={setCountries} maxTags={30} error={errors.countriesServed} />
        <Textarea label={t('providers.field.references')} autosize minRows={2} value={referenceDeployments} onChange={(e) => setReferences(e.currentTarget.value)} error={errors.referenceDeployments} />
        <Radio.Group label={t('providers.field.visibility')} value={visibility} onChange={(v) => setVisibility(v as 'public' | 'partnership')}>
          <Stack gap={6} mt={6}>
            <Radio value="public" label={t('providers.visibility.public')} />
            <Radio value="partnership" label={t('providers.visibility.partnership')} />
          </Stack>
        </Radio.Group>
        <Group gap="xs">
          <Button type="submit" loading={save.isPending}>
            {t('providers.solutions.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('providers.solutions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
