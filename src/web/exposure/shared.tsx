import { Alert, Anchor, Badge, Group, NativeSelect, Paper, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';
import type { SessionActor } from '../app/session.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { WorkspaceTitle } from '../workspace/forms.js';
import { isSecretariat } from '../workspace/WorkspaceFrame.js';

/** Shapes of the inventory, exposure and feed APIs' answers, named once for these pages. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
type Created<T> = T extends { responses: { 201: { content: { 'application/json': infer R } } } } ? R : never;
export type Asset = Ok<paths['/api/v1/inventory/assets/{id}']['get']>;
export type AssetBody = NonNullable<paths['/api/v1/inventory/assets']['post']['requestBody']>['content']['application/json'];
export type CreatedAsset = Created<paths['/api/v1/inventory/assets']['post']>;
export type AssetQuery = NonNullable<paths['/api/v1/inventory/assets']['get']['parameters']['query']>;
export type ImportPreview = Ok<paths['/api/v1/inventory/imports/preview']['post']>;
export type ImportResult = Ok<paths['/api/v1/inventory/imports/confirm']['post']>;
export type Exposure = Ok<paths['/api/v1/exposures']['get']>['items'][number];
export type ExposureDetail = Ok<paths['/api/v1/exposures/{id}']['get']>;
export type ExposureQuery = NonNullable<paths['/api/v1/exposures']['get']['parameters']['query']>;
export type ExposureSummary = Ok<paths['/api/v1/exposures/summary']['get']>;
export type FeedReport = Ok<paths['/api/v1/feeds/imports']['post']>;
export type FeedSummary = Ok<paths['/api/v1/feeds/summary']['get']>;
export type Vulnerability = Ok<paths['/api/v1/vulnerabilities/{id}']['get']>;
export type Network = Ok<paths['/api/v1/exposure-network']['get']>;

export type AssetSystem = Asset['system'];
export type Criticality = Asset['criticality'];
export type ComponentKind = Asset['components'][number]['kind'];
export type Priority = Exposure['priority'];
export type ExposureStatus = Exposure['status'];
export type FeedFormat = FeedReport['format'];

/**
 * Every query of these pages starts with "exposure", so that one invalidation after a change (an
 * asset saved, an import confirmed, a status changed, a feed imported) refreshes them all.
 */
export const exposureKey = ['exposure'] as const;

/** The values of the API's enums, as records so the type checker notices a new value. */
const allOf = <T extends string>(values: Record<T, MessageKey>) => ({ values: Object.keys(values) as T[], label: (value: T) => t(values[value]) });
type Choices<T extends string> = ReturnType<typeof allOf<T>>;

/** A list filter over one of the enums above, with "Any" first (the empty value). */
export function FilterSelect<T extends string>(props: { label: string; value: T | ''; onChange: (value: T | '') => void; choices: Choices<T>; width: number }) {
  const { label, value, onChange, choices, width } = props;
  return (
    <NativeSelect
      label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as T | '')}
      data={[{ value: '', label: t('exposure.filter.any') }, ...choices.values.map((v) => ({ value: v, label: choices.label(v) }))]}
      w={{ base: '100%', xs: width }}
    />
  );
}

export const systems = allOf<AssetSystem>({
  traffic: 'exposure.system.traffic',
  cctv: 'exposure.system.cctv',
  water: 'exposure.system.water',
  energy: 'exposure.system.energy',
  buildings: 'exposure.system.buildings',
  network: 'exposure.system.network',
  city_services: 'exposure.system.city_services',
});
export const criticalities = allOf<Criticality>({
  critical: 'exposure.criticality.critical',
  high: 'exposure.criticality.high',
  medium: 'exposure.criticality.medium',
  low: 'exposure.criticality.low',
});
export const componentKinds = allOf<ComponentKind>({
  hardware: 'exposure.kind.hardware',
  firmware: 'exposure.kind.firmware',
  application: 'exposure.kind.application',
});
export const priorities = allOf<Priority>({
  critical: 'exposure.priority.critical',
  high: 'exposure.priority.high',
  medium: 'exposure.priority.medium',
  low: 'exposure.priority.low',
});
export const statuses = allOf<ExposureStatus>({
  open: 'exposure.status.open',
  mitigating: 'exposure.status.mitigating',
  remediated: 'exposure.status.remediated',
  accepted_risk: 'exposure.status.accepted_risk',
  false_positive: 'exposure.status.false_positive',
});
export const feedFormats = allOf<FeedFormat>({
  nvd: 'exposure.format.nvd',
  cve5: 'exposure.format.cve5',
  csaf: 'exposure.format.csaf',
  kev: 'exposure.format.kev',
  epss: 'exposure.format.epss',
});

/** Filled badges with white text: only shades dark enough for 4.5:1 contrast. */
const priorityColors: Record<Priority, string> = { critical: 'red.9', high: 'orange.4', medium: 'yellow.3', low: 'gray.7' };
const statusColors: Record<ExposureStatus, string> = {
  open: 'red.9',
  mitigating: 'blue.8',
  remediated: 'teal.9',
  accepted_risk: 'grape.8',
  false_positive: 'gray.8',
};

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge miw="max-content" color={priorityColors[priority]} autoContrast>
      {priorities.label(priority)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: ExposureStatus }) {
  return (
    <Badge miw="max-content" variant="outline" color={statusColors[status]}>
      {statuses.label(status)}
    </Badge>
  );
}

/** "KEV": CISA lists the vulnerability as exploited in the wild. */
export function KevBadge() {
  return (
    <Badge miw="max-content" color="red.9" title={t('exposure.kev.explain')}>
      {t('exposure.kev.badge')}
    </Badge>
  );
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
/** A calendar day ("2021-04-16" → "16 Apr 2021"), read in UTC so it never moves a day. */
export const formatDay = (iso: string | null | undefined) => (iso ? dayFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)) : '');
export const formatWhen = (iso: string | null | undefined) => (iso ? dateTimeFormat.format(new Date(iso)) : '');
export const todayIso = () => new Date().toISOString().slice(0, 10);
export const isOverdue = (due: string | null) => due !== null && due < todayIso();

export const formatEpss = (epss: number | null) => (epss === null ? '—' : `${(epss * 100).toFixed(epss < 0.001 ? 2 : 1)}%`);
export const formatCvss = (score: number | null) => (score === null ? '—' : score.toFixed(1));

/** The KEV due date, and whether it has passed. */
export function KevDue({ due }: { due: string | null }) {
  if (!due) return null;
  const overdue = isOverdue(due);
  return (
    <Text size="xs" c={overdue ? 'red.9' : undefined} fw={overdue ? 700 : undefined} span>
      {overdue ? t('exposure.kev.overdue', { date: formatDay(due) }) : t('exposure.kev.due', { date: formatDay(due) })}
    </Text>
  );
}

export const vulnerabilityPath = (id: string) => `/app/exposure/vulnerabilities/${encodeURIComponent(id)}`;
export const assetPath = (id: string) => `/app/exposure/assets/${id}`;

export function VulnerabilityLink({ id }: { id: string }) {
  return (
    <Anchor component={Link} to={vulnerabilityPath(id)} style={{ overflowWrap: 'anywhere' }}>
      {id}
    </Anchor>
  );
}

export const isCityStaff = (actor: SessionActor) => actor.organisation.kind === 'city_government' && actor.organisation.cityId !== null;

/**
 * Inventories and exposures are seen only by the city's own staff (the API refuses everyone else):
 * others get the page's title and the reason, without asking the API.
 */
export function CityStaffOnly({ actor, title, children }: { actor: SessionActor; title: string; children: ReactNode }) {
  if (isCityStaff(actor)) return children;
  return <Refusal title={title} message={t('exposure.refused.city')} />;
}

export function SecretariatOnly({ actor, title, children }: { actor: SessionActor; title: string; children: ReactNode }) {
  if (isSecretariat(actor)) return children;
  return <Refusal title={title} message={t('exposure.refused.secretariat')} />;
}

function Refusal({ title, message }: { title: string; message: string }) {
  return (
    <>
      <WorkspaceTitle>{title}</WorkspaceTitle>
      <Alert color="red" title={t('exposure.refused.title')} role="alert">
        <Text size="sm">{message}</Text>
      </Alert>
    </>
  );
}

/** What the feeds hold (any signed-in person may read it). */
export function useFeedSummary() {
  return useQuery({ queryKey: [...exposureKey, 'feeds-summary'], queryFn: async () => unwrap(await api.GET('/api/v1/feeds/summary')) });
}

export const feedsAreEmpty = (summary: FeedSummary) => summary.sources.every((source) => source.records === 0) && summary.kev.entries === 0;

/** A row of numbered tiles ("KEV 3", "Critical 1", …). */
export function Tiles({ items, label }: { items: { label: string; value: number; tone?: 'alert' | 'plain' }[]; label: string }) {
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, md: items.length > 6 ? 4 : items.length }} spacing="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
      {items.map((item) => (
        <Paper component="li" key={item.label} withBorder p="xs" radius="sm" bg={item.tone === 'alert' && item.value > 0 ? 'red.0' : undefined}>
          <Text size="xl" fw={700} c={item.tone === 'alert' && item.value > 0 ? 'red.9' : undefined} lh={1.2}>
            {item.value.toLocaleString('en')}
          </Text>
          <Text size="sm">{item.label}</Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** A label and its value in a definition list (`<dl>`). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline" component="div">
      <Text component="dt" size="sm" fw={600} style={{ flexShrink: 0 }}>
        {label}:
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
        {children}
      </Text>
    </Group>
  );
}

/** A relative URL with the query's non-empty values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Says plainly when nothing can be found yet because no feed has been imported. */
export function FeedNotice() {
  const feeds = useFeedSummary();
  if (!feeds.data) return null;
  if (feedsAreEmpty(feeds.data))
    return (
      <Alert color="blue" title={t('exposure.feeds.noneTitle')}>
        <Text size="sm">{t('exposure.feeds.none')}</Text>
      </Alert>
    );
  return (
    <Text size="sm" c="dimmed">
      {feeds.data.lastImportedAt ? t('exposure.feeds.lastImport', { date: formatDay(feeds.data.lastImportedAt) }) : null}
    </Text>
  );
}
