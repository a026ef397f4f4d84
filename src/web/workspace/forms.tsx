import { Alert, Center, Loader, PasswordInput, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
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

/** A "Website" field for a web address, with https:// as its placeholder. */
export function WebsiteInput({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <TextInput
      label={t('workspace.field.website')}
      type="url"
      placeholder="https://"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

/** Empty text fields are sent as null, so a cleared field clears the stored value. */
export const textOrNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Only a path inside Mitra may be a `next` destination, so a crafted link cannot send people elsewhere. */
export function safeNext(next: string | null, fallback = '/app'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

const MIN_PASSWORD_LENGTH = 10;

type PasswordProblems = { password?: string; confirmation?: string };

function passwordProblem(password: string, confirmation: string): PasswordProblems {
  if (password.length < MIN_PASSWORD_LENGTH) return { password: t('auth.password.tooShort', { min: MIN_PASSWORD_LENGTH }) };
  if (password !== confirmation) return { confirmation: t('auth.password.mismatch') };
  return {};
}

/** A new password typed twice, for `NewPasswordFields`. */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problems, setProblems] = useState<PasswordProblems>({});
  return {
    password,
    confirmation,
    problems,
    setPassword,
    setConfirmation,
    /** Checks the length and that both entries match; shows what is wrong and says whether the password may be sent. */
    check(): boolean {
      const found = passwordProblem(password, confirmation);
      setProblems(found);
      return !found.password && !found.confirmation;
    },
    clear() {
      setPassword('');
      setConfirmation('');
    },
  };
}

/**
 * The new password (`label`: "Choose a password" or "New password", with the length rule) and
 * "Type the password again", showing what `check()` found, else the server's `serverError`.
 */
export function NewPasswordFields({ state, label, serverError }: { state: ReturnType<typeof useNewPassword>; label: string; serverError?: string }) {
  return (
    <>
      <PasswordInput
        label={label}
        description={t('auth.password.rule', { min: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        required
        value={state.password}
        onChange={(e) => state.setPassword(e.currentTarget.value)}
        error={state.problems.password ?? serverError}
      />
      <PasswordInput
        label={t('auth.field.confirmPassword')}
        autoComplete="new-password"
        required
        value={state.confirmation}
        onChange={(e) => state.setConfirmation(e.currentTarget.value)}
        error={state.problems.confirmation}
      />
    </>
  );
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));
