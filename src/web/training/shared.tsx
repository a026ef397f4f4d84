import { Alert, Anchor, Badge, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';
import type { SessionActor } from '../app/session.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { WorkspaceTitle } from '../workspace/forms.js';

/** Shapes of the training API's answers, named once for these pages. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
type Body<T> = T extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
export type CourseSummary = Ok<paths['/api/v1/training/courses']['get']>['items'][number];
export type CourseDetail = Ok<paths['/api/v1/training/courses/{courseId}']['get']>;
export type CourseBody = Body<paths['/api/v1/training/courses']['post']>;
export type QuizQuestionKey = NonNullable<CourseDetail['quiz']>[number];
export type CohortSummary = CourseDetail['cohorts'][number];
export type CohortDetail = Ok<paths['/api/v1/training/cohorts/{cohortId}']['get']>;
export type CohortBody = Body<paths['/api/v1/training/courses/{courseId}/cohorts']['post']>;
export type CohortSession = CohortDetail['sessions'][number];
export type EnrolmentSummary = Ok<paths['/api/v1/training/cohorts/{cohortId}/enrolments']['get']>['items'][number];
export type EnrolmentDetail = Ok<paths['/api/v1/training/enrolments/{enrolmentId}']['get']>;
export type MyEnrolment = Ok<paths['/api/v1/training/my-enrolments']['get']>['items'][number];
export type AttendanceGrid = Ok<paths['/api/v1/training/cohorts/{cohortId}/attendance']['get']>;
export type QuizAttempt = Ok<paths['/api/v1/training/quiz-attempts/{attemptId}']['get']>;
export type TrainingReport = Ok<paths['/api/v1/training/reports']['get']>;
export type ReportLine = TrainingReport['totals'];

export type CourseTopic = CourseSummary['topic'];
export type CourseStatus = CourseSummary['status'];
export type CohortMode = CohortSummary['mode'];
export type CohortStatus = CohortSummary['status'];
export type CohortEligibility = CohortSummary['eligibility'];
export type EnrolmentStatus = EnrolmentSummary['status'];
export type TraineeGender = NonNullable<EnrolmentSummary['gender']>;

/**
 * Every query of these pages starts with "training", so that one invalidation after a change (a
 * nomination, a decision, attendance, a quiz) refreshes them all.
 */
export const trainingKey = ['training'] as const;

/** The values of the API's enums with their names, as records so the type checker notices a new value. */
const choices = <T extends string>(values: Record<T, MessageKey>) => ({ values: Object.keys(values) as T[], label: (value: T) => t(values[value]) });

export const topics = choices<CourseTopic>({ cybersecurity: 'training.topic.cybersecurity', digital_economy: 'training.topic.digital_economy' });
export const courseStatuses = choices<CourseStatus>({ draft: 'training.courseStatus.draft', published: 'training.courseStatus.published', archived: 'training.courseStatus.archived' });
export const modes = choices<CohortMode>({ online: 'training.mode.online', in_person: 'training.mode.in_person', blended: 'training.mode.blended' });
export const cohortStatuses = choices<CohortStatus>({
  planned: 'training.cohortStatus.planned',
  open: 'training.cohortStatus.open',
  in_progress: 'training.cohortStatus.in_progress',
  completed: 'training.cohortStatus.completed',
  cancelled: 'training.cohortStatus.cancelled',
});
export const eligibilities = choices<CohortEligibility>({
  subnational_officials: 'training.eligibility.subnational_officials',
  government_officials: 'training.eligibility.government_officials',
});
export const enrolmentStatuses = choices<EnrolmentStatus>({
  nominated: 'training.enrolmentStatus.nominated',
  approved: 'training.enrolmentStatus.approved',
  waitlisted: 'training.enrolmentStatus.waitlisted',
  declined: 'training.enrolmentStatus.declined',
  withdrawn: 'training.enrolmentStatus.withdrawn',
});
export const genders = choices<TraineeGender>({
  not_stated: 'training.gender.not_stated',
  woman: 'training.gender.woman',
  man: 'training.gender.man',
  another: 'training.gender.another',
});

// Filled badges with white text: only shades dark enough for 4.5:1 contrast. The words carry the meaning.
const courseStatusColors: Record<CourseStatus, string> = { draft: 'gray.8', published: 'teal.9', archived: 'dark.6' };
const cohortStatusColors: Record<CohortStatus, string> = { planned: 'violet.8', open: 'blue.8', in_progress: 'grape.8', completed: 'teal.9', cancelled: 'gray.8' };
const enrolmentStatusColors: Record<EnrolmentStatus, string> = { nominated: 'violet.8', approved: 'teal.9', waitlisted: 'cyan.9', declined: 'red.9', withdrawn: 'gray.8' };

export function CourseStatusBadge({ status }: { status: CourseStatus }) {
  return (
    <Badge miw="max-content" color={courseStatusColors[status]}>
      {courseStatuses.label(status)}
    </Badge>
  );
}

export function CohortStatusBadge({ status }: { status: CohortStatus }) {
  return (
    <Badge miw="max-content" color={cohortStatusColors[status]}>
      {cohortStatuses.label(status)}
    </Badge>
  );
}

export function EnrolmentStatusBadge({ status, completed }: { status: EnrolmentStatus; completed?: boolean }) {
  if (completed)
    return (
      <Badge miw="max-content" color="teal.9">
        {t('training.enrolmentStatus.completed')}
      </Badge>
    );
  return (
    <Badge miw="max-content" color={enrolmentStatusColors[status]}>
      {enrolmentStatuses.label(status)}
    </Badge>
  );
}

/** A calendar day ("2031-03-10" → "10 Mar 2031"), read in UTC so it never moves a day. */
const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
export const formatDay = (iso: string | null | undefined) => (iso ? dayFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : '');
export const formatDays = (from: string, to: string) => (from === to ? formatDay(from) : t('training.dates', { from: formatDay(from), to: formatDay(to) }));

/** The viewer's own time zone, as the browser knows it. */
export const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
/** An instant in a zone: "10 Mar 2031, 09:00". */
export function formatInZone(iso: string, timeZone: string) {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    zoneFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}
const timeOnly = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone }).format(new Date(iso));

/** A session's time in the cohort's zone, and in the viewer's when it differs. */
export function SessionTime({ session, timeZone }: { session: { startsAt: string; endsAt: string }; timeZone: string }) {
  const own = viewerTimeZone();
  const inCohort = t('training.session.time', { start: formatInZone(session.startsAt, timeZone), end: timeOnly(session.endsAt, timeZone), zone: timeZone });
  return (
    <>
      <Text size="sm">{inCohort}</Text>
      {own !== timeZone && (
        <Text size="sm" c="dimmed">
          {t('training.session.yourTime', { start: formatInZone(session.startsAt, own), end: timeOnly(session.endsAt, own), zone: own })}
        </Text>
      )}
    </>
  );
}

/** A label and its value in a definition list (`<dl>`). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="wrap" align="baseline" component="div">
      <Text component="dt" size="sm" fw={600}>
        {label}:
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
        {children}
      </Text>
    </Group>
  );
}

export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <Anchor component={Link} to={to} size="sm">
      {children}
    </Anchor>
  );
}

/** City staff and national representatives nominate officials (the server's canNominate decides whom). */
export const canNominateKind = (actor: SessionActor) => actor.organisation.kind === 'city_government' || actor.organisation.kind === 'national_agency';

/** The CSF 2.0 core (functions and their categories), for pickers and names; public and unchanging. */
export function useCsfCore() {
  return useQuery({
    queryKey: ['csf-core'],
    queryFn: async () => unwrap(await api.GET('/api/v1/csf/core')),
    staleTime: Infinity,
  });
}

export function CsfCategoryBadges({ categories }: { categories: { id: string; name: string }[] }) {
  if (categories.length === 0) return null;
  return (
    <Group gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('training.course.csfCategories')}>
      {categories.map((category) => (
        <Badge component="li" key={category.id} variant="outline" color="gray.8" style={{ textTransform: 'none' }} maw="100%" title={category.name}>
          {category.id} {category.name}
        </Badge>
      ))}
    </Group>
  );
}

/** A page only some may use: others get its title and the reason, without asking the API. */
export function Refusal({ title, message }: { title: string; message: string }) {
  return (
    <>
      <WorkspaceTitle>{title}</WorkspaceTitle>
      <Alert color="red" title={t('training.refused.title')} role="alert">
        <Text size="sm">{message}</Text>
      </Alert>
    </>
  );
}
