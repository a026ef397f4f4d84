import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { PageError, PageLoader } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, formatDate, NewPasswordFields, useNewPassword } from '../forms.js';
import { AuthCard } from './AuthCard.js';
import { useSignedIn } from './signedIn.js';

/** `/accept-invitation?token=…`: the invitee confirms their name, chooses a password and is signed in. */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: async () => unwrap(await api.GET('/api/v1/invitations', { params: { query: { token } } })),
    enabled: token.length > 0,
    retry: false,
  });
  const [name, setName] = useState('');
  const newPassword = useNewPassword();
  useEffect(() => {
    if (invitation.data) setName(invitation.data.name);
  }, [invitation.data]);

  const accept = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/invitations/accept', { body: { token, password: newPassword.password, name: name.trim() || undefined } })),
    onSuccess: async (session) => {
      await signedIn(session);
      navigate('/app', { replace: true });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (newPassword.check()) accept.mutate();
  }

  if (!token) {
    return (
      <AuthCard title={t('auth.invitation.title')}>
        <Text>{t('auth.invitation.noToken')}</Text>
      </AuthCard>
    );
  }
  if (invitation.isPending) return <PageLoader />;
  if (invitation.isError) {
    return (
      <AuthCard title={t('auth.invitation.title')}>
        <Stack>
          <PageError error={invitation.error} />
          <Anchor component={Link} to="/sign-in" size="sm">
            {t('auth.backToSignIn')}
          </Anchor>
        </Stack>
      </AuthCard>
    );
  }
  const info = invitation.data;
  const serverErrors = fieldErrorsOf(accept.error);
  return (
    <AuthCard
      title={t('auth.invitation.title')}
      description={
        info.invitedBy
          ? t('auth.invitation.descriptionFrom', { inviter: info.invitedBy.name, inviterOrganisation: info.invitedBy.organisationName, organisation: info.organisationName })
          : t('auth.invitation.description', { organisation: info.organisationName })
      }
    >
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">
            {t('auth.invitation.forWhom', { name: info.name, email: info.email, organisation: info.organisationName })}{' '}
            {t('auth.invitation.expires', { date: formatDate(info.expiresAt) })}
          </Text>
          <FormAlert error={accept.error} />
          <TextInput label={t('auth.field.email')} value={info.email} readOnly variant="filled" description={t('auth.invitation.emailFixed')} />
          <TextInput
            label={t('auth.field.name')}
            autoComplete="name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={serverErrors.name}
          />
          <NewPasswordFields state={newPassword} label={t('auth.field.choosePassword')} serverError={serverErrors.password} />
          <Button type="submit" loading={accept.isPending} fullWidth>
            {t('auth.invitation.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
