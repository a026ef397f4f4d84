import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';
import type { SessionActor } from '../app/session.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { WorkspaceTitle } from '../workspace/forms.js';

/** Shapes of the assessment APIs' answers, named once for these pages. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
export type AssessmentDetail = Ok<paths['/api/v1/assessments/{id}']['get']>;
export type AssessmentSummary = Ok<paths['/api/v1/assessments']['get']>['items'][number];
export type Answer = AssessmentDetail['answers'][number];
export type AnswerSaved = Ok<paths['/api/v1/assessments/{id}/answers/{subcategoryId}']['put']>;
export type AnswersSaved = Ok<paths['/api/v1/assessments/{id}/answers']['put']>;
export type AssessmentSaved = Ok<paths['/api/v1/assessments/{id}']['patch']>;
export type AssessmentPatch = NonNullable<paths['/api/v1/assessments/{id}']['patch']['requestBody']>['content']['application/json'];
export type GapAnalysis = Ok<paths['/api/v1/assessments/{id}/gaps']['get']>;
export type RecommendedCourses = Ok<paths['/api/v1/assessments/{id}/recommended-courses']['get']>;
export type Benchmarks = Ok<paths['/api/v1/csf/benchmarks']['get']>;
export type BenchmarkRow = Benchmarks['functions'][number];
export type CsfCore = Ok<paths['/api/v1/csf/core']['get']>;
export type CsfFunction = CsfCore['functions'][number];
export type CsfCategory = CsfFunction['categories'][number];
export type AssessmentScope = AssessmentSummary['scope'];
export type AssessmentSystem = NonNullable<AssessmentSummary['scopeSystem']>;
export type Standing = NonNullable<BenchmarkRow['standing']>;

/** Every query of these pages starts with "assessments": one invalidation refreshes them all. */
export const assessmentsKey = ['assessments'] as const;
export const assessmentKey = (id: string) => [...assessmentsKey, 'detail', id] as const;

export const assessmentPath = (id: string) => `/app/assessments/${id}`;
export const gapsPath = (id: string) => `/app/assessments/${id}/gaps`;
export const coursePath = (id: string) => `/app/training/courses/${id}`;

/** The CSF 2.0 core (the same for everyone, it never changes while the app runs). */
export function useCsfCore() {
  return useQuery({ queryKey: ['csf-core'], queryFn: async () => unwrap(await api.GET('/api/v1/csf/core')), staleTime: Infinity });
}

/* ---- The scale, the tiers, the scopes ---- */

export const levels = [0, 1, 2, 3, 4] as const;
const levelKeys: Record<number, MessageKey> = {
  0: 'assessments.level.0',
  1: 'assessments.level.1',
  2: 'assessments.level.2',
  3: 'assessments.level.3',
  4: 'assessments.level.4',
};
export const levelName = (level: number) => t(levelKeys[level] ?? 'assessments.level.unknown');
/** "2 – Partly in place". */
export const levelLabel = (level: number) => t('assessments.level.labelled', { level, name: levelName(level) });

export const tiers = [1, 2, 3, 4] as const;
const tierKeys: Record<number, [MessageKey, MessageKey]> = {
  1: ['assessments.tier.1', 'assessments.tier.1.help'],
  2: ['assessments.tier.2', 'assessments.tier.2.help'],
  3: ['assessments.tier.3', 'assessments.tier.3.help'],
  4: ['assessments.tier.4', 'assessments.tier.4.help'],
};
export const tierName = (tier: number) => t(tierKeys[tier]?.[0] ?? 'assessments.level.unknown');
export const tierHelp = (tier: number) => t(tierKeys[tier]?.[1] ?? 'assessments.level.unknown');
export const tierLabel = (tier: number | null) => (tier === null ? t('assessments.tier.notJudged') : t('assessments.tier.labelled', { tier, name: tierName(tier) }));

export const systems: Record<AssessmentSystem, MessageKey> = {
  traffic: 'assessments.system.traffic',
  cctv: 'assessments.system.cctv',
  water: 'assessments.system.water',
  energy: 'assessments.system.energy',
  buildings: 'assessments.system.buildings',
  network: 'assessments.system.network',
  city_services: 'assessments.system.city_services',
};
export const systemValues = Object.keys(systems) as AssessmentSystem[];

export function scopeText(scope: AssessmentScope, system: AssessmentSystem | null): string {
  return scope === 'system' && system ? t('assessments.scope.oneSystem', { system: t(systems[system]) }) : t('assessments.scope.city_administration');
}

const standingKeys: Record<Standing, MessageKey> = {
  below_q1: 'assessments.standing.below_q1',
  q1_to_median: 'assessments.standing.q1_to_median',
  median_to_q3: 'assessments.standing.median_to_q3',
  above_q3: 'assessments.standing.above_q3',
};
export const standingText = (standing: Standing) => t(standingKeys[standing]);

/* ---- Figures and dates ---- */

/** An average level with two decimals, or a dash when nothing is answered. */
export const figure = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toFixed(2));

const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });
/** A calendar day ("2027-01-18" → "18 Jan 2027"), read in UTC so it never moves a day. */
export const formatDay = (iso: string | null | undefined) => (iso ? dayFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : '');
export const formatTime = (date: Date) => timeFormat.format(date);
const whenFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
/** A moment in the viewer's time zone ("28 Nov 2026, 09:41"). */
export const formatWhen = (date: Date) => whenFormat.format(date);

/** A subcategory counts as answered with both levels, or not applicable. */
export const isAnswered = (answer: { currentLevel: number | null; targetLevel: number | null; notApplicable: boolean } | undefined) =>
  answer !== undefined && (answer.notApplicable || (answer.currentLevel !== null && answer.targetLevel !== null));

export const isCityStaff = (actor: SessionActor) => actor.organisation.kind === 'city_government' && actor.organisation.cityId !== null;
export const isNationalRep = (actor: SessionActor) => actor.organisation.kind === 'national_agency';

/* ---- Small shared pieces ---- */

export function StatusBadge({ status }: { status: AssessmentSummary['status'] }) {
  return (
    <Badge miw="max-content" variant={status === 'submitted' ? 'filled' : 'outline'} color={status === 'submitted' ? 'teal.9' : 'blue.8'}>
      {status === 'submitted' ? t('assessments.status.submitted') : t('assessments.status.draft')}
    </Badge>
  );
}

export function PriorityBadge() {
  return (
    <Badge miw="max-content" variant="outline" color="grape.8" size="sm">
      {t('assessments.priority')}
    </Badge>
  );
}

/** The implementation scale, stated wherever levels are shown. */
export function ScaleTable({ caption }: { caption?: string }) {
  return (
    <ScrollTable minWidth={260} label={caption ?? t('assessments.scale.caption')}>
      <Table verticalSpacing={4} withRowBorders>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left', color: 'var(--mantine-color-text)' }}>{caption ?? t('assessments.scale.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={70}>
              {t('assessments.scale.level')}
            </Table.Th>
            <Table.Th scope="col">{t('assessments.scale.meaning')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {levels.map((level) => (
            <Table.Tr key={level}>
              <Table.Td>{level}</Table.Td>
              <Table.Td>{levelName(level)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** Assessments are their city's own: pages others cannot use say so without asking the API. */
export function Refusal({ title, message }: { title: string; message: string }) {
  return (
    <>
      <WorkspaceTitle>{title}</WorkspaceTitle>
      <Alert color="red" title={t('assessments.refused.title')} role="alert">
        <Text size="sm">{message}</Text>
      </Alert>
    </>
  );
}

/** A label and its value in a definition list (`<dl>`). */
export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <Stack gap={4} component="dl" m={0}>
      {items.map((item) => (
        <div key={item.label} style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'baseline' }}>
          <Text component="dt" size="sm" fw={600}>
            {item.label}:
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
            {item.value}
          </Text>
        </div>
      ))}
    </Stack>
  );
}
