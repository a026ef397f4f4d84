import { Anchor, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader, PageTitle } from '../app/pages.js';
import { useFocusAreaNames } from '../exchanges/shared.js';
import { t } from '../i18n/i18n.js';
import { useDocumentTitle } from '../portal/presentation.js';
import { Section } from '../workspace/Section.js';
import { projectSectorOptions, projectSectors } from './options.js';
import { SolutionFacts } from './shared.js';

const filterNames = ['q', 'sector', 'focusArea', 'country'] as const;
type Filters = Record<(typeof filterNames)[number], string>;

/** `/solutions`: the public directory of solutions; filters live in the address so a view can be shared. */
export function DirectoryPage() {
  useDocumentTitle(t('providers.directory.title'));
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(filterNames.map((n) => [n, params.get(n) ?? ''])) as Filters;
  const [draft, setDraft] = useState(filters);
  const { areas } = useFocusAreaNames();
  const sector = projectSectors.find((s) => s === filters.sector);
  const query = {
    limit: 50,
    ...(filters.q && { q: filters.q }),
    ...(sector && { sector }),
    ...(filters.focusArea && { focusArea: filters.focusArea }),
    ...(filters.country && { country: filters.country }),
  };
  const list = useQuery({ queryKey: ['solutions-directory', query], queryFn: async () => unwrap(await api.GET('/api/v1/solutions', { params: { query } })) });
  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== '')));
  }
  return (
    <Stack gap="md">
      <PageTitle description={t('providers.directory.description')}>{t('providers.directory.title')}</PageTitle>
      <form onSubmit={submit} role="search" aria-label={t('providers.directory.filters')}>
        <Group align="end" gap="sm" wrap="wrap">
          <TextInput label={t('providers.directory.search')} value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.currentTarget.value })} miw={200} />
          <Select label={t('providers.field.sector')} clearable data={projectSectorOptions()} value={draft.sector || null} onChange={(v) => setDraft({ ...draft, sector: v ?? '' })} />
          <Select label={t('providers.field.focusArea')} clearable data={areas.map((a) => ({ value: a.id, label: a.name }))} value={draft.focusArea || null} onChange={(v) => setDraft({ ...draft, focusArea: v ?? '' })} />
          <TextInput label={t('providers.field.country')} description={t('providers.field.countryHint')} maxLength={2} w={120} value={draft.country} onChange={(e) => setDraft({ ...draft, country: e.currentTarget.value })} />
          <Button type="submit">{t('providers.directory.apply')}</Button>
        </Group>
      </form>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <>
          <Text size="sm" role="status">
            {t('providers.directory.count', { count: list.data.total })}
          </Text>
          {list.data.items.map((s) => (
            <Section key={s.id} title={s.name}>
              <Stack gap={4}>
                <Anchor component={Link} to={`/solutions/${s.organisationId}`} size="sm">
                  {s.organisationName}
                </Anchor>
                <SolutionFacts solution={s} />
              </Stack>
            </Section>
          ))}
        </>
      )}
    </Stack>
  );
}

/** `/solutions/:organisationId`: a company's profile with the solutions the viewer may see. */
export function CompanyPage() {
  const { organisationId = '' } = useParams();
  const profile = useQuery({
    queryKey: ['company-solutions', organisationId],
    queryFn: async () => unwrap(await api.GET('/api/v1/companies/{organisationId}/solutions', { params: { path: { organisationId } } })),
  });
  useDocumentTitle(profile.data?.organisation.name ?? t('providers.directory.title'));
  if (profile.isPending) return <PageLoader />;
  if (profile.isError) return <PageError error={profile.error} onRetry={() => profile.refetch()} />;
  const { organisation, solutions } = profile.data;
  return (
    <Stack gap="md">
      <PageTitle description={organisation.description ?? undefined}>{organisation.name}</PageTitle>
      {organisation.website && <Anchor href={organisation.website}>{organisation.website}</Anchor>}
      <Anchor component={Link} to="/solutions" size="sm">
        {t('providers.directory.back')}
      </Anchor>
      <Title order={2} size="h4">
        {t('providers.solutions.listTitle')}
      </Title>
      {solutions.length === 0 && <Text>{t('providers.solutions.none')}</Text>}
      {solutions.map((s) => (
        <Section key={s.id} title={s.name}>
          <Stack gap={4}>
            <SolutionFacts solution={s} />
          </Stack>
        </Section>
      ))}
    </Stack>
  );
}
