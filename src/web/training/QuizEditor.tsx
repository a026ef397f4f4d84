import { Alert, Button, Fieldset, Group, List, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, SuccessAlert } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { trainingKey, type CourseDetail, type QuizQuestionKey } from './shared.js';

const MAX_QUESTIONS = 50;
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 6;

type QuestionForm = { key: number; prompt: string; options: string[]; correctOption: number };
let nextKey = 1;
const emptyQuestion = (): QuestionForm => ({ key: nextKey++, prompt: '', options: ['', ''], correctOption: 0 });

/**
 * The end-of-course quiz, for the course's managers: multiple-choice questions with 2 to 6 options,
 * exactly one of them correct. Once a trainee has started the quiz it is shown read-only.
 */
export function QuizEditor({ course, questions }: { course: CourseDetail; questions: QuizQuestionKey[] }) {
  const title = t('training.quiz.editorTitle', { count: questions.length });
  if (!course.quizEditable)
    return (
      <Section title={title}>
        <Stack gap="sm">
          <Alert color="blue" title={t('training.quiz.frozenTitle')}>
            <Text size="sm">{t('training.quiz.frozen')}</Text>
          </Alert>
          <List type="ordered" size="sm" spacing="xs">
            {questions.map((question) => (
              <List.Item key={question.id}>
                <Text size="sm" fw={600}>
                  {question.prompt}
                </Text>
                <List size="sm" withPadding>
                  {question.options.map((option, index) => (
                    <List.Item key={option}>{index === question.correctOption ? t('training.quiz.correctOptionText', { option }) : option}</List.Item>
                  ))}
                </List>
              </List.Item>
            ))}
          </List>
        </Stack>
      </Section>
    );
  return (
    <Section title={title}>
      <QuizForm course={course} questions={questions} />
    </Section>
  );
}

function QuizForm({ course, questions }: { course: CourseDetail; questions: QuizQuestionKey[] }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<QuestionForm[]>(() => questions.map((q) => ({ key: nextKey++, prompt: q.prompt, options: [...q.options], correctOption: q.correctOption })));
  const [saved, setSaved] = useState(false);
  const change = (key: number, update: (question: QuestionForm) => QuestionForm) => {
    setSaved(false);
    setForm((current) => current.map((q) => (q.key === key ? update(q) : q)));
  };
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/training/courses/{courseId}/quiz', {
          params: { path: { courseId: course.id } },
          body: { questions: form.map(({ prompt, options, correctOption }) => ({ prompt, options, correctOption })) },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trainingKey });
      setSaved(true);
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('training.quiz.editorIntro', { passMark: course.passMarkPercent })}
        </Text>
        <FormAlert error={save.error} />
        {saved && <SuccessAlert>{t('training.quiz.saved', { count: form.length })}</SuccessAlert>}
        {form.length === 0 && <Text size="sm">{t('training.quiz.none')}</Text>}
        {form.map((question, index) => {
          const number = index + 1;
          const optionError = errors[`questions.${index}.options`] ?? Object.entries(errors).find(([field]) => field.startsWith(`questions.${index}.options.`))?.[1];
          return (
            <Fieldset key={question.key} legend={t('training.quiz.question', { number })} p="sm">
              <Stack gap="xs">
                <Textarea
                  label={t('training.quiz.prompt')}
                  required
                  autosize
                  minRows={1}
                  value={question.prompt}
                  onChange={(e) => {
                    const prompt = e.currentTarget.value;
                    change(question.key, (q) => ({ ...q, prompt }));
                  }}
                  error={errors[`questions.${index}.prompt`]}
                />
                <Radio.Group
                  label={t('training.quiz.correctLabel', { number })}
                  description={t('training.quiz.correctHelp')}
                  value={String(question.correctOption)}
                  onChange={(value) => change(question.key, (q) => ({ ...q, correctOption: Number(value) }))}
                  error={errors[`questions.${index}.correctOption`] ?? optionError}
                >
                  <Stack gap="xs" mt={4}>
                    {question.options.map((option, optionIndex) => (
                      <Group key={optionIndex} gap="xs" align="flex-end" wrap="nowrap">
                        <Radio value={String(optionIndex)} aria-label={t('training.quiz.markCorrect', { option: optionIndex + 1, number })} mb={8} />
                        <TextInput
                          label={t('training.quiz.option', { option: optionIndex + 1 })}
                          value={option}
                          onChange={(e) => {
                            const text = e.currentTarget.value;
                            change(question.key, (q) => ({ ...q, options: q.options.map((o, i) => (i === optionIndex ? text : o)) }));
                          }}
                          style={{ flex: 1, minWidth: 0 }}
                        />
                        {question.options.length > MIN_OPTIONS && (
                          <Button
                            variant="subtle"
                            color="red.9"
                            c="red.9"
                            size="compact-sm"
                            mb={4}
                            aria-label={t('training.quiz.removeOptionNamed', { option: optionIndex + 1, number })}
                            onClick={() =>
                              change(question.key, (q) => ({
                                ...q,
                                options: q.options.filter((_, i) => i !== optionIndex),
                                correctOption: q.correctOption === optionIndex ? 0 : q.correctOption > optionIndex ? q.correctOption - 1 : q.correctOption,
                              }))
                            }
                          >
                            {t('training.quiz.removeOption')}
                          </Button>
                        )}
                      </Group>
                    ))}
                  </Stack>
                </Radio.Group>
                <Group gap="xs">
                  {question.options.length < MAX_OPTIONS && (
                    <Button variant="outline" size="compact-sm" onClick={() => change(question.key, (q) => ({ ...q, options: [...q.options, ''] }))} aria-label={t('training.quiz.addOptionNamed', { number })}>
                      {t('training.quiz.addOption')}
                    </Button>
                  )}
                  <Button
                    variant="subtle"
                    color="red.9"
                    c="red.9"
                    size="compact-sm"
                    onClick={() => {
                      setSaved(false);
                      setForm((current) => current.filter((q) => q.key !== question.key));
                    }}
                    aria-label={t('training.quiz.removeQuestionNamed', { number })}
                  >
                    {t('training.quiz.removeQuestion')}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        <Group justify="space-between">
          {form.length < MAX_QUESTIONS ? (
            <Button
              variant="outline"
              onClick={() => {
                setSaved(false);
                setForm((current) => [...current, emptyQuestion()]);
              }}
            >
              {t('training.quiz.addQuestion')}
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" loading={save.isPending}>
            {t('training.quiz.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
