import { Alert, Anchor, Button, Group, List, NumberInput, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { PageError, PageLoader } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import type { CityDetail } from '../apiTypes.js';
import { fieldErrorsOf, FormAlert, SuccessAlert, textOrNull, WebsiteInput, WorkspaceTitle } from '../forms.js';
import { Section } from '../Section.js';
import { ProjectsSection } from './ProjectsSection.js';

export const cityKey = (cityId: string) => ['city', cityId];

/**
 * `/app/cities/:cityId`: the city's profile and its action plan's projects. Those who may not edit
 * the city (canEdit=false) are told so plainly and see a read-only view instead of forms that would fail.
 */
export function CityPage() {
  const { cityId = '' } = useParams();
  const city = useQuery({
    queryKey: cityKey(cityId),
    queryFn: async () => unwrap(await api.GET('/api/v1/cities/{cityId}', { params: { path: { cityId } } })),
  });
  if (city.isPending) return <PageLoader />;
  if (city.isError) return <PageError error={city.error} onRetry={() => city.refetch()} />;
  const c = city.data;
  return (
    <>
      <WorkspaceTitle description={t('workspace.city.description', { country: c.countryName, year: c.yearJoined })}>{c.name}</WorkspaceTitle>
      <Stack gap="md">
        {!c.canEdit && (
          <Alert color="gray" title={t('workspace.city.readOnlyTitle')} role="note">
            <Text size="sm">
              {t('workspace.city.readOnly', { city: c.name })}{' '}
              <Anchor component={Link} to={`/cities/${c.id}`}>
                {t('workspace.city.publicPage', { city: c.name })}
              </Anchor>
            </Text>
          </Alert>
        )}
        {c.canEdit ? <CityProfileForm city={c} /> : <CityProfileView city={c} />}
        <ProjectsSection city={c} />
      </Stack>
    </>
  );
}

function CityProfileView({ city }: { city: CityDetail }) {
  const rows: [string, React.ReactNode][] = [
    [t('workspace.field.population'), city.population?.toLocaleString('en') ?? t('workspace.none')],
    [t('workspace.field.summary'), city.summary ?? t('workspace.none')],
    [
      t('workspace.field.priorities'),
      city.priorities.length ? (
        <List size="sm">
          {city.priorities.map((p) => (
            <List.Item key={p}>{p}</List.Item>
          ))}
        </List>
      ) : (
        t('workspace.none')
      ),
    ],
    [t('workspace.field.csco'), [city.cscoName, city.cscoTitle].filter(Boolean).join(', ') || t('workspace.none')],
    [t('workspace.field.contactEmail'), city.contactEmail ?? t('workspace.none')],
    [t('workspace.field.contactPhone'), city.contactPhone ?? t('workspace.none')],
    [t('workspace.field.website'), city.website ?? t('workspace.none')],
  ];
  return (
    <Section title={t('workspace.city.profile')}>
      <Stack gap="xs" component="dl" m={0}>
        {rows.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" fw={600}>
              {label}
            </Text>
            <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </div>
        ))}
      </Stack>
    </Section>
  );
}

function CityProfileForm({ city }: { city: CityDetail }) {
  const queryClient = useQueryClient();
  const [population, setPopulation] = useState<number | string>(city.population ?? '');
  const [summary, setSummary] = useState(city.summary ?? '');
  const [priorities, setPriorities] = useState<string[]>(city.priorities);
  const [cscoName, setCscoName] = useState(city.cscoName ?? '');
  const [cscoTitle, setCscoTitle] = useState(city.cscoTitle ?? '');
  const [contactEmail, setContactEmail] = useState(city.contactEmail ?? '');
  const [contactPhone, setContactPhone] = useState(city.contactPhone ?? '');
  const [website, setWebsite] = useState(city.website ?? '');
  useEffect(() => {
    setPopulation(city.population ?? '');
    setSummary(city.summary ?? '');
    setPriorities(city.priorities);
    setCscoName(city.cscoName ?? '');
    setCscoTitle(city.cscoTitle ?? '');
    setContactEmail(city.contactEmail ?? '');
    setContactPhone(city.contactPhone ?? '');
    setWebsite(city.website ?? '');
    // Only a change of the profile itself resets the form: a project saved meanwhile refetches the
    // city too, and must not wipe what is being typed here.
  }, [city.updatedAt]);

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/cities/{cityId}', {
          params: { path: { cityId: city.id } },
          body: {
            population: typeof population === 'number' ? population : null,
            summary: textOrNull(summary),
            priorities,
            cscoName: textOrNull(cscoName),
            cscoTitle: textOrNull(cscoTitle),
            contactEmail: textOrNull(contactEmail),
            contactPhone: textOrNull(contactPhone),
            website: textOrNull(website),
          },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(cityKey(city.id), updated);
      await queryClient.invalidateQueries({ queryKey: ['cities'] });
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <Section title={t('workspace.city.profile')}>
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={save.error} />
          {save.isSuccess && <SuccessAlert>{t('workspace.city.saved', { city: city.name })}</SuccessAlert>}
          <NumberInput
            label={t('workspace.field.population')}
            min={0}
            max={200_000_000}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            value={population}
            onChange={setPopulation}
            error={errors.population}
            maw={260}
          />
          <Textarea
            label={t('workspace.field.summary')}
            description={t('workspace.city.summaryHelp')}
            autosize
            minRows={3}
            maxRows={12}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            error={errors.summary}
          />
          <TagsInput
            label={t('workspace.field.priorities')}
            description={t('workspace.city.prioritiesHelp')}
            value={priorities}
            onChange={setPriorities}
            maxTags={20}
            clearable
            error={errors.priorities ?? Object.entries(errors).find(([k]) => k.startsWith('priorities.'))?.[1]}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('workspace.field.cscoName')} value={cscoName} onChange={(e) => setCscoName(e.currentTarget.value)} error={errors.cscoName} />
            <TextInput label={t('workspace.field.cscoTitle')} value={cscoTitle} onChange={(e) => setCscoTitle(e.currentTarget.value)} error={errors.cscoTitle} />
            <TextInput
              label={t('workspace.field.contactEmail')}
              type="email"
              value={contactEmail}
              onChange={(e) => setContactEmail(e.currentTarget.value)}
              error={errors.contactEmail}
            />
            <TextInput
              label={t('workspace.field.contactPhone')}
              type="tel"
              value={contactPhone}
              onChange={(e) => setContactPhone(e.currentTarget.value)}
              error={errors.contactPhone}
            />
          </SimpleGrid>
          <WebsiteInput value={website} onChange={setWebsite} error={errors.website} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('workspace.city.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
