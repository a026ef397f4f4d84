import { Anchor, Badge, Box, Breadcrumbs, Button, DataList, Grid, Group, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { PageError, PageLoader, PageTitle } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { formatInteger, membershipBadgeColor, membershipLabel, useDocumentTitle } from '../presentation.js';
import { useCity, type CityDetail } from '../queries.js';
import { CityProjects } from './CityProjects.js';

const CityMap = lazy(() => import('./CityMap.js'));

/** A city's public page: its profile, its contacts and the action-plan projects the viewer may see. */
export function CityPage() {
  const { cityId = '' } = useParams();
  const city = useCity(cityId);
  useDocumentTitle(city.data?.name ?? (city.isError ? t('portal.city.notFound.title') : null));

  if (city.isPending) return <PageLoader />;
  if (city.isError) {
    if (city.error instanceof ApiError && city.error.status === 404) return <CityNotFound />;
    return (
      <>
        <PageTitle>{t('portal.city.errorTitle')}</PageTitle>
        <PageError error={city.error} onRetry={() => city.refetch()} />
      </>
    );
  }
  return <CityProfile city={city.data} />;
}

function CityNotFound() {
  return (
    <Box maw={640}>
      <PageTitle>{t('portal.city.notFound.title')}</PageTitle>
      <Text>{t('portal.city.notFound.body')}</Text>
      <Button component={Link} to="/cities" mt="md">
        {t('portal.city.backToDirectory')}
      </Button>
    </Box>
  );
}

function NotProvided({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" fs="italic">
      {children}
    </Text>
  );
}

function CityProfile({ city }: { city: CityDetail }) {
  const editHint = city.canEdit ? ` ${t('portal.city.empty.editHint')}` : '';
  const summary = city.summary?.trim();
  const hasContacts = Boolean(city.cscoName || city.contactEmail || city.contactPhone);
  const websiteHost = city.website ? safeHost(city.website) : null;

  return (
    <>
      <Breadcrumbs mb="sm" separator="›" aria-label={t('portal.city.breadcrumbs')} renderRoot={(props) => <nav {...props} />}>
        <Anchor component={Link} to="/cities" size="sm">
          {t('portal.cities.title')}
        </Anchor>
        <Text size="sm" aria-current="page">
          {city.name}
        </Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <Stack gap={6}>
          <Title order={1}>{city.name}</Title>
          <Group gap="xs">
            <Text>{city.countryName}</Text>
            <Badge color={membershipBadgeColor[city.membership]} tt="none">
              {membershipLabel(city.membership)}
            </Badge>
          </Group>
        </Stack>
        {city.canEdit && (
          <Button component={Link} to={`/app/cities/${city.id}`} variant="filled">
            {t('portal.city.edit')}
          </Button>
        )}
      </Group>

      <Grid gap="lg" mb="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <section aria-labelledby="profile-heading">
            <Title order={2} id="profile-heading" mb="sm">
              {t('portal.city.profile')}
            </Title>
            {summary ? (
              <Stack gap="xs" mb="md">
                {summary.split(/\n\s*\n/).map((paragraph, index) => (
                  <Text key={index} style={{ whiteSpace: 'pre-line' }}>
                    {paragraph}
                  </Text>
                ))}
              </Stack>
            ) : (
              <Paper bg="gray.0" p="sm" mb="md" data-testid="summary-empty">
                <NotProvided>{t('portal.city.empty.summary', { city: city.name }) + editHint}</NotProvided>
              </Paper>
            )}
            <DataList withDivider size="md" labelWidth={160} mb="lg">
              <DataList.Item>
                <DataList.ItemLabel>{t('portal.city.facts.country')}</DataList.ItemLabel>
                <DataList.ItemValue>{city.countryName}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('portal.city.facts.membership')}</DataList.ItemLabel>
                <DataList.ItemValue>{t('portal.city.facts.membershipValue', { membership: membershipLabel(city.membership), year: city.yearJoined })}</DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('portal.city.facts.population')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  {city.population !== null ? formatInteger(city.population) : <NotProvided>{t('portal.city.empty.field')}</NotProvided>}
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('portal.city.facts.website')}</DataList.ItemLabel>
                <DataList.ItemValue>
                  {city.website && websiteHost ? (
                    <Anchor href={city.website} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>
                      {websiteHost}
                      <Text span size="xs" c="dimmed">
                        {' '}
                        {t('portal.city.opensInNewTab')}
                      </Text>
                    </Anchor>
                  ) : (
                    <NotProvided>{t('portal.city.empty.field')}</NotProvided>
                  )}
                </DataList.ItemValue>
              </DataList.Item>
              <DataList.Item>
                <DataList.ItemLabel>{t('portal.city.facts.updated')}</DataList.ItemLabel>
                <DataList.ItemValue>{new Date(city.updatedAt).toLocaleDateString('en', { dateStyle: 'long' } as Intl.DateTimeFormatOptions)}</DataList.ItemValue>
              </DataList.Item>
            </DataList>

            <Title order={3} size="h4" mb="xs">
              {t('portal.city.priorities')}
            </Title>
            {city.priorities.length ? (
              <List spacing={4}>
                {city.priorities.map((priority, index) => (
                  <List.Item key={index}>{priority}</List.Item>
                ))}
              </List>
            ) : (
              <NotProvided>{t('portal.city.empty.priorities') + editHint}</NotProvided>
            )}
          </section>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" renderRoot={(props) => <section aria-labelledby="contacts-heading" {...props} />}>
            <Title order={2} size="h3" id="contacts-heading" mb="sm">
              {t('portal.city.contacts')}
            </Title>
            {hasContacts ? (
              <DataList orientation="vertical" size="md" gap="sm">
                <DataList.Item>
                  <DataList.ItemLabel>{t('portal.city.csco')}</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {city.cscoName ? (
                      <>
                        <Text fw={600}>{city.cscoName}</Text>
                        {city.cscoTitle && <Text>{city.cscoTitle}</Text>}
                      </>
                    ) : (
                      <NotProvided>{t('portal.city.empty.csco')}</NotProvided>
                    )}
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>{t('portal.city.email')}</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {city.contactEmail ? (
                      <Anchor href={`mailto:${city.contactEmail}`} style={{ overflowWrap: 'anywhere' }}>
                        {city.contactEmail}
                      </Anchor>
                    ) : (
                      <NotProvided>{t('portal.city.empty.field')}</NotProvided>
                    )}
                  </DataList.ItemValue>
                </DataList.Item>
                <DataList.Item>
                  <DataList.ItemLabel>{t('portal.city.phone')}</DataList.ItemLabel>
                  <DataList.ItemValue>
                    {city.contactPhone ? (
                      <Anchor href={`tel:${city.contactPhone.replace(/[^\d+]/g, '')}`}>{city.contactPhone}</Anchor>
                    ) : (
                      <NotProvided>{t('portal.city.empty.field')}</NotProvided>
                    )}
                  </DataList.ItemValue>
                </DataList.Item>
              </DataList>
            ) : (
              <NotProvided>{t('portal.city.empty.contacts', { city: city.name }) + editHint}</NotProvided>
            )}
          </Paper>
          {city.lat !== null && city.lon !== null && (
            <Box mt="lg">
              <Suspense fallback={<Skeleton w="100%" h="auto" style={{ aspectRatio: '1000 / 840' }} />}>
                <CityMap cities={[city]} countryCode={city.countryCode} locator />
              </Suspense>
            </Box>
          )}
        </Grid.Col>
      </Grid>

      <CityProjects city={city} />
    </>
  );
}

/** Only http(s) addresses become links; anything else is not shown as one. */
function safeHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.host + (parsed.pathname === '/' ? '' : parsed.pathname) : null;
  } catch {
    return null;
  }
}
