import { Anchor, NativeSelect, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';
import { PageError } from '../app/pages.js';
import { statusLabel } from '../assistance/shared.js';
import { stageLabel as dealStageLabel } from '../deals/shared.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { groupDigits, wholeUnits } from '../pipeline/money.js';
import { sectorLabel, sectors, stageLabel, type Sector, type Stage } from '../pipeline/shared.js';
import { useCities, useFramework } from '../portal/queries.js';
import { InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { BarChart, type Bar } from './BarChart.js';

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
type PipelineReport = Ok<paths['/api/v1/reports/pipeline']['get']>;
type PipelineGroup = PipelineReport['total'];
type AssistanceReport = Ok<paths['/api/v1/reports/assistance']['get']>;
type AgencyLine = AssistanceReport['total'];
type DealReport = Ok<paths['/api/v1/reports/deals']['get']>;
type DealGroup = DealReport['total'];
type DealSource = DealReport['bySource'][number]['source'];
type ReportedStatus = keyof AgencyLine['byStatus'];
type PipelineQuery = NonNullable<paths['/api/v1/reports/pipeline']['get']['parameters']['query']>;

const reportsKey = ['reports'];
const reportedStatuses: ReportedStatus[] = ['submitted', 'screening', 'approved', 'declined', 'in_progress', 'delivered', 'closed'];
const sourceKeys: Record<DealSource, MessageKey> = {
  meeting: 'reports.source.meeting',
  mission: 'reports.source.mission',
  event: 'reports.source.event',
  assistance_request: 'reports.source.assistance_request',
  project_interest: 'reports.source.project_interest',
  other: 'reports.source.other',
};
const sourceLabel = (source: DealSource) => t(sourceKeys[source]);

/** "USD 1,234,567.89", exactly (the amount stays a string). */
const usd = (amount: string) => `USD ${groupDigits(amount)}`;
/** "USD 1,234,568" for chart labels. */
const usdWhole = (amount: string) => `USD ${wholeUnits(amount)}`;
const days = (value: number | null) => (value === null ? '—' : t('reports.days', { days: value.toLocaleString('en', { maximumFractionDigits: 1 }) }));
const count = (value: number) => value.toLocaleString('en');

/** `/app/reports`: the business reports of pillar 1, over what the viewer may see. */
export function BusinessReportsPage() {
  return (
    <>
      <WorkspaceTitle description={t('reports.description')}>{t('reports.title')}</WorkspaceTitle>
      <Stack gap="md">
        <PipelineSection />
        <AssistanceSection />
        <DealsSection />
      </Stack>
    </>
  );
}

/* ---- Shared pieces ---- */

function CsvLink({ href, label }: { href: string; label: string }) {
  return (
    <Anchor href={href} download size="sm">
      {label}
    </Anchor>
  );
}

function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <Stack component="dl" gap={4} m={0}>
      {items.map((item) => (
        <div key={item.label} style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'baseline' }}>
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

/** A sub-heading, a chart and the table with the same figures: side by side on wide screens, stacked on narrow ones. */
function ChartAndTable({ title, chart, table }: { title: string; chart: ReactNode; table: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      {/* Chart above its table: side by side, the table's amounts no longer fit. */}
      <div style={{ minWidth: 0, maxWidth: 720 }}>{chart}</div>
      <div style={{ minWidth: 0 }}>{table}</div>
    </Stack>
  );
}

function Loading<T>({ query, children }: { query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown }; children: (data: T) => ReactNode }) {
  if (query.isPending) return <InlineLoader />;
  if (query.isError) return <PageError error={query.error} onRetry={() => query.refetch()} />;
  return <>{children(query.data as T)}</>;
}

function RatesNote({ report }: { report: { ratesOn: string; rates: PipelineReport['rates']; currenciesWithoutRate: string[] } }) {
  const rates = report.rates.map((rate) => t('reports.rate', { currency: rate.currency, rate: groupDigits(rate.unitsPerUsd), date: rate.rateDate })).join('; ');
  return (
    <Text size="xs" c="dimmed">
      {rates ? t('reports.ratesUsed', { date: report.ratesOn, rates }) : t('reports.ratesNone')}
      {report.currenciesWithoutRate.length > 0 && ` ${t('reports.ratesMissing', { currencies: report.currenciesWithoutRate.join(', ') })}`}
    </Text>
  );
}

/* ---- Pipeline ---- */

type PipelineFilters = { country: string; sector: string; focusArea: string };
type Measure = 'projects' | 'value';

function PipelineSection() {
  const [filters, setFilters] = useState<PipelineFilters>({ country: '', sector: '', focusArea: '' });
  const [measure, setMeasure] = useState<Measure>('projects');
  const measureLabel = useId();
  const cities = useCities();
  const framework = useFramework();
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as PipelineQuery & Record<string, string>;
  const report = useQuery({
    queryKey: [...reportsKey, 'pipeline', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/reports/pipeline', { params: { query } })),
  });
  const countries = [...new Map((cities.data ?? []).map((city) => [city.countryCode, city.countryName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const set = (name: keyof PipelineFilters) => (event: { currentTarget: { value: string } }) => setFilters({ ...filters, [name]: event.currentTarget.value });
  const search = new URLSearchParams(query).toString();
  return (
    <Section title={t('reports.pipeline.title')} actions={<CsvLink href={`/api/v1/reports/pipeline.csv${search ? `?${search}` : ''}`} label={t('reports.pipeline.csv')} />}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t('reports.filter.country')}
            value={filters.country}
            onChange={set('country')}
            data={[{ value: '', label: t('reports.filter.allCountries') }, ...countries.map(([code, name]) => ({ value: code, label: name }))]}
          />
          <NativeSelect
            label={t('reports.filter.sector')}
            value={filters.sector}
            onChange={set('sector')}
            data={[{ value: '', label: t('reports.filter.allSectors') }, ...sectors.map((s) => ({ value: s, label: sectorLabel(s) }))]}
          />
          <NativeSelect
            label={t('reports.filter.focusArea')}
            value={filters.focusArea}
            onChange={set('focusArea')}
            data={[{ value: '', label: t('reports.filter.allFocusAreas') }, ...(framework.data?.focusAreas ?? []).map((area) => ({ value: area.id, label: area.name }))]}
          />
        </SimpleGrid>
        <Loading query={report}>
          {(data) =>
            data.total.projects === 0 ? (
              <Text size="sm">{search ? t('reports.pipeline.emptyFiltered') : t('reports.pipeline.empty')}</Text>
            ) : (
              <Stack gap="md">
                <Facts
                  items={[
                    { label: t('reports.pipeline.projects'), value: count(data.total.projects) },
                    { label: t('reports.pipeline.capitalCost'), value: usd(data.total.capitalCostUsd) },
                    { label: t('reports.pipeline.fundingGap'), value: usd(data.total.fundingGapUsd) },
                    { label: t('reports.pipeline.notConverted'), value: count(data.total.notConverted) },
                    { label: t('reports.pipeline.withoutCost'), value: count(data.total.withoutCapitalCost) },
                  ]}
                />
                <RatesNote report={data} />
                <div>
                  <Text id={measureLabel} size="sm" fw={500} mb={4}>
                    {t('reports.pipeline.chartShows')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby={measureLabel}
                    value={measure}
                    onChange={(value) => setMeasure(value as Measure)}
                    data={[
                      { value: 'projects', label: t('reports.pipeline.measureProjects') },
                      { value: 'value', label: t('reports.pipeline.measureValue') },
                    ]}
                  />
                </div>
                <PipelineDimension title={t('reports.pipeline.byStage')} firstColumn={t('reports.col.stage')} groups={data.byStage.map((g) => ({ ...g, name: stageLabel(g.key as Stage) }))} measure={measure} />
                <PipelineDimension title={t('reports.pipeline.byCountry')} firstColumn={t('reports.col.country')} groups={data.byCountry} measure={measure} />
                <PipelineDimension title={t('reports.pipeline.byFocusArea')} firstColumn={t('reports.col.focusArea')} groups={data.byFocusArea} measure={measure} />
                <PipelineDimension title={t('reports.pipeline.bySector')} firstColumn={t('reports.col.sector')} groups={data.bySector.map((g) => ({ ...g, name: sectorLabel(g.key as Sector) }))} measure={measure} />
              </Stack>
            )
          }
        </Loading>
      </Stack>
    </Section>
  );
}

function PipelineDimension({ title, firstColumn, groups, measure }: { title: string; firstColumn: string; groups: PipelineGroup[]; measure: Measure }) {
  const bars: Bar[] = groups.map((g) =>
    measure === 'projects'
      ? { key: g.key, label: g.name, value: g.projects, valueText: count(g.projects) }
      : { key: g.key, label: g.name, value: Number(g.capitalCostUsd), valueText: usdWhole(g.capitalCostUsd) },
  );
  return (
    <ChartAndTable
      title={title}
      chart={<BarChart title={`${title}: ${measure === 'projects' ? t('reports.pipeline.measureProjects') : t('reports.pipeline.measureValue')}`} bars={bars} />}
      table={
        <ScrollTable minWidth={560} label={title}>
          <Table striped verticalSpacing={4} fz="sm" aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{firstColumn}</Table.Th>
                <Table.Th scope="col">{t('reports.col.projects')}</Table.Th>
                <Table.Th scope="col">{t('reports.col.capitalCost')}</Table.Th>
                <Table.Th scope="col">{t('reports.col.fundingGap')}</Table.Th>
                <Table.Th scope="col">{t('reports.col.notConverted')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((g) => (
                <Table.Tr key={g.key}>
                  <Table.Th scope="row" fw={400} style={{ overflowWrap: 'break-word' }}>
                    {g.name}
                  </Table.Th>
                  <Table.Td>{count(g.projects)}</Table.Td>
                  <Table.Td>{usd(g.capitalCostUsd)}</Table.Td>
                  <Table.Td>{usd(g.fundingGapUsd)}</Table.Td>
                  <Table.Td>{count(g.notConverted)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      }
    />
  );
}

/* ---- Assistance requests ---- */

function AssistanceSection() {
  const report = useQuery({
    queryKey: [...reportsKey, 'assistance'],
    queryFn: async () => unwrap(await api.GET('/api/v1/reports/assistance')),
  });
  return (
    <Section title={t('reports.assistance.title')} actions={<CsvLink href="/api/v1/reports/assistance.csv" label={t('reports.assistance.csv')} />}>
      <Loading query={report}>
        {(data) => (data.total.requests === 0 ? <Text size="sm">{t('reports.assistance.empty')}</Text> : <AssistanceView report={data} />)}
      </Loading>
    </Section>
  );
}

function AssistanceView({ report }: { report: AssistanceReport }) {
  const total = report.total;
  const lines = [...report.byAgency, total];
  const nameOf = (line: AgencyLine) => (line.agencyId === 'all' ? t('reports.assistance.allAgencies') : line.agencyName);
  return (
    <Stack gap="md">
      <Facts
        items={[
          { label: t('reports.assistance.requests'), value: count(total.requests) },
          {
            label: t('reports.assistance.decision'),
            value: t('reports.assistance.medianMean', { median: days(total.turnaround.decisionMedianDays), mean: days(total.turnaround.decisionMeanDays), count: total.turnaround.decided }),
          },
          {
            label: t('reports.assistance.delivery'),
            value: t('reports.assistance.medianMean', { median: days(total.turnaround.deliveryMedianDays), mean: days(total.turnaround.deliveryMeanDays), count: total.turnaround.delivered }),
          },
          {
            label: t('reports.assistance.open'),
            value: t('reports.assistance.openAges', { count: total.open.requests, oldest: days(total.open.oldestDays), median: days(total.open.medianDays) }),
          },
        ]}
      />
      <Text size="xs" c="dimmed">
        {t('reports.assistance.definitions')}
      </Text>
      <ChartAndTable
        title={t('reports.assistance.byAgency')}
        chart={
          <BarChart
            title={t('reports.assistance.requestsChart')}
            bars={report.byAgency.map((line) => ({ key: line.agencyId, label: line.agencyName, value: line.requests, valueText: count(line.requests) }))}
          />
        }
        table={
          <ScrollTable minWidth={760} label={t('reports.assistance.byAgency')}>
            <Table striped verticalSpacing={4} fz="sm" aria-label={t('reports.assistance.byAgency')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reports.col.agency')}</Table.Th>
                  {reportedStatuses.map((status) => (
                    <Table.Th scope="col" key={status}>
                      {statusLabel(status)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">{t('reports.col.total')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((line) => (
                  <Table.Tr key={line.agencyId}>
                    <Table.Th scope="row" fw={line.agencyId === 'all' ? 700 : 400} style={{ overflowWrap: 'break-word' }}>
                      {nameOf(line)}
                    </Table.Th>
                    {reportedStatuses.map((status) => (
                      <Table.Td key={status}>{count(line.byStatus[status])}</Table.Td>
                    ))}
                    <Table.Td>{count(line.requests)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        }
      />
      <ChartAndTable
        title={t('reports.assistance.turnaround')}
        chart={
          <BarChart
            title={t('reports.assistance.decisionChart')}
            bars={report.byAgency.map((line) => ({
              key: line.agencyId,
              label: line.agencyName,
              value: line.turnaround.decisionMedianDays ?? 0,
              valueText: line.turnaround.decisionMedianDays === null ? t('reports.assistance.noDecision') : days(line.turnaround.decisionMedianDays),
            }))}
          />
        }
        table={
          <ScrollTable minWidth={820} label={t('reports.assistance.turnaround')}>
            <Table striped verticalSpacing={4} fz="sm" aria-label={t('reports.assistance.turnaround')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reports.col.agency')}</Table.Th>
                  <Table.Th scope="col">{t('reports.col.decided')}</Table.Th>
                  <Table.Th scope="col">{t('reports.col.decisionMedian')}</Table.Th>
                  <Table.Th scope="col">{t('reports.col.decisionMean')}</Table.Th>
                  <Table.Th scope="col">{t('reports.col.delivered')}</Table.Th>
                  <Table.Th scope="col">{t('reports.col.deliveryMedian')}</Table.Th>
                  <Table.Th scope="col">{t('reports.col.deliveryMean')}</Table.Th>
                  <Table.Th scope="col">{t('reports.col.open')}</Table.Th>
                  <Table.Th scope="col">{t('reports.col.openOldest')}</Table.Th>
                  <Table.Th scope="col">{t('reports.col.openMedian')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((line) => (
                  <Table.Tr key={line.agencyId}>
                    <Table.Th scope="row" fw={line.agencyId === 'all' ? 700 : 400} style={{ overflowWrap: 'break-word' }}>
                      {nameOf(line)}
                    </Table.Th>
                    <Table.Td>{count(line.turnaround.decided)}</Table.Td>
                    <Table.Td>{days(line.turnaround.decisionMedianDays)}</Table.Td>
                    <Table.Td>{days(line.turnaround.decisionMeanDays)}</Table.Td>
                    <Table.Td>{count(line.turnaround.delivered)}</Table.Td>
                    <Table.Td>{days(line.turnaround.deliveryMedianDays)}</Table.Td>
                    <Table.Td>{days(line.turnaround.deliveryMeanDays)}</Table.Td>
                    <Table.Td>{count(line.open.requests)}</Table.Td>
                    <Table.Td>{days(line.open.oldestDays)}</Table.Td>
                    <Table.Td>{days(line.open.medianDays)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        }
      />
    </Stack>
  );
}

/* ---- Deals ---- */

function DealsSection() {
  const report = useQuery({
    queryKey: [...reportsKey, 'deals'],
    queryFn: async () => unwrap(await api.GET('/api/v1/reports/deals')),
  });
  return (
    <Section title={t('reports.deals.title')} actions={<CsvLink href="/api/v1/reports/deals.csv" label={t('reports.deals.csv')} />}>
      <Loading query={report}>{(data) => (data.total.deals === 0 ? <Text size="sm">{t('reports.deals.empty')}</Text> : <DealsView report={data} />)}</Loading>
    </Section>
  );
}

const dealBar = (key: string, label: string, g: DealGroup): Bar => ({ key, label, value: g.deals, valueText: t('reports.deals.barText', { count: g.deals, value: usdWhole(g.valueUsd) }) });

function DealTable({ label, firstColumns, rows }: { label: string; firstColumns: string[]; rows: { key: string; cells: string[]; group: DealGroup }[] }) {
  return (
    <ScrollTable minWidth={firstColumns.length > 1 ? 640 : 520} label={label}>
      <Table striped verticalSpacing={4} fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {firstColumns.map((column) => (
              <Table.Th scope="col" key={column}>
                {column}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('reports.col.deals')}</Table.Th>
            <Table.Th scope="col">{t('reports.col.value')}</Table.Th>
            <Table.Th scope="col">{t('reports.col.notConverted')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              {row.cells.map((cell, index) =>
                index === 0 ? (
                  <Table.Th scope="row" fw={400} key={index}>
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={index}>{cell}</Table.Td>
                ),
              )}
              <Table.Td>{count(row.group.deals)}</Table.Td>
              <Table.Td>{usd(row.group.valueUsd)}</Table.Td>
              <Table.Td>{count(row.group.notConverted)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function DealsView({ report }: { report: DealReport }) {
  const sources = report.bySource.filter((g) => g.deals > 0);
  return (
    <Stack gap="md">
      <Facts
        items={[
          { label: t('reports.deals.deals'), value: count(report.total.deals) },
          { label: t('reports.deals.value'), value: usd(report.total.valueUsd) },
          { label: t('reports.deals.facilitated'), value: t('reports.deals.facilitatedValue', { count: report.facilitated.deals, value: usd(report.facilitated.valueUsd) }) },
          { label: t('reports.deals.notConverted'), value: count(report.total.notConverted) },
          { label: t('reports.deals.withoutValue'), value: count(report.total.withoutValue) },
        ]}
      />
      <RatesNote report={report} />
      <ChartAndTable
        title={t('reports.deals.byStage')}
        chart={<BarChart title={t('reports.deals.byStage')} bars={report.byStage.map((g) => dealBar(g.stage, dealStageLabel(g.stage), g))} />}
        table={<DealTable label={t('reports.deals.byStage')} firstColumns={[t('reports.col.stage')]} rows={report.byStage.map((g) => ({ key: g.stage, cells: [dealStageLabel(g.stage)], group: g }))} />}
      />
      <ChartAndTable
        title={t('reports.deals.bySource')}
        chart={<BarChart title={t('reports.deals.bySource')} bars={sources.map((g) => dealBar(g.source, sourceLabel(g.source), g))} />}
        table={
          <DealTable
            label={t('reports.deals.bySource')}
            firstColumns={[t('reports.col.source'), t('reports.col.facilitated')]}
            rows={sources.map((g) => ({ key: g.source, cells: [sourceLabel(g.source), g.facilitated ? t('reports.yes') : t('reports.no')], group: g }))}
          />
        }
      />
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('reports.deals.byStageAndSource')}
        </Title>
        <DealTable
          label={t('reports.deals.byStageAndSource')}
          firstColumns={[t('reports.col.stage'), t('reports.col.source')]}
          rows={report.byStageAndSource.map((g) => ({ key: `${g.stage}-${g.source}`, cells: [dealStageLabel(g.stage), sourceLabel(g.source)], group: g }))}
        />
      </Stack>
    </Stack>
  );
}
