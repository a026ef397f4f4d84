import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { isTrainingProvider, useActor } from '../workspace/WorkspaceFrame.js';
import {
  canNominateKind,
  CohortStatusBadge,
  CourseStatusBadge,
  CsfCategoryBadges,
  EnrolmentStatusBadge,
  formatDay,
  formatDays,
  modes,
  topics,
  trainingKey,
  useCsfCore,
  type CohortSummary,
  type CourseSummary,
  type CourseTopic,
} from './shared.js';

/** `/app/training`: my training, cohorts open for nominations, the courses a provider runs, and the catalogue. */
export function TrainingPage() {
  const actor = useActor();
  const provider = isTrainingProvider(actor);
  return (
    <>
      <WorkspaceTitle description={t('training.home.description')}>{t('training.home.title')}</WorkspaceTitle>
      <Stack gap="md">
        <MyTraining />
        {canNominateKind(actor) && <OpenCohorts />}
        {provider && <CoursesWeRun />}
        <Catalogue />
      </Stack>
    </>
  );
}

function MyTraining() {
  const mine = useQuery({ queryKey: [...trainingKey, 'my-enrolments'], queryFn: async () => unwrap(await api.GET('/api/v1/training/my-enrolments')).items });
  return (
    <Section title={t('training.home.mine')}>
      {mine.isPending ? (
        <InlineLoader />
      ) : mine.isError ? (
        <PageError error={mine.error} onRetry={() => mine.refetch()} />
      ) : mine.data.length === 0 ? (
        <Text size="sm">{t('training.home.mineNone')}</Text>
      ) : (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {mine.data.map((enrolment) => (
            <Paper component="li" key={enrolment.id} withBorder p="sm" radius="sm">
              <Group justify="space-between" align="flex-start" gap="xs">
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Anchor component={Link} to={`/app/training/enrolments/${enrolment.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {enrolment.cohort.courseTitle}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {enrolment.cohort.title} · {formatDays(enrolment.cohort.startsOn, enrolment.cohort.endsOn)}
                  </Text>
                  {enrolment.waitlistPosition !== null && <Text size="sm">{t('training.enrolment.waitlistPosition', { position: enrolment.waitlistPosition })}</Text>}
                  {enrolment.certificate && <Text size="sm">{t('training.home.certificateReady')}</Text>}
                </Stack>
                <EnrolmentStatusBadge status={enrolment.status} completed={enrolment.completedAt !== null} />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function CohortList({ cohorts, emptyText }: { cohorts: CohortSummary[]; emptyText: string }) {
  if (cohorts.length === 0) return <Text size="sm">{emptyText}</Text>;
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {cohorts.map((cohort) => (
        <Paper component="li" key={cohort.id} withBorder p="sm" radius="sm">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Anchor component={Link} to={`/app/training/cohorts/${cohort.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                {t('training.cohort.name', { course: cohort.courseTitle, cohort: cohort.title })}
              </Anchor>
              <Text size="sm" c="dimmed">
                {formatDays(cohort.startsOn, cohort.endsOn)} · {modes.label(cohort.mode)}
                {cohort.location ? ` · ${cohort.location}` : ''}
              </Text>
              <Text size="sm">
                {t('training.cohort.seats', { left: cohort.seatsLeft, capacity: cohort.capacity })}
                {cohort.nominatedCount > 0 ? ` · ${t('training.cohort.awaiting', { count: cohort.nominatedCount })}` : ''}
                {cohort.nominationsOpen && cohort.nominationsCloseOn ? ` · ${t('training.cohort.closesOn', { date: formatDay(cohort.nominationsCloseOn) })}` : ''}
              </Text>
            </Stack>
            <CohortStatusBadge status={cohort.status} />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function OpenCohorts() {
  const open = useQuery({ queryKey: [...trainingKey, 'cohorts', 'open'], queryFn: async () => unwrap(await api.GET('/api/v1/training/cohorts', { params: { query: { scope: 'open' } } })).items });
  return (
    <Section title={t('training.home.open')}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('training.home.openIntro')}
        </Text>
        {open.isPending ? <InlineLoader /> : open.isError ? <PageError error={open.error} onRetry={() => open.refetch()} /> : <CohortList cohorts={open.data} emptyText={t('training.home.openNone')} />}
      </Stack>
    </Section>
  );
}

function CoursesWeRun() {
  const courses = useQuery({
    queryKey: [...trainingKey, 'courses', 'managed'],
    queryFn: async () => unwrap(await api.GET('/api/v1/training/courses', { params: { query: { managed: 'true' } } })).items,
  });
  const delivering = useQuery({
    queryKey: [...trainingKey, 'cohorts', 'delivering'],
    queryFn: async () => unwrap(await api.GET('/api/v1/training/cohorts', { params: { query: { scope: 'delivering' } } })).items,
  });
  return (
    <Section
      title={t('training.home.weRun')}
      actions={
        <Button component={Link} to="/app/training/courses/new" size="compact-sm">
          {t('training.home.newCourse')}
        </Button>
      }
    >
      <Stack gap="sm">
        {courses.isPending ? (
          <InlineLoader />
        ) : courses.isError ? (
          <PageError error={courses.error} onRetry={() => courses.refetch()} />
        ) : courses.data.length === 0 ? (
          <Text size="sm">{t('training.home.weRunNone')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('training.home.ourCourses')}>
            {courses.data.map((course) => (
              <Paper component="li" key={course.id} withBorder p="sm" radius="sm">
                <Group justify="space-between" gap="xs">
                  <Anchor component={Link} to={`/app/training/courses/${course.id}`} fw={600} style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
                    {course.title}
                  </Anchor>
                  <CourseStatusBadge status={course.status} />
                </Group>
                <Text size="sm" c="dimmed">
                  {t('training.course.upcoming', { count: course.upcomingCohorts })}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        <Text fw={600}>{t('training.home.weDeliver')}</Text>
        {delivering.isPending ? (
          <InlineLoader />
        ) : delivering.isError ? (
          <PageError error={delivering.error} onRetry={() => delivering.refetch()} />
        ) : (
          <CohortList cohorts={delivering.data} emptyText={t('training.home.weDeliverNone')} />
        )}
      </Stack>
    </Section>
  );
}

function Catalogue() {
  const [topic, setTopic] = useState<CourseTopic | ''>('');
  const [category, setCategory] = useState('');
  const core = useCsfCore();
  const courses = useQuery({
    queryKey: [...trainingKey, 'courses', 'catalogue', topic, category],
    queryFn: async () => unwrap(await api.GET('/api/v1/training/courses', { params: { query: { topic: topic || undefined, csfCategory: category || undefined } } })).items,
  });
  const categoryChoices = [
    { value: '', label: t('training.filter.any') },
    ...(core.data?.functions ?? []).map((fn) => ({ group: `${fn.name} (${fn.id})`, items: fn.categories.map((c) => ({ value: c.id, label: `${c.id} ${c.name}` })) })),
  ];
  return (
    <Section title={t('training.home.catalogue')}>
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('training.filter.topic')}
            value={topic}
            onChange={(e) => setTopic(e.currentTarget.value as CourseTopic | '')}
            data={[{ value: '', label: t('training.filter.any') }, ...topics.values.map((value) => ({ value, label: topics.label(value) }))]}
            w={{ base: '100%', xs: 220 }}
          />
          <NativeSelect label={t('training.filter.category')} value={category} onChange={(e) => setCategory(e.currentTarget.value)} data={categoryChoices} w={{ base: '100%', xs: 320 }} />
        </Group>
        {courses.isPending ? (
          <InlineLoader />
        ) : courses.isError ? (
          <PageError error={courses.error} onRetry={() => courses.refetch()} />
        ) : courses.data.length === 0 ? (
          <Text size="sm">{topic || category ? t('training.home.catalogueNoneFiltered') : t('training.home.catalogueNone')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('training.home.catalogue')}>
            {courses.data.map((course) => (
              <CourseCard key={course.id} course={course} />
            ))}
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

function CourseCard({ course }: { course: CourseSummary }) {
  return (
    <Paper component="li" withBorder p="sm" radius="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Anchor component={Link} to={`/app/training/courses/${course.id}`} fw={600} style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
            {course.title}
          </Anchor>
          <Badge miw="max-content" variant="outline" color="blue.8">
            {topics.label(course.topic)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('training.course.byline', { organisation: course.organisationName, hours: course.totalHours })}
        </Text>
        {course.summary && (
          <Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
            {course.summary}
          </Text>
        )}
        <CsfCategoryBadges categories={course.csfCategories} />
        <Text size="sm">
          {course.nextCohortStartsOn ? t('training.course.nextCohort', { date: formatDay(course.nextCohortStartsOn), count: course.upcomingCohorts }) : t('training.course.noCohort')}
        </Text>
      </Stack>
    </Paper>
  );
}
