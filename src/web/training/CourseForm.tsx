import { Alert, Box, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, InlineLoader } from '../workspace/forms.js';
import { topics, trainingKey, useCsfCore, type CourseBody, type CourseDetail, type CourseTopic } from './shared.js';

const MAX_MODULES = 50;

type ModuleForm = { key: number; title: string; summary: string; hours: string };
type CourseForm = { title: string; topic: CourseTopic; summary: string; learningOutcomes: string; csfCategoryIds: string[]; passMarkPercent: string; modules: ModuleForm[] };

let nextKey = 1;
const emptyModule = (): ModuleForm => ({ key: nextKey++, title: '', summary: '', hours: '1' });

function formOf(course?: CourseDetail): CourseForm {
  if (!course) return { title: '', topic: 'cybersecurity', summary: '', learningOutcomes: '', csfCategoryIds: [], passMarkPercent: '70', modules: [emptyModule()] };
  return {
    title: course.title,
    topic: course.topic,
    summary: course.summary,
    learningOutcomes: course.learningOutcomes.join('\n'),
    csfCategoryIds: course.csfCategories.map((c) => c.id),
    passMarkPercent: String(course.passMarkPercent),
    modules: course.modules.map((m) => ({ key: nextKey++, title: m.title, summary: m.summary, hours: String(m.hours) })),
  };
}

function bodyOf(form: CourseForm): NonNullable<CourseBody> {
  return {
    title: form.title,
    topic: form.topic,
    summary: form.summary,
    learningOutcomes: form.learningOutcomes
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    csfCategoryIds: form.csfCategoryIds,
    passMarkPercent: Number(form.passMarkPercent),
    modules: form.modules.map((m) => ({ title: m.title, summary: m.summary, hours: Number(m.hours) })),
  };
}

/**
 * Write a course, or (with `course`) change one: its description, learning outcomes, the CSF 2.0
 * categories it addresses, its modules in order and the quiz's pass mark. The server's problems show
 * at their fields.
 */
export function CourseForm({ course, onSaved, onCancel }: { course?: CourseDetail; onSaved: (saved: CourseDetail) => void; onCancel?: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => formOf(course));
  const set = <K extends keyof CourseForm>(key: K, value: CourseForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const setModule = (key: number, change: Partial<ModuleForm>) => setForm((current) => ({ ...current, modules: current.modules.map((m) => (m.key === key ? { ...m, ...change } : m)) }));
  const moveModule = (index: number, by: -1 | 1) =>
    setForm((current) => {
      const modules = [...current.modules];
      const [moved] = modules.splice(index, 1);
      modules.splice(index + by, 0, moved!);
      return { ...current, modules };
    });
  const save = useMutation({
    mutationFn: async () =>
      course
        ? unwrap(await api.PATCH('/api/v1/training/courses/{courseId}', { params: { path: { courseId: course.id } }, body: bodyOf(form) }))
        : unwrap(await api.POST('/api/v1/training/courses', { body: bodyOf(form) })),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: trainingKey });
      onSaved(saved);
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert error={save.error} />
        <TextInput label={t('training.courseForm.title')} required value={form.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t('training.courseForm.topic')}
            value={form.topic}
            onChange={(e) => set('topic', e.currentTarget.value as CourseTopic)}
            data={topics.values.map((value) => ({ value, label: topics.label(value) }))}
            error={errors.topic}
          />
          <TextInput
            type="number"
            min={1}
            max={100}
            label={t('training.courseForm.passMark')}
            description={t('training.courseForm.passMarkHelp')}
            value={form.passMarkPercent}
            onChange={(e) => set('passMarkPercent', e.currentTarget.value)}
            error={errors.passMarkPercent}
          />
        </SimpleGrid>
        <Textarea label={t('training.courseForm.summary')} autosize minRows={3} value={form.summary} onChange={(e) => set('summary', e.currentTarget.value)} error={errors.summary} />
        <Textarea
          label={t('training.courseForm.outcomes')}
          description={t('training.courseForm.outcomesHelp')}
          autosize
          minRows={3}
          value={form.learningOutcomes}
          onChange={(e) => set('learningOutcomes', e.currentTarget.value)}
          error={errors.learningOutcomes ?? Object.entries(errors).find(([field]) => field.startsWith('learningOutcomes.'))?.[1]}
        />
        <CategoryPicker value={form.csfCategoryIds} onChange={(ids) => set('csfCategoryIds', ids)} error={errors.csfCategoryIds} />
        <Box>
          <Text fw={600}>
            {t('training.courseForm.modules')}
          </Text>
          <Text size="sm" c="dimmed" mb="xs">
            {t('training.courseForm.modulesHelp')}
          </Text>
          {errors.modules && (
            <Alert color="red" role="alert" mb="xs">
              <Text size="sm">{errors.modules}</Text>
            </Alert>
          )}
          <Stack gap="sm">
            {form.modules.map((module, index) => {
              const number = index + 1;
              return (
                <Fieldset key={module.key} legend={t('training.courseForm.module', { number })} p="sm">
                  <Stack gap="xs">
                    <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs">
                      <TextInput
                        label={t('training.courseForm.moduleTitle')}
                        required
                        value={module.title}
                        onChange={(e) => setModule(module.key, { title: e.currentTarget.value })}
                        error={errors[`modules.${index}.title`]}
                        style={{ gridColumn: 'span 3' }}
                      />
                      <TextInput
                        type="number"
                        min={0}
                        label={t('training.courseForm.moduleHours')}
                        value={module.hours}
                        onChange={(e) => setModule(module.key, { hours: e.currentTarget.value })}
                        error={errors[`modules.${index}.hours`]}
                      />
                    </SimpleGrid>
                    <Textarea label={t('training.courseForm.moduleSummary')} autosize minRows={1} value={module.summary} onChange={(e) => setModule(module.key, { summary: e.currentTarget.value })} />
                    <Group gap="xs">
                      {index > 0 && (
                        <Button variant="subtle" c="blue.8" size="compact-sm" onClick={() => moveModule(index, -1)} aria-label={t('training.courseForm.moveUpNamed', { number })}>
                          {t('training.courseForm.moveUp')}
                        </Button>
                      )}
                      {index < form.modules.length - 1 && (
                        <Button variant="subtle" c="blue.8" size="compact-sm" onClick={() => moveModule(index, 1)} aria-label={t('training.courseForm.moveDownNamed', { number })}>
                          {t('training.courseForm.moveDown')}
                        </Button>
                      )}
                      <Button
                        variant="subtle"
                        color="red.9"
                        c="red.9"
                        size="compact-sm"
                        onClick={() => set('modules', form.modules.filter((m) => m.key !== module.key))}
                        aria-label={t('training.courseForm.removeModuleNamed', { number })}
                      >
                        {t('training.courseForm.removeModule')}
                      </Button>
                    </Group>
                  </Stack>
                </Fieldset>
              );
            })}
          </Stack>
          {form.modules.length < MAX_MODULES && (
            <Button variant="outline" size="compact-sm" mt="sm" onClick={() => set('modules', [...form.modules, emptyModule()])}>
              {t('training.courseForm.addModule')}
            </Button>
          )}
        </Box>
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('workspace.cancel')}
            </Button>
          )}
          <Button type="submit" loading={save.isPending}>
            {course ? t('training.courseForm.save') : t('training.courseForm.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The CSF 2.0 categories, grouped by function, as checkboxes (readable on a phone and by screen readers). */
function CategoryPicker({ value, onChange, error }: { value: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const core = useCsfCore();
  return (
    <Box>
      <Text fw={600}>
        {t('training.courseForm.categories')}
      </Text>
      <Text size="sm" c="dimmed" mb="xs">
        {t('training.courseForm.categoriesHelp')}
      </Text>
      {error && (
        <Alert color="red" role="alert" mb="xs">
          <Text size="sm">{error}</Text>
        </Alert>
      )}
      {core.isPending ? (
        <InlineLoader />
      ) : core.isError ? (
        <FormAlert error={core.error} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {core.data.functions.map((fn) => (
            <Checkbox.Group
              key={fn.id}
              label={`${fn.name} (${fn.id})`}
              value={value.filter((id) => fn.categories.some((c) => c.id === id))}
              onChange={(chosen) => onChange([...value.filter((id) => !fn.categories.some((c) => c.id === id)), ...chosen])}
            >
              <Stack gap={4} mt={4}>
                {fn.categories.map((category) => (
                  <Checkbox key={category.id} value={category.id} label={`${category.id} ${category.name}`} />
                ))}
              </Stack>
            </Checkbox.Group>
          ))}
        </SimpleGrid>
      )}
    </Box>
  );
}
