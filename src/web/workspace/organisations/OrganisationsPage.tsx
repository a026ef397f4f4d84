import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { PageError } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { ModalActions, WorkspaceModal } from '../WorkspaceModal.js';
import { organisationKinds, type OrganisationKind } from '../apiTypes.js';
import { InlineLoader, fieldErrorsOf, FormAlert, textOrNull, WorkspaceTitle } from '../forms.js';
import { kindLabel } from '../labels.js';
import { Section } from '../Section.js';
import { isSecretariat, useActor, useCountries } from '../WorkspaceFrame.js';
import { ScrollTable } from '../ScrollTable.js';
import { WebsiteAndDescriptionFields } from './OrganisationFields.js';

const PAGE_SIZE = 50;

/** `/app/organisations` (secretariat): every organisation, searchable by name and kind; creating one. */
export function OrganisationsPage() {
  const actor = useActor();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [kind, setKind] = useState<OrganisationKind | null>(null);
  const [creating, setCreating] = useState(false);
  const organisations = useInfiniteQuery({
    queryKey: ['organisations', { q, kind }],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/organisations', {
          params: { query: { q: q || undefined, kind: kind ?? undefined, cursor: pageParam, limit: PAGE_SIZE } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: isSecretariat(actor),
  });
  const canCreate = isSecretariat(actor) && actor.role === 'admin';

  if (!isSecretariat(actor)) {
    return (
      <>
        <WorkspaceTitle>{t('workspace.organisations.title')}</WorkspaceTitle>
        <Alert color="gray" title={t('workspace.secretariatOnly.title')}>
          {t('workspace.secretariatOnly.body')}
        </Alert>
      </>
    );
  }
  const items = organisations.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <WorkspaceTitle description={t('workspace.organisations.description')}>{t('workspace.organisations.title')}</WorkspaceTitle>
      <Section
        title={t('workspace.organisations.list')}
        actions={
          canCreate && (
            <Button size="compact-md" onClick={() => setCreating(true)}>
              {t('workspace.organisations.create')}
            </Button>
          )
        }
      >
        <Stack gap="sm">
          <Group grow align="flex-end" wrap="wrap" gap="sm">
            <TextInput
              label={t('workspace.organisations.search')}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              miw={200}
            />
            <Select
              label={t('workspace.organisations.kindFilter')}
              data={[{ value: 'all', label: t('workspace.organisations.allKinds') }, ...organisationKinds.map((k) => ({ value: k, label: kindLabel(k) }))]}
              value={kind ?? 'all'}
              onChange={(value) => setKind(value && value !== 'all' ? (value as OrganisationKind) : null)}
              allowDeselect={false}
              miw={200}
            />
          </Group>
          {organisations.isPending ? (
            <InlineLoader />
          ) : organisations.isError ? (
            <PageError error={organisations.error} onRetry={() => organisations.refetch()} />
          ) : items.length === 0 ? (
            <Text size="sm">{t('workspace.organisations.none')}</Text>
          ) : (
            <ScrollTable minWidth={560}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('workspace.field.organisationName')}</Table.Th>
                    <Table.Th scope="col">{t('workspace.field.kind')}</Table.Th>
                    <Table.Th scope="col">{t('workspace.organisations.cityOrCountry')}</Table.Th>
                    <Table.Th scope="col">{t('workspace.organisations.members')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((org) => (
                    <Table.Tr key={org.id}>
                      <Table.Th scope="row" fw={500}>
                        <Anchor component={Link} to={`/app/organisations/${org.id}`}>
                          {org.name}
                        </Anchor>
                        {org.isDemo && (
                          <Badge ml="xs" size="xs" color="gray.8">
                            {t('app.demoBadge')}
                          </Badge>
                        )}
                      </Table.Th>
                      <Table.Td>{kindLabel(org.kind)}</Table.Td>
                      <Table.Td>{org.cityId ?? org.countryCode ?? ''}</Table.Td>
                      <Table.Td>{org.memberCount}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {organisations.hasNextPage && (
            <Button variant="outline" w="fit-content" loading={organisations.isFetchingNextPage} onClick={() => organisations.fetchNextPage()}>
              {t('workspace.loadMore')}
            </Button>
          )}
        </Stack>
      </Section>
      {canCreate && <CreateOrganisationModal opened={creating} onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateOrganisationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind | null>(null);
  const [cityId, setCityId] = useState<string | null>(null);
  const [countryCode, setCountryCode] = useState<string | null>(null);
  const [website, setWebsite] = useState('');
  const [description, setDescription] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const cities = useQuery({
    queryKey: ['cities', {}],
    queryFn: async () => unwrap(await api.GET('/api/v1/cities')),
    enabled: opened && kind === 'city_government',
  });
  const countries = useCountries();
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/organisations', {
          body: {
            name,
            kind: kind!,
            cityId: kind === 'city_government' ? cityId : null,
            countryCode: kind === 'national_agency' ? countryCode : null,
            website: textOrNull(website),
            description: textOrNull(description),
          },
        }),
      ),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['organisations'] });
      navigate(`/app/organisations/${created.id}`);
    },
  });
  const errors = { ...fieldErrorsOf(create.error), ...missing };
  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!kind) problems.kind = t('workspace.organisations.chooseKind');
    if (kind === 'city_government' && !cityId) problems.cityId = t('workspace.organisations.chooseCity');
    if (kind === 'national_agency' && !countryCode) problems.countryCode = t('workspace.organisations.chooseCountry');
    setMissing(problems);
    if (Object.keys(problems).length === 0) create.mutate();
  }
  return (
    <WorkspaceModal opened={opened} onClose={onClose} title={t('workspace.organisations.create')} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <FormAlert error={create.error} />
          <TextInput label={t('workspace.field.organisationName')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
          <Select
            label={t('workspace.field.kind')}
            required
            placeholder={t('workspace.choose')}
            data={organisationKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
            value={kind}
            onChange={(value) => setKind(value as OrganisationKind | null)}
            error={errors.kind}
          />
          {kind === 'city_government' && (
            <Select
              label={t('workspace.field.city')}
              description={t('workspace.organisations.cityHelp')}
              required
              searchable
              placeholder={cities.isPending ? t('app.loading') : t('workspace.choose')}
              data={(cities.data?.items ?? []).map((city) => ({ value: city.id, label: `${city.name} (${city.countryName})` }))}
              value={cityId}
              onChange={setCityId}
              error={errors.cityId}
            />
          )}
          {kind === 'national_agency' && (
            <Select
              label={t('workspace.field.country')}
              description={t('workspace.organisations.countryHelp')}
              required
              searchable
              placeholder={t('workspace.choose')}
              data={(countries.data ?? []).filter((c) => c.isAseanMember).map((c) => ({ value: c.code, label: c.name }))}
              value={countryCode}
              onChange={setCountryCode}
              error={errors.countryCode}
            />
          )}
          <WebsiteAndDescriptionFields website={website} setWebsite={setWebsite} description={description} setDescription={setDescription} errors={errors} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={create.isPending}>
              {t('workspace.organisations.createSubmit')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}
