import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { PageError } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { ModalActions, WorkspaceModal } from '../WorkspaceModal.js';
import type { CityDetail, Project } from '../apiTypes.js';
import { InlineLoader, FormAlert, SuccessAlert } from '../forms.js';
import { projectStatusColor, projectStatusLabel, visibilityColor, visibilityLabel } from '../labels.js';
import { Section } from '../Section.js';
import { DocumentsModal } from './DocumentsModal.js';
import { ProjectModal } from './ProjectModal.js';
import { afterProjectChange, cityProjectsKey, formatBudget, formatYears, useFramework } from './projectQueries.js';
import { ScrollTable } from '../ScrollTable.js';

type Dialog = { kind: 'edit'; project: Project | null } | { kind: 'documents'; project: Project } | { kind: 'delete'; project: Project } | null;

/** The city's SCAP projects the viewer may see, with create / edit / delete / documents for those who may edit. */
export function ProjectsSection({ city }: { city: CityDetail }) {
  const queryClient = useQueryClient();
  const framework = useFramework();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState<string | null>(null);
  const projects = useInfiniteQuery({
    queryKey: cityProjectsKey(city.id),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/cities/{cityId}/projects', {
          params: { path: { cityId: city.id }, query: { limit: 200, sort: 'title', cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const remove = useMutation({
    mutationFn: async (project: Project) => unwrap(await api.DELETE('/api/v1/projects/{projectId}', { params: { path: { projectId: project.id } } })),
    onSuccess: async (_data, project) => {
      // The list is refreshed first, so the message never sits beside a row that is already gone.
      await afterProjectChange(queryClient, city.id);
      setDialog(null);
      setDone(t('workspace.projects.deleted', { title: project.title }));
    },
  });

  const focusAreas = new Map((framework.data?.focusAreas ?? []).map((area) => [area.id, area]));
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Section
      title={t('workspace.projects.title', { count: items.length })}
      actions={
        city.canEdit && (
          <Button size="compact-md" onClick={() => setDialog({ kind: 'edit', project: null })}>
            {t('workspace.projects.add')}
          </Button>
        )
      }
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {city.canEdit ? t('workspace.projects.introEditor', { city: city.name }) : t('workspace.projects.introViewer', { city: city.name })}
        </Text>
        {done && <SuccessAlert>{done}</SuccessAlert>}
        {projects.isPending ? (
          <InlineLoader />
        ) : projects.isError ? (
          <PageError error={projects.error} onRetry={() => projects.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm">{t('workspace.projects.none')}</Text>
        ) : (
          <ScrollTable minWidth={820}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('workspace.field.projectTitle')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.field.focusArea')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.field.status')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.field.years')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.field.budget')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.field.visibility')}</Table.Th>
                  <Table.Th scope="col">{t('workspace.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((project) => (
                  <Table.Tr key={project.id}>
                    <Table.Th scope="row" fw={500} maw={280}>
                      {project.title}
                    </Table.Th>
                    <Table.Td>{focusAreas.get(project.focusAreaId)?.name ?? project.focusAreaId}</Table.Td>
                    <Table.Td>
                      <Badge miw="max-content" color={projectStatusColor[project.status]}>{projectStatusLabel(project.status)}</Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatYears(project.startYear, project.endYear)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBudget(project.budget)}</Table.Td>
                    <Table.Td>
                      <Badge miw="max-content" color={visibilityColor[project.visibility]}>{visibilityLabel(project.visibility)}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {project.canEdit && (
                          <Button
                            size="compact-sm"
                            variant="outline"
                            aria-label={t('workspace.projects.editNamed', { title: project.title })}
                            onClick={() => setDialog({ kind: 'edit', project })}
                          >
                            {t('workspace.edit')}
                          </Button>
                        )}
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('workspace.documents.ofNamed', { title: project.title })}
                          onClick={() => setDialog({ kind: 'documents', project })}
                        >
                          {t('workspace.documents.short')}
                        </Button>
                        {project.canEdit && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            aria-label={t('workspace.projects.deleteNamed', { title: project.title })}
                            onClick={() => {
                              remove.reset();
                              setDialog({ kind: 'delete', project });
                            }}
                          >
                            {t('workspace.delete')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {projects.hasNextPage && (
          <Button variant="outline" w="fit-content" loading={projects.isFetchingNextPage} onClick={() => projects.fetchNextPage()}>
            {t('workspace.loadMore')}
          </Button>
        )}
      </Stack>

      {dialog?.kind === 'edit' && (
        <ProjectModal
          cityId={city.id}
          cityName={city.name}
          project={dialog.project}
          focusAreas={framework.data?.focusAreas ?? []}
          onClose={() => setDialog(null)}
          onSaved={(saved, created) => {
            setDialog(null);
            setDone(created ? t('workspace.projects.created', { title: saved.title }) : t('workspace.projects.saved', { title: saved.title }));
          }}
        />
      )}
      {dialog?.kind === 'documents' && <DocumentsModal project={dialog.project} onClose={() => setDialog(null)} />}
      <WorkspaceModal
        opened={dialog?.kind === 'delete'}
        onClose={() => setDialog(null)}
        title={t('workspace.projects.deleteTitle', { title: dialog?.kind === 'delete' ? dialog.project.title : '' })}
      >
        <Stack>
          <Text size="sm">{t('workspace.projects.deleteExplanation', { city: city.name })}</Text>
          <FormAlert error={remove.error} />
          <ModalActions onCancel={() => setDialog(null)}>
            <Button color="red.9" loading={remove.isPending} onClick={() => dialog?.kind === 'delete' && remove.mutate(dialog.project)}>
              {t('workspace.projects.deleteConfirm')}
            </Button>
          </ModalActions>
        </Stack>
      </WorkspaceModal>
    </Section>
  );
}
