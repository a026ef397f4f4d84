import { Anchor, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { isSecretariat, useActor } from '../workspace/WorkspaceFrame.js';
import { filterNames, filterQuery, PipelineFilters, ProjectCard, type Filters, type PipelineQuery } from './shared.js';

export const pipelineKey = ['pipeline-projects'];

/** `/app/pipeline`: a city's own projects for its staff (or every project they may see), with search and filters in the address. */
export function PipelineListPage() {
  const actor = useActor();
  const ownCity = actor.organisation.kind === 'city_government' ? actor.organisation.cityId : null;
  const [params, setParams] = useSearchParams();
  const scope = ownCity && params.get('scope') !== 'all' ? 'own' : 'all';
  const filters = Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? ''])) as Filters;
  const query: PipelineQuery = { ...filterQuery(filters), ...(scope === 'own' && ownCity ? { city: ownCity } : {}), limit: 25 } as PipelineQuery;
  const projects = useInfiniteQuery({
    queryKey: [...pipelineKey, query],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/pipeline-projects', { params: { query: { ...query, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];
  const setFilters = (next: Filters & { scope?: string }) =>
    setParams(new URLSearchParams(Object.entries(next).filter(([, v]) => v) as [string, string][]), { replace: true, preventScrollReset: true });
  const canCreate = Boolean(ownCity) || isSecretariat(actor);
  return (
    <>
      <WorkspaceTitle description={t('pipeline.list.description')}>{t('pipeline.list.title')}</WorkspaceTitle>
      <Stack gap="md">
        <Group gap="sm">
          {canCreate && (
            <Button component={Link} to="/app/pipeline/new">
              {t('pipeline.list.create')}
            </Button>
          )}
          <Button component={Link} to="/app/pipeline/rates" variant="default">
            {t('pipeline.rates.title')}
          </Button>
          <Anchor component={Link} to="/opportunities" size="sm">
            {t('pipeline.list.portalLink')}
          </Anchor>
        </Group>
        <Section title={t('pipeline.list.projects')}>
          <Stack gap="sm">
            {ownCity && (
              <NativeSelect
                label={t('pipeline.list.scope')}
                value={scope}
                onChange={(e) => setFilters({ ...filters, scope: e.currentTarget.value === 'all' ? 'all' : '' })}
                data={[
                  { value: 'own', label: t('pipeline.list.scopeOwn') },
                  { value: 'all', label: t('pipeline.list.scopeAll') },
                ]}
                maw={320}
              />
            )}
            <PipelineFilters value={filters} onChange={(next) => setFilters({ ...next, scope: scope === 'all' && ownCity ? 'all' : '' })} />
            {projects.isPending ? (
              <InlineLoader />
            ) : projects.isError ? (
              <PageError error={projects.error} onRetry={() => projects.refetch()} />
            ) : items.length === 0 ? (
              <Text size="sm">{t('pipeline.list.none')}</Text>
            ) : (
              <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {items.map((project) => (
                  <ProjectCard key={project.id} project={project} href={`/app/pipeline/${project.id}`} />
                ))}
              </Stack>
            )}
            {projects.hasNextPage && (
              <Button variant="outline" w="fit-content" loading={projects.isFetchingNextPage} onClick={() => projects.fetchNextPage()}>
                {t('workspace.loadMore')}
              </Button>
            )}
          </Stack>
        </Section>
      </Stack>
    </>
  );
}
