import { Alert, Button, Center, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { t } from '../i18n/i18n.js';

/** Shared page states, so every page loads, fails and is empty the same way. */
export function PageLoader() {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="md" aria-hidden />
      <VisuallyHidden>{t('app.loading')}</VisuallyHidden>
    </Center>
  );
}

export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title={t('app.error.title')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="compact-sm" variant="light" color="red" onClick={onRetry} w="fit-content">
            {t('app.error.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function NotFoundPage() {
  return (
    <Stack>
      <Title order={1}>{t('app.notFound.title')}</Title>
      <Text>{t('app.notFound.body')}</Text>
    </Stack>
  );
}

export function PageTitle({ children, description }: { children: ReactNode; description?: ReactNode }) {
  return (
    <Stack gap={4} mb="md">
      <Title order={1}>{children}</Title>
      {description && <Text c="dimmed">{description}</Text>}
    </Stack>
  );
}
