import { Anchor, Checkbox, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { isTrainingProvider, useActor } from '../workspace/WorkspaceFrame.js';
import { Fact, genders, Refusal, trainingKey, type ReportLine, type TraineeGender, type TrainingReport } from './shared.js';

const percent = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('en', { maximumFractionDigits: 1 })}%`);
const genderOrder: TraineeGender[] = ['woman', 'man', 'another', 'not_stated'];

/** `/app/training/reports`: trainees by city, country, organisation and course, as programmes report them. */
export function ReportsPage() {
  const actor = useActor();
  if (!isTrainingProvider(actor)) return <Refusal title={t('training.reports.title')} message={t('training.refused.reports')} />;
  return <Reports />;
}

function Reports() {
  const [courseId, setCourseId] = useState('');
  const [byGender, setByGender] = useState(false);
  const courses = useQuery({
    queryKey: [...trainingKey, 'courses', 'managed'],
    queryFn: async () => unwrap(await api.GET('/api/v1/training/courses', { params: { query: { managed: 'true' } } })).items,
  });
  const query = { courseId: courseId || undefined, gender: byGender ? ('true' as const) : undefined };
  const report = useQuery({
    queryKey: [...trainingKey, 'report', courseId, byGender],
    queryFn: async () => unwrap(await api.GET('/api/v1/training/reports', { params: { query } })),
  });
  const csvParams = new URLSearchParams();
  if (courseId) csvParams.set('courseId', courseId);
  if (byGender) csvParams.set('gender', 'true');
  const csvSearch = csvParams.toString();
  const csvHref = `/api/v1/training/reports.csv${csvSearch ? `?${csvSearch}` : ''}`;
  return (
    <>
      <WorkspaceTitle description={t('training.reports.description')}>{t('training.reports.title')}</WorkspaceTitle>
      <Stack gap="md">
        <Section title={t('training.reports.filters')}>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('training.reports.course')}
              value={courseId}
              onChange={(e) => setCourseId(e.currentTarget.value)}
              data={[{ value: '', label: t('training.reports.allCourses') }, ...(courses.data ?? []).map((c) => ({ value: c.id, label: c.title }))]}
              w={{ base: '100%', xs: 360 }}
            />
            <Checkbox label={t('training.reports.byGender')} checked={byGender} onChange={(e) => setByGender(e.currentTarget.checked)} mb={8} />
            <Anchor href={csvHref} download mb={6}>
              {t('training.reports.csv')}
            </Anchor>
          </Group>
        </Section>
        {report.isPending ? <InlineLoader /> : report.isError ? <PageError error={report.error} onRetry={() => report.refetch()} /> : <ReportView report={report.data} byGender={byGender} />}
      </Stack>
    </>
  );
}

function ReportView({ report, byGender }: { report: TrainingReport; byGender: boolean }) {
  const totals = report.totals;
  return (
    <>
      <Section title={t('training.reports.totals')}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {report.scope === 'all' ? t('training.reports.scopeAll') : t('training.reports.scopeOwn')}
          </Text>
          <Stack component="dl" gap={4} m={0}>
            <Fact label={t('training.reports.nominated')}>{totals.nominated}</Fact>
            <Fact label={t('training.reports.approved')}>{totals.approved}</Fact>
            <Fact label={t('training.reports.completed')}>{totals.completed}</Fact>
            <Fact label={t('training.reports.trainees')}>{totals.trainees}</Fact>
            <Fact label={t('training.reports.completionRate')}>{percent(totals.completionRate)}</Fact>
            <Fact label={t('training.reports.quizPassRate')}>{percent(totals.quizPassRate)}</Fact>
            {totals.gender && (
              <Fact label={t('training.reports.completedByGender')}>{genderOrder.map((g) => `${genders.label(g)}: ${totals.gender!.completed[g]}`).join(' · ')}</Fact>
            )}
          </Stack>
          <Text size="xs" c="dimmed">
            {t('training.reports.definitions')}
          </Text>
        </Stack>
      </Section>
      <Section title={t('training.reports.byCourse')}>
        <Stack gap="sm">
          <CompletionBars lines={report.byCourse} />
          <ReportTable lines={report.byCourse} firstColumn={t('training.col.course')} label={t('training.reports.byCourse')} byGender={byGender} />
        </Stack>
      </Section>
      <Section title={t('training.reports.byCountry')}>
        <ReportTable lines={report.byCountry} firstColumn={t('training.col.country')} label={t('training.reports.byCountry')} byGender={byGender} />
      </Section>
      <Section title={t('training.reports.byCity')}>
        <ReportTable lines={report.byCity} firstColumn={t('training.col.city')} label={t('training.reports.byCity')} byGender={byGender} />
      </Section>
      <Section title={t('training.reports.byOrganisation')}>
        <ReportTable lines={report.byOrganisation} firstColumn={t('training.col.organisation')} label={t('training.reports.byOrganisation')} byGender={byGender} />
      </Section>
    </>
  );
}

function ReportTable({ lines, firstColumn, label, byGender }: { lines: ReportLine[]; firstColumn: string; label: string; byGender: boolean }) {
  if (lines.length === 0) return <Text size="sm">{t('training.reports.none')}</Text>;
  return (
    <ScrollTable minWidth={byGender ? 1100 : 640} label={label}>
      <Table striped verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{firstColumn}</Table.Th>
            <Table.Th scope="col">{t('training.reports.nominated')}</Table.Th>
            <Table.Th scope="col">{t('training.reports.approved')}</Table.Th>
            <Table.Th scope="col">{t('training.reports.completed')}</Table.Th>
            <Table.Th scope="col">{t('training.reports.completionRate')}</Table.Th>
            <Table.Th scope="col">{t('training.reports.quizPassRate')}</Table.Th>
            {byGender &&
              genderOrder.map((g) => (
                <Table.Th scope="col" key={g}>
                  {t('training.reports.completedGender', { gender: genders.label(g) })}
                </Table.Th>
              ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.key}>
              <Table.Th scope="row" fw={400} style={{ overflowWrap: 'anywhere' }}>
                {line.name}
              </Table.Th>
              <Table.Td>{line.nominated}</Table.Td>
              <Table.Td>{line.approved}</Table.Td>
              <Table.Td>{line.completed}</Table.Td>
              <Table.Td>{percent(line.completionRate)}</Table.Td>
              <Table.Td>{percent(line.quizPassRate)}</Table.Td>
              {byGender && genderOrder.map((g) => <Table.Td key={g}>{line.gender?.completed[g] ?? 0}</Table.Td>)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/**
 * Approved and completed trainees per course as horizontal bars: a small SVG with a title and a
 * description; the table below it gives the same numbers in text.
 */
function CompletionBars({ lines }: { lines: ReportLine[] }) {
  const titleId = useId();
  const descId = useId();
  if (lines.length === 0) return null;
  const max = Math.max(1, ...lines.map((l) => l.approved));
  const rowHeight = 34;
  const width = 320;
  const barSpace = width - 60;
  const height = lines.length * rowHeight + 4;
  return (
    <Stack gap={4}>
      <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: 560, display: 'block' }}>
        <title id={titleId}>{t('training.reports.chartTitle')}</title>
        <desc id={descId}>{lines.map((l) => t('training.reports.chartItem', { name: l.name, approved: l.approved, completed: l.completed })).join('; ')}</desc>
        {lines.map((line, index) => {
          const y = index * rowHeight;
          const approvedWidth = (barSpace * line.approved) / max;
          const completedWidth = (barSpace * line.completed) / max;
          return (
            <g key={line.key} transform={`translate(0 ${y})`}>
              <text x={0} y={11} fontSize={11} fill="currentColor">
                {line.name.length > 48 ? `${line.name.slice(0, 47)}…` : line.name}
              </text>
              <rect x={0} y={15} width={Math.max(approvedWidth, 1)} height={12} fill="var(--mantine-color-blue-2)" stroke="var(--mantine-color-blue-8)" strokeWidth={1} />
              <rect x={0} y={15} width={completedWidth} height={12} fill="var(--mantine-color-teal-8)" />
              <text x={Math.max(approvedWidth, 1) + 4} y={25} fontSize={11} fill="currentColor">
                {line.completed}/{line.approved}
              </text>
            </g>
          );
        })}
      </svg>
      <Text size="xs" c="dimmed">
        {t('training.reports.chartLegend')}
      </Text>
    </Stack>
  );
}
