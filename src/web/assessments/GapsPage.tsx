import { Anchor, Box, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { RadarChart, type RadarAxis } from './RadarChart.js';
import {
  assessmentPath,
  assessmentsKey,
  coursePath,
  Facts,
  figure,
  formatDay,
  PriorityBadge,
  ScaleTable,
  scopeText,
  StatusBadge,
  tierLabel,
  useCsfCore,
  type CsfCore,
  type GapAnalysis,
} from './shared.js';

type ProfileChange = NonNullable<GapAnalysis['comparison']>['changes'][number];

/** "GOVERN" → "Govern". */
const functionName = (name: string) => name.charAt(0) + name.slice(1).toLowerCase();

/** `/app/assessments/:id/gaps`: current against target, the largest gaps, the comparison with an earlier assessment, and the courses that address the gaps. */
export function GapsPage() {
  const { assessmentId = '' } = useParams();
  const [compareWith, setCompareWith] = useState<string | undefined>(undefined);
  const gaps = useQuery({
    queryKey: [...assessmentsKey, 'gaps', assessmentId, compareWith ?? 'default'],
    queryFn: async () => unwrap(await api.GET('/api/v1/assessments/{id}/gaps', { params: { path: { id: assessmentId }, query: compareWith ? { compareWith } : {} } })),
    placeholderData: keepPreviousData,
  });
  const core = useCsfCore();
  if (gaps.isPending || core.isPending) return <PageLoader />;
  if (gaps.isError || core.isError)
    return (
      <>
        <WorkspaceTitle>{t('assessments.gaps.title')}</WorkspaceTitle>
        <PageError error={gaps.error ?? core.error} onRetry={() => void (gaps.isError ? gaps.refetch() : core.refetch())} />
        <Anchor component={Link} to="/app/assessments" mt="md" display="inline-block">
          {t('assessments.back')}
        </Anchor>
      </>
    );
  const analysis = gaps.data;
  const { assessment } = analysis;
  return (
    <>
      <Anchor component={Link} to={assessmentPath(assessment.id)} size="sm">
        {t('assessments.gaps.back', { title: assessment.title })}
      </Anchor>
      <WorkspaceTitle description={`${assessment.cityName} · ${scopeText(assessment.scope, assessment.scopeSystem)}`}>{t('assessments.gaps.titleOf', { title: assessment.title })}</WorkspaceTitle>
      <Stack gap="md">
        <SummarySection analysis={analysis} />
        <ProfileSection analysis={analysis} core={core.data} />
        <RankedSection analysis={analysis} />
        <ComparisonSection analysis={analysis} compareWith={compareWith} onCompare={setCompareWith} loading={gaps.isFetching} />
        <CoursesSection assessmentId={assessment.id} />
      </Stack>
    </>
  );
}

function SummarySection({ analysis }: { analysis: GapAnalysis }) {
  const { assessment, overall } = analysis;
  const base = `/api/v1/assessments/${assessment.id}`;
  return (
    <Section title={t('assessments.gaps.summary')} actions={<StatusBadge status={assessment.status} />}>
      <Stack gap="sm">
        {assessment.status === 'draft' && <Text size="sm">{t('assessments.gaps.draftNote')}</Text>}
        <Facts
          items={[
            { label: t('assessments.gaps.overall'), value: t('assessments.gaps.overallValue', { current: figure(overall.current), target: figure(overall.target), gap: figure(overall.gap) }) },
            { label: t('assessments.gaps.answered'), value: t('assessments.progress.text', { answered: assessment.progress.answered, total: assessment.progress.total, notApplicable: assessment.progress.notApplicable }) },
            { label: t('assessments.tiers.governanceLabel'), value: tierLabel(assessment.governanceTier) },
            { label: t('assessments.tiers.managementLabel'), value: tierLabel(assessment.riskManagementTier) },
          ]}
        />
        <Text size="sm">{t('assessments.gaps.howComputed')}</Text>
        <ScaleTable />
        <Group gap="sm">
          <Button component="a" href={`${base}/report.pdf`} download variant="outline">
            {t('assessments.gaps.pdf')}
          </Button>
          <Button component="a" href={`${base}/report.csv`} download variant="outline">
            {t('assessments.gaps.csv')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

/** Per function: a radar chart of its categories (of its subcategories when it has fewer than three categories) and the table with the figures. */
function ProfileSection({ analysis, core }: { analysis: GapAnalysis; core: CsfCore }) {
  return (
    <Section title={t('assessments.gaps.profile')}>
      <Stack gap="sm">
        <Text size="sm">{t('assessments.gaps.profileIntro')}</Text>
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          {core.functions.map((fn) => {
            const score = analysis.functions.find((f) => f.id === fn.id);
            const categories = analysis.categories.filter((c) => c.functionId === fn.id);
            const bySubcategory = categories.length < 3;
            const axes: RadarAxis[] = bySubcategory
              ? analysis.subcategories.filter((s) => s.functionId === fn.id).map((s) => ({ id: s.id, current: s.notApplicable ? null : s.currentLevel, target: s.notApplicable ? null : s.targetLevel }))
              : categories.map((c) => ({ id: c.id, current: c.current, target: c.target }));
            const name = functionName(fn.name);
            return (
              <Paper key={fn.id} withBorder radius="sm" p="sm" component="article" aria-labelledby={`profile-${fn.id}`}>
                <Stack gap="xs">
                  <Title order={3} size="h5" id={`profile-${fn.id}`}>
                    {t('assessments.function.heading', { id: fn.id, name })}
                  </Title>
                  <Text size="sm">{t('assessments.gaps.functionValue', { current: figure(score?.current), target: figure(score?.target), gap: figure(score?.gap) })}</Text>
                  <RadarChart title={bySubcategory ? t('assessments.radar.titleSubcategories', { name }) : t('assessments.radar.title', { name })} axes={axes} />
                  {bySubcategory && <Text size="xs">{t('assessments.radar.bySubcategory')}</Text>}
                  <ScrollTable minWidth={420} label={t('assessments.gaps.tableCaption', { name })}>
                    <Table verticalSpacing={4}>
                      <Table.Caption style={{ captionSide: 'top', textAlign: 'left', color: 'var(--mantine-color-text)' }}>{t('assessments.gaps.tableCaption', { name })}</Table.Caption>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('assessments.col.category')}</Table.Th>
                          <Table.Th scope="col" ta="right">
                            {t('assessments.col.current')}
                          </Table.Th>
                          <Table.Th scope="col" ta="right">
                            {t('assessments.col.target')}
                          </Table.Th>
                          <Table.Th scope="col" ta="right">
                            {t('assessments.col.gap')}
                          </Table.Th>
                          <Table.Th scope="col" ta="right">
                            {t('assessments.col.notApplicable')}
                          </Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {categories.map((c) => (
                          <Table.Tr key={c.id}>
                            <Table.Th scope="row" fw={500}>
                              {c.id} {c.name} {c.priority && <PriorityBadge />}
                            </Table.Th>
                            <Table.Td ta="right">{figure(c.current)}</Table.Td>
                            <Table.Td ta="right">{figure(c.target)}</Table.Td>
                            <Table.Td ta="right">{figure(c.gap)}</Table.Td>
                            <Table.Td ta="right">{c.notApplicable}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </ScrollTable>
                  {bySubcategory && <SubcategoryFigures analysis={analysis} functionId={fn.id} name={name} />}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      </Stack>
    </Section>
  );
}

/** The subcategory levels a by-subcategory radar shows, as a table. */
function SubcategoryFigures({ analysis, functionId, name }: { analysis: GapAnalysis; functionId: string; name: string }) {
  const level = (value: number | null) => (value === null ? '–' : String(value));
  return (
    <ScrollTable minWidth={320} label={t('assessments.gaps.subcategoryCaption', { name })}>
      <Table verticalSpacing={2}>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left', color: 'var(--mantine-color-text)' }}>{t('assessments.gaps.subcategoryCaption', { name })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('assessments.col.subcategory')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('assessments.col.current')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('assessments.col.target')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {analysis.subcategories
            .filter((s) => s.functionId === functionId)
            .map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row" fw={500}>
                  {s.id}
                </Table.Th>
                <Table.Td ta="right">{s.notApplicable ? t('assessments.gaps.na') : level(s.currentLevel)}</Table.Td>
                <Table.Td ta="right">{s.notApplicable ? t('assessments.gaps.na') : level(s.targetLevel)}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function RankedSection({ analysis }: { analysis: GapAnalysis }) {
  const subcategories = analysis.rankedSubcategoryGaps.slice(0, 10);
  return (
    <Section title={t('assessments.gaps.ranked')}>
      <Stack gap="sm">
        <Text size="sm">{t('assessments.gaps.rankedIntro')}</Text>
        {analysis.rankedCategoryGaps.length === 0 ? (
          <Text size="sm">{t('assessments.gaps.noGaps')}</Text>
        ) : (
          <ScrollTable minWidth={560} label={t('assessments.gaps.ranked')}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" ta="right">
                    {t('assessments.col.rank')}
                  </Table.Th>
                  <Table.Th scope="col">{t('assessments.col.category')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('assessments.col.current')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('assessments.col.target')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('assessments.col.gap')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {analysis.rankedCategoryGaps.map((gap, i) => (
                  <Table.Tr key={gap.id}>
                    <Table.Td ta="right">{i + 1}</Table.Td>
                    <Table.Th scope="row" fw={500}>
                      {gap.id} {gap.name} {gap.priority && <PriorityBadge />}
                    </Table.Th>
                    <Table.Td ta="right">{figure(gap.current)}</Table.Td>
                    <Table.Td ta="right">{figure(gap.target)}</Table.Td>
                    <Table.Td ta="right" fw={700}>
                      {figure(gap.gap)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {subcategories.length > 0 && (
          <>
            <Title order={3} size="h5">
              {t('assessments.gaps.subcategoryGaps')}
            </Title>
            <Stack gap={6} component="ol" m={0} pl="lg">
              {subcategories.map((gap) => (
                <Text component="li" size="sm" key={gap.id}>
                  <Text span fw={700}>
                    {gap.id}
                  </Text>{' '}
                  {gap.text}{' '}
                  <Text span c="dimmed" size="sm">
                    {t('assessments.gaps.subcategoryGap', { current: gap.current, target: gap.target, gap: gap.gap })}
                  </Text>{' '}
                  {gap.priority && <PriorityBadge />}
                </Text>
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Section>
  );
}

function changeText(change: ProfileChange): string {
  if (change.gapBefore === null || change.gapNow === null) return t('assessments.compare.notComparable');
  if (change.gapClosed) return t('assessments.compare.closed');
  if (change.gapNarrowed) return t('assessments.compare.narrowed');
  if (change.gapNow > change.gapBefore) return t('assessments.compare.widened');
  return change.gapNow === 0 ? t('assessments.compare.noGap') : t('assessments.compare.unchanged');
}

function ComparisonSection(props: { analysis: GapAnalysis; compareWith: string | undefined; onCompare: (id: string | undefined) => void; loading: boolean }) {
  const { analysis, compareWith, onCompare, loading } = props;
  const { comparison, comparisonOptions } = analysis;
  return (
    <Section title={t('assessments.compare.title')}>
      <Stack gap="sm">
        {comparisonOptions.length === 0 ? (
          <Text size="sm">{t('assessments.compare.none')}</Text>
        ) : (
          <>
            <NativeSelect
              label={t('assessments.compare.with')}
              value={compareWith ?? comparison?.earlier.id ?? ''}
              onChange={(e) => onCompare(e.currentTarget.value || undefined)}
              data={[
                ...(comparison ? [] : [{ value: '', label: t('assessments.compare.choose') }]),
                ...comparisonOptions.map((option) => ({
                  value: option.id,
                  label: t('assessments.compare.option', { title: option.title, date: formatDay(option.submittedAt), scope: scopeText(option.scope, option.scopeSystem) }),
                })),
              ]}
              maw={520}
            />
            {loading && <InlineLoader />}
            {!comparison ? (
              <Text size="sm">{t('assessments.compare.noSameScope')}</Text>
            ) : (
              <>
                <Text size="sm" fw={600}>
                  {t('assessments.compare.summary', { closed: comparison.closed, narrowed: comparison.narrowed, title: comparison.earlier.title, date: formatDay(comparison.earlier.submittedAt) })}
                </Text>
                <ScrollTable minWidth={620} label={t('assessments.compare.title')}>
                  <Table verticalSpacing="xs" striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('assessments.col.category')}</Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('assessments.compare.currentThen')}
                        </Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('assessments.compare.currentNow')}
                        </Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('assessments.compare.gapThen')}
                        </Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('assessments.compare.gapNow')}
                        </Table.Th>
                        <Table.Th scope="col">{t('assessments.compare.change')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {comparison.changes.map((change) => (
                        <Table.Tr key={change.id}>
                          <Table.Th scope="row" fw={500}>
                            {change.id} {change.name}
                          </Table.Th>
                          <Table.Td ta="right">{figure(change.currentBefore)}</Table.Td>
                          <Table.Td ta="right">{figure(change.currentNow)}</Table.Td>
                          <Table.Td ta="right">{figure(change.gapBefore)}</Table.Td>
                          <Table.Td ta="right">{figure(change.gapNow)}</Table.Td>
                          <Table.Td fw={change.gapClosed ? 700 : undefined}>{changeText(change)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              </>
            )}
          </>
        )}
      </Stack>
    </Section>
  );
}

const modeKeys = { online: 'assessments.mode.online', in_person: 'assessments.mode.in_person', blended: 'assessments.mode.blended' } as const;
const cohortStatusKeys = { planned: 'assessments.cohortStatus.planned', open: 'assessments.cohortStatus.open' } as const;

function CoursesSection({ assessmentId }: { assessmentId: string }) {
  const courses = useQuery({
    queryKey: [...assessmentsKey, 'courses', assessmentId],
    queryFn: async () => unwrap(await api.GET('/api/v1/assessments/{id}/recommended-courses', { params: { path: { id: assessmentId } } })),
  });
  return (
    <Section title={t('assessments.courses.title')}>
      {courses.isPending ? (
        <InlineLoader />
      ) : courses.isError ? (
        <PageError error={courses.error} onRetry={() => void courses.refetch()} />
      ) : courses.data.items.length === 0 ? (
        <Text size="sm">{courses.data.gapCategories === 0 ? t('assessments.courses.noGaps') : t('assessments.courses.none')}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('assessments.courses.intro')}</Text>
          {courses.data.items.map((item) => (
            <Paper key={item.course.id} withBorder radius="sm" p="sm" component="article" aria-labelledby={`course-${item.course.id}`}>
              <Stack gap={6}>
                <Title order={3} size="h5" id={`course-${item.course.id}`}>
                  <Anchor component={Link} to={coursePath(item.course.id)}>
                    {item.course.title}
                  </Anchor>
                </Title>
                <Text size="sm" c="dimmed">
                  {t('assessments.courses.by', { organisation: item.course.organisationName })}
                </Text>
                {item.course.summary && <Text size="sm">{item.course.summary}</Text>}
                <Box>
                  <Text size="sm" fw={600}>
                    {t('assessments.courses.addresses')}
                  </Text>
                  <Stack gap={2} component="ul" m={0} pl="md">
                    {item.addresses.map((gap) => (
                      <Text component="li" size="sm" key={gap.categoryId}>
                        {t('assessments.courses.gap', { id: gap.categoryId, name: gap.name, gap: figure(gap.gap) })} {gap.priority && <PriorityBadge />}
                      </Text>
                    ))}
                  </Stack>
                </Box>
                <Box>
                  <Text size="sm" fw={600}>
                    {t('assessments.courses.nextCohorts')}
                  </Text>
                  {item.nextCohorts.length === 0 ? (
                    <Text size="sm">{t('assessments.courses.noCohorts')}</Text>
                  ) : (
                    <Stack gap={2} component="ul" m={0} pl="md">
                      {item.nextCohorts.map((cohort) => (
                        <Text component="li" size="sm" key={cohort.id}>
                          {t('assessments.courses.cohort', {
                            title: cohort.title,
                            from: formatDay(cohort.startsOn),
                            to: formatDay(cohort.endsOn),
                            mode: t(modeKeys[cohort.mode]),
                            status: cohort.status === 'open' || cohort.status === 'planned' ? t(cohortStatusKeys[cohort.status]) : cohort.status,
                          })}
                          {cohort.location ? ` · ${cohort.location}` : ''}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Box>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Section>
  );
}
