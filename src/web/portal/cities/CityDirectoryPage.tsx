import {
  Anchor,
  Badge,
  Box,
  Button,
  EmptyState,
  Grid,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { PageError, PageLoader, PageTitle } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { formatInteger, membershipBadgeColor, membershipColor, membershipLabel, tCount, useDocumentTitle } from '../presentation.js';
import { useCities, useFramework, type CitySummary, type Membership } from '../queries.js';
import { FocusAreaFilter, useAddressFilters } from './filters.js';

// The map (its code and ~60 KB of map data) is a separate chunk, fetched while the cities load.
const loadCityMap = () => import('./CityMap.js');
const CityMap = lazy(loadCityMap);

const memberships: Membership[] = ['pilot-2018', 'joined-2023', 'joined-2024'];

/** Accent- and case-insensitive, so "da nang" finds "Đà Nẵng" and "Da Nang" alike. */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .trim();

type Country = { code: string; name: string; cityCount: number };

/**
 * The city directory: a map and a list of the ASCN cities, filtered by country, focus area and
 * name. The filters live in the address (?country=VN&focusArea=…&q=…) so a view can be shared.
 */
export function CityDirectoryPage() {
  useDocumentTitle(t('portal.cities.title'));
  const cities = useCities();
  const framework = useFramework();
  const { params, setFilter, clearFilters } = useAddressFilters<'country' | 'focusArea' | 'q'>();
  useEffect(() => void loadCityMap(), []);

  const countries = useMemo<Country[]>(() => {
    const byCode = new Map<string, Country>();
    for (const city of cities.data ?? []) {
      const country = byCode.get(city.countryCode) ?? { code: city.countryCode, name: city.countryName, cityCount: 0 };
      country.cityCount += 1;
      byCode.set(city.countryCode, country);
    }
    return [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [cities.data]);
  const focusAreas = framework.data?.focusAreas ?? [];

  // Unknown values in a shared address are ignored rather than showing an inexplicably empty list.
  const country = countries.find((c) => c.code === params.get('country')?.toUpperCase()) ?? null;
  const focusArea = focusAreas.find((area) => area.id === params.get('focusArea')) ?? null;
  const query = params.get('q') ?? '';
  const filtered = useMemo(() => {
    const needle = fold(query);
    return (cities.data ?? [])
      .filter(
        (city) =>
          (!country || city.countryCode === country.code) &&
          (!focusArea || city.focusAreaIds.includes(focusArea.id)) &&
          (!needle || fold(city.name).includes(needle)),
      )
      .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  }, [cities.data, country, focusArea, query]);
  const filtering = Boolean(country || focusArea || query.trim());

  if (cities.isPending) {
    return (
      <>
        <PageTitle description={t('portal.cities.intro')}>{t('portal.cities.title')}</PageTitle>
        <PageLoader />
      </>
    );
  }
  if (cities.isError) {
    return (
      <>
        <PageTitle>{t('portal.cities.title')}</PageTitle>
        <PageError error={cities.error} onRetry={() => cities.refetch()} />
      </>
    );
  }

  const shownCountries = new Set(filtered.map((city) => city.countryCode)).size;
  const areaName = (id: string) => focusAreas.find((area) => area.id === id)?.name ?? id;

  return (
    <>
      <PageTitle description={t('portal.cities.intro')}>{t('portal.cities.title')}</PageTitle>

      <Box component="form" role="search" aria-label={t('portal.cities.filters.label')} onSubmit={(event) => event.preventDefault()} mb="md">
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <TextInput
              label={t('portal.cities.filters.search')}
              placeholder={t('portal.cities.filters.searchPlaceholder')}
              type="search"
              value={query}
              onChange={(event) => setFilter('q', event.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <NativeSelect
              label={t('portal.cities.filters.country')}
              value={country?.code ?? ''}
              onChange={(event) => setFilter('country', event.currentTarget.value)}
              data={[
                { value: '', label: t('portal.cities.filters.allCountries') },
                ...countries.map((c) => ({ value: c.code, label: `${c.name} (${formatInteger(c.cityCount)})` })),
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <FocusAreaFilter
              label={t('portal.cities.filters.focusArea')}
              allLabel={t('portal.cities.filters.allFocusAreas')}
              focusAreas={focusAreas}
              value={focusArea?.id ?? ''}
              onChange={(value) => setFilter('focusArea', value)}
              disabled={!framework.data}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <Button variant="default" fullWidth onClick={clearFilters} disabled={!filtering}>
              {t('portal.cities.filters.clear')}
            </Button>
          </Grid.Col>
        </Grid>
        {focusArea && (
          <Text size="sm" c="dimmed" mt="xs">
            {t('portal.cities.filters.focusAreaHint', { focusArea: focusArea.name })}
          </Text>
        )}
      </Box>

      <Text role="status" fw={600} mb="sm" data-testid="city-count">
        {filtering
          ? tCount('portal.cities.countFiltered', filtered.length, { total: formatInteger(cities.data.length) })
          : tCount('portal.cities.count', filtered.length, { countries: tCount('portal.cities.countries', shownCountries) })}
      </Text>

      <Grid gap="lg" mb="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Anchor href="#city-list" size="sm" display="inline-block" mb={4}>
            {t('portal.cities.skipMap')}
          </Anchor>
          <Suspense fallback={<Skeleton style={{ aspectRatio: '1000 / 840' }} h="auto" w="100%" />}>
            <CityMap cities={filtered} countryCode={country?.code ?? null} />
          </Suspense>
          <Text size="xs" c="dimmed" mt={4}>
            {t('portal.map.note')}
          </Text>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <div>
              <Title order={2} size="h4" mb="xs">
                {t('portal.cities.legend')}
              </Title>
              <Stack gap={6} p={0} m={0} style={{ listStyle: 'none' }} renderRoot={(props) => <ul {...props} />}>
                {memberships.map((membership) => (
                  <Group key={membership} gap="xs" wrap="nowrap" renderRoot={(props) => <li {...props} />}>
                    <svg width="14" height="14" aria-hidden="true" style={{ flexShrink: 0 }}>
                      <circle cx="7" cy="7" r="6" fill={membershipColor[membership]} stroke="#fff" strokeWidth="1.5" />
                    </svg>
                    <Text size="sm">
                      {membershipLabel(membership)}{' '}
                      <Text span size="sm" c="dimmed">
                        ({formatInteger(filtered.filter((city) => city.membership === membership).length)})
                      </Text>
                    </Text>
                  </Group>
                ))}
              </Stack>
            </div>
            <nav aria-labelledby="by-country-heading">
              <Title order={2} size="h4" mb="xs" id="by-country-heading">
                {t('portal.cities.byCountry')}
              </Title>
              <SimpleGrid cols={{ base: 2, md: 1 }} spacing={4} verticalSpacing={4} renderRoot={(props) => <ul {...props} />} p={0} m={0} style={{ listStyle: 'none' }}>
                {countries.map((c) => {
                  const next = new URLSearchParams(params);
                  if (country?.code === c.code) next.delete('country');
                  else next.set('country', c.code);
                  return (
                    <li key={c.code}>
                      <Anchor
                        component={Link}
                        to={{ search: next.toString() ? `?${next}` : '' }}
                        replace
                        preventScrollReset
                        size="sm"
                        aria-current={country?.code === c.code ? 'true' : undefined}
                        fw={country?.code === c.code ? 700 : undefined}
                      >
                        {c.name}
                      </Anchor>{' '}
                      <Text span size="sm" c="dimmed">
                        ({formatInteger(c.cityCount)})
                      </Text>
                    </li>
                  );
                })}
              </SimpleGrid>
            </nav>
          </Stack>
        </Grid.Col>
      </Grid>

      <section aria-labelledby="city-list">
        <Title order={2} id="city-list" tabIndex={-1} mb="md">
          {t('portal.cities.listTitle')}
        </Title>
        {filtered.length === 0 ? (
          <EmptyState
            title={t('portal.cities.empty.title')}
            description={t('portal.cities.empty.body')}
            align="left"
            py="md"
          >
            <EmptyState.Actions>
              <Button variant="light" onClick={clearFilters}>
                {t('portal.cities.filters.clear')}
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" renderRoot={(props) => <ul {...props} />} p={0} m={0} style={{ listStyle: 'none' }} data-testid="city-list">
            {filtered.map((city) => (
              <CityCard key={city.id} city={city} areaName={areaName} />
            ))}
          </SimpleGrid>
        )}
      </section>
    </>
  );
}

function CityCard({ city, areaName }: { city: CitySummary; areaName: (id: string) => string }) {
  return (
    <Paper withBorder p="md" renderRoot={(props) => <li {...props} />} data-testid="city-card">
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <div>
          <Anchor component={Link} to={`/cities/${city.id}`} fw={700} size="lg">
            {city.name}
          </Anchor>
          <Text size="sm">{city.countryName}</Text>
        </div>
        <Badge color={membershipBadgeColor[city.membership]} tt="none" style={{ flexShrink: 0 }}>
          {membershipLabel(city.membership)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mt="xs">
        {[
          city.population !== null ? t('portal.cities.population', { population: formatInteger(city.population) }) : null,
          tCount('portal.cities.projectCount', city.projectCount),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {city.focusAreaIds.length > 0 && (
        <Text size="sm" mt={4}>
          {t('portal.cities.focusAreas')} {city.focusAreaIds.map(areaName).sort().join(', ')}
        </Text>
      )}
    </Paper>
  );
}
