import { Badge } from '@mantine/core';
import type { paths } from '../api/schema.js';
import { t, type MessageKey } from '../i18n/i18n.js';

/** Shapes of the assistance API's answers, named once for these pages. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
export type AssistanceDetail = Ok<paths['/api/v1/assistance-requests/{requestId}']['get']>;
export type AssistanceSummary = Ok<paths['/api/v1/assistance-requests']['get']>['items'][number];
export type AssistanceStatus = AssistanceSummary['status'];
export type AssistanceKind = AssistanceSummary['kind'];
export type AssistanceOptions = Ok<paths['/api/v1/assistance-requests/options']['get']>;

export const assistanceKey = (id: string) => ['assistance-request', id];
export const assistanceListKey = ['assistance-requests'];

export const allStatuses: AssistanceStatus[] = ['draft', 'submitted', 'screening', 'approved', 'declined', 'in_progress', 'delivered', 'closed'];
export const allKinds: AssistanceKind[] = ['feasibility_study', 'technical_assistance'];

const statusKeys: Record<AssistanceStatus, MessageKey> = {
  draft: 'assistance.status.draft',
  submitted: 'assistance.status.submitted',
  screening: 'assistance.status.screening',
  approved: 'assistance.status.approved',
  declined: 'assistance.status.declined',
  in_progress: 'assistance.status.in_progress',
  delivered: 'assistance.status.delivered',
  closed: 'assistance.status.closed',
};
// Filled badges with white text: only shades dark enough for 4.5:1 contrast. The text says the status; colour only repeats it.
const statusColors: Record<AssistanceStatus, string> = {
  draft: 'gray.8',
  submitted: 'blue.8',
  screening: 'violet.8',
  approved: 'teal.9',
  declined: 'red.9',
  in_progress: 'blue.8',
  delivered: 'grape.8',
  closed: 'gray.8',
};
const kindKeys: Record<AssistanceKind, MessageKey> = {
  feasibility_study: 'assistance.kind.feasibility_study',
  technical_assistance: 'assistance.kind.technical_assistance',
};

export const statusLabel = (status: AssistanceStatus) => t(statusKeys[status]);
export const kindLabel = (kind: AssistanceKind) => t(kindKeys[kind]);

export function StatusBadge({ status }: { status: AssistanceStatus }) {
  return (
    <Badge miw="max-content" color={statusColors[status]}>
      {statusLabel(status)}
    </Badge>
  );
}
