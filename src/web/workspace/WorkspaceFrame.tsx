import { Badge, Box, Button, Collapse, Flex, NavLink, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useId } from 'react';
import { Link, Navigate, Outlet, useLocation, useOutletContext } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { useSession, type SessionActor } from '../app/session.js';
import { t } from '../i18n/i18n.js';
import { isUsPartnerKind } from './apiTypes.js';

/** Every /app page gets the signed-in person from the frame. */
export function useActor(): SessionActor {
  return useOutletContext<SessionActor>();
}

export const isSecretariat = (actor: SessionActor) => actor.organisation.kind === 'secretariat';
/** Secretariat and national representatives oversee several cities; city staff have their own. */
/** Organisations that write courses and deliver cohorts (as src/policy/policy.ts says). */
export const isTrainingProvider = (actor: SessionActor) => ['secretariat', 'cyber_centre', 'academia', 'us_agency', 'ngo'].includes(actor.organisation.kind);
export const overseesCities = (actor: SessionActor) => isSecretariat(actor) || actor.organisation.kind === 'national_agency';

export function useCityName(cityId: string | null) {
  const city = useQuery({
    queryKey: ['city', cityId],
    queryFn: async () => unwrap(await api.GET('/api/v1/cities/{cityId}', { params: { path: { cityId: cityId! } } })),
    enabled: cityId !== null,
  });
  return city.data?.name;
}

export function useCountries() {
  return useQuery({
    queryKey: ['countries'],
    queryFn: async () => unwrap(await api.GET('/api/v1/countries')).items,
    staleTime: Infinity,
  });
}

export function useCountryName(code: string | null) {
  const countries = useCountries();
  return code ? countries.data?.find((country) => country.code === code)?.name : undefined;
}

/**
 * `/app/*`: visitors are sent to sign in (and brought back); the signed-in get the workspace's
 * navigation beside the page (above it, behind a button, on narrow screens).
 */
export function WorkspaceFrame() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <PageError error={session.error} onRetry={() => session.refetch()} />;
  const actor = session.data.actor;
  if (!actor) return <Navigate replace to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} />;
  return (
    <Flex gap="xl" direction={{ base: 'column', sm: 'row' }} align={{ base: 'stretch', sm: 'flex-start' }}>
      <Box w={{ base: '100%', sm: 240 }} style={{ flexShrink: 0 }}>
        <Box hiddenFrom="sm">
          <NarrowWorkspaceNav actor={actor} />
        </Box>
        <Box visibleFrom="sm">
          <WorkspaceNav actor={actor} label={t('workspace.nav.label')} />
        </Box>
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Suspense fallback={<PageLoader />}>
          <Outlet context={actor} />
        </Suspense>
      </Box>
    </Flex>
  );
}

function NarrowWorkspaceNav({ actor }: { actor: SessionActor }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const id = useId();
  useEffect(close, [location.pathname, close]);
  return (
    <Box>
      <Button variant="outline" onClick={toggle} aria-expanded={opened} aria-controls={id} fullWidth justify="space-between">
        {opened ? t('workspace.nav.hideMenu') : t('workspace.nav.showMenu')}
      </Button>
      <Collapse expanded={opened} id={id}>
        <Box pt="sm">
          <WorkspaceNav actor={actor} label={t('workspace.nav.labelNarrow')} />
        </Box>
      </Collapse>
    </Box>
  );
}

type NavItem = { to: string; label: string; end?: boolean; extra?: React.ReactNode };

function WorkspaceNav({ actor, label }: { actor: SessionActor; label: string }) {
  const location = useLocation();
  const cityId = actor.organisation.kind === 'city_government' ? actor.organisation.cityId : null;
  const cityName = useCityName(cityId);
  const unread = actor.unreadNotifications;

  const groups: { id: string; title: string; items: NavItem[] }[] = [
    { id: 'home', title: t('workspace.nav.group.workspace'), items: [{ to: '/app', label: t('workspace.nav.dashboard'), end: true }] },
    {
      id: 'cities',
      // The concept note's pillars all start from the cities and their Smart City Action Plans.
      title: t('workspace.nav.group.cities'),
      items: [
        ...(cityId ? [{ to: `/app/cities/${cityId}`, label: cityName ? t('workspace.nav.myCityNamed', { city: cityName }) : t('workspace.nav.myCity') }] : []),
        ...(overseesCities(actor) ? [{ to: '/app/cities', label: t('workspace.nav.cities') }] : []),
        { to: '/app/monitoring', label: t('workspace.nav.monitoring') },
      ],
    },
    {
      id: 'library',
      title: t('library.nav.group'),
      items: [
        { to: '/app/library', label: t('library.nav.library') },
        ...(isSecretariat(actor) ? [{ to: '/app/library/review', label: t('library.nav.review') }] : []),
        { to: '/app/exchanges', label: t('exchanges.nav.exchanges') },
        ...(isUsPartnerKind(actor.organisation.kind) ? [{ to: '/app/exchanges/offer', label: t('exchanges.nav.offer') }] : []),
      ],
    },
    // Pillar 1 (business): convenings, reverse trade missions, B2B meetings and the deals they produce.
    {
      id: 'events',
      title: t('events.nav.group'),
      items: [
        { to: '/app/events', label: t('events.nav.events') },
        { to: '/app/agenda', label: t('calendar.nav.agenda') },
        { to: '/app/deals', label: t('deals.nav.deals') },
        { to: '/app/pipeline', label: t('pipeline.nav.pipeline') },
        { to: '/app/assistance', label: t('assistance.nav.requests') },
        { to: '/app/solutions', label: t('providers.nav.solutions') },
        { to: '/app/reports', label: t('reports.nav.reports') },
      ],
    },
    // Pillar 3 (cybersecurity): a city's own staff keep its inventory and self-assessment; the secretariat
    // imports the feeds and sees network aggregates; training partners run cohorts; cities and national
    // representatives nominate trainees.
    {
      id: 'cyber',
      title: t('exposure.nav.group'),
      items: [
        ...(cityId
          ? [
              { to: '/app/exposure', label: t('exposure.nav.exposure') },
              { to: '/app/exposure/inventory', label: t('exposure.nav.inventory') },
              { to: '/app/assessments', label: t('assessments.nav.assessments') },
            ]
          : []),
        ...(isSecretariat(actor)
          ? [
              { to: '/app/exposure/feeds', label: t('exposure.nav.feeds') },
              { to: '/app/exposure/network', label: t('exposure.nav.network') },
            ]
          : []),
        ...(actor.organisation.kind === 'national_agency' ? [{ to: '/app/assessments', label: t('assessments.nav.shared') }] : []),
        ...(cityId || overseesCities(actor) ? [{ to: '/app/assessments/benchmarks', label: t('assessments.nav.benchmarks') }] : []),
        { to: '/app/training', label: t('training.nav.training') },
        ...(isTrainingProvider(actor) ? [{ to: '/app/training/reports', label: t('training.nav.reports') }] : []),
      ],
    },
    {
      id: 'account',
      title: t('workspace.nav.group.account'),
      items: [
        { to: '/app/profile', label: t('workspace.nav.profile') },
        { to: '/app/organisation', label: t('workspace.nav.myOrganisation') },
        {
          to: '/app/notifications',
          label: t('workspace.nav.notifications'),
          extra:
            unread > 0 ? (
              <Badge size="sm" color="red.9" circle={unread < 10}>
                {unread}
                <VisuallyHidden> {t('workspace.nav.unread')}</VisuallyHidden>
              </Badge>
            ) : undefined,
        },
      ],
    },
    ...(isSecretariat(actor)
      ? [
          {
            id: 'secretariat',
            title: t('workspace.nav.group.secretariat'),
            items: [
              { to: '/app/organisations', label: t('workspace.nav.organisations') },
              { to: '/app/audit', label: t('workspace.nav.audit') },
              { to: '/app/outbox', label: t('workspace.nav.outbox') },
            ],
          },
        ]
      : []),
  ];

  const isActive = (item: NavItem) =>
    item.end ? location.pathname === item.to : location.pathname === item.to || location.pathname.startsWith(`${item.to}/`);
  // "Cities" must not light up for the own city's page, which has its own entry.
  const activeTo = groups
    .flatMap((g) => g.items)
    .filter(isActive)
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;

  return (
    <Box component="nav" aria-label={label}>
      <Stack gap="md">
        {groups.map((group) => (
          <Box key={group.id}>
            <Text id={`${label}-${group.id}`.replace(/\W/g, '-')} size="xs" fw={700} tt="uppercase" c="dimmed" mb={4} px="sm">
              {group.title}
            </Text>
            <Box component="ul" aria-labelledby={`${label}-${group.id}`.replace(/\W/g, '-')} m={0} p={0} style={{ listStyle: 'none' }}>
              {group.items.map((item) => {
                const active = item.to === activeTo;
                return (
                  <li key={item.to}>
                    <NavLink
                      component={Link}
                      to={item.to}
                      label={item.label}
                      rightSection={item.extra}
                      active={active}
                      aria-current={active ? 'page' : undefined}
                      variant="filled"
                    />
                  </li>
                );
              })}
            </Box>
          </Box>
        ))}
      </Stack>
    </Box>
  );
}
