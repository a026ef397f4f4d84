import { Alert, Anchor, Badge, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { PageError } from '../../app/pages.js';
import type { SessionActor } from '../../app/session.js';
import { t } from '../../i18n/i18n.js';
import { InlineLoader, WorkspaceTitle } from '../forms.js';
import { Section } from '../Section.js';
import { isSecretariat, useActor, useCountries } from '../WorkspaceFrame.js';
import { ScrollTable } from '../ScrollTable.js';

/** The cities a viewer edits or oversees: all for the secretariat, the country's for a national representative, the own city for city staff. */
function scopeOf(actor: SessionActor): { country?: string; cityId?: string } | null {
  if (isSecretariat(actor)) return {};
  if (actor.organisation.kind === 'national_agency' && actor.organisation.countryCode) return { country: actor.organisation.countryCode };
  if (actor.organisation.kind === 'city_government' && actor.organisation.cityId) return { cityId: actor.organisation.cityId };
  return null;
}

/** `/app/cities`: the cities the viewer may edit or oversee, each linking to its profile and action plan. */
export function CitiesPage() {
  const actor = useActor();
  const scope = scopeOf(actor);
  const [country, setCountry] = useState<string | null>(scope?.country ?? null);
  const [search, setSearch] = useState('');
  const countries = useCountries();
  const cities = useQuery({
    queryKey: ['cities', { country: country ?? undefined }],
    queryFn: async () => unwrap(await api.GET('/api/v1/cities', { params: { query: { country: country ?? undefined } } })),
    enabled: scope !== null,
  });

  const intro = isSecretariat(actor)
    ? t('workspace.cities.introSecretariat')
    : actor.organisation.kind === 'national_agency'
      ? t('workspace.cities.introNational')
      : t('workspace.cities.introCity');

  if (scope === null) {
    return (
      <>
        <WorkspaceTitle>{t('workspace.cities.title')}</WorkspaceTitle>
        <Alert color="gray" title={t('workspace.cities.noneToEditTitle')}>
          <Text size="sm">
            {t('workspace.cities.noneToEdit')}{' '}
            <Anchor component={Link} to="/cities">
              {t('workspace.cities.publicDirectory')}
            </Anchor>
          </Text>
        </Alert>
      </>
    );
  }

  const needle = search.trim().toLowerCase();
  const items = (cities.data?.items ?? [])
    .filter((city) => !scope.cityId || city.id === scope.cityId)
    .filter((city) => !needle || city.name.toLowerCase().includes(needle) || city.countryName.toLowerCase().includes(needle));

  return (
    <>
      <WorkspaceTitle description={intro}>{t('workspace.cities.title')}</WorkspaceTitle>
      <Section title={t('workspace.cities.list', { count: items.length })}>
        <Stack gap="sm">
          {isSecretariat(actor) && (
            <Group grow align="flex-end" wrap="wrap" gap="sm">
              <TextInput label={t('workspace.cities.search')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} miw={200} />
              <Select
                label={t('workspace.field.country')}
                data={[
                  { value: 'all', label: t('workspace.allCountries') },
                  ...(countries.data ?? []).filter((c) => c.isAseanMember).map((c) => ({ value: c.code, label: c.name })),
                ]}
                value={country ?? 'all'}
                onChange={(value) => setCountry(value && value !== 'all' ? value : null)}
                allowDeselect={false}
                miw={200}
              />
            </Group>
          )}
          {cities.isPending ? (
            <InlineLoader />
          ) : cities.isError ? (
            <PageError error={cities.error} onRetry={() => cities.refetch()} />
          ) : items.length === 0 ? (
            <Text size="sm">{t('workspace.cities.noMatch')}</Text>
          ) : (
            <ScrollTable minWidth={480}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('workspace.field.city')}</Table.Th>
                    <Table.Th scope="col">{t('workspace.field.country')}</Table.Th>
                    <Table.Th scope="col">{t('workspace.cities.joined')}</Table.Th>
                    <Table.Th scope="col">{t('workspace.cities.projects')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((city) => (
                    <Table.Tr key={city.id}>
                      <Table.Th scope="row" fw={500}>
                        <Anchor component={Link} to={`/app/cities/${city.id}`}>
                          {city.name}
                        </Anchor>
                        {city.id === actor.organisation.cityId && (
                          <Badge ml="xs" size="xs" color="blue.8">
                            {t('workspace.cities.yours')}
                          </Badge>
                        )}
                      </Table.Th>
                      <Table.Td>{city.countryName}</Table.Td>
                      <Table.Td>{city.yearJoined}</Table.Td>
                      <Table.Td>{city.projectCount}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Stack>
      </Section>
    </>
  );
}
