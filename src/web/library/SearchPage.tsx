import { Anchor, Box, Button, EmptyState, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageError, PageLoader, PageTitle } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { formatInteger, statusLabel as projectStatusLabel, tCount, useDocumentTitle } from '../portal/presentation.js';
import { useCities, useFramework, type ProjectStatus } from '../portal/queries.js';
import { Highlighted } from './components.js';
import { kindLabel, languageName } from './presentation.js';
import { useSearch, type SearchItem } from './queries.js';

type FacetName = 'type' | 'focusArea' | 'country';
const SUGGESTIONS = ['flood', 'traffic', 'waste', 'digital services', 'water'];

/** `/search?q=`: practices and projects, ranked, with highlights and facets; filters in the address. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const type = params.get('type') === 'practice' || params.get('type') === 'project' ? (params.get('type') as 'practice' | 'project') : undefined;
  const focusArea = params.get('focusArea') ?? '';
  const country = params.get('country')?.toUpperCase() ?? '';
  useDocumentTitle(q ? t('search.titleFor', { q }) : t('search.title'));
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const search = useSearch({ q, ...(type ? { type } : {}), ...(focusArea ? { focusArea } : {}), ...(/^[A-Z]{2}$/.test(country) ? { country } : {}) });
  const framework = useFramework();
  const cities = useCities();

  const areaName = (id: string) => framework.data?.focusAreas.find((area) => area.id === id)?.name ?? id;
  const countryNames = useMemo(() => new Map((cities.data ?? []).map((city) => [city.countryCode, city.countryName])), [cities.data]);
  const countryName = (code: string) => countryNames.get(code) ?? code;

  function setFilter(name: FacetName, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && current.get(name) !== value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    setParams(next);
  }

  const first = search.data?.pages[0];
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];
  const filtering = Boolean(type || focusArea || country);

  return (
    <>
      <PageTitle description={t('search.intro')}>{t('search.title')}</PageTitle>
      <Box component="form" role="search" aria-label={t('search.formLabel')} onSubmit={submit} mb="lg">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('search.field')}
            type="search"
            name="q"
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            placeholder={t('search.placeholder')}
            style={{ flex: '1 1 16rem' }}
            maxLength={200}
          />
          <Button type="submit">{t('search.submit')}</Button>
        </Group>
      </Box>

      {!q ? (
        <Suggestions />
      ) : search.isPending ? (
        <PageLoader />
      ) : search.isError ? (
        <PageError error={search.error} onRetry={() => search.refetch()} />
      ) : (
        <Stack gap="lg">
          <Text role="status" fw={600} data-testid="search-total">
            {tCount('search.total', first?.total ?? 0, { q })}
          </Text>
          {first && (
            <Stack gap="sm" component="section" aria-label={t('search.facets')}>
              <Facet
                title={t('search.facet.type')}
                values={first.facets.type}
                selected={type ?? ''}
                label={(value) => (value === 'practice' ? t('search.type.practice') : t('search.type.project'))}
                onChoose={(value) => setFilter('type', value)}
              />
              <Facet title={t('search.facet.focusArea')} values={first.facets.focusArea} selected={focusArea} label={areaName} onChoose={(value) => setFilter('focusArea', value)} />
              <Facet title={t('search.facet.country')} values={first.facets.country} selected={country} label={countryName} onChoose={(value) => setFilter('country', value)} />
            </Stack>
          )}
          {items.length === 0 ? (
            <>
              <EmptyState title={t('search.empty.title', { q })} description={t('search.empty.body')} align="left" py="md">
                {filtering && (
                  <EmptyState.Actions>
                    <Button variant="outline" onClick={() => setParams(new URLSearchParams({ q }), { replace: true })}>
                      {t('search.clearFilters')}
                    </Button>
                  </EmptyState.Actions>
                )}
              </EmptyState>
              <Suggestions />
            </>
          ) : (
            <Stack gap="sm" renderRoot={(props) => <ol {...props} />} p={0} m={0} style={{ listStyle: 'none' }} data-testid="search-results">
              {items.map((item) => (
                <Result key={`${item.type}-${item.id}`} item={item} areaName={areaName} countryName={countryName} />
              ))}
            </Stack>
          )}
          {search.hasNextPage && (
            <Button variant="outline" w="fit-content" loading={search.isFetchingNextPage} onClick={() => search.fetchNextPage()}>
              {t('library.loadMore')}
            </Button>
          )}
        </Stack>
      )}
    </>
  );
}

/** A facet's values as toggle buttons with counts; choosing the chosen one again removes the filter. */
function Facet({
  title,
  values,
  selected,
  label,
  onChoose,
}: {
  title: string;
  values: { value: string; count: number }[];
  selected: string;
  label: (value: string) => string;
  onChoose: (value: string) => void;
}) {
  const id = useId();
  if (values.length === 0) return null;
  return (
    <div>
      <Text id={id} size="sm" fw={700} mb={4}>
        {title}
      </Text>
      <Group gap={6} role="group" aria-labelledby={id}>
        {values.map((facet) => {
          const active = facet.value === selected;
          return (
            <Button
              key={facet.value}
              size="compact-sm"
              radius="xl"
              variant={active ? 'filled' : 'outline'}
              aria-pressed={active}
              onClick={() => onChoose(facet.value)}
              styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
              h="auto"
              py={4}
            >
              {label(facet.value)} ({formatInteger(facet.count)})
            </Button>
          );
        })}
      </Group>
    </div>
  );
}

function Result({ item, areaName, countryName }: { item: SearchItem; areaName: (id: string) => string; countryName: (code: string) => string }) {
  const to = item.type === 'practice' ? `/library/${item.id}` : item.cityId ? `/cities/${item.cityId}` : '/cities';
  const kind =
    item.type === 'practice'
      ? kindLabel(item.kind)
      : ['planning', 'ongoing', 'completed'].includes(item.kind)
        ? projectStatusLabel(item.kind as ProjectStatus)
        : item.kind;
  return (
    <Paper withBorder p="md" renderRoot={(props) => <li {...props} />} data-testid="search-result">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {item.type === 'practice' ? t('search.type.practiceOne') : t('search.type.projectOne')} · {kind}
      </Text>
      <Anchor component={Link} to={to} fw={700} size="lg" lang={item.language ?? undefined} style={{ overflowWrap: 'anywhere' }}>
        <Highlighted html={item.titleHtml} />
      </Anchor>
      {item.snippetHtml && (
        <Text size="sm" mt={4} lang={item.language ?? undefined} style={{ overflowWrap: 'anywhere' }}>
          <Highlighted html={item.snippetHtml} />
        </Text>
      )}
      <Text size="sm" c="dimmed" mt={4}>
        {[areaName(item.focusAreaId), item.countryCode ? countryName(item.countryCode) : null, item.language ? languageName(item.language) : null].filter(Boolean).join(' · ')}
      </Text>
    </Paper>
  );
}

function Suggestions() {
  return (
    <Box component="section" aria-labelledby="search-suggestions">
      <Title order={2} size="h4" id="search-suggestions" mb="xs">
        {t('search.suggestions.title')}
      </Title>
      <List size="sm" spacing={4}>
        <List.Item>{t('search.suggestions.spelling')}</List.Item>
        <List.Item>{t('search.suggestions.fewer')}</List.Item>
        <List.Item>
          {t('search.suggestions.try')}{' '}
          {SUGGESTIONS.map((word, index) => (
            <span key={word}>
              {index > 0 && ', '}
              <Anchor component={Link} to={`/search?q=${encodeURIComponent(word)}`} size="sm">
                {word}
              </Anchor>
            </span>
          ))}
        </List.Item>
        <List.Item>
          <Anchor component={Link} to="/library" size="sm">
            {t('search.suggestions.browse')}
          </Anchor>
        </List.Item>
      </List>
    </Box>
  );
}
