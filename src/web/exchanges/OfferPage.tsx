import { Button, Checkbox, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, formatDateTime, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { isUsPartner, SuggestionList, useFocusAreaNames, type Offer } from './shared.js';

const offerKey = (organisationId: string) => ['exchange-offer', organisationId];

/** `/app/exchanges/offer`: a U.S. partner describes the expertise it offers, and sees the cities that fit it. */
export function OfferPage() {
  const actor = useActor();
  const organisationId = actor.organisation.id;
  const partner = isUsPartner(actor);
  const offer = useQuery({
    queryKey: offerKey(organisationId),
    // No offer yet answers 404: the form starts empty.
    queryFn: async () => {
      try {
        return unwrap(await api.GET('/api/v1/exchange-offers/{organisationId}', { params: { path: { organisationId } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: partner,
  });
  const title = <WorkspaceTitle description={t('exchanges.offer.description', { organisation: actor.organisation.name })}>{t('exchanges.offer.title')}</WorkspaceTitle>;
  if (!partner)
    return (
      <>
        {title}
        <Text>{t('exchanges.offer.notPartner')}</Text>
      </>
    );
  if (offer.isPending) return <PageLoader />;
  if (offer.isError) return <PageError error={offer.error} onRetry={() => offer.refetch()} />;
  return (
    <>
      {title}
      <Stack gap="md">
        <OfferForm organisationId={organisationId} offer={offer.data} />
        <Section title={t('exchanges.offer.fittingCities')}>
          {offer.data ? (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('exchanges.offer.fittingCitiesIntro')}
              </Text>
              <SuggestionList query={{ organisationId }} show="city" />
            </Stack>
          ) : (
            <Text size="sm">{t('exchanges.offer.saveFirst')}</Text>
          )}
        </Section>
      </Stack>
    </>
  );
}

function OfferForm({ organisationId, offer }: { organisationId: string; offer: Offer | null }) {
  const queryClient = useQueryClient();
  const { areas } = useFocusAreaNames();
  const [focusAreaIds, setFocusAreaIds] = useState(offer?.focusAreaIds ?? []);
  const [sectors, setSectors] = useState(offer?.sectors ?? []);
  const [expertiseSummary, setSummary] = useState(offer?.expertiseSummary ?? '');
  const [keywords, setKeywords] = useState(offer?.keywords ?? []);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/exchange-offers/{organisationId}', {
          params: { path: { organisationId } },
          body: { focusAreaIds, sectors, expertiseSummary, keywords },
        }),
      ),
    onSuccess: async (result) => {
      queryClient.setQueryData(offerKey(organisationId), result);
      await queryClient.invalidateQueries({ queryKey: ['pairing-suggestions'] });
      setSaved(true);
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  }
  return (
    <Section title={t('exchanges.offer.formTitle')}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            {offer ? t('exchanges.offer.updated', { date: formatDateTime(offer.updatedAt) }) : t('exchanges.offer.none')}
          </Text>
          {saved && <SuccessAlert>{t('exchanges.offer.saved')}</SuccessAlert>}
          <FormAlert error={save.error} />
          <Checkbox.Group label={t('exchanges.field.focusAreas')} description={t('exchanges.offer.focusHelp')} withAsterisk value={focusAreaIds} onChange={setFocusAreaIds} error={errors.focusAreaIds}>
            <Stack gap={6} mt={6}>
              {areas.map((area) => (
                <Checkbox key={area.id} value={area.id} label={area.name} />
              ))}
            </Stack>
          </Checkbox.Group>
          <TagsInput label={t('exchanges.field.sectors')} description={t('exchanges.field.tagsHint')} value={sectors} onChange={setSectors} maxTags={20} error={errors.sectors} />
          <Textarea label={t('exchanges.field.expertiseSummary')} autosize minRows={4} value={expertiseSummary} onChange={(e) => setSummary(e.currentTarget.value)} error={errors.expertiseSummary} />
          <TagsInput label={t('exchanges.field.keywords')} description={t('exchanges.field.keywordsHint')} value={keywords} onChange={setKeywords} maxTags={40} error={errors.keywords} />
          <Button type="submit" loading={save.isPending} w="fit-content">
            {t('exchanges.offer.save')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}
