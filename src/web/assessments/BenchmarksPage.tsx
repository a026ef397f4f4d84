import { Anchor, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import type { SessionActor } from '../app/session.js';
import { t } from '../i18n/i18n.js';
import { InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { isSecretariat, useActor } from '../workspace/WorkspaceFrame.js';
import { assessmentPath, assessmentsKey, figure, formatDay, isCityStaff, isNationalRep, Refusal, standingText, type BenchmarkRow, type Benchmarks } from './shared.js';

/** "GOVERN" → "Govern". */
const functionName = (name: string) => name.charAt(0) + name.slice(1).toLowerCase();

/** `/app/assessments/benchmarks`: how the cities' current levels are distributed, from three cities up; a city sees where it stands. */
export function BenchmarksPage() {
  const actor = useActor();
  if (!isCityStaff(actor) && !isNationalRep(actor) && !isSecretariat(actor)) return <Refusal title={t('assessments.benchmarks.title')} message={t('assessments.refused.benchmarks')} />;
  return <BenchmarksView actor={actor} />;
}

function BenchmarksView({ actor }: { actor: SessionActor }) {
  const [countryCode, setCountryCode] = useState('');
  const benchmarks = useQuery({
    queryKey: [...assessmentsKey, 'benchmarks', countryCode],
    queryFn: async () => unwrap(await api.GET('/api/v1/csf/benchmarks', { params: { query: countryCode ? { countryCode } : {} } })),
    placeholderData: keepPreviousData,
  });
  const cityStaff = isCityStaff(actor);
  return (
    <>
      <WorkspaceTitle description={t('assessments.benchmarks.description')}>{t('assessments.benchmarks.title')}</WorkspaceTitle>
      <Stack gap="md">
        <Section title={t('assessments.benchmarks.aboutTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('assessments.benchmarks.about')}</Text>
            <Text size="sm">{t('assessments.benchmarks.scale')}</Text>
            {benchmarks.data && benchmarks.data.countryOptions.length > 0 && (
              <NativeSelect
                label={t('assessments.benchmarks.view')}
                value={countryCode}
                onChange={(e) => setCountryCode(e.currentTarget.value)}
                data={[{ value: '', label: t('assessments.benchmarks.network') }, ...benchmarks.data.countryOptions.map((country) => ({ value: country.code, label: country.name }))]}
                maw={320}
              />
            )}
          </Stack>
        </Section>
        {benchmarks.isPending ? (
          <InlineLoader />
        ) : benchmarks.isError ? (
          <PageError error={benchmarks.error} onRetry={() => void benchmarks.refetch()} />
        ) : (
          <BenchmarkFigures data={benchmarks.data} cityStaff={cityStaff} loading={benchmarks.isFetching} />
        )}
      </Stack>
    </>
  );
}

function BenchmarkFigures({ data, cityStaff, loading }: { data: Benchmarks; cityStaff: boolean; loading: boolean }) {
  const where = data.view === 'country' ? (data.countryName ?? data.countryCode ?? '') : t('assessments.benchmarks.theNetwork');
  return (
    <>
      <Section title={data.view === 'country' ? t('assessments.benchmarks.countryTitle', { country: where }) : t('assessments.benchmarks.networkTitle')}>
        <Stack gap="xs" aria-busy={loading}>
          {data.moreCitiesNeeded > 0 ? (
            <Text size="sm" fw={600}>
              {t('assessments.benchmarks.notYet', { minimum: data.minimumContributors, more: data.moreCitiesNeeded, where })}
            </Text>
          ) : (
            <Text size="sm" fw={600}>
              {t('assessments.benchmarks.contributors', { count: data.contributors, where })}
            </Text>
          )}
          {cityStaff &&
            (data.ownAssessment ? (
              <Text size="sm">
                {t('assessments.benchmarks.ownFrom')}{' '}
                <Anchor component={Link} to={assessmentPath(data.ownAssessment.id)}>
                  {data.ownAssessment.title}
                </Anchor>{' '}
                {t('assessments.benchmarks.ownSubmitted', { date: formatDay(data.ownAssessment.submittedAt) })}
              </Text>
            ) : (
              <Text size="sm">
                {t('assessments.benchmarks.ownNone')}{' '}
                <Anchor component={Link} to="/app/assessments">
                  {t('assessments.nav.assessments')}
                </Anchor>
              </Text>
            ))}
        </Stack>
      </Section>
      {data.functions.map((fn) => (
        <Section key={fn.id} title={t('assessments.function.heading', { id: fn.id, name: functionName(fn.name) })}>
          <BenchmarkTable rows={[fn, ...data.categories.filter((c) => c.functionId === fn.id)]} cityStaff={cityStaff} functionId={fn.id} name={functionName(fn.name)} />
        </Section>
      ))}
    </>
  );
}

function BenchmarkTable({ rows, cityStaff, functionId, name }: { rows: BenchmarkRow[]; cityStaff: boolean; functionId: string; name: string }) {
  return (
    <Stack gap={4}>
      <ScrollTable minWidth={cityStaff ? 880 : 720} label={t('assessments.benchmarks.tableLabel', { name })}>
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('assessments.col.functionOrCategory')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('assessments.col.cities')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('assessments.col.min')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('assessments.col.q1')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('assessments.col.median')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('assessments.col.q3')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('assessments.col.max')}
              </Table.Th>
              {cityStaff && (
                <>
                  <Table.Th scope="col" ta="right">
                    {t('assessments.col.yourCity')}
                  </Table.Th>
                  <Table.Th scope="col" miw={180}>
                    {t('assessments.col.standing')}
                  </Table.Th>
                </>
              )}
              <Table.Th scope="col" w={150}>
                {t('assessments.col.spread')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Th scope="row" fw={row.id === functionId ? 700 : 500}>
                  {row.id === functionId ? t('assessments.benchmarks.wholeFunction', { name }) : `${row.id} ${row.name}`}
                </Table.Th>
                {row.distribution ? (
                  <>
                    <Table.Td ta="right">{row.distribution.contributors}</Table.Td>
                    <Table.Td ta="right">{figure(row.distribution.min)}</Table.Td>
                    <Table.Td ta="right">{figure(row.distribution.q1)}</Table.Td>
                    <Table.Td ta="right">{figure(row.distribution.median)}</Table.Td>
                    <Table.Td ta="right">{figure(row.distribution.q3)}</Table.Td>
                    <Table.Td ta="right">{figure(row.distribution.max)}</Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={6}>{t('assessments.benchmarks.withheld', { more: row.moreCitiesNeeded })}</Table.Td>
                )}
                {cityStaff && (
                  <>
                    <Table.Td ta="right">{figure(row.ownScore)}</Table.Td>
                    <Table.Td>{row.standing ? standingText(row.standing) : '–'}</Table.Td>
                  </>
                )}
                <Table.Td>{row.distribution ? <BoxPlot row={row} /> : null}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Text size="xs">{cityStaff ? t('assessments.benchmarks.plotLegendOwn') : t('assessments.benchmarks.plotLegend')}</Text>
    </Stack>
  );
}

/** The distribution on the 0–4 scale: whiskers min–max, box q1–q3, a line at the median, a diamond at the city's own level. Decorative: the row's cells hold the figures. */
function BoxPlot({ row }: { row: BenchmarkRow }) {
  const d = row.distribution!;
  const width = 140;
  const x = (value: number) => 4 + (value / 4) * (width - 8);
  return (
    <svg width={width} height={22} viewBox={`0 0 ${width} 22`} aria-hidden focusable="false" style={{ display: 'block' }}>
      <line x1={x(0)} x2={x(4)} y1={11} y2={11} stroke="var(--mantine-color-gray-3)" strokeWidth={1} />
      <line x1={x(d.min)} x2={x(d.max)} y1={11} y2={11} stroke="var(--mantine-color-gray-7)" strokeWidth={1.5} />
      <line x1={x(d.min)} x2={x(d.min)} y1={6} y2={16} stroke="var(--mantine-color-gray-7)" strokeWidth={1.5} />
      <line x1={x(d.max)} x2={x(d.max)} y1={6} y2={16} stroke="var(--mantine-color-gray-7)" strokeWidth={1.5} />
      <rect x={x(d.q1)} y={4} width={Math.max(1, x(d.q3) - x(d.q1))} height={14} fill="var(--mantine-color-blue-1)" stroke="var(--mantine-color-blue-8)" strokeWidth={1.5} />
      <line x1={x(d.median)} x2={x(d.median)} y1={4} y2={18} stroke="var(--mantine-color-blue-9)" strokeWidth={2.5} />
      {row.ownScore !== null && (
        <polygon
          points={`${x(row.ownScore)},3 ${x(row.ownScore) + 5},11 ${x(row.ownScore)},19 ${x(row.ownScore) - 5},11`}
          fill="var(--mantine-color-orange-9)"
          stroke="white"
          strokeWidth={1}
        />
      )}
    </svg>
  );
}
