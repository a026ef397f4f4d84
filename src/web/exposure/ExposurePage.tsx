import { Anchor, Box, Button, Checkbox, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { ExposureList } from './exposures.js';
import {
  CityStaffOnly,
  exposureKey,
  FeedNotice,
  FilterSelect,
  formatDay,
  priorities,
  statuses,
  systems,
  Tiles,
  withQuery,
  type AssetSystem,
  type ExposureQuery,
  type ExposureStatus,
  type ExposureSummary,
  type Priority,
} from './shared.js';

/** `/app/exposure`: the city's exposure dashboard and its exposures, KEV first. */
export function ExposurePage() {
  const actor = useActor();
  return (
    <CityStaffOnly actor={actor} title={t('exposure.dashboard.title')}>
      <WorkspaceTitle description={t('exposure.dashboard.description')}>{t('exposure.dashboard.title')}</WorkspaceTitle>
      <Stack gap="md">
        <FeedNotice />
        <SummarySection />
        <ExposuresSection />
      </Stack>
    </CityStaffOnly>
  );
}

function SummarySection() {
  const summary = useQuery({ queryKey: [...exposureKey, 'summary'], queryFn: async () => unwrap(await api.GET('/api/v1/exposures/summary')) });
  return (
    <Section title={t('exposure.summary.title')}>
      {summary.isPending ? (
        <InlineLoader />
      ) : summary.isError ? (
        <PageError error={summary.error} onRetry={() => summary.refetch()} />
      ) : (
        <Stack gap="md">
          <Text size="sm">{t('exposure.summary.intro')}</Text>
          <Tiles
            label={t('exposure.summary.tilesLabel')}
            items={[
              { label: t('exposure.summary.kev'), value: summary.data.kev, tone: 'alert' },
              { label: t('exposure.summary.kevOverdue'), value: summary.data.kevOverdue, tone: 'alert' },
              ...priorities.values.map((priority) => ({ label: priorities.label(priority), value: summary.data.byPriority[priority] })),
              { label: t('exposure.summary.unknown'), value: summary.data.unknown },
            ]}
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <Box>
              <Text fw={600} size="sm" mb={4} id="exposure-trend-title">
                {t('exposure.trend.title')}
              </Text>
              <TrendChart trend={summary.data.trend} />
            </Box>
            <BySystem summary={summary.data} />
          </SimpleGrid>
          <Text size="sm">
            {t('exposure.summary.byStatus', {
              open: summary.data.byStatus.open,
              mitigating: summary.data.byStatus.mitigating,
              remediated: summary.data.byStatus.remediated,
              accepted: summary.data.byStatus.accepted_risk,
              dismissed: summary.data.byStatus.false_positive,
            })}
          </Text>
        </Stack>
      )}
    </Section>
  );
}

/** Open exposures by system, each with a bar as long as its share. */
function BySystem({ summary }: { summary: ExposureSummary }) {
  const max = Math.max(1, ...systems.values.map((system) => summary.bySystem[system]));
  return (
    <ScrollTable minWidth={260}>
      <Table verticalSpacing={4}>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, marginBottom: 4, color: 'var(--mantine-color-text)' }}>
          {t('exposure.bySystem.title')}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('exposure.bySystem.system')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('exposure.bySystem.count')}
            </Table.Th>
            <Table.Th scope="col" w="45%">
              <span aria-hidden>{t('exposure.bySystem.share')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {systems.values.map((system) => (
            <Table.Tr key={system}>
              <Table.Th scope="row" fw={500}>
                {systems.label(system)}
              </Table.Th>
              <Table.Td ta="right">{summary.bySystem[system]}</Table.Td>
              <Table.Td>
                <Box aria-hidden h={10} bg="blue.7" w={`${(summary.bySystem[system] / max) * 100}%`} style={{ borderRadius: 2, minWidth: summary.bySystem[system] ? 4 : 0 }} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/**
 * Open and KEV exposures over the last 90 days, as a small line chart. The chart is an image whose
 * text alternative says what it shows; the numbers are also said in a sentence below it.
 */
function TrendChart({ trend }: { trend: ExposureSummary['trend'] }) {
  if (trend.length === 0) return <Text size="sm">{t('exposure.trend.none')}</Text>;
  const first = trend[0]!;
  const last = trend[trend.length - 1]!;
  if (trend.length === 1) return <Text size="sm">{t('exposure.trend.oneDay', { date: formatDay(first.day), open: first.open, kev: first.kev })}</Text>;
  const width = 320;
  const height = 120;
  const pad = 6;
  const max = Math.max(1, ...trend.map((day) => day.open));
  const x = (i: number) => pad + (i * (width - 2 * pad)) / (trend.length - 1);
  const y = (value: number) => height - pad - (value * (height - 2 * pad)) / max;
  const line = (pick: (day: (typeof trend)[number]) => number) => trend.map((day, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(pick(day)).toFixed(1)}`).join(' ');
  const description = t('exposure.trend.describe', {
    from: formatDay(first.day),
    to: formatDay(last.day),
    openFrom: first.open,
    openTo: last.open,
    kevFrom: first.kev,
    kevTo: last.kev,
    resolved: last.resolved,
  });
  return (
    <Stack gap={4}>
      <Box component="svg" viewBox={`0 0 ${width} ${height}`} w="100%" maw={480} h="auto" role="img" aria-label={description} style={{ display: 'block', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
        <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} stroke="var(--mantine-color-gray-5)" strokeWidth={1} />
        <path d={line((day) => day.open)} fill="none" stroke="var(--mantine-color-blue-8)" strokeWidth={2} />
        <path d={line((day) => day.kev)} fill="none" stroke="var(--mantine-color-red-9)" strokeWidth={2} strokeDasharray="4 3" />
        <text x={pad + 2} y={pad + 10} fontSize={10} fill="var(--mantine-color-gray-7)">
          {t('exposure.trend.max', { value: max })}
        </text>
      </Box>
      <Group gap="md" aria-hidden justify="space-between" maw={480}>
        <Text size="xs">{formatDay(first.day)}</Text>
        <Text size="xs">{formatDay(last.day)}</Text>
      </Group>
      <Group gap="md" aria-hidden>
        <Text size="xs">
          <Box component="span" c="blue.8" fw={700}>
            ━
          </Box>{' '}
          {t('exposure.trend.open')}
        </Text>
        <Text size="xs">
          <Box component="span" c="red.9" fw={700}>
            ┅
          </Box>{' '}
          {t('exposure.trend.kev')}
        </Text>
      </Group>
      <Text size="sm">{description}</Text>
    </Stack>
  );
}

type Filters = { priority: Priority | ''; status: ExposureStatus | ''; system: AssetSystem | ''; kev: boolean; unknown: boolean };

function ExposuresSection() {
  const [filters, setFilters] = useState<Filters>({ priority: '', status: '', system: '', kev: false, unknown: false });
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((current) => ({ ...current, [key]: value }));
  const query: ExposureQuery = {
    priority: filters.priority || undefined,
    status: filters.status || undefined,
    system: filters.system || undefined,
    kev: filters.kev ? 'true' : undefined,
    matchStatus: filters.unknown ? 'unknown' : undefined,
  };
  const filtered = Object.values(query).some((value) => value !== undefined);
  return (
    <Section
      title={t('exposure.list.title')}
      actions={
        <Button component="a" href={withQuery('/api/v1/exposures.csv', query)} download variant="outline" size="compact-sm">
          {t('exposure.list.csv')}
        </Button>
      }
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('exposure.list.intro')}
        </Text>
        <Group align="flex-end" gap="sm">
          <FilterSelect label={t('exposure.filter.priority')} value={filters.priority} onChange={(value) => set('priority', value)} choices={priorities} width={150} />
          <FilterSelect label={t('exposure.filter.status')} value={filters.status} onChange={(value) => set('status', value)} choices={statuses} width={170} />
          <FilterSelect label={t('exposure.filter.system')} value={filters.system} onChange={(value) => set('system', value)} choices={systems} width={200} />
          <Stack gap={6} pb={4}>
            <Checkbox label={t('exposure.filter.kevOnly')} checked={filters.kev} onChange={(e) => set('kev', e.currentTarget.checked)} />
            <Checkbox label={t('exposure.filter.unknownOnly')} checked={filters.unknown} onChange={(e) => set('unknown', e.currentTarget.checked)} />
          </Stack>
        </Group>
        <ExposureList
          query={query}
          label={t('exposure.list.label')}
          emptyText={filtered ? t('exposure.list.noneFiltered') : t('exposure.list.none')}
        />
        <Text size="sm">
          {t('exposure.list.inventoryHint')}{' '}
          <Anchor component={Link} to="/app/exposure/inventory">
            {t('exposure.nav.inventory')}
          </Anchor>
        </Text>
      </Stack>
    </Section>
  );
}
