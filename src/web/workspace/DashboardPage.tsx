import { Anchor, Badge, Button, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import type { SessionActor } from '../app/session.js';
import { t } from '../i18n/i18n.js';
import { WorkspaceTitle } from './forms.js';
import { kindLabel, roleLabel } from './labels.js';
import { Section } from './Section.js';
import { isSecretariat, useActor } from './WorkspaceFrame.js';

/** `/app`: who you are, your organisation, and the shortcuts that fit your organisation's kind. */
export function DashboardPage() {
  const actor = useActor();
  const profile = useQuery({ queryKey: ['profile'], queryFn: async () => unwrap(await api.GET('/api/v1/profile')) });
  return (
    <>
      <WorkspaceTitle description={t('workspace.dashboard.description')}>{t('workspace.dashboard.title', { name: actor.name })}</WorkspaceTitle>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title={t('workspace.dashboard.you')}>
          <Stack gap={4}>
            <Text fw={600}>{actor.name}</Text>
            {profile.data?.title && <Text size="sm">{profile.data.title}</Text>}
            <Text size="sm">{actor.email}</Text>
            <Text size="sm">
              {t('workspace.dashboard.roleAt', { role: roleLabel(actor.role) })}{' '}
              <Anchor component={Link} to="/app/organisation">
                {actor.organisation.name}
              </Anchor>
            </Text>
            <Group gap="xs" mt={4}>
              <Badge variant="outline" color="gray.8">
                {kindLabel(actor.organisation.kind)}
              </Badge>
            </Group>
            <Group gap="sm" mt="sm">
              <Anchor component={Link} to="/app/profile" size="sm">
                {t('workspace.dashboard.editProfile')}
              </Anchor>
              <Anchor component={Link} to="/app/notifications" size="sm">
                {actor.unreadNotifications > 0
                  ? t('workspace.dashboard.unread', { count: actor.unreadNotifications })
                  : t('workspace.dashboard.noUnread')}
              </Anchor>
            </Group>
          </Stack>
        </Section>
        <Shortcuts actor={actor} />
      </SimpleGrid>
    </>
  );
}

function Shortcuts({ actor }: { actor: SessionActor }) {
  const kind = actor.organisation.kind;
  if (kind === 'city_government' && actor.organisation.cityId) return <CityShortcuts cityId={actor.organisation.cityId} />;
  if (kind === 'national_agency' && actor.organisation.countryCode) return <CountryShortcuts countryCode={actor.organisation.countryCode} />;
  const links: { to: string; label: string }[] = isSecretariat(actor)
    ? [
        { to: '/app/cities', label: t('workspace.dashboard.shortcut.cities') },
        { to: '/app/monitoring', label: t('workspace.dashboard.shortcut.monitoring') },
        { to: '/app/organisations', label: t('workspace.dashboard.shortcut.organisations') },
        { to: '/app/outbox', label: t('workspace.dashboard.shortcut.outbox') },
        { to: '/app/audit', label: t('workspace.dashboard.shortcut.audit') },
      ]
    : [
        { to: '/cities', label: t('workspace.dashboard.shortcut.directory') },
        { to: '/app/monitoring', label: t('workspace.dashboard.shortcut.monitoring') },
        { to: '/app/organisation', label: t('workspace.dashboard.shortcut.organisation') },
      ];
  return (
    <Section title={t('workspace.dashboard.shortcuts')}>
      <List spacing="xs">
        {links.map((link) => (
          <List.Item key={link.to}>
            <Anchor component={Link} to={link.to}>
              {link.label}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

function CityShortcuts({ cityId }: { cityId: string }) {
  const city = useQuery({
    queryKey: ['city', cityId],
    queryFn: async () => unwrap(await api.GET('/api/v1/cities/{cityId}', { params: { path: { cityId } } })),
  });
  const name = city.data?.name ?? cityId;
  return (
    <Section title={t('workspace.dashboard.yourCity', { city: name })}>
      <Stack gap="sm">
        <Text size="sm">
          {city.data ? t('workspace.dashboard.cityProjects', { count: city.data.projectCount, city: name }) : t('app.loading')}
        </Text>
        <Group gap="sm">
          <Button component={Link} to={`/app/cities/${cityId}`}>
            {t('workspace.dashboard.openActionPlan', { city: name })}
          </Button>
          <Button component={Link} to="/app/monitoring" variant="outline">
            {t('workspace.dashboard.shortcut.monitoring')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

function CountryShortcuts({ countryCode }: { countryCode: string }) {
  const cities = useQuery({
    queryKey: ['cities', { country: countryCode }],
    queryFn: async () => unwrap(await api.GET('/api/v1/cities', { params: { query: { country: countryCode } } })),
  });
  const countryName = cities.data?.items[0]?.countryName ?? countryCode;
  return (
    <Section title={t('workspace.dashboard.yourCountry', { country: countryName })}>
      <Stack gap="sm">
        {cities.isPending ? (
          <Text size="sm">{t('app.loading')}</Text>
        ) : cities.isError ? (
          <Text size="sm">{cities.error.message}</Text>
        ) : (
          <List spacing="xs">
            {cities.data.items.map((city) => (
              <List.Item key={city.id}>
                <Anchor component={Link} to={`/app/cities/${city.id}`}>
                  {city.name}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  {t('workspace.cities.projectCount', { count: city.projectCount })}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        <Anchor component={Link} to={`/app/monitoring?country=${countryCode}`} size="sm">
          {t('workspace.dashboard.countryMonitoring', { country: countryName })}
        </Anchor>
      </Stack>
    </Section>
  );
}
