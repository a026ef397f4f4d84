import { Anchor, Button, Checkbox, Group, NativeSelect, Paper, Stack, Switch, Text, Textarea } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { isSecretariat, useActor, useCountryName } from '../workspace/WorkspaceFrame.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import {
  allStatuses,
  FocusAreaBadges,
  isUsPartner,
  pairingsKey,
  StatusBadge,
  statusLabel,
  SuggestionList,
  useFocusAreaNames,
  type PairingStatus,
  type PairingSummary,
  type Suggestion,
} from './shared.js';

/** `/app/exchanges`: the pairings the viewer may see; suggestions for the secretariat and for city staff. */
export function ExchangesPage() {
  const actor = useActor();
  const secretariat = isSecretariat(actor);
  const ownCity = actor.organisation.kind === 'city_government' ? actor.organisation.cityId : null;
  return (
    <>
      <WorkspaceTitle description={t('exchanges.list.description')}>{t('exchanges.list.title')}</WorkspaceTitle>
      <Stack gap="md">
        {isUsPartner(actor) && (
          <Text size="sm">
            {t('exchanges.list.offerHint')}{' '}
            <Anchor component={Link} to="/app/exchanges/offer">
              {t('exchanges.nav.offer')}
            </Anchor>
          </Text>
        )}
        {secretariat && <SecretariatSuggestions />}
        {ownCity && (
          <Section title={t('exchanges.suggestions.forOurCity')}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('exchanges.suggestions.forOurCityIntro')}
              </Text>
              <SuggestionList query={{ cityId: ownCity }} show="partner" />
            </Stack>
          </Section>
        )}
        <PairingList />
      </Stack>
    </>
  );
}

function PairingList() {
  const [status, setStatus] = useState<PairingStatus | ''>('');
  const pairings = useInfiniteQuery({
    queryKey: [...pairingsKey, status],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/v1/pairings', { params: { query: { status: status || undefined, cursor: pageParam, limit: 50 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = pairings.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Section title={t('exchanges.list.pairings')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('exchanges.list.statusFilter')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as PairingStatus | '')}
          data={[{ value: '', label: t('exchanges.list.allStatuses') }, ...allStatuses.map((value) => ({ value, label: statusLabel(value) }))]}
          maw={320}
        />
        {pairings.isPending ? (
          <InlineLoader />
        ) : pairings.isError ? (
          <PageError error={pairings.error} onRetry={() => pairings.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm">{status ? t('exchanges.list.noneWithStatus') : t('exchanges.list.none')}</Text>
        ) : (
          <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((pairing) => (
              <PairingCard key={pairing.id} pairing={pairing} />
            ))}
          </Stack>
        )}
        {pairings.hasNextPage && (
          <Button variant="outline" w="fit-content" loading={pairings.isFetchingNextPage} onClick={() => pairings.fetchNextPage()}>
            {t('workspace.loadMore')}
          </Button>
        )}
      </Stack>
    </Section>
  );
}

function PairingCard({ pairing }: { pairing: PairingSummary }) {
  const country = useCountryName(pairing.countryCode);
  return (
    <Paper component="li" withBorder p="sm" radius="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="xs">
          <Anchor component={Link} to={`/app/exchanges/${pairing.id}`} fw={600} style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
            {t('exchanges.pairingName', { partner: pairing.usOrganisationName, city: pairing.cityName })}
          </Anchor>
          <StatusBadge status={pairing.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('exchanges.sides', { partner: pairing.usOrganisationName, city: country ? `${pairing.cityName}, ${country}` : pairing.cityName })}
        </Text>
        {pairing.status === 'proposed' && (
          <Text size="sm">
            {t('exchanges.acceptances', {
              partner: pairing.usAccepted ? t('exchanges.accepted') : t('exchanges.notYetAccepted'),
              city: pairing.cityAccepted ? t('exchanges.accepted') : t('exchanges.notYetAccepted'),
            })}
          </Text>
        )}
        <FocusAreaBadges ids={pairing.focusAreaIds} />
      </Stack>
    </Paper>
  );
}

function SecretariatSuggestions() {
  const [cityId, setCityId] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [proposing, setProposing] = useState<Suggestion | null>(null);
  // Loaded before any proposal, whose focus areas are prefilled from the suggestion's reasons.
  const { areas } = useFocusAreaNames();
  const cities = useQuery({ queryKey: ['cities', 'all'], queryFn: async () => unwrap(await api.GET('/api/v1/cities', { params: { query: {} } })).items });
  const offers = useQuery({ queryKey: ['exchange-offers'], queryFn: async () => unwrap(await api.GET('/api/v1/exchange-offers', { params: { query: { limit: 100 } } })).items });
  return (
    <Section title={t('exchanges.suggestions.title')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('exchanges.suggestions.intro')}
        </Text>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('exchanges.suggestions.city')}
            value={cityId}
            onChange={(e) => {
              setCityId(e.currentTarget.value);
              setOrganisationId('');
            }}
            data={[{ value: '', label: t('workspace.choose') }, ...(cities.data ?? []).map((city) => ({ value: city.id, label: city.name }))]}
            w={{ base: '100%', xs: 260 }}
          />
          <NativeSelect
            label={t('exchanges.suggestions.partner')}
            value={organisationId}
            onChange={(e) => {
              setOrganisationId(e.currentTarget.value);
              setCityId('');
            }}
            data={[{ value: '', label: t('workspace.choose') }, ...(offers.data ?? []).map((offer) => ({ value: offer.organisationId, label: offer.organisationName }))]}
            w={{ base: '100%', xs: 260 }}
          />
        </Group>
        {cityId ? (
          <SuggestionList query={{ cityId }} show="partner" onPropose={setProposing} />
        ) : organisationId ? (
          <SuggestionList query={{ organisationId }} show="city" onPropose={setProposing} />
        ) : (
          <Text size="sm">{t('exchanges.suggestions.pick')}</Text>
        )}
      </Stack>
      {proposing && <ProposeModal suggestion={proposing} areas={areas} onClose={() => setProposing(null)} />}
    </Section>
  );
}

/** Focus areas that a suggestion's reasons name ("shared focus area: Quality environment (…)"). */
function focusAreasOf(suggestion: Suggestion, areas: { id: string; name: string }[]): string[] {
  return areas.filter((area) => suggestion.reasons.some((reason) => reason.toLowerCase().includes(`focus area: ${area.name.toLowerCase()}`))).map((area) => area.id);
}

function ProposeModal({ suggestion, areas, onClose }: { suggestion: Suggestion; areas: { id: string; name: string }[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Until changed here, the focus areas that the suggestion's reasons name.
  const [chosen, setFocusAreaIds] = useState<string[] | null>(null);
  const focusAreaIds = chosen ?? focusAreasOf(suggestion, areas);
  const [objectives, setObjectives] = useState(() =>
    t('exchanges.propose.objectivesDraft', { partner: suggestion.organisationName, city: suggestion.cityName, reasons: suggestion.reasons.join('; ') }),
  );
  const [isPublic, setPublic] = useState(false);
  const propose = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/pairings', {
          body: { usOrganisationId: suggestion.organisationId, cityId: suggestion.cityId, focusAreaIds, objectives, public: isPublic },
        }),
      ),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: pairingsKey });
      onClose();
      await navigate(`/app/exchanges/${created.id}`);
    },
  });
  const errors = fieldErrorsOf(propose.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    propose.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} size="lg" title={t('exchanges.propose.title')}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('exchanges.propose.intro', { partner: suggestion.organisationName, city: suggestion.cityName })}</Text>
          <FormAlert error={propose.error} />
          <Checkbox.Group label={t('exchanges.field.focusAreas')} value={focusAreaIds} onChange={setFocusAreaIds} error={errors.focusAreaIds}>
            <Stack gap={6} mt={6}>
              {areas.map((area) => (
                <Checkbox key={area.id} value={area.id} label={area.name} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Textarea label={t('exchanges.field.objectives')} autosize minRows={4} value={objectives} onChange={(e) => setObjectives(e.currentTarget.value)} error={errors.objectives} />
          <Switch label={t('exchanges.field.public')} description={t('exchanges.field.publicHelp')} checked={isPublic} onChange={(e) => setPublic(e.currentTarget.checked)} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={propose.isPending}>
              {t('exchanges.propose.submit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}
