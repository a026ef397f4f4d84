import { Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PageError, PageTitle } from '../app/pages.js';
import { useSession } from '../app/session.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import classes from './HomePage.module.css';
import { formatInteger, statusLabel, useDocumentTitle, yearsLabel } from './presentation.js';
import { useCities, useFramework, useRecentProjects } from './queries.js';

/** The three pillars of the concept note and their nine activities (1a–3c), paraphrased. */
const pillars: { number: 1 | 2 | 3; activities: ('a' | 'b' | 'c')[] }[] = [
  { number: 1, activities: ['a', 'b', 'c'] },
  { number: 2, activities: ['a', 'b', 'c'] },
  { number: 3, activities: ['a', 'b', 'c'] },
];

const RECENT_PROJECTS = 4;

/** Home: what the partnership is, its pillars, the network at a glance and where to go next. */
export function HomePage() {
  useDocumentTitle(t('portal.home.documentTitle'));
  const session = useSession();
  const signedIn = Boolean(session.data?.actor);

  return (
    <Stack gap="xl">
      <div>
        <PageTitle>{t('portal.home.title')}</PageTitle>
        <Stack gap="sm" maw={760}>
          <Text size="lg">{t('portal.home.lead')}</Text>
          <Text>{t('portal.home.mitra')}</Text>
        </Stack>
        <Group mt="lg" gap="sm">
          <Button component={Link} to="/cities">
            {t('portal.home.exploreCities')}
          </Button>
          <Button component={Link} to="/events" variant="default">
            {t('events.portal.homeLink')}
          </Button>
          <Button component={Link} to="/opportunities" variant="default">
            {t('pipeline.opportunities.homeLink')}
          </Button>
          {signedIn ? (
            <Button component={Link} to="/app" variant="default">
              {t('portal.home.openWorkspace')}
            </Button>
          ) : (
            <Button component={Link} to="/sign-in" variant="default">
              {t('portal.home.signIn')}
            </Button>
          )}
        </Group>
        {!signedIn && (
          <Text size="sm" c="dimmed" mt="xs">
            {t('portal.home.signInHint')}
          </Text>
        )}
      </div>

      <NetworkAtAGlance signedIn={signedIn} />

      <section aria-labelledby="pillars-heading">
        <Title order={2} id="pillars-heading" mb={4}>
          {t('portal.home.pillars.title')}
        </Title>
        <Text c="dimmed" mb="md" maw={760}>
          {t('portal.home.pillars.intro')}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          {pillars.map((pillar) => (
            <Paper key={pillar.number} withBorder p="md" component="article" aria-labelledby={`pillar-${pillar.number}`}>
              <Title order={3} size="h4" id={`pillar-${pillar.number}`} mb="sm">
                <Text span inherit c="blue.8">
                  {pillar.number}.{' '}
                </Text>
                {t(`portal.home.pillar${pillar.number}.title` as MessageKey)}
              </Title>
              <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {pillar.activities.map((letter) => {
                  const key = `portal.home.activity${pillar.number}${letter}`;
                  return (
                    <li key={letter}>
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <Badge size="sm" radius="sm" tt="none" style={{ flexShrink: 0 }} mt={2}>
                          {pillar.number}
                          {letter}
                        </Badge>
                        <div>
                          <Text fw={600} size="sm">
                            {t(`${key}.title` as MessageKey)}
                          </Text>
                          <Text size="sm">{t(`${key}.body` as MessageKey)}</Text>
                        </div>
                      </Group>
                    </li>
                  );
                })}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      </section>

      <FrameworkSection />
      <RecentProjects />
    </Stack>
  );
}

function NetworkAtAGlance({ signedIn }: { signedIn: boolean }) {
  const cities = useCities();
  const stats = cities.data
    ? [
        { value: cities.data.length, label: t('portal.home.glance.cities') },
        { value: new Set(cities.data.map((city) => city.countryCode)).size, label: t('portal.home.glance.countries') },
        {
          value: cities.data.reduce((sum, city) => sum + city.projectCount, 0),
          label: signedIn ? t('portal.home.glance.projectsVisible') : t('portal.home.glance.projectsPublic'),
        },
      ]
    : null;
  return (
    <section aria-labelledby="glance-heading">
      <Title order={2} id="glance-heading" mb="md">
        {t('portal.home.glance.title')}
      </Title>
      {cities.isError ? (
        <PageError error={cities.error} onRetry={() => cities.refetch()} />
      ) : stats ? (
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" component="dl" m={0}>
          {stats.map((stat) => (
            <Paper key={stat.label} withBorder px="md" py="sm" className={classes.stat}>
              <Text component="dt" size="sm" c="dimmed">
                {stat.label}
              </Text>
              <Text component="dd" m={0} fz={32} fw={700} lh={1.15} c="blue.8" data-testid="glance-value" style={{ flexShrink: 0 }}>
                {formatInteger(stat.value)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          {[1, 2, 3].map((n) => (
            <Skeleton key={n} height={76} />
          ))}
        </SimpleGrid>
      )}
      <Anchor component={Link} to="/cities" mt="sm" display="inline-block">
        {t('portal.home.glance.link')}
      </Anchor>
    </section>
  );
}

function FrameworkSection() {
  const framework = useFramework();
  return (
    <section aria-labelledby="framework-heading">
      <Title order={2} id="framework-heading" mb={4}>
        {t('portal.home.framework.title')}
      </Title>
      <Text c="dimmed" mb="md" maw={760}>
        {t('portal.home.framework.intro')}
      </Text>
      {framework.isError && <PageError error={framework.error} onRetry={() => framework.refetch()} />}
      {framework.isPending && <Skeleton height={160} />}
      {framework.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <div>
            <Title order={3} size="h4" mb="xs">
              {t('portal.home.framework.outcomes')}
            </Title>
            <List spacing="xs">
              {framework.data.strategicOutcomes.map((outcome) => (
                <List.Item key={outcome.id}>
                  <Text span fw={600}>
                    {outcome.name}
                  </Text>
                  {': '}
                  {outcome.description}
                </List.Item>
              ))}
            </List>
          </div>
          <div>
            <Title order={3} size="h4" mb="xs">
              {t('portal.home.framework.focusAreas')}
            </Title>
            <List spacing="xs">
              {framework.data.focusAreas.map((area) => (
                <List.Item key={area.id}>
                  <Anchor component={Link} to={`/cities?focusArea=${encodeURIComponent(area.id)}`} fw={600}>
                    {area.name}
                  </Anchor>{' '}
                  <Text span size="sm" c="dimmed">
                    ({area.code})
                  </Text>
                  {': '}
                  {area.description}
                </List.Item>
              ))}
            </List>
          </div>
        </SimpleGrid>
      )}
    </section>
  );
}

function RecentProjects() {
  const projects = useRecentProjects(RECENT_PROJECTS);
  const framework = useFramework();
  const areaName = (id: string) => framework.data?.focusAreas.find((area) => area.id === id)?.name ?? id;
  if (projects.isError) return null; // secondary content: the page stays useful without it
  return (
    <section aria-labelledby="recent-heading">
      <Title order={2} id="recent-heading" mb="md">
        {t('portal.home.recent.title')}
      </Title>
      {projects.isPending ? (
        <Skeleton height={120} />
      ) : projects.data.length === 0 ? (
        <Text c="dimmed">{t('portal.home.recent.empty')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {projects.data.map((project) => (
            <Paper key={project.id} withBorder p="md" component="li" data-testid="recent-project">
              <Text fw={600}>{project.title}</Text>
              <Text size="sm" mt={4}>
                <Anchor component={Link} to={`/cities/${project.cityId}`}>
                  {project.cityName}
                </Anchor>
                {' · '}
                {areaName(project.focusAreaId)}
                {' · '}
                {statusLabel(project.status)}
                {' · '}
                {yearsLabel(project.startYear, project.endYear)}
              </Text>
              {project.isDemo && (
                <Badge mt="xs" size="sm" variant="outline" color="gray.7" tt="none">
                  {t('app.demoBadge')}
                </Badge>
              )}
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}
