import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { recordDealPath } from '../deals/shared.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { FormAlert, formatDateTime, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { ReasonList } from './shared.js';

/** `/app/pipeline/:projectId/providers`: the providers that fit a project, with reasons; the city's staff see interests and shortlist. */
export function ProjectProvidersPage() {
  const { projectId = '' } = useParams();
  const key = ['project-providers', projectId];
  const view = useQuery({ queryKey: key, queryFn: async () => unwrap(await api.GET('/api/v1/pipeline-projects/{id}/providers', { params: { path: { id: projectId } } })) });
  const queryClient = useQueryClient();
  const shortlist = useMutation({
    mutationFn: async (input: { organisationId: string; shortlisted: boolean }) =>
      unwrap(await api.PUT('/api/v1/pipeline-projects/{id}/interests/{organisationId}/shortlist', { params: { path: { id: projectId, organisationId: input.organisationId } }, body: { shortlisted: input.shortlisted } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  if (view.isPending) return <PageLoader />;
  if (view.isError) return <PageError error={view.error} onRetry={() => view.refetch()} />;
  const { project, recommendations, interests, canShortlist } = view.data;
  return (
    <>
      <WorkspaceTitle description={t('providers.project.description', { city: project.cityName })}>{t('providers.project.title', { title: project.title })}</WorkspaceTitle>
      <Stack gap="md">
        <Anchor component={Link} to={`/app/pipeline/${project.id}`} size="sm">
          {t('providers.project.back')}
        </Anchor>
        <Section title={t('providers.interest.title')}>
          <Stack gap="xs">
            <FormAlert error={shortlist.error} />
            {interests.length === 0 ? (
              <Text size="sm">{t('providers.interest.none')}</Text>
            ) : (
              <ScrollTable minWidth={560} label={t('providers.interest.title')}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('providers.interest.company')}</Table.Th>
                      <Table.Th>{t('providers.interest.message')}</Table.Th>
                      <Table.Th>{t('providers.interest.when')}</Table.Th>
                      <Table.Th>{t('providers.interest.shortlist')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {interests.map((i) => (
                      <Table.Tr key={i.organisationId}>
                        <Table.Td>
                          <Anchor component={Link} to={`/solutions/${i.organisationId}`}>
                            {i.organisationName}
                          </Anchor>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{i.message}</Table.Td>
                        <Table.Td>{formatDateTime(i.createdAt)}</Table.Td>
                        <Table.Td>
                          {i.shortlisted && <Badge variant="light" color="green.9">{t('providers.interest.shortlisted')}</Badge>}
                          {canShortlist && (
                            <Group gap={6} mt={4}>
                              <Button
                                size="xs"
                                variant="default"
                                loading={shortlist.isPending && shortlist.variables?.organisationId === i.organisationId}
                                onClick={() => shortlist.mutate({ organisationId: i.organisationId, shortlisted: !i.shortlisted })}
                                aria-label={i.shortlisted ? t('providers.interest.unshortlistNamed', { name: i.organisationName }) : t('providers.interest.shortlistNamed', { name: i.organisationName })}
                              >
                                {i.shortlisted ? t('providers.interest.unshortlist') : t('providers.interest.shortlistAction')}
                              </Button>
                              <Button
                                size="xs"
                                variant="light"
                                component={Link}
                                to={recordDealPath({
                                  source: 'project_interest',
                                  cityId: project.cityId,
                                  partnerOrganisationId: i.organisationId,
                                  partnerName: i.organisationName,
                                  investmentProjectId: project.id,
                                })}
                                aria-label={t('providers.interest.recordDealNamed', { name: i.organisationName })}
                              >
                                {t('providers.interest.recordDeal')}
                              </Button>
                            </Group>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
          </Stack>
        </Section>
        <Section title={t('providers.project.recommended')}>
          <Stack gap="md">
            {recommendations.length === 0 && <Text size="sm">{t('providers.project.none')}</Text>}
            {recommendations.map((r, n) => (
              <Stack key={r.organisationId} gap={4} component="article">
                <Title order={3} size="h5">
                  {n + 1}.{' '}
                  <Anchor component={Link} to={`/solutions/${r.organisationId}`}>
                    {r.organisationName}
                  </Anchor>
                </Title>
                <Text size="sm">{t('providers.project.solutions', { list: r.solutionNames.join(', ') })}</Text>
                <ReasonList reasons={r} focusAreaId={project.focusAreaId} />
              </Stack>
            ))}
          </Stack>
        </Section>
      </Stack>
    </>
  );
}
