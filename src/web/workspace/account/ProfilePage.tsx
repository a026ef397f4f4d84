import { Button, PasswordInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client.js';
import { PageError, PageLoader } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, NewPasswordFields, SuccessAlert, textOrNull, useNewPassword, WorkspaceTitle } from '../forms.js';
import { kindLabel, roleLabel } from '../labels.js';
import { Section } from '../Section.js';

/** `/app/profile`: name, title and email-notification choice; changing the password. */
export function ProfilePage() {
  const profile = useQuery({ queryKey: ['profile'], queryFn: async () => unwrap(await api.GET('/api/v1/profile')) });
  if (profile.isPending) return <PageLoader />;
  if (profile.isError) return <PageError error={profile.error} onRetry={() => profile.refetch()} />;
  const p = profile.data;
  return (
    <>
      <WorkspaceTitle description={t('workspace.profile.description', { email: p.email, role: roleLabel(p.role), organisation: p.organisation.name, kind: kindLabel(p.organisation.kind) })}>
        {t('workspace.profile.title')}
      </WorkspaceTitle>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ProfileForm profile={p} />
        <PasswordForm />
      </SimpleGrid>
    </>
  );
}

type Profile = { name: string; title: string | null; emailNotifications: boolean };

function ProfileForm({ profile }: { profile: Profile }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(profile.name);
  const [title, setTitle] = useState(profile.title ?? '');
  const [emailNotifications, setEmailNotifications] = useState(profile.emailNotifications);
  useEffect(() => {
    setName(profile.name);
    setTitle(profile.title ?? '');
    setEmailNotifications(profile.emailNotifications);
  }, [profile]);
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PATCH('/api/v1/profile', { body: { name, title: textOrNull(title), emailNotifications } })),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['profile'], updated);
      await queryClient.invalidateQueries({ queryKey: ['session'] });
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <Section title={t('workspace.profile.details')}>
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={save.error} />
          {save.isSuccess && !save.isPending && <SuccessAlert>{t('workspace.profile.saved')}</SuccessAlert>}
          <TextInput label={t('auth.field.name')} required autoComplete="name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <TextInput
            label={t('workspace.field.jobTitle')}
            autoComplete="organization-title"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
          />
          <Switch
            label={t('workspace.profile.emailNotifications')}
            description={t('workspace.profile.emailNotificationsHelp')}
            checked={emailNotifications}
            onChange={(e) => setEmailNotifications(e.currentTarget.checked)}
          />
          <Button type="submit" loading={save.isPending} w="fit-content">
            {t('workspace.profile.save')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function PasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const newPassword = useNewPassword();
  const change = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/profile/password', { body: { currentPassword, newPassword: newPassword.password } })),
    onSuccess: () => {
      setCurrentPassword('');
      newPassword.clear();
    },
  });
  const errors = fieldErrorsOf(change.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (newPassword.check()) change.mutate();
  }
  return (
    <Section title={t('workspace.profile.password')}>
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={change.error} />
          {change.isSuccess && <SuccessAlert>{t('workspace.profile.passwordChanged')}</SuccessAlert>}
          <PasswordInput
            label={t('auth.field.currentPassword')}
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.currentTarget.value)}
            error={errors.currentPassword}
          />
          <NewPasswordFields state={newPassword} label={t('auth.field.newPassword')} serverError={errors.newPassword} />
          <Text size="sm" c="dimmed">
            {t('workspace.profile.passwordHelp')}
          </Text>
          <Button type="submit" loading={change.isPending} w="fit-content">
            {t('workspace.profile.changePassword')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}
