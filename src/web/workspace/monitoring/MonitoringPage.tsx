import { Badge, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { PageError } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { projectStatuses, type FocusArea, type MonitoringTally } from '../apiTypes.js';
import { InlineLoader, WorkspaceTitle } from '../forms.js';
import { projectStatusLabel } from '../labels.js';
import { Section } from '../Section.js';
import { useFramework } from '../cities/projectQueries.js';
import { useCountries } from '../WorkspaceFrame.js';
import { ScrollTable } from '../ScrollTable.js';

const FIRST_YEAR = 2018; // the ASEAN Smart Cities Network was founded in 2018

/** `/app/monitoring?year=&country=`: the yearly count of SCAP projects by status and focus area. */
export function MonitoringPage() {
  const [params, setParams] = useSearchParams();
  const currentYear = new Date().getFullYear();
  const year = Number(params.get('year')) || currentYear;
  const country = params.get('country') || null;
  const countries = useCountries();
  const framework = useFramework();
  const monitoring = useQuery({
    queryKey: ['monitoring', year, country],
    queryFn: async () => unwrap(await api.GET('/api/v1/monitoring', { params: { query: { year, country: country ?? undefined } } })),
    placeholderData: keepPreviousData,
  });

  const years = Array.from({ length: currentYear + 6 - FIRST_YEAR }, (_, i) => String(currentYear + 5 - i));
  const update = (key: 'year' | 'country', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const focusAreas = framework.data?.focusAreas ?? [];

  return (
    <>
      <WorkspaceTitle description={t('workspace.monitoring.description')}>{t('workspace.monitoring.title')}</WorkspaceTitle>
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('workspace.monitoring.year')}
            data={years}
            value={String(year)}
            onChange={(value) => update('year', value)}
            allowDeselect={false}
            w={140}
          />
          <Select
            label={t('workspace.field.country')}
            data={[
              { value: 'all', label: t('workspace.allCountries') },
              ...(countries.data ?? []).filter((c) => c.isAseanMember).map((c) => ({ value: c.code, label: c.name })),
            ]}
            value={country ?? 'all'}
            onChange={(value) => update('country', value && value !== 'all' ? value : null)}
            allowDeselect={false}
            w={240}
          />
        </Group>
        {monitoring.isPending ? (
          <InlineLoader />
        ) : monitoring.isError ? (
          <PageError error={monitoring.error} onRetry={() => monitoring.refetch()} />
        ) : (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('workspace.monitoring.scope', { year: monitoring.data.year, total: monitoring.data.network.total })}
            </Text>
            <Totals
              tally={monitoring.data.network}
              focusAreas={focusAreas}
              scope={country ? (countries.data?.find((c) => c.code === country)?.name ?? country) : t('workspace.monitoring.network')}
            />
            <Section title={t('workspace.monitoring.byCountry')}>
              <TallyTable
                caption={t('workspace.monitoring.byCountryCaption', { year: monitoring.data.year })}
                nameHeader={t('workspace.field.country')}
                rows={monitoring.data.countries.map((c) => ({ key: c.code, name: c.name, tally: c }))}
                focusAreas={focusAreas}
              />
            </Section>
            <Section title={t('workspace.monitoring.byCity')}>
              <TallyTable
                caption={t('workspace.monitoring.byCityCaption', { year: monitoring.data.year })}
                nameHeader={t('workspace.field.city')}
                rows={monitoring.data.cities
                  .slice()
                  .sort((a, b) => a.countryCode.localeCompare(b.countryCode) || a.name.localeCompare(b.name))
                  .map((c) => ({ key: c.id, name: c.name, detail: c.countryCode, tally: c }))}
                focusAreas={focusAreas}
              />
            </Section>
            <FocusAreaLegend focusAreas={focusAreas} />
          </>
        )}
      </Stack>
    </>
  );
}

function Totals({ tally, focusAreas, scope }: { tally: MonitoringTally; focusAreas: FocusArea[]; scope: string }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Section title={t('workspace.monitoring.scopeByStatus', { scope })}>
        <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="xs">
          <Stat label={t('workspace.monitoring.total')} value={tally.total} />
          {projectStatuses.map((status) => (
            <Stat key={status} label={projectStatusLabel(status)} value={tally.byStatus[status] ?? 0} />
          ))}
        </SimpleGrid>
      </Section>
      <Section title={t('workspace.monitoring.scopeByFocusArea', { scope })}>
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {focusAreas.map((area) => (
            <Group key={area.id} component="li" justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">
                <Badge variant="outline" color="gray.8" mr={6} aria-hidden>
                  {area.code}
                </Badge>
                {area.name}
              </Text>
              <Text size="sm" fw={700}>
                {tally.byFocusArea[area.id] ?? 0}
              </Text>
            </Group>
          ))}
        </Stack>
      </Section>
    </SimpleGrid>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Paper bg="gray.0" p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

/** Focus-area columns carry the short code for sighted readers and the full name for screen readers. */
function FocusAreaHeader({ area }: { area: FocusArea }) {
  return (
    <Table.Th scope="col" ta="right">
      <Tooltip label={area.name} withArrow>
        <span aria-hidden>{area.code}</span>
      </Tooltip>
      <VisuallyHidden>{area.name}</VisuallyHidden>
    </Table.Th>
  );
}

function TallyTable({
  caption,
  nameHeader,
  rows,
  focusAreas,
}: {
  caption: string;
  nameHeader: string;
  rows: { key: string; name: string; detail?: string; tally: MonitoringTally }[];
  focusAreas: FocusArea[];
}) {
  return (
    <ScrollTable minWidth={560 + focusAreas.length * 48} label={caption}>
      <Table striped verticalSpacing={4} fz="sm">
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{nameHeader}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('workspace.monitoring.total')}
            </Table.Th>
            {projectStatuses.map((status) => (
              <Table.Th key={status} scope="col" ta="right">
                {projectStatusLabel(status)}
              </Table.Th>
            ))}
            {focusAreas.map((area) => (
              <FocusAreaHeader key={area.id} area={area} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={500}>
                {row.name}
                {row.detail && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({row.detail})
                  </Text>
                )}
              </Table.Th>
              <Table.Td ta="right" fw={700}>
                {row.tally.total}
              </Table.Td>
              {projectStatuses.map((status) => (
                <Count key={status} value={row.tally.byStatus[status] ?? 0} />
              ))}
              {focusAreas.map((area) => (
                <Count key={area.id} value={row.tally.byFocusArea[area.id] ?? 0} />
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** Zeros are greyed (still 4.5:1) so the numbers that matter stand out. */
function Count({ value }: { value: number }) {
  return (
    <Table.Td ta="right" c={value === 0 ? 'dimmed' : undefined}>
      {value}
    </Table.Td>
  );
}

function FocusAreaLegend({ focusAreas }: { focusAreas: FocusArea[] }) {
  return (
    <Text size="xs" c="dimmed" aria-hidden>
      {focusAreas.map((area) => `${area.code} = ${area.name}`).join(' · ')}
    </Text>
  );
}
