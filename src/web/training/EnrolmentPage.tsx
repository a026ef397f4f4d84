import { Alert, Anchor, Badge, Button, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, InlineLoader, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { CertificateLinks } from './CertificateLinks.js';
import { BackLink, EnrolmentStatusBadge, Fact, formatDay, formatDays, formatInZone, modes, SessionTime, trainingKey, viewerTimeZone, type EnrolmentDetail, type QuizAttempt } from './shared.js';

const enrolmentKey = (enrolmentId: string) => [...trainingKey, 'enrolment', enrolmentId];

/** `/app/training/enrolments/:enrolmentId`: the trainee's page: status, sessions and attendance, quiz, feedback, certificate. */
export function EnrolmentPage() {
  const { enrolmentId = '' } = useParams();
  const enrolment = useQuery({
    queryKey: enrolmentKey(enrolmentId),
    queryFn: async () => unwrap(await api.GET('/api/v1/training/enrolments/{enrolmentId}', { params: { path: { enrolmentId } } })),
  });
  if (enrolment.isPending) return <PageLoader />;
  if (enrolment.isError)
    return (
      <>
        <BackLink to="/app/training">{t('training.back.training')}</BackLink>
        <WorkspaceTitle>{t('training.enrolment.title')}</WorkspaceTitle>
        <PageError error={enrolment.error} onRetry={() => enrolment.refetch()} />
      </>
    );
  return <EnrolmentView enrolment={enrolment.data} />;
}

function statusText(enrolment: EnrolmentDetail) {
  if (enrolment.completedAt) return t('training.enrolment.explain.completed', { date: formatDay(enrolment.completedAt) });
  switch (enrolment.status) {
    case 'nominated':
      return t('training.enrolment.explain.nominated', { partner: enrolment.cohort.deliveringOrganisationName });
    case 'approved':
      return t('training.enrolment.explain.approved');
    case 'waitlisted':
      return t('training.enrolment.explain.waitlisted', { position: enrolment.waitlistPosition ?? 0 });
    case 'declined':
      return t('training.enrolment.explain.declined');
    case 'withdrawn':
      return t('training.enrolment.explain.withdrawn');
  }
}

function EnrolmentView({ enrolment }: { enrolment: EnrolmentDetail }) {
  const [withdrawing, setWithdrawing] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const cohort = enrolment.cohort;
  const title = enrolment.isTrainee ? cohort.courseTitle : t('training.enrolment.titleOf', { name: enrolment.traineeName, course: cohort.courseTitle });
  return (
    <>
      <BackLink to={enrolment.isTrainee ? '/app/training' : `/app/training/cohorts/${cohort.id}`}>{enrolment.isTrainee ? t('training.back.training') : t('training.back.cohort', { cohort: cohort.title })}</BackLink>
      <WorkspaceTitle description={t('training.enrolment.description', { cohort: cohort.title, dates: formatDays(cohort.startsOn, cohort.endsOn) })}>{title}</WorkspaceTitle>
      <Stack gap="md">
        {notice && <SuccessAlert>{notice}</SuccessAlert>}
        <Section title={t('training.enrolment.status')} actions={<EnrolmentStatusBadge status={enrolment.status} completed={enrolment.completedAt !== null} />}>
          <Stack gap="sm">
            <Text size="sm">{statusText(enrolment)}</Text>
            {enrolment.decisionReason && (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {t('training.enrolments.reason', { reason: enrolment.decisionReason })}
              </Text>
            )}
            <Stack component="dl" gap={4} m={0}>
              <Fact label={t('training.enrolment.trainee')}>{enrolment.cityName ? `${enrolment.traineeName} (${enrolment.organisationName}, ${enrolment.cityName})` : `${enrolment.traineeName} (${enrolment.organisationName})`}</Fact>
              {enrolment.nominatedByName && <Fact label={t('training.enrolment.nominatedBy')}>{enrolment.nominatedByName}</Fact>}
              <Fact label={t('training.cohort.partner')}>{cohort.deliveringOrganisationName}</Fact>
              <Fact label={t('training.cohort.mode')}>{cohort.location ? `${modes.label(cohort.mode)} · ${cohort.location}` : modes.label(cohort.mode)}</Fact>
            </Stack>
            <Group gap="sm">
              <Anchor component={Link} to={`/app/training/cohorts/${cohort.id}`} size="sm">
                {t('training.enrolment.cohortPage')}
              </Anchor>
              <Anchor component={Link} to={`/app/training/courses/${enrolment.courseId}`} size="sm">
                {t('training.enrolment.coursePage')}
              </Anchor>
            </Group>
            {enrolment.canWithdraw && (
              <Button w="fit-content" variant="outline" color="red.9" onClick={() => setWithdrawing(true)}>
                {enrolment.isTrainee ? t('training.enrolment.withdrawMe') : t('training.decide.withdrawNamed', { name: enrolment.traineeName })}
              </Button>
            )}
          </Stack>
        </Section>
        <Section title={t('training.enrolment.certificate')}>
          {enrolment.certificate ? (
            <Stack gap="sm">
              <CertificateLinks enrolmentId={enrolment.id} certificate={enrolment.certificate} />
              {enrolment.isTrainer && enrolment.certificate.revokedAt === null && (
                <Button w="fit-content" variant="outline" color="red.9" onClick={() => setRevoking(true)}>
                  {t('training.certificate.revokeNamed', { name: enrolment.traineeName })}
                </Button>
              )}
            </Stack>
          ) : (
            <Text size="sm">
              {enrolment.quiz.questionCount > 0
                ? t('training.enrolment.certificateRule', { percent: cohort.minAttendancePercent, passMark: enrolment.quiz.passMarkPercent })
                : t('training.enrolment.certificateRuleNoQuiz', { percent: cohort.minAttendancePercent })}
            </Text>
          )}
        </Section>
        <Section title={t('training.sessions.title', { count: enrolment.sessions.length })}>
          {enrolment.sessions.length === 0 ? (
            <Text size="sm">{t('training.sessions.none')}</Text>
          ) : (
            <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
              {enrolment.sessions.map((session) => (
                <Paper component="li" key={session.id} withBorder p="sm" radius="sm">
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                      <Text fw={600}>{session.title}</Text>
                      <SessionTime session={session} timeZone={cohort.timeZone} />
                      {session.location && <Text size="sm">{session.location}</Text>}
                    </Stack>
                    {enrolment.status === 'approved' && (
                      <Badge variant="outline" color={session.present === true ? 'teal.9' : session.present === false ? 'red.9' : 'gray.8'} miw="max-content">
                        {session.present === true ? t('training.attendance.present') : session.present === false ? t('training.attendance.absent') : t('training.attendance.unrecorded')}
                      </Badge>
                    )}
                  </Group>
                </Paper>
              ))}
            </Stack>
          )}
        </Section>
        <QuizSection enrolment={enrolment} />
        {enrolment.isTrainee && <FeedbackSection enrolment={enrolment} />}
      </Stack>
      {revoking && enrolment.certificate && (
        <RevokeModal
          enrolment={enrolment}
          certificateId={enrolment.certificate.id}
          onClose={() => setRevoking(false)}
          onDone={(message) => {
            setRevoking(false);
            setNotice(message);
          }}
        />
      )}
      {withdrawing && (
        <WithdrawModal
          enrolment={enrolment}
          onClose={() => setWithdrawing(false)}
          onDone={(message) => {
            setWithdrawing(false);
            setNotice(message);
          }}
        />
      )}
    </>
  );
}

/** Trainers revoke a certificate issued in error; the reason stays on record, verification then says revoked. */
function RevokeModal({ enrolment, certificateId, onClose, onDone }: { enrolment: EnrolmentDetail; certificateId: string; onClose: () => void; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const revoke = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/certificates/{id}/revoke', { params: { path: { id: certificateId } }, body: { reason } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: trainingKey });
      onDone(t('training.certificate.revokeDone', { name: enrolment.traineeName }));
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    revoke.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} title={t('training.certificate.revokeNamed', { name: enrolment.traineeName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('training.certificate.revokeBody')}</Text>
          <FormAlert error={revoke.error} />
          <Textarea label={t('training.certificate.revokeReason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" color="red.9" loading={revoke.isPending}>
              {t('training.certificate.revokeConfirm')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

function WithdrawModal({ enrolment, onClose, onDone }: { enrolment: EnrolmentDetail; onClose: () => void; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/training/enrolments/{enrolmentId}/withdrawal', { params: { path: { enrolmentId: enrolment.id } }, body: { reason } })),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: trainingKey });
      onDone(result.message);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    withdraw.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} title={t('training.decide.withdrawTitle', { name: enrolment.traineeName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('training.decide.withdrawBody')}</Text>
          <FormAlert error={withdraw.error} />
          <Textarea label={t('training.decide.reason')} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" color="red.9" loading={withdraw.isPending}>
              {t('training.decide.withdrawConfirm')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

/* ---- Quiz ---- */

function QuizSection({ enrolment }: { enrolment: EnrolmentDetail }) {
  const queryClient = useQueryClient();
  const quiz = enrolment.quiz;
  const [attemptId, setAttemptId] = useState<string | null>(null);
  const [result, setResult] = useState<{ message: string; passed: boolean } | null>(null);
  const start = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/training/enrolments/{enrolmentId}/quiz-attempts', { params: { path: { enrolmentId: enrolment.id } } })),
    onSuccess: (attempt) => {
      queryClient.setQueryData([...trainingKey, 'attempt', attempt.id], attempt);
      setResult(null);
      setAttemptId(attempt.id);
    },
  });
  if (quiz.questionCount === 0) return null;
  const submitted = quiz.attempts.filter((a) => a.submittedAt !== null);
  const open = attemptId ?? null;
  return (
    <Section title={t('training.quiz.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('training.quiz.intro', { count: quiz.questionCount, passMark: quiz.passMarkPercent, max: quiz.maxAttempts })}</Text>
        {submitted.length > 0 && (
          <ScrollTable minWidth={360} label={t('training.quiz.attemptsLabel')}>
            <Table striped verticalSpacing="xs" aria-label={t('training.quiz.attemptsLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('training.col.attempt')}</Table.Th>
                  <Table.Th scope="col">{t('training.col.submitted')}</Table.Th>
                  <Table.Th scope="col">{t('training.col.score')}</Table.Th>
                  <Table.Th scope="col">{t('training.col.result')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {submitted.map((attempt) => (
                  <Table.Tr key={attempt.id}>
                    <Table.Td>{attempt.attemptNumber}</Table.Td>
                    <Table.Td>{formatInZone(attempt.submittedAt!, viewerTimeZone())}</Table.Td>
                    <Table.Td>{attempt.scorePercent}%</Table.Td>
                    <Table.Td>{attempt.passed ? t('training.quiz.passed') : t('training.quiz.notPassed')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <FormAlert error={start.error} />
        {result &&
          (result.passed ? (
            <SuccessAlert title={t('training.quiz.passedTitle')}>{result.message}</SuccessAlert>
          ) : (
            <Alert color="orange" role="status" title={t('training.quiz.notPassedTitle')} styles={{ title: { color: 'var(--mantine-color-text)' } }}>
              <Text size="sm">{result.message}</Text>
            </Alert>
          ))}
        {open ? (
          <QuizForm
            attemptId={open}
            onDone={(message, passed) => {
              setAttemptId(null);
              setResult({ message, passed });
            }}
          />
        ) : quiz.canStart ? (
          <Button w="fit-content" onClick={() => start.mutate()} loading={start.isPending}>
            {quiz.openAttemptId ? t('training.quiz.continue') : submitted.length === 0 ? t('training.quiz.start') : t('training.quiz.retry', { number: submitted.length + 1 })}
          </Button>
        ) : enrolment.isTrainee && !enrolment.quizPassed && submitted.length >= quiz.maxAttempts ? (
          <Text size="sm">{t('training.quiz.noneLeft', { max: quiz.maxAttempts })}</Text>
        ) : enrolment.isTrainee && enrolment.status !== 'approved' ? (
          <Text size="sm">{t('training.quiz.afterApproval')}</Text>
        ) : null}
      </Stack>
    </Section>
  );
}

function QuizForm({ attemptId, onDone }: { attemptId: string; onDone: (message: string, passed: boolean) => void }) {
  const queryClient = useQueryClient();
  const attempt = useQuery({
    queryKey: [...trainingKey, 'attempt', attemptId],
    queryFn: async () => unwrap(await api.GET('/api/v1/training/quiz-attempts/{attemptId}', { params: { path: { attemptId } } })),
  });
  const [answers, setAnswers] = useState<Record<string, number>>({});
  /** Ids of the questions left unanswered at the last submit; each leaves the list once answered. */
  const [missing, setMissing] = useState<string[]>([]);
  const submit = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/training/quiz-attempts/{attemptId}/submission', { params: { path: { attemptId } }, body: { answers } })),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: trainingKey });
      onDone(
        result.passed
          ? `${t('training.quiz.resultPassed', { score: result.scorePercent ?? 0, correct: result.correctCount ?? 0, total: result.questions.length })}${result.completed ? ` ${t('training.quiz.completed')}` : ''}`
          : t('training.quiz.resultFailed', { score: result.scorePercent ?? 0, correct: result.correctCount ?? 0, total: result.questions.length, passMark: result.passMarkPercent, left: result.attemptsLeft }),
        result.passed === true,
      );
    },
  });
  if (attempt.isPending) return <InlineLoader />;
  if (attempt.isError) return <PageError error={attempt.error} onRetry={() => attempt.refetch()} />;
  const data: QuizAttempt = attempt.data;
  // Questions are numbered by their place in the list (1, 2, 3…), never by their stored position.
  const missingNumbers = data.questions.flatMap((q, index) => (missing.includes(q.id) ? [index + 1] : []));
  function send(event: FormEvent) {
    event.preventDefault();
    const unanswered = data.questions.filter((q) => answers[q.id] === undefined).map((q) => q.id);
    setMissing(unanswered);
    if (unanswered.length === 0) submit.mutate();
  }
  return (
    <Paper withBorder p="sm" radius="sm">
      <form onSubmit={send} noValidate>
        <Stack gap="md">
          <Text fw={600}>{t('training.quiz.attemptHeading', { number: data.attemptNumber })}</Text>
          {missing.length > 0 && (
            <Alert color="red" role="alert" title={t('training.quiz.incompleteTitle')}>
              <Text size="sm">{t('training.quiz.incomplete', { questions: missingNumbers.join(', ') })}</Text>
            </Alert>
          )}
          <FormAlert error={submit.error} />
          {data.questions.map((question, index) => (
            <Radio.Group
              key={question.id}
              label={t('training.quiz.questionLabel', { number: index + 1, prompt: question.prompt })}
              value={answers[question.id] === undefined ? '' : String(answers[question.id])}
              onChange={(value) => {
                setAnswers((current) => ({ ...current, [question.id]: Number(value) }));
                setMissing((current) => current.filter((id) => id !== question.id));
              }}
              error={missing.includes(question.id) ? t('training.quiz.chooseOne') : undefined}
              required
            >
              <Stack gap="xs" mt="xs">
                {question.options.map((option, index) => (
                  <Radio key={index} value={String(index)} label={option} size="md" />
                ))}
              </Stack>
            </Radio.Group>
          ))}
          <Button type="submit" w="fit-content" loading={submit.isPending}>
            {t('training.quiz.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/* ---- Feedback ---- */

const ratings = ['1', '2', '3', '4', '5'];

function FeedbackSection({ enrolment }: { enrolment: EnrolmentDetail }) {
  const given = enrolment.feedback;
  if (!given && !enrolment.canGiveFeedback) {
    if (enrolment.status !== 'approved') return null;
    return (
      <Section title={t('training.feedback.title')}>
        <Text size="sm">{t('training.feedback.notYet', { date: formatDay(enrolment.cohort.endsOn) })}</Text>
      </Section>
    );
  }
  return (
    <Section title={t('training.feedback.title')}>
      {given ? (
        <Stack gap="xs">
          <Text size="sm">{t('training.feedback.thanks', { date: formatDay(given.submittedAt) })}</Text>
          <Stack component="dl" gap={4} m={0}>
            <Fact label={t('training.feedback.overall')}>{t('training.feedback.rating', { value: given.overall })}</Fact>
            <Fact label={t('training.feedback.relevance')}>{t('training.feedback.rating', { value: given.relevance })}</Fact>
            <Fact label={t('training.feedback.delivery')}>{t('training.feedback.rating', { value: given.delivery })}</Fact>
            {given.comments && <Fact label={t('training.feedback.comments')}>{given.comments}</Fact>}
          </Stack>
        </Stack>
      ) : (
        <FeedbackForm enrolment={enrolment} />
      )}
    </Section>
  );
}

function FeedbackForm({ enrolment }: { enrolment: EnrolmentDetail }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ overall: '', relevance: '', delivery: '', comments: '' });
  const send = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/training/enrolments/{enrolmentId}/feedback', {
          params: { path: { enrolmentId: enrolment.id } },
          body: { overall: Number(form.overall), relevance: Number(form.relevance), delivery: Number(form.delivery), comments: form.comments },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trainingKey }),
  });
  const errors = fieldErrorsOf(send.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate();
  }
  const choices = [{ value: '', label: t('workspace.choose') }, ...ratings.map((value) => ({ value, label: t('training.feedback.rating', { value }) }))];
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('training.feedback.intro')}
        </Text>
        <FormAlert error={send.error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect label={t('training.feedback.overall')} required value={form.overall} onChange={(e) => setForm({ ...form, overall: e.currentTarget.value })} data={choices} error={errors.overall} />
          <NativeSelect label={t('training.feedback.relevance')} required value={form.relevance} onChange={(e) => setForm({ ...form, relevance: e.currentTarget.value })} data={choices} error={errors.relevance} />
          <NativeSelect label={t('training.feedback.delivery')} required value={form.delivery} onChange={(e) => setForm({ ...form, delivery: e.currentTarget.value })} data={choices} error={errors.delivery} />
        </SimpleGrid>
        <Textarea label={t('training.feedback.comments')} description={t('training.feedback.commentsHelp')} autosize minRows={3} value={form.comments} onChange={(e) => setForm({ ...form, comments: e.currentTarget.value })} error={errors.comments} />
        <Button type="submit" w="fit-content" loading={send.isPending}>
          {t('training.feedback.submit')}
        </Button>
      </Stack>
    </form>
  );
}
