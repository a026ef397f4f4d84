import { Badge, Group, TextInput } from '@mantine/core';
import type { paths } from '../api/schema.js';
import { t, type MessageKey } from '../i18n/i18n.js';

/** Shapes of the deals API's answers, named once for these pages. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
export type DealDetail = Ok<paths['/api/v1/deals/{dealId}']['get']>;
export type DealSummary = Ok<paths['/api/v1/deals']['get']>['items'][number];
export type DealStage = DealSummary['stage'];
export type DealSource = DealSummary['source'];
export type DealValue = NonNullable<DealSummary['value']>;
export type DealFormOptions = Ok<paths['/api/v1/deals/form-options']['get']>;
export type HistoryEntry = DealDetail['history'][number];

export const dealsKey = ['deals'];
export const dealKey = (id: string) => ['deal', id];
export const dealPath = (id: string) => `/app/deals/${id}`;

/** What "Record a deal" links elsewhere prefill: `/app/deals?new=1&…` (see DealsPage). */
export type DealLinkPrefill = {
  source: DealSource;
  cityId: string;
  partnerOrganisationId?: string;
  partnerName?: string;
  investmentProjectId?: string;
  assistanceRequestId?: string;
};
export function recordDealPath(prefill: DealLinkPrefill): string {
  const params = new URLSearchParams({ new: '1', source: prefill.source, city: prefill.cityId });
  if (prefill.partnerOrganisationId) params.set('partner', prefill.partnerOrganisationId);
  if (prefill.partnerName) params.set('partnerName', prefill.partnerName);
  if (prefill.investmentProjectId) params.set('project', prefill.investmentProjectId);
  if (prefill.assistanceRequestId) params.set('request', prefill.assistanceRequestId);
  return `/app/deals?${params.toString()}`;
}

/** The stages in order: a lead becomes a letter of intent, an MoU, then a contract (and may move back). */
export const dealStages: DealStage[] = ['lead', 'letter_of_intent', 'mou', 'contract'];
export const dealSources: DealSource[] = ['meeting', 'mission', 'event', 'assistance_request', 'project_interest', 'other'];

const stageKeys: Record<DealStage, MessageKey> = {
  lead: 'deals.stage.lead',
  letter_of_intent: 'deals.stage.letter_of_intent',
  mou: 'deals.stage.mou',
  contract: 'deals.stage.contract',
};
const sourceKeys: Record<DealSource, MessageKey> = {
  meeting: 'deals.source.meeting',
  mission: 'deals.source.mission',
  event: 'deals.source.event',
  assistance_request: 'deals.source.assistance_request',
  project_interest: 'deals.source.project_interest',
  other: 'deals.source.other',
};
export const stageLabel = (stage: DealStage) => t(stageKeys[stage]);
export const sourceLabel = (source: DealSource) => t(sourceKeys[source]);

// Filled badges with white text: only shades dark enough for 4.5:1 contrast. The text names the stage.
const stageColors: Record<DealStage, string> = { lead: 'gray.8', letter_of_intent: 'blue.8', mou: 'grape.8', contract: 'teal.9' };

export function StageBadge({ stage }: { stage: DealStage }) {
  return (
    <Badge miw="max-content" color={stageColors[stage]}>
      {stageLabel(stage)}
    </Badge>
  );
}

/** "$1,250,000.50", from the exact decimal the API gives (Intl formats decimal strings without rounding through floating point). */
export function formatMoney(value: { amount: string; currency: string }): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: value.currency }).format(value.amount as `${number}`);
  } catch {
    return `${value.amount} ${value.currency}`;
  }
}

/** The value fields of a form: an amount and its currency, both text until sent. */
export type MoneyDraft = { amount: string; currency: string };
export const emptyMoney: MoneyDraft = { amount: '', currency: 'USD' };
export const moneyDraftOf = (value: DealValue | null): MoneyDraft => (value ? { amount: value.amount, currency: value.currency } : emptyMoney);
/** An empty amount means "no value". */
export const moneyBody = (draft: MoneyDraft) => (draft.amount.trim() === '' ? null : { amount: draft.amount.trim().replace(/,/g, ''), currency: draft.currency.trim().toUpperCase() });

export function MoneyFields({
  value,
  onChange,
  errors,
  label,
}: {
  value: MoneyDraft;
  onChange: (value: MoneyDraft) => void;
  errors: { amount?: string; currency?: string };
  label?: string;
}) {
  return (
    <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
      <TextInput
        label={label ?? t('deals.field.amount')}
        description={t('deals.field.amountHelp')}
        inputMode="decimal"
        value={value.amount}
        onChange={(e) => onChange({ ...value, amount: e.currentTarget.value })}
        error={errors.amount}
        miw={180}
      />
      <TextInput
        label={t('deals.field.currency')}
        description={t('deals.field.currencyHelp')}
        maxLength={3}
        value={value.currency}
        onChange={(e) => onChange({ ...value, currency: e.currentTarget.value.toUpperCase() })}
        error={errors.currency}
        maw={160}
        miw={120}
      />
    </Group>
  );
}
