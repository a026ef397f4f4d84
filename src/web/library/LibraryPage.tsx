import { Anchor, Box, Button, EmptyState, Grid, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { PageError, PageLoader, PageTitle } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { FocusAreaFilter, useAddressFilters } from '../portal/cities/filters.js';
import { tCount, useDocumentTitle } from '../portal/presentation.js';
import { useCities, useFramework } from '../portal/queries.js';
import { PracticeCard } from './components.js';
import { kindLabel, languageName } from './presentation.js';
import { libraryLanguages, practiceKinds, usePractices, type PracticeKind } from './queries.js';

/** `/library`: the published best practices the viewer may see, filtered in the address. */
export function LibraryPage() {
  useDocumentTitle(t('library.title'));
  const framework = useFramework();
  const cities = useCities();
  const { params, setFilter, clearFilters } = useAddressFilters<'kind' | 'focusArea' | 'country' | 'language'>();
  const kind = practiceKinds.find((k) => k === params.get('kind'));
  const focusArea = params.get('focusArea') ?? '';
  const country = params.get('country')?.toUpperCase() ?? '';
  const language = params.get('language') ?? '';
  const filter = {
    status: 'published' as const,
    ...(kind ? { kind } : {}),
    ...(focusArea ? { focusArea } : {}),
    ...(/^[A-Z]{2}$/.test(country) ? { country } : {}),
    ...(language ? { language } : {}),
  };
  const practices = usePractices(filter);
  const filtering = Boolean(kind || focusArea || country || language);

  const countries = useMemo(() => {
    const byCode = new Map<string, string>();
    for (const city of cities.data ?? []) byCode.set(city.countryCode, city.countryName);
    return [...byCode.entries()].map(([code, name]) => ({ value: code, label: name })).sort((a, b) => a.label.localeCompare(b.label));
  }, [cities.data]);
  const focusAreas = framework.data?.focusAreas ?? [];
  const areaName = (id: string) => focusAreas.find((area) => area.id === id)?.name ?? id;
  const items = practices.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageTitle description={t('library.intro')}>{t('library.title')}</PageTitle>
      <Text mb="md">
        {t('library.searchHint')}{' '}
        <Anchor component={Link} to="/search">{t('library.searchLink')}</Anchor>
      </Text>
      <Box component="form" role="search" aria-label={t('library.filters.label')} onSubmit={(event) => event.preventDefault()} mb="md">
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, sm: 6, md: 2.5 }}>
            <NativeSelect
              label={t('library.field.kind')}
              value={kind ?? ''}
              onChange={(event) => setFilter('kind', event.currentTarget.value)}
              data={[{ value: '', label: t('library.filters.allKinds') }, ...practiceKinds.map((k: PracticeKind) => ({ value: k, label: kindLabel(k) }))]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <FocusAreaFilter
              label={t('library.field.focusArea')}
              allLabel={t('library.filters.allFocusAreas')}
              focusAreas={focusAreas}
              value={focusArea}
              onChange={(value) => setFilter('focusArea', value)}
              disabled={!framework.data}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2.5 }}>
            <NativeSelect
              label={t('library.field.country')}
              value={country}
              onChange={(event) => setFilter('country', event.currentTarget.value)}
              data={[{ value: '', label: t('library.filters.allCountries') }, ...countries]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <NativeSelect
              label={t('library.field.language')}
              value={language}
              onChange={(event) => setFilter('language', event.currentTarget.value)}
              data={[{ value: '', label: t('library.filters.allLanguages') }, ...libraryLanguages.map((tag) => ({ value: tag, label: languageName(tag) }))]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 12, md: 2 }}>
            <Button variant="default" fullWidth onClick={clearFilters} disabled={!filtering}>
              {t('library.filters.clear')}
            </Button>
          </Grid.Col>
        </Grid>
      </Box>

      {practices.isPending ? (
        <PageLoader />
      ) : practices.isError ? (
        <PageError error={practices.error} onRetry={() => practices.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('library.empty.title')} description={filtering ? t('library.empty.filtered') : t('library.empty.body')} align="left" py="md">
          {filtering && (
            <EmptyState.Actions>
              <Button variant="outline" onClick={clearFilters}>
                {t('library.filters.clear')}
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      ) : (
        <Stack>
          <Text role="status" fw={600} data-testid="practice-count">
            {practices.hasNextPage ? tCount('library.countMore', items.length) : tCount('library.count', items.length)}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" renderRoot={(props) => <ul {...props} />} p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((practice) => (
              <PracticeCard key={practice.id} practice={practice} areaName={areaName} to={`/library/${practice.id}`} />
            ))}
          </SimpleGrid>
          {practices.hasNextPage && (
            <Button variant="outline" w="fit-content" loading={practices.isFetchingNextPage} onClick={() => practices.fetchNextPage()}>
              {t('library.loadMore')}
            </Button>
          )}
        </Stack>
      )}
    </>
  );
}
