import { Anchor, AppShell, Badge, Burger, Button, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { useSession } from './session.js';

/** The frame of every page: header with navigation (a menu on narrow screens), main content, footer. */
export function Layout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const session = useSession();
  const actor = session.data?.actor ?? null;
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  async function signOut() {
    await api.DELETE('/api/v1/session');
    await queryClient.invalidateQueries();
    navigate('/');
  }

  const links = [
    { to: '/', label: t('app.nav.home'), end: true },
    { to: '/cities', label: t('app.nav.cities'), end: false },
    { to: '/library', label: t('library.nav.library'), end: false },
    { to: '/search', label: t('library.nav.search'), end: false },
    ...(actor ? [{ to: '/app', label: t('app.nav.workspace'), end: false }] : []),
  ];
  const navLinks = links.map((link) => (
    <Anchor key={link.to} component={NavLink} to={link.to} end={link.end} onClick={close} className="mitra-nav-link" c="inherit">
      {link.label}
    </Anchor>
  ));
  const account = actor ? (
    <Group gap="xs" wrap="nowrap">
      <Anchor component={Link} to="/app/notifications" onClick={close} c="inherit" size="sm">
        {actor.name}
        {actor.unreadNotifications > 0 && (
          <Badge ml={6} size="sm" color="red" aria-label={`${actor.unreadNotifications} unread notifications`}>
            {actor.unreadNotifications}
          </Badge>
        )}
      </Anchor>
      <Button variant="subtle" size="compact-sm" onClick={signOut}>
        {t('app.nav.signOut')}
      </Button>
    </Group>
  ) : (
    <Button component={Link} to="/sign-in" size="compact-md" onClick={close}>
      {t('app.nav.signIn')}
    </Button>
  );

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { desktop: true, mobile: !opened } }} padding="md">
      <a href="#main" className="mitra-skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.nav.menu')} />
            <UnstyledButton component={Link} to="/" aria-label={`${t('app.name')} — ${t('app.tagline')}`}>
              <Text fw={800} size="xl" c="blue.8">
                {t('app.name')}
              </Text>
            </UnstyledButton>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="lg" visibleFrom="sm" component="nav" aria-label="Main">
            {navLinks}
            {account}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md" component="nav" aria-label="Main (mobile)">
        <Stack>{navLinks}</Stack>
        <Stack mt="lg">{account}</Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
        <Stack component="footer" mt="xl" pt="md" gap={4} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Text size="xs" c="dimmed">
            {t('app.footer.attribution')}
          </Text>
          <Anchor href="/api/docs" size="xs">
            {t('app.footer.api')}
          </Anchor>
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
