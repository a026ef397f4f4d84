import { Button, NumberInput, Radio, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client.js';
import { t } from '../../i18n/i18n.js';
import { ModalActions, WorkspaceModal } from '../WorkspaceModal.js';
import { projectStatuses, projectVisibilities, type FocusArea, type Project, type ProjectStatus, type ProjectVisibility } from '../apiTypes.js';
import { fieldErrorsOf, FormAlert } from '../forms.js';
import { projectStatusLabel, visibilityExplanation, visibilityLabel } from '../labels.js';
import { afterProjectChange } from './projectQueries.js';

const yearOrNull = (value: number | string): number | null => (typeof value === 'number' ? value : null);

/** Creates (project = null) or edits a SCAP project, with every field the API accepts. */
export function ProjectModal({
  cityId,
  cityName,
  project,
  focusAreas,
  onClose,
  onSaved,
}: {
  cityId: string;
  cityName: string;
  project: Project | null;
  focusAreas: FocusArea[];
  onClose: () => void;
  onSaved: (project: Project, created: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const narrow = useMediaQuery('(max-width: 48em)');
  const [title, setTitle] = useState(project?.title ?? '');
  const [focusAreaId, setFocusAreaId] = useState<string | null>(project?.focusAreaId ?? null);
  const [description, setDescription] = useState(project?.description ?? '');
  const [status, setStatus] = useState<ProjectStatus>(project?.status ?? 'planning');
  const [startYear, setStartYear] = useState<number | string>(project?.startYear ?? '');
  const [endYear, setEndYear] = useState<number | string>(project?.endYear ?? '');
  const [amount, setAmount] = useState(project?.budget?.amount ?? '');
  const [currency, setCurrency] = useState(project?.budget?.currency ?? '');
  const [partners, setPartners] = useState<string[]>(project?.partners ?? []);
  const [visibility, setVisibility] = useState<ProjectVisibility>(project?.visibility ?? 'restricted');
  const [problems, setProblems] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        title,
        focusAreaId: focusAreaId!,
        description,
        status,
        startYear: yearOrNull(startYear),
        endYear: yearOrNull(endYear),
        budget: amount.trim() ? { amount: amount.trim().replace(/,/g, ''), currency: currency.trim().toUpperCase() } : null,
        partners,
        visibility,
      };
      return project
        ? unwrap(await api.PATCH('/api/v1/projects/{projectId}', { params: { path: { projectId: project.id } }, body }))
        : unwrap(await api.POST('/api/v1/cities/{cityId}/projects', { params: { path: { cityId } }, body }));
    },
    onSuccess: async (saved) => {
      await afterProjectChange(queryClient, cityId);
      onSaved(saved, project === null);
    },
  });

  const serverErrors = fieldErrorsOf(save.error);
  const errors: Record<string, string | undefined> = { ...serverErrors, ...problems };
  const firstUnder = (prefix: string) => Object.entries(serverErrors).find(([field]) => field.startsWith(`${prefix}.`))?.[1];

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!focusAreaId) found.focusAreaId = t('workspace.project.chooseFocusArea');
    if (amount.trim() && !/^[A-Za-z]{3}$/.test(currency.trim())) found['budget.currency'] = t('workspace.project.currencyNeeded');
    if (!amount.trim() && currency.trim()) found['budget.amount'] = t('workspace.project.amountNeeded');
    const start = yearOrNull(startYear);
    const end = yearOrNull(endYear);
    if (start && end && end < start) found.endYear = t('workspace.project.endBeforeStart');
    setProblems(found);
    if (Object.keys(found).length === 0) save.mutate();
  }

  return (
    <WorkspaceModal
      opened
      onClose={onClose}
      size="xl"
      fullScreen={narrow}
      title={project ? t('workspace.project.editTitle', { title: project.title }) : t('workspace.project.newTitle', { city: cityName })}
    >
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={save.error} />
          <TextInput
            label={t('workspace.field.projectTitle')}
            required
            minLength={3}
            maxLength={300}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
          />
          <Select
            label={t('workspace.field.focusArea')}
            description={t('workspace.project.focusAreaHelp')}
            required
            placeholder={t('workspace.choose')}
            data={focusAreas.map((area) => ({ value: area.id, label: `${area.name} (${area.code})` }))}
            value={focusAreaId}
            onChange={setFocusAreaId}
            allowDeselect={false}
            error={errors.focusAreaId}
          />
          <Textarea
            label={t('workspace.field.description')}
            autosize
            minRows={3}
            maxRows={10}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('workspace.field.status')}
              data={projectStatuses.map((s) => ({ value: s, label: projectStatusLabel(s) }))}
              value={status}
              onChange={(value) => value && setStatus(value as ProjectStatus)}
              allowDeselect={false}
              error={errors.status}
            />
            <NumberInput
              label={t('workspace.field.startYear')}
              min={2000}
              max={2100}
              allowDecimal={false}
              allowNegative={false}
              value={startYear}
              onChange={setStartYear}
              error={errors.startYear}
            />
            <NumberInput
              label={t('workspace.field.endYear')}
              min={2000}
              max={2100}
              allowDecimal={false}
              allowNegative={false}
              value={endYear}
              onChange={setEndYear}
              error={errors.endYear}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('workspace.field.budgetAmount')}
              description={t('workspace.project.amountHelp')}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              error={errors['budget.amount'] ?? errors.budget}
            />
            <TextInput
              label={t('workspace.field.currency')}
              description={t('workspace.project.currencyHelp')}
              maxLength={3}
              autoCapitalize="characters"
              value={currency}
              onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
              error={errors['budget.currency']}
            />
          </SimpleGrid>
          <TagsInput
            label={t('workspace.field.partners')}
            description={t('workspace.project.partnersHelp')}
            value={partners}
            onChange={setPartners}
            maxTags={30}
            clearable
            error={errors.partners ?? firstUnder('partners')}
          />
          <Radio.Group
            label={t('workspace.field.visibility')}
            description={t('workspace.project.visibilityHelp')}
            value={visibility}
            onChange={(value) => setVisibility(value as ProjectVisibility)}
            error={errors.visibility}
          >
            <Stack gap="xs" mt="xs">
              {projectVisibilities.map((v) => (
                <Radio key={v} value={v} label={visibilityLabel(v)} description={visibilityExplanation(v)} />
              ))}
            </Stack>
          </Radio.Group>
          {project && (
            <Text size="xs" c="dimmed">
              {t('workspace.project.documentsElsewhere')}
            </Text>
          )}
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {project ? t('workspace.project.save') : t('workspace.project.create')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}
