import { Anchor, Badge, Button, Group, List, NativeSelect, Radio, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { groupDigits } from './money.js';

type Check = paths['/api/v1/pipeline-projects/{projectId}/bankability']['get']['responses'][200]['content']['application/json'];
type Question = Check['questions'][number];
type Flag = Check['flags'][number];
type Profile = Check['profile'][number];
type AnswerValue = string | number | null;

const checkKey = (projectId: string) => ['pipeline', 'project', projectId, 'bankability'] as const;

/** `/app/pipeline/:projectId/bankability`: the bankability check of a pipeline project. */
export function BankabilityPage() {
  const { projectId = '' } = useParams();
  const check = useQuery({
    queryKey: checkKey(projectId),
    queryFn: async () => unwrap(await api.GET('/api/v1/pipeline-projects/{projectId}/bankability', { params: { path: { projectId } } })),
  });
  if (check.isPending) return <PageLoader />;
  if (check.isError)
    return (
      <>
        <WorkspaceTitle>{t('pipeline.bankability.title')}</WorkspaceTitle>
        <PageError error={check.error} onRetry={() => check.refetch()} />
      </>
    );
  return <CheckView check={check.data} />;
}

/** Long button labels ("Justify: …") wrap on narrow screens instead of widening the page. */
const wrapLabel = { label: { whiteSpace: 'normal' as const, textAlign: 'left' as const } };

const levelKey = (level: Profile['level']) => `pipeline.bankability.level.${level}` as MessageKey;

function CheckView({ check }: { check: Check }) {
  const { project } = check;
  const money = (amount: string | null) => (amount === null ? t('pipeline.bankability.notGiven') : `${groupDigits(amount)} ${project.currency}`);
  return (
    <>
      <Anchor component={Link} to={`/app/pipeline/${project.id}`} size="sm">
        {t('pipeline.bankability.back', { title: project.title })}
      </Anchor>
      <WorkspaceTitle description={t('pipeline.bankability.description', { city: project.cityName, score: check.overallScore })}>
        {t('pipeline.bankability.titleOf', { title: project.title })}
      </WorkspaceTitle>
      <Stack gap="md">
        <Text size="sm">
          {t('pipeline.bankability.facts', {
            model: t(`pipeline.bankability.model.${project.deliveryModel}` as MessageKey),
            stage: t(`pipeline.bankability.stage.${project.stage}` as MessageKey),
            cost: money(project.capitalCost),
            secured: money(project.fundingSecured),
          })}
        </Text>
        {!check.canEdit && <Text size="sm">{t('pipeline.bankability.readOnly')}</Text>}
        <FlagsSection check={check} />
        <ProfileSection profile={check.profile} />
        <NextStepsSection check={check} />
        <Title order={2} size="h3">
          {t('pipeline.bankability.questionnaire')}
        </Title>
        {check.profile.map((dimension) => (
          <Section key={dimension.dimension} title={dimension.title}>
            <Stack gap="lg">
              {check.questions
                .filter((q) => q.dimension === dimension.dimension)
                .map((question) =>
                  check.canEdit ? (
                    <QuestionField key={question.id} projectId={project.id} question={question} answer={check.answers[question.id] ?? null} currency={project.currency} />
                  ) : (
                    <ReadOnlyAnswer key={question.id} question={question} answer={check.answers[question.id] ?? null} />
                  ),
                )}
            </Stack>
          </Section>
        ))}
      </Stack>
    </>
  );
}

/* ---- Flags ---- */

function FlagsSection({ check }: { check: Check }) {
  const [justifying, setJustifying] = useState<Flag | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <Section title={t('pipeline.bankability.flags', { count: check.flags.length })}>
      <Stack gap="sm">
        {saved && <SuccessAlert>{t('pipeline.bankability.justified', { title: saved })}</SuccessAlert>}
        {check.flags.length === 0 && <Text size="sm">{t('pipeline.bankability.noFlags')}</Text>}
        {check.flags.map((flag) => (
          <Stack key={flag.id} gap={4} component="article" aria-labelledby={`flag-${flag.id}`}>
            <Group gap="xs" wrap="wrap">
              <Title order={3} size="h5" id={`flag-${flag.id}`}>
                {flag.title}
              </Title>
              <Badge color={flag.status === 'open' ? 'red.9' : 'gray.8'} variant={flag.status === 'open' ? 'filled' : 'outline'}>
                {flag.status === 'open' ? t('pipeline.bankability.flagOpen') : t('pipeline.bankability.flagJustified')}
              </Badge>
            </Group>
            <Text size="sm">{flag.message}</Text>
            <Text size="sm">{t('pipeline.bankability.flagFix', { fix: flag.fix })}</Text>
            {flag.justification && <Text size="sm">{t('pipeline.bankability.justification', { text: flag.justification })}</Text>}
            {check.canEdit && (
              <Button size="compact-sm" variant="outline" maw="100%" w="fit-content" h="auto" py={4} styles={wrapLabel} onClick={() => setJustifying(flag)}>
                {flag.justification ? t('pipeline.bankability.editJustification', { title: flag.title }) : t('pipeline.bankability.justify', { title: flag.title })}
              </Button>
            )}
          </Stack>
        ))}
      </Stack>
      {justifying && (
        <JustifyModal
          projectId={check.project.id}
          flag={justifying}
          onClose={() => setJustifying(null)}
          onSaved={() => {
            setSaved(justifying.title);
            setJustifying(null);
          }}
        />
      )}
    </Section>
  );
}

function JustifyModal({ projectId, flag, onClose, onSaved }: { projectId: string; flag: Flag; onClose: () => void; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(flag.justification ?? '');
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/pipeline-projects/{projectId}/bankability/flags/{flagId}/justification', {
          params: { path: { projectId, flagId: flag.id } },
          body: { text },
        }),
      ),
    onSuccess: (check) => {
      queryClient.setQueryData(checkKey(projectId), check);
      onSaved();
    },
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <WorkspaceModal opened onClose={onClose} title={t('pipeline.bankability.justify', { title: flag.title })}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{flag.message}</Text>
          <Textarea
            label={t('pipeline.bankability.justificationLabel')}
            description={t('pipeline.bankability.justificationHelp')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            required
            maxLength={2000}
            autosize
            minRows={3}
            error={errors['text']}
          />
          <FormAlert error={save.error} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {t('pipeline.bankability.saveJustification')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

/* ---- Readiness profile ---- */

function ProfileSection({ profile }: { profile: Profile[] }) {
  const titleId = useId();
  const row = 28;
  const labelWidth = 150;
  const barWidth = 200;
  return (
    <Section title={t('pipeline.bankability.profile')}>
      <Stack gap="sm">
        <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${labelWidth + barWidth + 50} ${profile.length * row}`} width="100%" style={{ maxWidth: 480, display: 'block' }}>
          <title id={titleId}>{t('pipeline.bankability.chartTitle', { summary: profile.map((p) => `${p.title} ${p.score}`).join(', ') })}</title>
          {profile.map((p, i) => (
            <g key={p.dimension} transform={`translate(0 ${i * row})`}>
              <text x={0} y={18} fontSize={12} fill="currentColor">
                {p.title}
              </text>
              <rect x={labelWidth} y={6} width={barWidth} height={16} fill="none" stroke="currentColor" strokeWidth={1} />
              <rect x={labelWidth} y={6} width={(barWidth * p.score) / 100} height={16} fill="var(--mantine-color-blue-8)" />
              <text x={labelWidth + barWidth + 6} y={18} fontSize={12} fill="currentColor">
                {p.score}
              </text>
            </g>
          ))}
        </svg>
        <ScrollTable minWidth={560} label={t('pipeline.bankability.profileTable')}>
          <Table striped verticalSpacing="xs" aria-label={t('pipeline.bankability.profileTable')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('pipeline.bankability.col.dimension')}</Table.Th>
                <Table.Th scope="col">{t('pipeline.bankability.col.readiness')}</Table.Th>
                <Table.Th scope="col">{t('pipeline.bankability.col.score')}</Table.Th>
                <Table.Th scope="col">{t('pipeline.bankability.col.answered')}</Table.Th>
                <Table.Th scope="col">{t('pipeline.bankability.col.missing')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {profile.map((p) => (
                <Table.Tr key={p.dimension}>
                  <Table.Th scope="row">{p.title}</Table.Th>
                  <Table.Td>
                    {t(levelKey(p.level))}
                    {p.openFlags > 0 && ` (${t('pipeline.bankability.openFlags', { count: p.openFlags })})`}
                  </Table.Td>
                  <Table.Td>{t('pipeline.bankability.scoreOf', { score: p.score })}</Table.Td>
                  <Table.Td>{t('pipeline.bankability.answeredOf', { answered: p.answered, total: p.questions })}</Table.Td>
                  <Table.Td>{p.missing.length ? p.missing.join(', ') : t('pipeline.bankability.nothingMissing')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>
    </Section>
  );
}

/* ---- Next steps ---- */

function NextStepsSection({ check }: { check: Check }) {
  const byDimension = check.profile.map((p) => ({ profile: p, steps: check.nextSteps.filter((s) => s.dimension === p.dimension) })).filter((d) => d.steps.length > 0);
  return (
    <Section title={t('pipeline.bankability.nextSteps')}>
      {byDimension.length === 0 ? (
        <Text size="sm">{t('pipeline.bankability.noNextSteps')}</Text>
      ) : (
        <Stack gap="sm">
          {byDimension.map(({ profile, steps }) => (
            <div key={profile.dimension}>
              <Title order={3} size="h5">
                {profile.title}
              </Title>
              <List size="sm" spacing={4}>
                {steps.slice(0, 4).map((step) => (
                  <List.Item key={step.flagId ?? step.questionId}>
                    {step.questionId && check.canEdit ? (
                      <Anchor href={`#q-${step.questionId}`} size="sm">
                        {step.text}
                      </Anchor>
                    ) : (
                      step.text
                    )}
                  </List.Item>
                ))}
              </List>
            </div>
          ))}
        </Stack>
      )}
    </Section>
  );
}

/* ---- Questionnaire ---- */

function answerText(question: Question, answer: AnswerValue, currency?: string): string {
  if (answer === null) return t('pipeline.bankability.notAnswered');
  if (question.kind === 'yes_no_partly') return t(`pipeline.bankability.answer.${String(answer)}` as MessageKey);
  if (question.kind === 'choice') return question.options.find((o) => o.value === answer)?.label ?? String(answer);
  if (question.kind === 'amount' && currency) return `${groupDigits(String(answer))} ${currency}`;
  return String(answer);
}

function ReadOnlyAnswer({ question, answer }: { question: Question; answer: AnswerValue }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {question.label}
      </Text>
      <Text size="xs" c="dimmed">
        {question.help}
      </Text>
      <Text size="sm">{answerText(question, answer)}</Text>
    </div>
  );
}

/** One question, saved as soon as a choice is made, or when a typed answer is left. */
function QuestionField({ projectId, question, answer, currency }: { projectId: string; question: Question; answer: AnswerValue; currency: string }) {
  const queryClient = useQueryClient();
  const stored = answer === null ? '' : String(answer);
  const [draft, setDraft] = useState(stored);
  const [savedValue, setSavedValue] = useState(stored);
  const save = useMutation({
    mutationFn: async (value: AnswerValue) =>
      unwrap(await api.PUT('/api/v1/pipeline-projects/{projectId}/bankability/answers', { params: { path: { projectId } }, body: { answers: { [question.id]: value } } })),
    onSuccess: (check, value) => {
      setSavedValue(value === null ? '' : String(value));
      queryClient.setQueryData(checkKey(projectId), check);
    },
  });
  const commit = (raw: string) => {
    const trimmed = raw.trim();
    if (trimmed === savedValue && !save.isError) return;
    if (trimmed === '') return save.mutate(null);
    if (question.kind === 'count') return save.mutate(/^-?\d+$/.test(trimmed) ? Number(trimmed) : (trimmed as unknown as number));
    save.mutate(trimmed);
  };
  const error = fieldErrorsOf(save.error)[`answers.${question.id}`] ?? (save.error ? (save.error as Error).message : undefined);
  const status = save.isPending ? t('pipeline.bankability.saving') : save.isSuccess ? t('pipeline.bankability.saved') : '';
  const common = { label: question.label, description: question.help, error };
  let control;
  switch (question.kind) {
    case 'yes_no_partly':
      control = (
        <Radio.Group
          {...common}
          value={draft}
          onChange={(value) => {
            setDraft(value);
            commit(value);
          }}
        >
          <Group gap="md" mt={4}>
            {(['yes', 'partly', 'no', ''] as const).map((value) => (
              <Radio key={value || 'none'} value={value} label={value ? t(`pipeline.bankability.answer.${value}` as MessageKey) : t('pipeline.bankability.notAnswered')} />
            ))}
          </Group>
        </Radio.Group>
      );
      break;
    case 'choice':
      control = (
        <NativeSelect
          {...common}
          value={draft}
          data={[{ value: '', label: t('pipeline.bankability.notAnswered') }, ...question.options]}
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            commit(event.currentTarget.value);
          }}
        />
      );
      break;
    case 'text':
      control = (
        <Textarea {...common} value={draft} maxLength={question.maxLength ?? undefined} autosize minRows={2} onChange={(e) => setDraft(e.currentTarget.value)} onBlur={() => commit(draft)} />
      );
      break;
    case 'amount':
      control = (
        <TextInput
          {...common}
          inputMode="decimal"
          rightSection={<Text size="xs">{currency}</Text>}
          rightSectionWidth={48}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => commit(draft)}
          maw={320}
        />
      );
      break;
    case 'count':
      control = <TextInput {...common} inputMode="numeric" value={draft} onChange={(e) => setDraft(e.currentTarget.value)} onBlur={() => commit(draft)} maw={200} />;
      break;
  }
  return (
    <div id={`q-${question.id}`}>
      {control}
      <Text size="xs" role="status" aria-live="polite" mt={2} mih={16}>
        {status}
      </Text>
    </div>
  );
}
