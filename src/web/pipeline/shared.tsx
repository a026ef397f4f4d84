import { Anchor, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { paths } from '../api/schema.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { useCities, useFramework } from '../portal/queries.js';
import { groupDigits, wholeUnits } from './money.js';

export { groupDigits } from './money.js';

/** Shapes of the pipeline API's answers, named once for these pages. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
export type PipelineProject = Ok<paths['/api/v1/pipeline-projects']['get']>['items'][number];
export type PipelineDetail = Ok<paths['/api/v1/pipeline-projects/{id}']['get']>;
export type PipelineQuery = NonNullable<paths['/api/v1/pipeline-projects']['get']['parameters']['query']>;
export type Stage = PipelineProject['stage'];
export type Sector = PipelineProject['sector'];
export type DeliveryModel = PipelineProject['deliveryModel'];
export type PipelineVisibility = PipelineProject['visibility'];
export type Money = PipelineProject['money'];
export type ExchangeRate = Ok<paths['/api/v1/exchange-rates']['get']>['items'][number];

export const stages: Stage[] = ['prospective', 'detailed_planning', 'announced', 'under_procurement', 'awarded', 'under_delivery', 'operational'];
export const sectors: Sector[] = ['transport', 'water', 'energy', 'waste', 'digital', 'buildings', 'health', 'public_safety', 'environment', 'other'];
export const deliveryModels: DeliveryModel[] = ['public_investment', 'ppp', 'concession', 'design_build', 'service_contract'];
export const visibilities: PipelineVisibility[] = ['public', 'partnership', 'restricted'];

const stageKeys: Record<Stage, MessageKey> = {
  prospective: 'pipeline.stage.prospective',
  detailed_planning: 'pipeline.stage.detailed_planning',
  announced: 'pipeline.stage.announced',
  under_procurement: 'pipeline.stage.under_procurement',
  awarded: 'pipeline.stage.awarded',
  under_delivery: 'pipeline.stage.under_delivery',
  operational: 'pipeline.stage.operational',
};
const sectorKeys: Record<Sector, MessageKey> = {
  transport: 'pipeline.sector.transport',
  water: 'pipeline.sector.water',
  energy: 'pipeline.sector.energy',
  waste: 'pipeline.sector.waste',
  digital: 'pipeline.sector.digital',
  buildings: 'pipeline.sector.buildings',
  health: 'pipeline.sector.health',
  public_safety: 'pipeline.sector.public_safety',
  environment: 'pipeline.sector.environment',
  other: 'pipeline.sector.other',
};
const deliveryKeys: Record<DeliveryModel, MessageKey> = {
  public_investment: 'pipeline.delivery.public_investment',
  ppp: 'pipeline.delivery.ppp',
  concession: 'pipeline.delivery.concession',
  design_build: 'pipeline.delivery.design_build',
  service_contract: 'pipeline.delivery.service_contract',
};
const visibilityKeys: Record<PipelineVisibility, [MessageKey, MessageKey]> = {
  public: ['pipeline.visibility.public', 'pipeline.visibility.publicHelp'],
  partnership: ['pipeline.visibility.partnership', 'pipeline.visibility.partnershipHelp'],
  restricted: ['pipeline.visibility.restricted', 'pipeline.visibility.restrictedHelp'],
};
export const stageLabel = (stage: Stage) => t(stageKeys[stage]);
export const sectorLabel = (sector: Sector) => t(sectorKeys[sector]);
export const deliveryLabel = (model: DeliveryModel) => t(deliveryKeys[model]);
export const visibilityLabel = (visibility: PipelineVisibility) => t(visibilityKeys[visibility][0]);
export const visibilityHelp = (visibility: PipelineVisibility) => t(visibilityKeys[visibility][1]);

/** The stage as a badge with its position in words ("3 of 7"), so it is not told by colour alone. */
export function StageBadge({ stage }: { stage: Stage }) {
  return (
    <Badge miw="max-content" color="indigo.8" variant="filled">
      {t('pipeline.stage.badge', { stage: stageLabel(stage), n: stages.indexOf(stage) + 1, total: stages.length })}
    </Badge>
  );
}

// Exact money formatting: amounts arrive as decimal strings and are never turned into floats.

export const formatAmount = (amount: string, currency: string) => `${currency} ${groupDigits(amount)}`;

/** "≈ USD 1,234,000 at 25,400 VND/USD of 2026-11-01, source …", or why there is none. */
export function usdNote(value: { usd: string | null }, money: Money): string | null {
  if (money.currency === 'USD') return null;
  if (!money.rate || value.usd === null) return t('pipeline.money.noRate', { currency: money.currency });
  return t('pipeline.money.usd', {
    usd: wholeUnits(value.usd),
    rate: groupDigits(money.rate.unitsPerUsd),
    currency: money.currency,
    date: money.rate.rateDate,
    source: money.rate.source,
  });
}

/** Capital cost, funding secured and the gap, each with its USD equivalent. */
export function MoneyFacts({ money }: { money: Money }) {
  const rows: [string, Money['capitalCost']][] = [
    [t('pipeline.money.capitalCost'), money.capitalCost],
    [t('pipeline.money.fundingSecured'), money.fundingSecured],
    [t('pipeline.money.fundingGap'), money.fundingGap],
  ];
  return (
    <Stack gap={6} component="dl" m={0}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" fw={600}>
            {label}
          </Text>
          <Text component="dd" m={0} size="sm">
            {value ? formatAmount(value.amount, money.currency) : t('pipeline.money.unknown')}
            {value && usdNote(value, money) && (
              <Text component="span" size="sm" c="dimmed" display="block">
                {usdNote(value, money)}
              </Text>
            )}
          </Text>
        </div>
      ))}
      {money.fundingGap && money.fundingGap.amount.startsWith('-') && (
        <Text size="sm">{t('pipeline.money.overFunded')}</Text>
      )}
    </Stack>
  );
}

/** A project in a list: title (a link), where, stage, sector and the capital cost with its USD equivalent. */
export function ProjectCard({ project, href }: { project: PipelineProject; href: string }) {
  const cost = project.money.capitalCost;
  return (
    <Paper component="li" withBorder p="sm" radius="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Anchor component={Link} to={href} fw={600} style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
            {project.title}
          </Anchor>
          <StageBadge stage={project.stage} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('pipeline.card.where', { city: project.cityName, country: project.countryCode, sector: sectorLabel(project.sector), model: deliveryLabel(project.deliveryModel) })}
        </Text>
        <Text size="sm">
          {cost ? t('pipeline.card.cost', { amount: formatAmount(cost.amount, project.money.currency) }) : t('pipeline.card.noCost')}
          {cost && usdNote(cost, project.money) ? ` ${usdNote(cost, project.money)}` : ''}
        </Text>
        {project.visibility !== 'public' && <Text size="xs">{t('pipeline.card.visibility', { visibility: visibilityLabel(project.visibility) })}</Text>}
      </Stack>
    </Paper>
  );
}

export type Filters = { q: string; country: string; city: string; sector: string; focusArea: string; stage: string };
export const filterNames: (keyof Filters)[] = ['q', 'country', 'city', 'sector', 'focusArea', 'stage'];

/** The search box and filters shared by the workspace list and the portal's opportunities. */
export function PipelineFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const cities = useCities();
  const framework = useFramework();
  const [q, setQ] = useState(value.q);
  const countries = [...new Map((cities.data ?? []).map((city) => [city.countryCode, city.countryName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const cityOptions = (cities.data ?? []).filter((city) => !value.country || city.countryCode === value.country).sort((a, b) => a.name.localeCompare(b.name));
  const set = (name: keyof Filters) => (event: { currentTarget: { value: string } }) => {
    const next = { ...value, [name]: event.currentTarget.value };
    if (name === 'country') next.city = '';
    onChange(next);
  };
  function search(event: FormEvent) {
    event.preventDefault();
    onChange({ ...value, q: q.trim() });
  }
  return (
    <Stack gap="sm">
      <form onSubmit={search} role="search">
        <Group align="flex-end" gap="sm">
          <TextInput label={t('pipeline.filter.search')} description={t('pipeline.filter.searchHelp')} value={q} onChange={(e) => setQ(e.currentTarget.value)} style={{ flex: 1, minWidth: 200 }} />
          <Button type="submit">{t('pipeline.filter.searchButton')}</Button>
        </Group>
      </form>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
        <NativeSelect label={t('pipeline.filter.country')} value={value.country} onChange={set('country')} data={[{ value: '', label: t('pipeline.filter.allCountries') }, ...countries.map(([code, name]) => ({ value: code, label: name }))]} />
        <NativeSelect label={t('pipeline.filter.city')} value={value.city} onChange={set('city')} data={[{ value: '', label: t('pipeline.filter.allCities') }, ...cityOptions.map((city) => ({ value: city.id, label: city.name }))]} />
        <NativeSelect label={t('pipeline.filter.sector')} value={value.sector} onChange={set('sector')} data={[{ value: '', label: t('pipeline.filter.allSectors') }, ...sectors.map((s) => ({ value: s, label: sectorLabel(s) }))]} />
        <NativeSelect
          label={t('pipeline.filter.focusArea')}
          value={value.focusArea}
          onChange={set('focusArea')}
          data={[{ value: '', label: t('pipeline.filter.allFocusAreas') }, ...(framework.data?.focusAreas ?? []).map((area) => ({ value: area.id, label: area.name }))]}
        />
        <NativeSelect label={t('pipeline.filter.stage')} value={value.stage} onChange={set('stage')} data={[{ value: '', label: t('pipeline.filter.allStages') }, ...stages.map((s) => ({ value: s, label: stageLabel(s) }))]} />
      </SimpleGrid>
    </Stack>
  );
}

/** Filters → the API's query (empty values left out). */
export function filterQuery(filters: Filters): Partial<Record<keyof Filters, string>> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Partial<Record<keyof Filters, string>>;
}
