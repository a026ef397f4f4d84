import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { PageError, PageLoader } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { FormAlert, formatDateTime, WorkspaceTitle } from '../forms.js';

/** `/app/notifications`: newest first; mark one or all as read (the header's count follows). */
export function NotificationsPage() {
  const queryClient = useQueryClient();
  const notifications = useInfiniteQuery({
    queryKey: ['notifications'],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/notifications', { params: { query: { cursor: pageParam, limit: 50 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const markRead = useMutation({
    mutationFn: async (ids: string[] | 'all') => unwrap(await api.POST('/api/v1/notifications/read', { body: { ids } })),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['notifications'] }), queryClient.invalidateQueries({ queryKey: ['session'] })]);
    },
  });

  if (notifications.isPending) return <PageLoader />;
  if (notifications.isError) return <PageError error={notifications.error} onRetry={() => notifications.refetch()} />;
  const items = notifications.data.pages.flatMap((page) => page.items);
  const unread = notifications.data.pages[0]?.unreadCount ?? 0;

  return (
    <>
      <WorkspaceTitle description={unread > 0 ? t('workspace.notifications.unread', { count: unread }) : t('workspace.notifications.allRead')}>
        {t('workspace.notifications.title')}
      </WorkspaceTitle>
      <Stack gap="sm">
        <Group>
          <Button variant="outline" disabled={unread === 0} loading={markRead.isPending && markRead.variables === 'all'} onClick={() => markRead.mutate('all')}>
            {t('workspace.notifications.markAll')}
          </Button>
        </Group>
        <FormAlert error={markRead.error} />
        {items.length === 0 ? (
          <Text>{t('workspace.notifications.none')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('workspace.notifications.list')}>
            {items.map((n) => (
              <Paper
                key={n.id}
                component="li"
                withBorder
                p="sm"
                radius="md"
                style={n.readAt ? undefined : { borderLeft: '4px solid var(--mantine-color-blue-8)' }}
              >
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Stack gap={2} style={{ flex: 1, minWidth: 200 }}>
                    <Group gap="xs">
                      <Title order={2} size="h5">
                        {n.title}
                      </Title>
                      {!n.readAt && (
                        <Badge size="sm" color="blue.8">
                          {t('workspace.notifications.new')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm">{n.body}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(n.createdAt)}
                    </Text>
                  </Stack>
                  <Group gap="xs">
                    {n.link?.startsWith('/') && (
                      <Anchor component={Link} to={n.link} size="sm" onClick={() => !n.readAt && markRead.mutate([n.id])}>
                        {t('workspace.notifications.open')}
                      </Anchor>
                    )}
                    {!n.readAt && (
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => markRead.mutate([n.id])}
                        aria-label={t('workspace.notifications.markOneNamed', { title: n.title })}
                      >
                        {t('workspace.notifications.markOne')}
                      </Button>
                    )}
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
        {notifications.hasNextPage && (
          <Button variant="outline" w="fit-content" loading={notifications.isFetchingNextPage} onClick={() => notifications.fetchNextPage()}>
            {t('workspace.loadMore')}
          </Button>
        )}
      </Stack>
    </>
  );
}
