import { Alert, Anchor, Box, Button, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { recordDealPath } from '../deals/shared.js';
import { groupDigits } from '../pipeline/money.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { DocumentUploadForm, uploadDocumentTo } from '../workspace/documents.js';
import { fieldErrorsOf, FormAlert, formatDate, formatDateTime, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { assistanceKey, assistanceListKey, kindLabel, StatusBadge, statusLabel, type AssistanceDetail, type AssistanceStatus } from './shared.js';

type Event = AssistanceDetail['events'][number];

const actionKeys: Record<AssistanceStatus, MessageKey> = {
  draft: 'assistance.status.draft',
  submitted: 'assistance.action.submitted',
  screening: 'assistance.action.screening',
  approved: 'assistance.action.approved',
  declined: 'assistance.action.declined',
  in_progress: 'assistance.action.in_progress',
  delivered: 'assistance.action.delivered',
  closed: 'assistance.action.closed',
};

function useRequestMutation<T>(requestId: string, call: (input: T) => Promise<AssistanceDetail>, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async (detail) => {
      queryClient.setQueryData(assistanceKey(requestId), detail);
      await queryClient.invalidateQueries({ queryKey: assistanceListKey });
      onDone?.();
    },
  });
}

/** `/app/assistance/:requestId`: the request, what the viewer may do with it, the thread, history and deliverables. */
export function AssistancePage() {
  const { requestId = '' } = useParams();
  const request = useQuery({
    queryKey: assistanceKey(requestId),
    queryFn: async () => unwrap(await api.GET('/api/v1/assistance-requests/{requestId}', { params: { path: { requestId } } })),
  });
  if (request.isPending) return <PageLoader />;
  if (request.isError)
    return (
      <>
        <WorkspaceTitle>{t('assistance.list.title')}</WorkspaceTitle>
        <PageError error={request.error} onRetry={() => request.refetch()} />
      </>
    );
  const detail = request.data;
  return (
    <>
      <Anchor component={Link} to="/app/assistance" size="sm">
        {t('assistance.detail.back')}
      </Anchor>
      <WorkspaceTitle>{detail.title}</WorkspaceTitle>
      <Stack gap="md">
        <Group gap="xs">
          <StatusBadge status={detail.status} />
          <Text size="sm">{[kindLabel(detail.kind), detail.cityName, detail.agencyName].join(' · ')}</Text>
          {detail.daysSinceSubmission !== null && <Text size="sm">{t('assistance.detail.age', { days: detail.daysSinceSubmission, changed: detail.daysSinceChange })}</Text>}
        </Group>
        {detail.infoRequestedText !== null && (
          <Alert color="yellow" title={t('assistance.detail.infoRequested')} styles={{ title: { color: 'var(--mantine-color-text)' } }}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {detail.infoRequestedText}
            </Text>
          </Alert>
        )}
        <Actions detail={detail} />
        {detail.can.recordDeal && (
          <Group gap="sm">
            <Button component={Link} to={recordDealPath({ source: 'assistance_request', cityId: detail.cityId, assistanceRequestId: detail.id })} variant="light">
              {t('assistance.detail.recordDeal')}
            </Button>
            <Text size="sm" c="dimmed" maw={520}>
              {t('assistance.detail.recordDealHint')}
            </Text>
          </Group>
        )}
        <Details detail={detail} />
        {(detail.can.publish || detail.publicSummary) && <PublicSummary detail={detail} />}
        <Thread detail={detail} />
        <History events={detail.events.filter((e) => e.kind === 'transition')} />
        {detail.status !== 'draft' && <Deliverables detail={detail} />}
      </Stack>
    </>
  );
}

function Actions({ detail }: { detail: AssistanceDetail }) {
  const [reason, setReason] = useState('');
  const endorse = useRequestMutation(detail.id, async () => unwrap(await api.POST('/api/v1/assistance-requests/{requestId}/endorse', { params: { path: { requestId: detail.id } } })));
  const move = useRequestMutation(
    detail.id,
    async (to: AssistanceStatus) => unwrap(await api.POST('/api/v1/assistance-requests/{requestId}/transitions', { params: { path: { requestId: detail.id } }, body: { to, reason } })),
    () => setReason(''),
  );
  const reviewerMoves = detail.can.transitions.filter((to) => to !== 'submitted');
  const canSubmit = detail.can.transitions.includes('submitted');
  const errors = fieldErrorsOf(move.error);
  if (!detail.can.edit && !detail.can.endorse && detail.can.transitions.length === 0 && detail.status !== 'draft') return null;
  return (
    <Section title={t('assistance.detail.actions')}>
      <Stack gap="sm">
        <FormAlert error={endorse.error ?? (errors.reason ? null : move.error)} />
        {detail.status === 'draft' && (
          <Text size="sm">
            {detail.endorsedAt ? t('assistance.detail.endorsed', { name: detail.endorsedByName ?? t('assistance.someone'), date: formatDate(detail.endorsedAt) }) : t('assistance.detail.notEndorsed')}
          </Text>
        )}
        {detail.can.endorse && (
          <Stack gap={4}>
            <Text size="sm">{t('assistance.detail.endorseHint')}</Text>
            <Button w="fit-content" loading={endorse.isPending} onClick={() => endorse.mutate(undefined)}>
              {t('assistance.detail.endorse')}
            </Button>
          </Stack>
        )}
        {detail.missingForSubmission.length > 0 && (
          <Box>
            <Text size="sm" fw={600}>
              {t('assistance.detail.missing')}
            </Text>
            <List size="sm">
              {detail.missingForSubmission.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </Box>
        )}
        <Group gap="sm">
          {detail.can.edit && (
            <Button component={Link} to={`/app/assistance/${detail.id}/edit`} variant="default">
              {t('assistance.detail.edit')}
            </Button>
          )}
          {canSubmit && (
            <Button loading={move.isPending && move.variables === 'submitted'} onClick={() => move.mutate('submitted')}>
              {t('assistance.detail.submit')}
            </Button>
          )}
        </Group>
        {reviewerMoves.length > 0 && (
          <Stack gap="xs">
            <Textarea label={t('assistance.action.reason')} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} maw={720} />
            <Group gap="sm">
              {reviewerMoves.map((to) => (
                <Button key={to} color={to === 'declined' ? 'red.8' : undefined} variant={to === 'declined' ? 'outline' : 'filled'} loading={move.isPending && move.variables === to} onClick={() => move.mutate(to)}>
                  {t(actionKeys[to])}
                </Button>
              ))}
            </Group>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text size="sm" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Box>
  );
}

function Details({ detail }: { detail: AssistanceDetail }) {
  const none = t('assistance.detail.none');
  return (
    <Section title={t('assistance.detail.details')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
        <Field label={t('assistance.detail.kind')}>{kindLabel(detail.kind)}</Field>
        <Field label={t('assistance.detail.routedTo')}>{detail.agencyName}</Field>
        <Field label={t('assistance.detail.problem')}>{detail.problem || none}</Field>
        <Field label={t('assistance.detail.objectives')}>{detail.objectives || none}</Field>
        <Field label={t('assistance.detail.scope')}>{detail.scope || none}</Field>
        <Field label={t('assistance.detail.project')}>
          {detail.projectTitle && detail.projectLinked ? (
            <Anchor component={Link} to={`/app/pipeline/${detail.projectId}`}>
              {detail.projectTitle}
            </Anchor>
          ) : (
            (detail.projectTitle ?? none)
          )}
        </Field>
        <Field label={t('assistance.detail.budget')}>{detail.budget ? `${groupDigits(detail.budget.amount)} ${detail.budget.currency}` : none}</Field>
        <Field label={t('assistance.detail.timeline')}>{detail.timeline || none}</Field>
        {detail.decisionReason && <Field label={t('assistance.detail.decisionReason')}>{detail.decisionReason}</Field>}
      </SimpleGrid>
    </Section>
  );
}

function PublicSummary({ detail }: { detail: AssistanceDetail }) {
  const [text, setText] = useState(detail.publicSummary ?? '');
  const [done, setDone] = useState(false);
  const save = useRequestMutation(
    detail.id,
    async (publicSummary: string | null) => unwrap(await api.PUT('/api/v1/assistance-requests/{requestId}/summary', { params: { path: { requestId: detail.id } }, body: { publicSummary } })),
    () => setDone(true),
  );
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    save.mutate(text);
  }
  if (!detail.can.publish) {
    return (
      <Section title={t('assistance.summary.title')}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {detail.publicSummary}
        </Text>
      </Section>
    );
  }
  return (
    <Section title={t('assistance.summary.title')}>
      <form onSubmit={submit}>
        <Stack gap="xs" maw={720}>
          {done && detail.publicSummary && <SuccessAlert>{t('assistance.summary.published')}</SuccessAlert>}
          <FormAlert error={errors.publicSummary ? null : save.error} />
          <Textarea label={t('assistance.summary.field')} description={t('assistance.summary.hint')} autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.publicSummary} />
          <Group gap="sm">
            <Button type="submit" loading={save.isPending && save.variables !== null}>
              {t('assistance.summary.publish')}
            </Button>
            {detail.publicSummary && (
              <Button
                variant="default"
                loading={save.isPending && save.variables === null}
                onClick={() => {
                  setDone(false);
                  setText('');
                  save.mutate(null);
                }}
              >
                {t('assistance.summary.withdraw')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

const threadLabels: Record<Exclude<Event['kind'], 'transition'>, MessageKey> = {
  comment: 'assistance.thread.commented',
  info_request: 'assistance.thread.asked',
  info_response: 'assistance.thread.answered',
};

function Thread({ detail }: { detail: AssistanceDetail }) {
  const messages = detail.events.filter((e) => e.kind !== 'transition');
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<'comment' | 'info_request'>('comment');
  const answering = detail.can.respond;
  const send = useRequestMutation(
    detail.id,
    async (input: { kind: 'comment' | 'info_request' | 'info_response'; body: string }) =>
      unwrap(await api.POST('/api/v1/assistance-requests/{requestId}/comments', { params: { path: { requestId: detail.id } }, body: input })),
    () => {
      setBody('');
      setKind('comment');
    },
  );
  const errors = fieldErrorsOf(send.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate({ kind: answering ? 'info_response' : kind, body });
  }
  return (
    <Section title={t('assistance.thread.title')}>
      <Stack gap="sm">
        {messages.length === 0 ? (
          <Text size="sm">{t('assistance.thread.none')}</Text>
        ) : (
          <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
            {messages.map((m) => (
              <Paper component="li" key={m.id} withBorder p="sm" radius="sm">
                <Text size="sm" fw={600}>
                  {t(threadLabels[m.kind as keyof typeof threadLabels])}
                </Text>
                <Text size="xs">
                  {t('assistance.thread.meta', { name: m.actorName ?? t('assistance.someone'), organisation: m.actorOrganisationName ?? '', date: formatDateTime(m.at) })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {m.body}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        {detail.can.comment && (
          <form onSubmit={submit}>
            <Stack gap="xs" maw={720}>
              <FormAlert error={errors.body ? null : send.error} />
              {!answering && detail.can.requestInformation && (
                <NativeSelect
                  label={t('assistance.thread.kind')}
                  value={kind}
                  onChange={(e) => setKind(e.currentTarget.value as 'comment' | 'info_request')}
                  data={[
                    { value: 'comment', label: t('assistance.thread.kind.comment') },
                    { value: 'info_request', label: t('assistance.thread.kind.info_request') },
                  ]}
                />
              )}
              <Textarea
                label={answering ? t('assistance.thread.yourAnswer') : t('assistance.thread.message')}
                required
                autosize
                minRows={3}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                error={errors.body}
              />
              <Button type="submit" loading={send.isPending} w="fit-content">
                {answering ? t('assistance.thread.answer') : t('assistance.thread.send')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}

function History({ events }: { events: Event[] }) {
  const ordered = [...events].reverse();
  return (
    <Section title={t('assistance.history.title')}>
      {ordered.length === 0 ? (
        <Text size="sm">{t('assistance.history.none')}</Text>
      ) : (
        <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {ordered.map((e) => (
            <Box component="li" key={e.id}>
              <Text size="sm">
                <Text span fw={600}>
                  {e.toStatus ? statusLabel(e.toStatus) : ''}
                </Text>{' '}
                {t('assistance.history.meta', { name: e.actorName ?? t('assistance.someone'), date: formatDateTime(e.at) })}
              </Text>
              {e.body && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {e.body}
                </Text>
              )}
            </Box>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Deliverables({ detail }: { detail: AssistanceDetail }) {
  const key = ['assistance-deliverables', detail.id];
  const queryClient = useQueryClient();
  const documents = useQuery({
    queryKey: key,
    queryFn: async () => unwrap(await api.GET('/api/v1/assistance-requests/{requestId}/documents', { params: { path: { requestId: detail.id } } })),
  });
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadDocumentTo<unknown>(`/api/v1/assistance-requests/${encodeURIComponent(detail.id)}/documents`, chosen),
    onSuccess: async (_data, chosen) => {
      await queryClient.invalidateQueries({ queryKey: key });
      setFile(null);
      setDone(t('workspace.documents.uploaded', { name: chosen.name }));
    },
  });
  const items = documents.data?.items ?? [];
  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) upload.mutate(file);
  }
  return (
    <Section title={t('assistance.deliverables.title')}>
      <Stack gap="sm">
        {documents.isError ? (
          <PageError error={documents.error} onRetry={() => documents.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm">{t('workspace.documents.none')}</Text>
        ) : (
          <Stack gap={4} component="ul" m={0} pl="md">
            {items.map((doc) => (
              <Text component="li" size="sm" key={doc.id} style={{ overflowWrap: 'anywhere' }}>
                <Anchor href={`/api/v1/documents/${doc.id}`} download={doc.fileName}>
                  {doc.fileName}
                </Anchor>{' '}
                <Text span size="sm">
                  {formatDate(doc.createdAt)}
                </Text>
              </Text>
            ))}
          </Stack>
        )}
        {detail.can.uploadDeliverables && (
          <Stack gap="xs">
            {done && <SuccessAlert>{done}</SuccessAlert>}
            <DocumentUploadForm
              file={file}
              onFileChange={(chosen) => {
                upload.reset();
                setFile(chosen);
              }}
              onSubmit={submit}
              pending={upload.isPending}
              error={upload.error}
            />
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
