import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client.js';
import { PageLoader } from '../../app/pages.js';
import { useSession } from '../../app/session.js';
import { t } from '../../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, safeNext, SuccessAlert } from '../forms.js';
import { AuthCard } from './AuthCard.js';
import { useSignedIn } from './signedIn.js';

/** `/sign-in?next=…`: email and password; afterwards, the page the person was going to (or /app). */
export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signedIn = useSignedIn();
  const navigate = useNavigate();

  const signIn = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/session', { body: { email, password } })),
    onSuccess: async (data) => {
      await signedIn(data);
      navigate(next, { replace: true });
    },
  });

  if (session.isPending) return <PageLoader />;
  // Already signed in (and not in the middle of signing in): go straight on.
  if (session.data?.actor && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next} replace />;

  const errors = fieldErrorsOf(signIn.error);
  const alertTitle =
    signIn.error instanceof ApiError && signIn.error.status === 423
      ? t('auth.signIn.locked')
      : signIn.error instanceof ApiError && signIn.error.status === 429
        ? t('auth.signIn.rateLimited')
        : t('auth.signIn.failed');

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate();
  }

  return (
    <AuthCard title={t('auth.signIn.title')} description={t('auth.signIn.description')}>
      <form onSubmit={submit}>
        <Stack>
          {params.get('reset') === 'done' && <SuccessAlert>{t('auth.signIn.afterReset')}</SuccessAlert>}
          {params.get('next') && !params.get('reset') && <Text size="sm">{t('auth.signIn.toContinue')}</Text>}
          <FormAlert error={signIn.error} title={alertTitle} />
          <TextInput
            label={t('auth.field.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <PasswordInput
            label={t('auth.field.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            {t('auth.signIn.submit')}
          </Button>
          <Anchor component={Link} to="/reset-password" size="sm">
            {t('auth.signIn.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}
