import { Badge, Button, DataList, EmptyState, Grid, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { PageError, PageLoader } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { budgetLabel, statusColor, statusLabel, tCount, visibilityColor, visibilityLabel, yearsLabel } from '../presentation.js';
import { projectStatuses, useCityProjects, useFramework, type CityDetail, type FocusArea, type ScapProject } from '../queries.js';
import { FocusAreaFilter, useAddressFilters } from './filters.js';

/**
 * The city's Smart City Action Plan: the projects the viewer may see (public ones for a visitor),
 * filtered by status and focus area (kept in the address), a page at a time.
 */
export function CityProjects({ city }: { city: CityDetail }) {
  const { params, setFilter, clearFilters } = useAddressFilters<'status' | 'focusArea'>();
  const framework = useFramework();
  const focusAreas = framework.data?.focusAreas ?? [];
  const statusParam = params.get('status');
  const status = projectStatuses.find((s) => s === statusParam);
  const focusArea = focusAreas.find((area) => area.id === params.get('focusArea'));
  const filtering = Boolean(status || focusArea);
  const projects = useCityProjects(city.id, { status, focusArea: focusArea?.id });
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];
  const areaOf = (id: string) => focusAreas.find((area) => area.id === id);

  return (
    <section aria-labelledby="scap-heading">
      <Title order={2} id="scap-heading" mb={4}>
        {t('portal.projects.title')}
      </Title>
      <Text c="dimmed" mb="md" maw={760}>
        {t('portal.projects.intro', { city: city.name })}
      </Text>

      {city.projectCount > 0 && (
        <Grid gap="sm" mb="md" align="flex-end">
          <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
            <NativeSelect
              label={t('portal.projects.filters.status')}
              value={status ?? ''}
              onChange={(event) => setFilter('status', event.currentTarget.value)}
              data={[{ value: '', label: t('portal.projects.filters.allStatuses') }, ...projectStatuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
            <FocusAreaFilter
              label={t('portal.projects.filters.focusArea')}
              allLabel={t('portal.projects.filters.allFocusAreas')}
              focusAreas={focusAreas}
              value={focusArea?.id ?? ''}
              onChange={(value) => setFilter('focusArea', value)}
              disabled={!framework.data}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 'content' }}>
            <Button variant="default" onClick={clearFilters} disabled={!filtering}>
              {t('portal.projects.filters.clear')}
            </Button>
          </Grid.Col>
        </Grid>
      )}

      {projects.isPending ? (
        <PageLoader />
      ) : !projects.data ? (
        <PageError error={projects.error} onRetry={() => projects.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          align="left"
          py="md"
          title={filtering ? t('portal.projects.empty.filteredTitle') : t('portal.projects.empty.title')}
          description={
            filtering
              ? t('portal.projects.empty.filteredBody')
              : t('portal.projects.empty.body', { city: city.name }) + (city.canEdit ? ` ${t('portal.city.empty.editHint')}` : '')
          }
          data-testid="projects-empty"
        >
          {filtering && (
            <EmptyState.Actions>
              <Button variant="light" onClick={clearFilters}>
                {t('portal.projects.filters.clear')}
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      ) : (
        <>
          <Text role="status" fw={600} mb="sm" data-testid="project-count">
            {projects.hasNextPage ? tCount('portal.projects.countSoFar', items.length) : tCount('portal.projects.count', items.length)}
          </Text>
          <Stack gap="md" renderRoot={(props) => <ul {...props} />} p={0} m={0} style={{ listStyle: 'none', opacity: projects.isPlaceholderData ? 0.6 : 1 }}>
            {items.map((project) => (
              <ProjectCard key={project.id} project={project} focusArea={areaOf(project.focusAreaId)} />
            ))}
          </Stack>
          {projects.hasNextPage && (
            <Button mt="md" variant="default" onClick={() => projects.fetchNextPage()} loading={projects.isFetchingNextPage}>
              {t('portal.projects.loadMore')}
            </Button>
          )}
          {projects.isError && (
            <Text c="red.8" size="sm" mt="xs" role="alert">
              {projects.error.message}
            </Text>
          )}
        </>
      )}
    </section>
  );
}

function ProjectCard({ project, focusArea }: { project: ScapProject; focusArea: FocusArea | undefined }) {
  const visibility = visibilityLabel(project.visibility);
  return (
    <Paper withBorder p="md" renderRoot={(props) => <li {...props} />} data-testid="project-card">
      <Title order={3} size="h4" mb={6}>
        {project.title}
      </Title>
      <Group gap={6} mb="sm">
        <Badge color={statusColor[project.status]} tt="none">
          {statusLabel(project.status)}
        </Badge>
        <Badge color="gray.8" variant="outline" tt="none">
          {focusArea ? `${focusArea.name} (${focusArea.code})` : project.focusAreaId}
        </Badge>
        {visibility && project.visibility !== 'public' && (
          <Badge color={visibilityColor[project.visibility]} tt="none" data-testid="visibility-badge">
            {visibility}
          </Badge>
        )}
        {project.isDemo && (
          <Badge color="gray.7" variant="outline" tt="none">
            {t('app.demoBadge')}
          </Badge>
        )}
      </Group>
      {project.description && (
        <Text size="sm" mb="sm" style={{ whiteSpace: 'pre-line' }}>
          {project.description}
        </Text>
      )}
      <DataList size="sm" gap={4} labelWidth={90}>
        <DataList.Item>
          <DataList.ItemLabel>{t('portal.projects.years')}</DataList.ItemLabel>
          <DataList.ItemValue>{yearsLabel(project.startYear, project.endYear)}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('portal.projects.budget')}</DataList.ItemLabel>
          <DataList.ItemValue>{project.budget ? budgetLabel(project.budget) : t('portal.projects.notStated')}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('portal.projects.partners')}</DataList.ItemLabel>
          <DataList.ItemValue>{project.partners.length ? project.partners.join(', ') : t('portal.projects.notStated')}</DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Paper>
  );
}
