import { Anchor, Badge, Button, Group, Mark, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { FormAlert } from '../workspace/forms.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { costLabel, highlightParts, kindColor, kindLabel, languageName, statusColor, statusLabel } from './presentation.js';
import { afterPracticeChange, type PracticeDetail, type PracticeSummary } from './queries.js';

/** Highlighted search text: plain React text, with the matched words in <mark>. */
export function Highlighted({ html }: { html: string }) {
  return (
    <>
      {highlightParts(html).map((part, index) =>
        part.marked ? (
          // Black on pale yellow, whatever colour the text around it (a link's blue fails 4.5:1 on yellow).
          <Mark key={index} style={{ backgroundColor: 'var(--mantine-color-yellow-1)', color: 'var(--mantine-color-black)' }}>
            {part.text}
          </Mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

export function KindBadge({ kind }: { kind: PracticeSummary['kind'] }) {
  return (
    <Badge color={kindColor[kind]} tt="none" miw="max-content">
      {kindLabel(kind)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: PracticeSummary['status'] }) {
  return (
    <Badge color={statusColor[status]} tt="none" miw="max-content" data-testid="practice-status">
      {statusLabel(status)}
    </Badge>
  );
}

/** A practice in a list: title (a link), kind, focus area, city, language and cost range. */
export function PracticeCard({
  practice,
  areaName,
  to,
  showStatus,
  actions,
}: {
  practice: PracticeSummary;
  areaName: (id: string) => string;
  to: string;
  showStatus?: boolean;
  actions?: React.ReactNode;
}) {
  const facts = [
    areaName(practice.focusAreaId),
    practice.cityName ?? null,
    languageName(practice.language),
    practice.costRange ? costLabel(practice.costRange) : null,
  ].filter((fact): fact is string => Boolean(fact));
  return (
    <Paper withBorder p="md" renderRoot={(props) => <li {...props} />} data-testid="practice-card">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <KindBadge kind={practice.kind} />
          {showStatus && <StatusBadge status={practice.status} />}
        </Group>
        <Anchor component={Link} to={to} fw={700} size="lg" lang={practice.language} style={{ overflowWrap: 'anywhere' }}>
          {practice.title}
        </Anchor>
        {practice.summary && (
          <Text size="sm" lineClamp={3} lang={practice.language}>
            {practice.summary}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {facts.join(' · ')}
        </Text>
        {actions}
      </Stack>
    </Paper>
  );
}

/** Publish, or return with a comment: the secretariat's decision on a practice in review. */
export function ReviewActions({ practice, onDone }: { practice: Pick<PracticeDetail, 'id' | 'title'>; onDone?: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const publish = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/practices/{practiceId}/publish', { params: { path: { practiceId: practice.id } } })),
    onSuccess: async (saved) => {
      await afterPracticeChange(queryClient, saved);
      onDone?.(t('library.review.published', { title: saved.title }));
    },
  });
  const giveBack = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/practices/{practiceId}/return', { params: { path: { practiceId: practice.id } }, body: { comment } })),
    onSuccess: async (saved) => {
      setReturning(false);
      setComment('');
      await afterPracticeChange(queryClient, saved);
      onDone?.(t('library.review.returned', { title: saved.title }));
    },
  });
  return (
    <Stack gap="xs">
      <FormAlert error={publish.error} />
      <Group gap="xs">
        <Button size="compact-md" loading={publish.isPending} onClick={() => publish.mutate()} aria-label={t('library.review.publishNamed', { title: practice.title })}>
          {t('library.review.publish')}
        </Button>
        <Button
          size="compact-md"
          variant="outline"
          onClick={() => {
            giveBack.reset();
            setReturning(true);
          }}
          aria-label={t('library.review.returnNamed', { title: practice.title })}
        >
          {t('library.review.return')}
        </Button>
      </Group>
      <WorkspaceModal opened={returning} onClose={() => setReturning(false)} title={t('library.review.returnTitle', { title: practice.title })}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            giveBack.mutate();
          }}
        >
          <Stack>
            <Textarea
              label={t('library.review.comment')}
              description={t('library.review.commentHint')}
              required
              autosize
              minRows={4}
              value={comment}
              onChange={(event) => setComment(event.currentTarget.value)}
            />
            <FormAlert error={giveBack.error} />
            <ModalActions onCancel={() => setReturning(false)}>
              <Button type="submit" loading={giveBack.isPending} disabled={comment.trim() === ''}>
                {t('library.review.returnConfirm')}
              </Button>
            </ModalActions>
          </Stack>
        </form>
      </WorkspaceModal>
    </Stack>
  );
}
