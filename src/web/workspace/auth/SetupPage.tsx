import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { PageError, PageLoader } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, NewPasswordFields, useNewPassword } from '../forms.js';
import { AuthCard } from './AuthCard.js';
import { useSignedIn } from './signedIn.js';

/**
 * `/setup?code=…`: creates a secretariat administrator with the one-time code that `mitra serve`
 * prints on first start (or `mitra create-admin` prints later, to add one when every admin is locked out).
 */
export function SetupPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const status = useQuery({ queryKey: ['setup'], queryFn: async () => unwrap(await api.GET('/api/v1/setup')) });
  const [code, setCode] = useState(params.get('code') ?? '');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const newPassword = useNewPassword();
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/setup/first-admin', { body: { code, name, email, password: newPassword.password } })),
    onSuccess: async (session) => {
      await signedIn(session);
      navigate('/app', { replace: true });
    },
  });

  if (status.isPending) return <PageLoader />;
  if (status.isError) return <PageError error={status.error} onRetry={() => status.refetch()} />;

  const needed = status.data.needsFirstAdmin;
  if (!needed && !params.get('code')) {
    return (
      <AuthCard title={t('auth.setup.doneTitle')}>
        <Stack>
          <Text>{t('auth.setup.done')}</Text>
          <Anchor component={Link} to="/sign-in">
            {t('auth.setup.goSignIn')}
          </Anchor>
        </Stack>
      </AuthCard>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (newPassword.check()) create.mutate();
  }
  const serverErrors = fieldErrorsOf(create.error);
  return (
    <AuthCard title={t('auth.setup.title')} description={needed ? t('auth.setup.description') : t('auth.setup.additional')}>
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={create.error} />
          <TextInput
            label={t('auth.field.setupCode')}
            description={t('auth.setup.codeHelp')}
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={serverErrors.code}
            autoComplete="off"
          />
          <TextInput label={t('auth.field.name')} autoComplete="name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={serverErrors.name} />
          <TextInput
            label={t('auth.field.email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={serverErrors.email}
          />
          <NewPasswordFields state={newPassword} label={t('auth.field.choosePassword')} serverError={serverErrors.password} />
          <Button type="submit" loading={create.isPending} fullWidth>
            {t('auth.setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
