import { useEffect } from 'react';
import { t, type MessageKey } from '../i18n/i18n.js';
import type { Membership, ProjectStatus, ScapProject } from './queries.js';

/**
 * How the portal words and formats its data: plurals, membership, status, years and money.
 * The locale follows the message catalogue (English for now).
 */
const LOCALE = 'en';
const pluralRules = new Intl.PluralRules(LOCALE);
const integer = new Intl.NumberFormat(LOCALE);

type PluralBase = { [K in MessageKey]: K extends `${infer Base}.one` ? Base : never }[MessageKey];

/** A message with a count: `portal.x.one` or `portal.x.other`, with {count} formatted. */
export function tCount(base: PluralBase, count: number, vars: Record<string, string | number> = {}): string {
  const form = pluralRules.select(count) === 'one' ? 'one' : 'other';
  return t(`${base}.${form}` as MessageKey, { ...vars, count: integer.format(count) });
}

export const formatInteger = (n: number) => integer.format(n);

export function membershipLabel(membership: Membership): string {
  const labels: Record<Membership, MessageKey> = {
    'pilot-2018': 'portal.membership.pilot-2018',
    'joined-2023': 'portal.membership.joined-2023',
    'joined-2024': 'portal.membership.joined-2024',
  };
  return t(labels[membership]);
}

/**
 * Colours of membership (map marks and badges) and of status and visibility badges. Each is dark
 * enough for 4.5:1 with white text and for 3:1 against the map's land (WCAG 1.4.3 and 1.4.11).
 * Badges use the filled variant: Mantine's light variant with a shade index paints text and
 * background the same colour.
 */
export const membershipBadgeColor: Record<Membership, string> = {
  'pilot-2018': 'blue.8',
  'joined-2023': 'teal.9',
  'joined-2024': 'grape.8',
};
export const membershipColor: Record<Membership, string> = {
  'pilot-2018': 'var(--mantine-color-blue-8)',
  'joined-2023': 'var(--mantine-color-teal-9)',
  'joined-2024': 'var(--mantine-color-grape-8)',
};

export function statusLabel(status: ProjectStatus): string {
  const labels: Record<ProjectStatus, MessageKey> = {
    planning: 'portal.status.planning',
    ongoing: 'portal.status.ongoing',
    completed: 'portal.status.completed',
  };
  return t(labels[status]);
}

export const statusColor: Record<ProjectStatus, string> = { planning: 'gray.7', ongoing: 'indigo.8', completed: 'teal.9' };
export const visibilityColor = { partnership: 'violet.8', restricted: 'red.9' } as const;

export function visibilityLabel(visibility: ScapProject['visibility']): string | null {
  if (visibility === 'partnership') return t('portal.visibility.partnership');
  if (visibility === 'restricted') return t('portal.visibility.restricted');
  return null;
}

export function yearsLabel(startYear: number | null, endYear: number | null): string {
  if (startYear && endYear) return startYear === endYear ? String(startYear) : `${startYear}–${endYear}`;
  if (startYear) return t('portal.years.from', { year: startYear });
  if (endYear) return t('portal.years.until', { year: endYear });
  return t('portal.years.notSet');
}

/**
 * A budget such as "USD 2,400,000". The amount stays a decimal string (it can exceed a double's
 * exact range in rupiah or dong); Intl formats strings exactly. The ISO code avoids "$" meaning
 * different dollars to different readers.
 */
export function budgetLabel(budget: { amount: string; currency: string }): string {
  try {
    const format = new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency: budget.currency,
      currencyDisplay: 'code',
      trailingZeroDisplay: 'stripIfInteger',
    });
    return format.format(budget.amount as Intl.StringNumericLiteral);
  } catch {
    return `${budget.currency} ${budget.amount}`;
  }
}

/** Sets the browser tab's title while a page is shown (screen readers announce it on navigation). */
export function useDocumentTitle(title: string | null) {
  useEffect(() => {
    if (!title) return;
    const previous = document.title;
    document.title = `${title} · ${t('app.name')}`;
    return () => {
      document.title = previous;
    };
  }, [title]);
}
