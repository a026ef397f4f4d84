import { Anchor, Box, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { FormAlert, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { CohortFormModal } from './CohortForm.js';
import { CourseForm } from './CourseForm.js';
import { QuizEditor } from './QuizEditor.js';
import { BackLink, CohortStatusBadge, CourseStatusBadge, courseStatuses, eligibilities, Fact, formatDay, formatDays, modes, topics, trainingKey, type CourseDetail, type CourseStatus } from './shared.js';

export const courseKey = (courseId: string) => [...trainingKey, 'course', courseId];

/** `/app/training/courses/:courseId`: the course, its modules, CSF categories and cohorts; for its managers, editing and the quiz. */
export function CoursePage() {
  const { courseId = '' } = useParams();
  const course = useQuery({
    queryKey: courseKey(courseId),
    queryFn: async () => unwrap(await api.GET('/api/v1/training/courses/{courseId}', { params: { path: { courseId } } })),
  });
  if (course.isPending) return <PageLoader />;
  if (course.isError)
    return (
      <>
        <BackLink to="/app/training">{t('training.back.training')}</BackLink>
        <WorkspaceTitle>{t('training.course.title')}</WorkspaceTitle>
        <PageError error={course.error} onRetry={() => course.refetch()} />
      </>
    );
  return <CourseView course={course.data} />;
}

/** The next status a manager may move the course to, with its button's words. */
const nextStatus: Record<CourseStatus, { to: CourseStatus; label: 'training.course.publish' | 'training.course.archive' | 'training.course.republish' }> = {
  draft: { to: 'published', label: 'training.course.publish' },
  published: { to: 'archived', label: 'training.course.archive' },
  archived: { to: 'published', label: 'training.course.republish' },
};

function CourseView({ course }: { course: CourseDetail }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [addingCohort, setAddingCohort] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const next = nextStatus[course.status];
  const changeStatus = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/training/courses/{courseId}/status', { params: { path: { courseId: course.id } }, body: { status: next.to } })),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: trainingKey });
      setNotice(t('training.course.statusChanged', { status: courseStatuses.label(saved.status) }));
    },
  });
  return (
    <>
      <BackLink to="/app/training">{t('training.back.training')}</BackLink>
      <WorkspaceTitle description={t('training.course.description', { organisation: course.organisationName, topic: topics.label(course.topic) })}>{course.title}</WorkspaceTitle>
      <Stack gap="md">
        {notice && <SuccessAlert>{notice}</SuccessAlert>}
        <Section
          title={t('training.course.about')}
          actions={
            <Group gap="xs">
              <CourseStatusBadge status={course.status} />
              {course.canManage && (
                <>
                  <Button size="compact-sm" variant="outline" onClick={() => setEditing(true)}>
                    {t('training.course.edit')}
                  </Button>
                  <Button size="compact-sm" variant={course.status === 'draft' ? 'filled' : 'outline'} onClick={() => changeStatus.mutate()} loading={changeStatus.isPending}>
                    {t(next.label)}
                  </Button>
                </>
              )}
            </Group>
          }
        >
          <Stack gap="sm">
            <FormAlert error={changeStatus.error} />
            {course.summary && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {course.summary}
              </Text>
            )}
            <Stack component="dl" gap={4} m={0}>
              <Fact label={t('training.course.topic')}>{topics.label(course.topic)}</Fact>
              <Fact label={t('training.course.provider')}>{course.organisationName}</Fact>
              <Fact label={t('training.course.hours')}>{t('training.course.hoursValue', { hours: course.totalHours })}</Fact>
              <Fact label={t('training.course.assessment')}>
                {course.quizQuestionCount > 0 ? t('training.course.quizSummary', { count: course.quizQuestionCount, passMark: course.passMarkPercent }) : t('training.course.noQuiz')}
              </Fact>
            </Stack>
            {course.learningOutcomes.length > 0 && (
              <Box>
                <Text size="sm" fw={600}>
                  {t('training.course.outcomes')}
                </Text>
                <List size="sm">
                  {course.learningOutcomes.map((outcome) => (
                    <List.Item key={outcome}>{outcome}</List.Item>
                  ))}
                </List>
              </Box>
            )}
          </Stack>
        </Section>
        <Section title={t('training.course.modules', { count: course.modules.length })}>
          {course.modules.length === 0 ? (
            <Text size="sm">{t('training.course.noModules')}</Text>
          ) : (
            <List type="ordered" size="sm" spacing="xs">
              {course.modules.map((module) => (
                <List.Item key={module.id}>
                  <Text size="sm" fw={600} span>
                    {module.title}
                  </Text>{' '}
                  <Text size="sm" c="dimmed" span>
                    ({t('training.course.hoursValue', { hours: module.hours })})
                  </Text>
                  {module.summary && (
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {module.summary}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </Section>
        <Section title={t('training.course.csfCategories')}>
          {course.csfCategories.length === 0 ? (
            <Text size="sm">{t('training.course.noCategories')}</Text>
          ) : (
            <List size="sm">
              {course.csfCategories.map((category) => (
                <List.Item key={category.id}>
                  <Text size="sm" span ff="monospace">
                    {category.id}
                  </Text>{' '}
                  {category.name}
                </List.Item>
              ))}
            </List>
          )}
        </Section>
        <Section
          title={t('training.course.cohorts')}
          actions={
            course.canManage && course.status !== 'archived' ? (
              <Button size="compact-sm" onClick={() => setAddingCohort(true)}>
                {t('training.course.addCohort')}
              </Button>
            ) : undefined
          }
        >
          {course.cohorts.length === 0 ? (
            <Text size="sm">{t('training.course.noCohorts')}</Text>
          ) : (
            <ScrollTable minWidth={720}>
              <Table striped verticalSpacing="xs" aria-label={t('training.course.cohortsTable', { course: course.title })}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('training.col.cohort')}</Table.Th>
                    <Table.Th scope="col">{t('training.col.dates')}</Table.Th>
                    <Table.Th scope="col">{t('training.col.mode')}</Table.Th>
                    <Table.Th scope="col">{t('training.col.deliveredBy')}</Table.Th>
                    <Table.Th scope="col">{t('training.col.seatsLeft')}</Table.Th>
                    <Table.Th scope="col">{t('training.col.eligibility')}</Table.Th>
                    <Table.Th scope="col">{t('training.col.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {course.cohorts.map((cohort) => (
                    <Table.Tr key={cohort.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/app/training/cohorts/${cohort.id}`} size="sm">
                          {cohort.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {formatDays(cohort.startsOn, cohort.endsOn)}
                        {cohort.nominationsOpen && cohort.nominationsCloseOn && (
                          <Text size="xs" c="dimmed">
                            {t('training.cohort.closesOn', { date: formatDay(cohort.nominationsCloseOn) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {modes.label(cohort.mode)}
                        {cohort.location && (
                          <Text size="xs" c="dimmed">
                            {cohort.location}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{cohort.deliveringOrganisationName}</Table.Td>
                      <Table.Td>{t('training.cohort.seats', { left: cohort.seatsLeft, capacity: cohort.capacity })}</Table.Td>
                      <Table.Td>{eligibilities.label(cohort.eligibility)}</Table.Td>
                      <Table.Td>
                        <CohortStatusBadge status={cohort.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Section>
        {course.canManage && course.quiz && <QuizEditor course={course} questions={course.quiz} />}
      </Stack>
      {editing && (
        <WorkspaceModal opened onClose={() => setEditing(false)} size="xl" title={t('training.course.editTitle', { title: course.title })}>
          <CourseForm
            course={course}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              setNotice(t('training.course.saved'));
            }}
          />
        </WorkspaceModal>
      )}
      {addingCohort && <CohortFormModal courseId={course.id} canChangePartner onClose={() => setAddingCohort(false)} onSaved={(cohort) => void navigate(`/app/training/cohorts/${cohort.id}`)} />}
    </>
  );
}
