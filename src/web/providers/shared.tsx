import { Badge, Group, Text } from '@mantine/core';
import type { paths } from '../api/schema.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { useFocusAreaNames } from '../exchanges/shared.js';

export type Solution = paths['/api/v1/solutions']['get']['responses'][200]['content']['application/json']['items'][number];
export type Reasons = { score: number; parts: { text: number; sector: number; focusArea: number; country: number }; sharedTerms: string[]; sector: boolean; focusArea: boolean; country: boolean };

export const sectorName = (sector: string) => t(`pipeline.sector.${sector}` as MessageKey);

/** Why a project and a provider fit: each reason in words, and the score as the sum of its parts. */
export function ReasonList({ reasons, focusAreaId }: { reasons: Reasons; focusAreaId?: string }) {
  const { name } = useFocusAreaNames();
  const items: string[] = [];
  if (reasons.sharedTerms.length) items.push(t('providers.reason.terms', { terms: reasons.sharedTerms.join(', ') }));
  if (reasons.sector) items.push(t('providers.reason.sector'));
  if (reasons.focusArea) items.push(focusAreaId ? t('providers.reason.focusAreaNamed', { area: name(focusAreaId) }) : t('providers.reason.focusArea'));
  if (reasons.country) items.push(t('providers.reason.country'));
  const fmt = (n: number) => n.toFixed(2);
  return (
    <>
      <ul style={{ margin: 0, paddingInlineStart: '1.2rem' }}>
        {items.map((item) => (
          <li key={item}>
            <Text size="sm">{item}</Text>
          </li>
        ))}
      </ul>
      <Text size="xs" c="dimmed">
        {t('providers.reason.score', {
          score: fmt(reasons.score),
          text: fmt(reasons.parts.text),
          sector: fmt(reasons.parts.sector),
          focusArea: fmt(reasons.parts.focusArea),
          country: fmt(reasons.parts.country),
        })}
      </Text>
    </>
  );
}

export function SolutionFacts({ solution }: { solution: Solution }) {
  const { name } = useFocusAreaNames();
  return (
    <>
      {solution.description && <Text size="sm">{solution.description}</Text>}
      <Group gap={4}>
        {solution.sectors.map((s) => (
          <Badge key={s} variant="outline" color="gray.8" style={{ textTransform: 'none' }}>
            {sectorName(s)}
          </Badge>
        ))}
        {solution.focusAreaIds.map((f) => (
          <Badge key={f} variant="light" color="blue.9" style={{ textTransform: 'none' }}>
            {name(f)}
          </Badge>
        ))}
      </Group>
      {solution.technologies.length > 0 && <Text size="sm">{t('providers.solution.technologiesList', { list: solution.technologies.join(', ') })}</Text>}
      {solution.countriesServed.length > 0 && <Text size="sm">{t('providers.solution.countriesList', { list: solution.countriesServed.join(', ') })}</Text>}
      {solution.referenceDeployments && <Text size="sm">{t('providers.solution.referencesList', { list: solution.referenceDeployments })}</Text>}
    </>
  );
}
