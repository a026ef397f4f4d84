import { Anchor, Badge, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { PageError } from '../../app/pages.js';
import { t, type MessageKey } from '../../i18n/i18n.js';
import type { OutboundEmail } from '../apiTypes.js';
import { InlineLoader, formatDateTime, WorkspaceTitle } from '../forms.js';
import { isSecretariat, useActor } from '../WorkspaceFrame.js';
import { SecretariatOnly } from './SecretariatOnly.js';

const statusKeys: Record<OutboundEmail['status'], [MessageKey, string]> = {
  queued: ['workspace.outbox.status.queued', 'gray.8'],
  sent: ['workspace.outbox.status.sent', 'teal.9'],
  outbox: ['workspace.outbox.status.outbox', 'blue.8'],
  failed: ['workspace.outbox.status.failed', 'red.9'],
};

/** `/app/outbox` (secretariat): every email Mitra wrote. Without a mail server, invitations are delivered from here. */
export function OutboxPage() {
  const actor = useActor();
  const [search, setSearch] = useState('');
  const [to] = useDebouncedValue(search.trim(), 300);
  const outbox = useInfiniteQuery({
    queryKey: ['outbox', to],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/outbox', { params: { query: { to: to || undefined, cursor: pageParam, limit: 20 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: isSecretariat(actor),
  });
  if (!isSecretariat(actor)) return <SecretariatOnly title={t('workspace.outbox.title')} />;
  const items = outbox.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <WorkspaceTitle description={t('workspace.outbox.description')}>{t('workspace.outbox.title')}</WorkspaceTitle>
      <Stack gap="sm">
        <TextInput label={t('workspace.outbox.filter')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={360} />
        {outbox.isPending ? (
          <InlineLoader />
        ) : outbox.isError ? (
          <PageError error={outbox.error} onRetry={() => outbox.refetch()} />
        ) : items.length === 0 ? (
          <Text>{t('workspace.outbox.none')}</Text>
        ) : (
          <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('workspace.outbox.list')}>
            {items.map((email) => (
              <EmailItem key={email.id} email={email} />
            ))}
          </Stack>
        )}
        {outbox.hasNextPage && (
          <Button variant="outline" w="fit-content" loading={outbox.isFetchingNextPage} onClick={() => outbox.fetchNextPage()}>
            {t('workspace.loadMore')}
          </Button>
        )}
      </Stack>
    </>
  );
}

function EmailItem({ email }: { email: OutboundEmail }) {
  const [statusKey, color] = statusKeys[email.status];
  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
          <Title order={2} size="h5" style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 200 }}>
            {email.subject}
          </Title>
          <Badge color={color}>{t(statusKey)}</Badge>
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('workspace.outbox.to', { to: email.toAddress })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('workspace.outbox.written', { at: formatDateTime(email.createdAt) })}
          {email.sentAt && ` · ${t('workspace.outbox.sentAt', { at: formatDateTime(email.sentAt) })}`}
          {email.attempts > 1 && ` · ${t('workspace.outbox.attempts', { count: email.attempts })}`}
        </Text>
        {email.lastError && (
          <Text size="sm" c="red.9">
            {t('workspace.outbox.lastError', { error: email.lastError })}
          </Text>
        )}
        <CopyButton value={email.bodyText}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant="default" w="fit-content" onClick={copy} aria-label={t('workspace.outbox.copyNamed', { subject: email.subject })}>
              {copied ? t('workspace.outbox.copied') : t('workspace.outbox.copy')}
            </Button>
          )}
        </CopyButton>
        <Text
          size="sm"
          p="xs"
          bg="gray.0"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', borderRadius: 'var(--mantine-radius-sm)' }}
          component="div"
        >
          <Linkified text={email.bodyText} />
        </Text>
      </Stack>
    </Paper>
  );
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)])/g;

/** The email's text with its web addresses as links (only http and https). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <Anchor key={index} href={part} target="_blank" rel="noopener noreferrer">
            {part}
          </Anchor>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
