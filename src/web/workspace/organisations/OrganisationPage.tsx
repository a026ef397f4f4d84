import { Anchor, Badge, Button, Menu, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { PageError, PageLoader } from '../../app/pages.js';
import type { SessionActor } from '../../app/session.js';
import { t } from '../../i18n/i18n.js';
import { ModalActions, WorkspaceModal } from '../WorkspaceModal.js';
import type { Member, MemberRole, Organisation } from '../apiTypes.js';
import { fieldErrorsOf, FormAlert, SuccessAlert, textOrNull, WorkspaceTitle } from '../forms.js';
import { kindLabel, memberStatusColor, memberStatusLabel, roleLabel } from '../labels.js';
import { Section } from '../Section.js';
import { useActor, useCityName, useCountryName } from '../WorkspaceFrame.js';
import { ScrollTable } from '../ScrollTable.js';
import { WebsiteAndDescriptionFields } from './OrganisationFields.js';

/** `/app/organisation`: the signed-in person's own organisation. */
export function MyOrganisationPage() {
  const actor = useActor();
  return <OrganisationView organisationId={actor.organisation.id} actor={actor} own />;
}

/** `/app/organisations/:organisationId`. */
export function OrganisationPage() {
  const actor = useActor();
  const { organisationId = '' } = useParams();
  return <OrganisationView organisationId={organisationId} actor={actor} own={organisationId === actor.organisation.id} />;
}

const organisationKey = (id: string) => ['organisation', id];

function OrganisationView({ organisationId, actor, own }: { organisationId: string; actor: SessionActor; own: boolean }) {
  const organisation = useQuery({
    queryKey: organisationKey(organisationId),
    queryFn: async () => unwrap(await api.GET('/api/v1/organisations/{organisationId}', { params: { path: { organisationId } } })),
  });
  const cityName = useCityName(organisation.data?.cityId ?? null);
  const countryName = useCountryName(organisation.data?.countryCode ?? null);
  if (organisation.isPending) return <PageLoader />;
  if (organisation.isError) return <PageError error={organisation.error} onRetry={() => organisation.refetch()} />;
  const org = organisation.data;
  const where = org.cityId ? t('workspace.organisation.city', { city: cityName ?? org.cityId }) : org.countryCode ? t('workspace.organisation.country', { country: countryName ?? org.countryCode }) : '';
  return (
    <>
      <WorkspaceTitle description={[own ? t('workspace.organisation.yours') : '', kindLabel(org.kind), where].filter(Boolean).join(' · ')}>
        {org.name}
      </WorkspaceTitle>
      <Stack gap="md">
        <Details organisation={org} />
        <Members organisation={org} actor={actor} />
      </Stack>
    </>
  );
}

function Details({ organisation }: { organisation: Organisation }) {
  const [editing, setEditing] = useState(false);
  return (
    <Section
      title={t('workspace.organisation.details')}
      actions={
        organisation.canManage && (
          <Button variant="outline" size="compact-md" onClick={() => setEditing(true)}>
            {t('workspace.organisation.editDetails')}
          </Button>
        )
      }
    >
      <Stack gap="xs">
        {organisation.isDemo && (
          <Badge color="gray.8" w="fit-content">
            {t('app.demoBadge')}
          </Badge>
        )}
        <Text size="sm">
          <Text span fw={600}>
            {t('workspace.field.website')}:{' '}
          </Text>
          {organisation.website ? (
            <Anchor href={organisation.website} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>
              {organisation.website}
            </Anchor>
          ) : (
            t('workspace.none')
          )}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {organisation.description || t('workspace.organisation.noDescription')}
        </Text>
      </Stack>
      <EditDetailsModal organisation={organisation} opened={editing} onClose={() => setEditing(false)} />
    </Section>
  );
}

function EditDetailsModal({ organisation, opened, onClose }: { organisation: Organisation; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(organisation.name);
  const [website, setWebsite] = useState(organisation.website ?? '');
  const [description, setDescription] = useState(organisation.description ?? '');
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/organisations/{organisationId}', {
          params: { path: { organisationId: organisation.id } },
          body: { name, website: textOrNull(website), description: textOrNull(description) },
        }),
      ),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: organisationKey(organisation.id) }),
        queryClient.invalidateQueries({ queryKey: ['organisations'] }),
        queryClient.invalidateQueries({ queryKey: ['session'] }),
      ]);
      onClose();
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <WorkspaceModal opened={opened} onClose={onClose} title={t('workspace.organisation.editDetails')} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={save.error} />
          <TextInput label={t('workspace.field.organisationName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <WebsiteAndDescriptionFields website={website} setWebsite={setWebsite} description={description} setDescription={setDescription} errors={errors} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={save.isPending}>
              {t('workspace.save')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}

type Feedback = { kind: 'success'; message: string } | { kind: 'error'; error: unknown } | null;

function Members({ organisation, actor }: { organisation: Organisation; actor: SessionActor }) {
  const queryClient = useQueryClient();
  const [inviting, setInviting] = useState(false);
  const [disabling, setDisabling] = useState<Member | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: organisationKey(organisation.id) });

  const update = useMutation({
    mutationFn: async ({ member, body }: { member: Member; body: { role?: MemberRole; status?: 'active' | 'disabled' } }) =>
      unwrap(
        await api.PATCH('/api/v1/organisations/{organisationId}/members/{userId}', {
          params: { path: { organisationId: organisation.id, userId: member.id } },
          body,
        }),
      ),
    onSuccess: async (updated, { body }) => {
      await refresh();
      setFeedback({
        kind: 'success',
        message: body.role
          ? t('workspace.members.roleChanged', { name: updated.name, role: roleLabel(updated.role) })
          : updated.status === 'disabled'
            ? t('workspace.members.disabled', { name: updated.name })
            : t('workspace.members.enabled', { name: updated.name }),
      });
      setDisabling(null);
    },
    onError: (error) => {
      setFeedback({ kind: 'error', error });
      setDisabling(null);
    },
  });
  const resend = useMutation({
    mutationFn: async (member: Member) =>
      unwrap(
        await api.POST('/api/v1/organisations/{organisationId}/members/{userId}/resend-invitation', {
          params: { path: { organisationId: organisation.id, userId: member.id } },
        }),
      ),
    onSuccess: (_data, member) => setFeedback({ kind: 'success', message: t('workspace.members.resent', { email: member.email }) }),
    onError: (error) => setFeedback({ kind: 'error', error }),
  });

  return (
    <Section
      title={t('workspace.members.title', { count: organisation.members.length })}
      actions={
        organisation.canManage && (
          <Button size="compact-md" onClick={() => setInviting(true)}>
            {t('workspace.members.invite')}
          </Button>
        )
      }
    >
      <Stack gap="sm">
        {feedback?.kind === 'success' && <SuccessAlert>{feedback.message}</SuccessAlert>}
        {feedback?.kind === 'error' && <FormAlert error={feedback.error} />}
        {organisation.members.length === 0 ? (
          <Text size="sm">{t('workspace.members.none')}</Text>
        ) : (
          <ScrollTable minWidth={640}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('auth.field.name')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.field.jobTitle')}</Table.Th>
                  <Table.Th scope="col">{t('auth.field.email')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.field.role')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.field.status')}</Table.Th>
                  {organisation.canManage && <Table.Th scope="col">{t('workspace.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {organisation.members.map((member) => (
                  <Table.Tr key={member.id}>
                    <Table.Th scope="row" fw={500}>
                      {member.name}
                      {member.id === actor.userId && (
                        <Text span size="sm" c="dimmed">
                          {' '}
                          {t('workspace.members.you')}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>{member.title ?? ''}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{member.email}</Table.Td>
                    <Table.Td>{roleLabel(member.role)}</Table.Td>
                    <Table.Td>
                      <Badge miw="max-content" color={memberStatusColor[member.status]}>{memberStatusLabel(member.status)}</Badge>
                    </Table.Td>
                    {organisation.canManage && (
                      <Table.Td>
                        {member.id !== actor.userId && (
                          <Menu position="bottom-end" withinPortal transitionProps={{ duration: 0 }}>
                            <Menu.Target>
                              <Button variant="default" size="compact-sm" aria-label={t('workspace.members.manage', { name: member.name })}>
                                {t('workspace.members.manageShort')}
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
                              {member.status === 'invited' && (
                                <Menu.Item onClick={() => resend.mutate(member)}>{t('workspace.members.resend')}</Menu.Item>
                              )}
                              <Menu.Item onClick={() => update.mutate({ member, body: { role: member.role === 'admin' ? 'member' : 'admin' } })}>
                                {member.role === 'admin' ? t('workspace.members.makeMember') : t('workspace.members.makeAdmin')}
                              </Menu.Item>
                              {member.status === 'active' && (
                                <Menu.Item color="red.9" onClick={() => setDisabling(member)}>
                                  {t('workspace.members.disable')}
                                </Menu.Item>
                              )}
                              {member.status === 'disabled' && (
                                <Menu.Item onClick={() => update.mutate({ member, body: { status: 'active' } })}>{t('workspace.members.enable')}</Menu.Item>
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
      {organisation.canManage && (
        <InviteModal
          organisation={organisation}
          opened={inviting}
          onClose={() => setInviting(false)}
          onInvited={(email) => {
            setFeedback({ kind: 'success', message: t('workspace.members.invited', { email }) });
            setInviting(false);
          }}
        />
      )}
      <WorkspaceModal opened={disabling !== null} onClose={() => setDisabling(null)} title={t('workspace.members.disableTitle', { name: disabling?.name ?? '' })}>
        <Stack>
          <Text size="sm">{t('workspace.members.disableExplanation', { name: disabling?.name ?? '' })}</Text>
          <ModalActions onCancel={() => setDisabling(null)}>
            <Button color="red.9" loading={update.isPending} onClick={() => disabling && update.mutate({ member: disabling, body: { status: 'disabled' } })}>
              {t('workspace.members.disable')}
            </Button>
          </ModalActions>
        </Stack>
      </WorkspaceModal>
    </Section>
  );
}

function InviteModal({
  organisation,
  opened,
  onClose,
  onInvited,
}: {
  organisation: Organisation;
  opened: boolean;
  onClose: () => void;
  onInvited: (email: string) => void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [title, setTitle] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  const invite = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/organisations/{organisationId}/invitations', {
          params: { path: { organisationId: organisation.id } },
          body: { name, email, title: textOrNull(title), role },
        }),
      ),
    onSuccess: async (member) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: organisationKey(organisation.id) }),
        queryClient.invalidateQueries({ queryKey: ['outbox'] }),
      ]);
      setName('');
      setEmail('');
      setTitle('');
      setRole('member');
      invite.reset();
      onInvited(member.email);
    },
  });
  const errors = fieldErrorsOf(invite.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate();
  }
  return (
    <WorkspaceModal opened={opened} onClose={onClose} title={t('workspace.members.inviteTitle', { organisation: organisation.name })} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('workspace.members.inviteHelp')}</Text>
          <FormAlert error={invite.error} />
          <TextInput label={t('auth.field.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <TextInput label={t('auth.field.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors.email} />
          <TextInput label={t('workspace.field.jobTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
          <Select
            label={t('workspace.field.role')}
            description={t('workspace.members.roleHelp')}
            data={[
              { value: 'member', label: roleLabel('member') },
              { value: 'admin', label: roleLabel('admin') },
            ]}
            value={role}
            onChange={(value) => setRole((value as MemberRole | null) ?? 'member')}
            allowDeselect={false}
            error={errors.role}
          />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={invite.isPending}>
              {t('workspace.members.sendInvitation')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}
