import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';
import { PageError, PageLoader, PageTitle } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { useDocumentTitle } from '../portal/presentation.js';
import { DocumentList, HistoryTable, ProjectFacts } from './PipelineProjectPage.js';
import { filterNames, filterQuery, MoneyFacts, PipelineFilters, ProjectCard, StageBadge, type Filters } from './shared.js';
import { Section } from '../workspace/Section.js';

type OpportunitiesQuery = NonNullable<paths['/api/v1/opportunities']['get']['parameters']['query']>;

/** `/opportunities`: the public pipeline projects, searchable and filterable; filters live in the address so a view can be shared. */
export function OpportunitiesPage() {
  useDocumentTitle(t('pipeline.opportunities.title'));
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? ''])) as Filters;
  const query = { ...filterQuery(filters), limit: 20 } as OpportunitiesQuery;
  const projects = useInfiniteQuery({
    queryKey: ['opportunities', query],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/opportunities', { params: { query: { ...query, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <PageTitle description={t('pipeline.opportunities.description')}>{t('pipeline.opportunities.title')}</PageTitle>
      <PipelineFilters
        value={filters}
        onChange={(next) => setParams(new URLSearchParams(Object.entries(next).filter(([, v]) => v) as [string, string][]), { replace: true, preventScrollReset: true })}
      />
      <section aria-labelledby="opportunities-results">
        <Text component="h2" id="opportunities-results" fw={700} size="lg" mb="xs">
          {t('pipeline.opportunities.results')}
        </Text>
        {projects.isPending ? (
          <PageLoader />
        ) : projects.isError ? (
          <PageError error={projects.error} onRetry={() => projects.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm">{t('pipeline.opportunities.none')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((project) => (
              <ProjectCard key={project.id} project={project} href={`/opportunities/${project.id}`} />
            ))}
          </Stack>
        )}
        {projects.hasNextPage && (
          <Button mt="sm" variant="outline" loading={projects.isFetchingNextPage} onClick={() => projects.fetchNextPage()}>
            {t('pipeline.opportunities.more')}
          </Button>
        )}
      </section>
    </Stack>
  );
}

/** `/opportunities/:id`: a public pipeline project. */
export function OpportunityPage() {
  const { id = '' } = useParams();
  const project = useQuery({ queryKey: ['opportunity', id], queryFn: async () => unwrap(await api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } })) });
  useDocumentTitle(project.data?.title ?? null);
  if (project.isPending) return <PageLoader />;
  if (project.isError) return <PageError error={project.error} onRetry={() => project.refetch()} />;
  const p = project.data;
  return (
    <Stack gap="md">
      <PageTitle description={t('pipeline.project.where', { city: p.cityName, country: p.countryCode })}>{p.title}</PageTitle>
      <StageBadge stage={p.stage} />
      <ProjectFacts project={p} />
      <Section title={t('pipeline.money.title')}>
        <MoneyFacts money={p.money} />
      </Section>
      <Section title={t('pipeline.stage.title')}>
        <Stack gap="sm">
          <HistoryTable project={p} publicView />
        </Stack>
      </Section>
      <Section title={t('pipeline.documents.title')}>
        <DocumentList project={p} />
      </Section>
      <Anchor component={Link} to="/opportunities">
        {t('pipeline.opportunities.back')}
      </Anchor>
    </Stack>
  );
}
