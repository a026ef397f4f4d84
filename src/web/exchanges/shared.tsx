import { Badge, Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import type { paths } from '../api/schema.js';
import { PageError } from '../app/pages.js';
import type { SessionActor } from '../app/session.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { useFramework } from '../workspace/cities/projectQueries.js';
import { InlineLoader } from '../workspace/forms.js';
import { isUsPartnerKind } from '../workspace/apiTypes.js';

/** Shapes of the exchanges API's answers, named once for these pages. */
type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
export type PairingDetail = Ok<paths['/api/v1/pairings/{pairingId}']['get']>;
export type PairingSummary = Ok<paths['/api/v1/pairings']['get']>['items'][number];
export type PairingStatus = PairingSummary['status'];
export type Suggestion = Ok<paths['/api/v1/pairing-suggestions']['get']>['items'][number];
export type Offer = Ok<paths['/api/v1/exchange-offers/{organisationId}']['get']>;
export type Activity = NonNullable<PairingDetail['activities']>[number];
export type ActivityKind = Activity['kind'];
export type ActivityStatus = Activity['status'];
export type Side = Activity['ownerSide'];
export type Transition = NonNullable<PairingDetail['transitions']>[number];

export const isUsPartner = (actor: SessionActor) => isUsPartnerKind(actor.organisation.kind);

export const pairingKey = (id: string) => ['pairing', id];
export const pairingsKey = ['pairings'];

/** The lifecycle, in order; declined and withdrawn end it early. */
export const lifecycle: PairingStatus[] = ['proposed', 'accepted', 'letter_of_intent', 'memorandum_signed', 'active', 'completed'];
export const allStatuses: PairingStatus[] = [...lifecycle, 'declined', 'withdrawn'];

const statusKeys: Record<PairingStatus, MessageKey> = {
  proposed: 'exchanges.status.proposed',
  accepted: 'exchanges.status.accepted',
  letter_of_intent: 'exchanges.status.letter_of_intent',
  memorandum_signed: 'exchanges.status.memorandum_signed',
  active: 'exchanges.status.active',
  completed: 'exchanges.status.completed',
  declined: 'exchanges.status.declined',
  withdrawn: 'exchanges.status.withdrawn',
};
// Filled badges with white text: only shades dark enough for 4.5:1 contrast.
const statusColors: Record<PairingStatus, string> = {
  proposed: 'violet.8',
  accepted: 'blue.8',
  letter_of_intent: 'blue.8',
  memorandum_signed: 'grape.8',
  active: 'teal.9',
  completed: 'teal.9',
  declined: 'red.9',
  withdrawn: 'gray.8',
};
export const statusLabel = (status: PairingStatus) => t(statusKeys[status]);

export function StatusBadge({ status }: { status: PairingStatus }) {
  return (
    <Badge miw="max-content" color={statusColors[status]}>
      {statusLabel(status)}
    </Badge>
  );
}

const kindKeys: Record<ActivityKind, MessageKey> = {
  exchange_visit: 'exchanges.activityKind.exchange_visit',
  webinar: 'exchanges.activityKind.webinar',
  staff_placement: 'exchanges.activityKind.staff_placement',
  joint_project: 'exchanges.activityKind.joint_project',
  other: 'exchanges.activityKind.other',
};
const activityStatusKeys: Record<ActivityStatus, MessageKey> = {
  planned: 'exchanges.activityStatus.planned',
  done: 'exchanges.activityStatus.done',
  cancelled: 'exchanges.activityStatus.cancelled',
};
export const activityKinds = Object.keys(kindKeys) as ActivityKind[];
export const activityStatuses = Object.keys(activityStatusKeys) as ActivityStatus[];
export const activityKindLabel = (kind: ActivityKind) => t(kindKeys[kind]);
export const activityStatusLabel = (status: ActivityStatus) => t(activityStatusKeys[status]);
export const activityStatusColor: Record<ActivityStatus, string> = { planned: 'blue.8', done: 'teal.9', cancelled: 'gray.8' };

/** Focus area id → name, from the framework (loaded once). */
export function useFocusAreaNames() {
  const framework = useFramework();
  const areas = framework.data?.focusAreas ?? [];
  return { areas, name: (id: string) => areas.find((area) => area.id === id)?.name ?? id };
}

export function FocusAreaBadges({ ids }: { ids: string[] }) {
  const { name } = useFocusAreaNames();
  if (ids.length === 0) return null;
  return (
    <Group gap={4}>
      {ids.map((id) => (
        <Badge key={id} variant="outline" color="gray.8" style={{ textTransform: 'none' }} maw="100%">
          {name(id)}
        </Badge>
      ))}
    </Group>
  );
}

/**
 * Ranked pairing suggestions (for a city: U.S. partners; for a U.S. partner: cities), with their
 * reasons. `onPropose` adds "Propose a pairing" to each (the secretariat).
 */
export function SuggestionList({
  query,
  show,
  onPropose,
}: {
  query: { cityId: string } | { organisationId: string };
  show: 'partner' | 'city';
  onPropose?: (suggestion: Suggestion) => void;
}) {
  const suggestions = useQuery({
    queryKey: ['pairing-suggestions', query],
    queryFn: async () => unwrap(await api.GET('/api/v1/pairing-suggestions', { params: { query: { ...query, limit: 10 } } })).items,
  });
  if (suggestions.isPending) return <InlineLoader />;
  if (suggestions.isError) return <PageError error={suggestions.error} />;
  if (suggestions.data.length === 0) return <Text size="sm">{t('exchanges.suggestions.none')}</Text>;
  return (
    <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('exchanges.suggestions.listLabel')}>
      {suggestions.data.map((suggestion, index) => {
        const name = show === 'partner' ? suggestion.organisationName : suggestion.cityName;
        return (
          <Paper component="li" key={`${suggestion.organisationId}-${suggestion.cityId}`} withBorder p="sm" radius="sm">
            <Group justify="space-between" align="flex-start" gap="xs">
              <Box style={{ minWidth: 0, flex: 1 }}>
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {t('exchanges.suggestions.rank', { rank: index + 1, name })}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('exchanges.suggestions.score', { score: Math.round(suggestion.score * 100) / 100 })}
                </Text>
              </Box>
              {onPropose && (
                <Button size="compact-sm" variant="outline" onClick={() => onPropose(suggestion)} aria-label={t('exchanges.suggestions.proposeNamed', { partner: suggestion.organisationName, city: suggestion.cityName })}>
                  {t('exchanges.suggestions.propose')}
                </Button>
              )}
            </Group>
            {suggestion.reasons.length > 0 && (
              <Box component="ul" mt={4} mb={0} pl="md">
                {suggestion.reasons.map((reason) => (
                  <Text component="li" size="sm" key={reason} style={{ overflowWrap: 'anywhere' }}>
                    {reason}
                  </Text>
                ))}
              </Box>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
