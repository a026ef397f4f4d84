import { Alert, Center, Loader, Text, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { PageTitle } from '../app/pages.js';
import { t } from '../i18n/i18n.js';

/**
 * The server names invalid fields by their path in the request ("body.budget.amount"); forms name
 * them without the "body." part. Returns field → message.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.details) return {};
  const errors: Record<string, string> = {};
  for (const detail of error.details) {
    const field = detail.field.replace(/^(body|query|params)\.?/, '');
    if (field && !errors[field]) errors[field] = detail.message;
  }
  return errors;
}

/** The server's message for a failed request, in an alert that screen readers announce. */
export function FormAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title={title ?? t('workspace.form.failed')} role="alert">
      <Text size="sm">{message}</Text>
    </Alert>
  );
}

/**
 * Loading state inside a page that already shows its title. (The shared PageLoader puts aria-label on
 * Mantine's Loader, a span without a role, which axe reports as a prohibited attribute.)
 */
export function InlineLoader() {
  return (
    <Center py="md" role="status">
      <Loader size="sm" aria-hidden />
      <VisuallyHidden>{t('app.loading')}</VisuallyHidden>
    </Center>
  );
}

export function SuccessAlert({ children, title }: { children: ReactNode; title?: string }) {
  return (
    // Mantine's green title (green 9 on green 1) is below 4.5:1; the title keeps the text colour.
    <Alert color="green" title={title} role="status" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
      <Text size="sm">{children}</Text>
    </Alert>
  );
}

/** The page's h1, also used as the browser tab's title. */
export function WorkspaceTitle({ children, description }: { children: string; description?: ReactNode }) {
  useDocumentTitle(`${children} · ${t('app.name')}`);
  return <PageTitle description={description}>{children}</PageTitle>;
}

/** Empty text fields are sent as null, so a cleared field clears the stored value. */
export const textOrNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Only a path inside Mitra may be a `next` destination, so a crafted link cannot send people elsewhere. */
export function safeNext(next: string | null, fallback = '/app'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

export const MIN_PASSWORD_LENGTH = 10;

export function passwordProblem(password: string, confirmation: string): { password?: string; confirmation?: string } {
  if (password.length < MIN_PASSWORD_LENGTH) return { password: t('auth.password.tooShort', { min: MIN_PASSWORD_LENGTH }) };
  if (password !== confirmation) return { confirmation: t('auth.password.mismatch') };
  return {};
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));
