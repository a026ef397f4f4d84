import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { t } from '../../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, NewPasswordFields, SuccessAlert, useNewPassword } from '../forms.js';
import { AuthCard } from './AuthCard.js';

/** `/reset-password`: ask for a link by email; `/reset-password?token=…`: choose a new password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <ChooseNewPassword token={token} /> : <RequestResetLink />;
}

function RequestResetLink() {
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/password-resets', { body: { email } })),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate();
  }
  return (
    <AuthCard title={t('auth.reset.requestTitle')} description={t('auth.reset.requestDescription')}>
      {request.isSuccess ? (
        <Stack>
          <SuccessAlert title={t('auth.reset.sentTitle')}>{t('auth.reset.sent', { email })}</SuccessAlert>
          <Anchor component={Link} to="/sign-in" size="sm">
            {t('auth.backToSignIn')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <FormAlert error={request.error} />
            <TextInput
              label={t('auth.field.email')}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldErrorsOf(request.error).email}
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('auth.reset.requestSubmit')}
            </Button>
            <Anchor component={Link} to="/sign-in" size="sm">
              {t('auth.backToSignIn')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const navigate = useNavigate();
  const newPassword = useNewPassword();
  const complete = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/password-resets/complete', { body: { token, password: newPassword.password } })),
    onSuccess: () => navigate('/sign-in?reset=done', { replace: true }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (newPassword.check()) complete.mutate();
  }
  const serverErrors = fieldErrorsOf(complete.error);
  return (
    <AuthCard title={t('auth.reset.chooseTitle')} description={t('auth.reset.chooseDescription')}>
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={complete.error} />
          <NewPasswordFields state={newPassword} label={t('auth.field.newPassword')} serverError={serverErrors.password} />
          <Button type="submit" loading={complete.isPending} fullWidth>
            {t('auth.reset.chooseSubmit')}
          </Button>
          <Text size="sm">
            <Anchor component={Link} to="/reset-password">
              {t('auth.reset.askAgain')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
