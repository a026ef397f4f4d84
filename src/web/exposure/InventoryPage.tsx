import { Alert, Anchor, Badge, Button, FileInput, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { uploadDocumentTo } from '../workspace/documents.js';
import { FormAlert, InlineLoader, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { AssetFormModal } from './AssetForm.js';
import {
  assetPath,
  CityStaffOnly,
  criticalities,
  exposureKey,
  FeedNotice,
  FilterSelect,
  formatWhen,
  systems,
  type AssetQuery,
  type AssetSystem,
  type Criticality,
  type ImportPreview,
  type ImportResult,
} from './shared.js';

/** `/app/exposure/inventory`: the city's technology, added one by one or imported from a CSV file. */
export function InventoryPage() {
  const actor = useActor();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  return (
    <CityStaffOnly actor={actor} title={t('exposure.inventory.title')}>
      <WorkspaceTitle description={t('exposure.inventory.description')}>{t('exposure.inventory.title')}</WorkspaceTitle>
      <Stack gap="md">
        <FeedNotice />
        <Group gap="sm">
          <Button onClick={() => setAdding(true)}>{t('exposure.inventory.add')}</Button>
          <Button component="a" href="/api/v1/inventory/assets.csv" download variant="outline">
            {t('exposure.inventory.export')}
          </Button>
        </Group>
        <ImportSection />
        <AssetsSection />
      </Stack>
      {adding && <AssetFormModal onClose={() => setAdding(false)} onSaved={(saved) => navigate(assetPath(saved.id))} />}
    </CityStaffOnly>
  );
}

type AssetFilters = { system: AssetSystem | ''; criticality: Criticality | ''; internetExposed: '' | 'true' | 'false'; q: string };

function AssetsSection() {
  const [filters, setFilters] = useState<AssetFilters>({ system: '', criticality: '', internetExposed: '', q: '' });
  const [q] = useDebouncedValue(filters.q.trim(), 300);
  const set = <K extends keyof AssetFilters>(key: K, value: AssetFilters[K]) => setFilters((current) => ({ ...current, [key]: value }));
  const query: AssetQuery = {
    system: filters.system || undefined,
    criticality: filters.criticality || undefined,
    internetExposed: filters.internetExposed || undefined,
    q: q || undefined,
  };
  const assets = useInfiniteQuery({
    queryKey: [...exposureKey, 'assets', query],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/inventory/assets', { params: { query: { ...query, cursor: pageParam, limit: 50 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = assets.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(query).some((value) => value !== undefined);
  return (
    <Section title={t('exposure.inventory.assets')}>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <TextInput type="search" label={t('exposure.filter.search')} value={filters.q} onChange={(e) => set('q', e.currentTarget.value)} w={{ base: '100%', xs: 220 }} />
          <FilterSelect label={t('exposure.filter.system')} value={filters.system} onChange={(value) => set('system', value)} choices={systems} width={200} />
          <FilterSelect label={t('exposure.filter.criticality')} value={filters.criticality} onChange={(value) => set('criticality', value)} choices={criticalities} width={150} />
          <NativeSelect
            label={t('exposure.filter.internetExposed')}
            value={filters.internetExposed}
            onChange={(e) => set('internetExposed', e.currentTarget.value as AssetFilters['internetExposed'])}
            data={[
              { value: '', label: t('exposure.filter.any') },
              { value: 'true', label: t('exposure.yes') },
              { value: 'false', label: t('exposure.no') },
            ]}
            w={{ base: '100%', xs: 210 }}
          />
        </Group>
        {assets.isPending ? (
          <InlineLoader />
        ) : assets.isError ? (
          <PageError error={assets.error} onRetry={() => assets.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm">{filtered ? t('exposure.inventory.noneFiltered') : t('exposure.inventory.none')}</Text>
        ) : (
          <ScrollTable minWidth={640}>
            <Table striped verticalSpacing="xs" aria-label={t('exposure.inventory.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('exposure.col.asset')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.field.system')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.field.criticality')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.assetForm.components')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.col.exposures')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((asset) => (
                  <Table.Tr key={asset.id}>
                    <Table.Th scope="row" fw={500}>
                      <Anchor component={Link} to={assetPath(asset.id)}>
                        {asset.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {[asset.quantity > 1 ? t('exposure.asset.quantity', { count: asset.quantity }) : '', asset.location, asset.internetExposed ? t('exposure.asset.internetExposedShort') : '']
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </Table.Th>
                    <Table.Td>{systems.label(asset.system)}</Table.Td>
                    <Table.Td>{criticalities.label(asset.criticality)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {asset.components.map((component) => [component.vendor, component.product, component.version].filter(Boolean).join(' ')).join('; ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Text size="sm">{asset.activeExposures}</Text>
                        {asset.kevExposures > 0 && (
                          <Badge color="red.9" size="sm" miw="max-content">
                            {t('exposure.inventory.kevCount', { count: asset.kevExposures })}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {assets.hasNextPage && (
          <Button variant="outline" w="fit-content" loading={assets.isFetchingNextPage} onClick={() => assets.fetchNextPage()}>
            {t('workspace.loadMore')}
          </Button>
        )}
      </Stack>
    </Section>
  );
}

/**
 * The CSV import: the file is checked first (nothing is written), the rejected rows are shown with
 * their line, column and reason, and only the accepted assets are added on confirmation.
 */
function ImportSection() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const check = useMutation({
    mutationFn: (chosen: File) => uploadDocumentTo<ImportPreview>('/api/v1/inventory/imports/preview', chosen),
    onSuccess: (checked) => {
      setPreview(checked);
      setResult(null);
    },
  });
  const confirm = useMutation({
    mutationFn: async (previewId: string) => unwrap(await api.POST('/api/v1/inventory/imports/confirm', { body: { previewId } })),
    onSuccess: async (done) => {
      setResult(done);
      setPreview(null);
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: exposureKey });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) check.mutate(file);
  }
  return (
    <Section title={t('exposure.import.title')}>
      <Stack gap="sm">
        <Text size="sm">
          {t('exposure.import.intro')}{' '}
          <Anchor href="/api/v1/inventory/imports/template" download>
            {t('exposure.import.template')}
          </Anchor>
        </Text>
        {result && (
          <SuccessAlert title={t('exposure.import.doneTitle')}>
            {t('exposure.import.done', {
              assets: result.assetsCreated,
              components: result.componentsCreated,
              opened: result.exposures.opened + result.exposures.reopened,
            })}
          </SuccessAlert>
        )}
        <form onSubmit={submit}>
          <Stack gap="xs">
            <FormAlert error={check.error} title={t('exposure.import.notRead')} />
            <FileInput
              label={t('exposure.import.file')}
              description={t('exposure.import.fileHelp')}
              placeholder={t('workspace.documents.noFile')}
              styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
              accept=".csv,text/csv"
              value={file}
              onChange={(chosen) => {
                setFile(chosen);
                setPreview(null);
                check.reset();
              }}
              clearable
              clearButtonProps={{ 'aria-label': t('exposure.import.clearFile') }}
              maw={480}
            />
            <Button type="submit" variant="outline" disabled={!file} loading={check.isPending} w="fit-content">
              {t('exposure.import.check')}
            </Button>
          </Stack>
        </form>
        {preview && <PreviewView preview={preview} confirming={confirm.isPending} error={confirm.error} onConfirm={() => confirm.mutate(preview.previewId)} />}
      </Stack>
    </Section>
  );
}

function PreviewView({ preview, confirming, error, onConfirm }: { preview: ImportPreview; confirming: boolean; error: unknown; onConfirm: () => void }) {
  return (
    <Stack gap="sm" aria-live="polite">
      <Text fw={600}>
        {t('exposure.import.summary', { file: preview.fileName, assets: preview.assetCount, components: preview.componentCount, rejected: preview.rejected.length })}
      </Text>
      {preview.rejected.length > 0 && (
        <Alert color="red" title={t('exposure.import.rejectedTitle', { count: preview.rejected.length })}>
          <Stack gap="xs">
            <Text size="sm">{t('exposure.import.rejectedIntro')}</Text>
            <ScrollTable minWidth={420} label={t('exposure.import.rejectedLabel')}>
              <Table verticalSpacing={4} bg="white" aria-label={t('exposure.import.rejectedLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('exposure.import.row')}</Table.Th>
                    <Table.Th scope="col">{t('exposure.import.column')}</Table.Th>
                    <Table.Th scope="col">{t('exposure.import.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rejected.map((problem, index) => (
                    <Table.Tr key={`${problem.row}-${problem.field}-${index}`}>
                      <Table.Th scope="row">{t('exposure.import.rowNumber', { row: problem.row })}</Table.Th>
                      <Table.Td>{problem.field}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{problem.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Stack>
        </Alert>
      )}
      {preview.accepted.length > 0 && (
        <ScrollTable minWidth={560} label={t('exposure.import.acceptedLabel')}>
          <Table striped verticalSpacing={4}>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600, color: 'var(--mantine-color-text)' }}>{t('exposure.import.acceptedLabel')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('exposure.import.rows')}</Table.Th>
                <Table.Th scope="col">{t('exposure.col.asset')}</Table.Th>
                <Table.Th scope="col">{t('exposure.field.system')}</Table.Th>
                <Table.Th scope="col">{t('exposure.assetForm.components')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.accepted.map((asset) => (
                <Table.Tr key={asset.rows.join('-')}>
                  <Table.Td>{asset.rows.join(', ')}</Table.Td>
                  <Table.Th scope="row" fw={500}>
                    {asset.name}
                  </Table.Th>
                  <Table.Td>{systems.label(asset.system)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {asset.components.map((component) => (
                        <Text size="sm" key={component.row} style={{ overflowWrap: 'anywhere' }}>
                          {[component.vendor, component.product, component.version].filter(Boolean).join(' ')}
                          {component.cpes.length > 0 && (
                            <Text span size="xs" c="dimmed" ff="monospace">
                              {' '}
                              {component.cpes.join(' ')}
                              {component.cpeSuggested ? ` (${t('exposure.import.suggested')})` : ''}
                            </Text>
                          )}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <FormAlert error={error} />
      {preview.assetCount > 0 ? (
        <Group gap="sm">
          <Button onClick={onConfirm} loading={confirming}>
            {t('exposure.import.confirm', { count: preview.assetCount })}
          </Button>
          <Text size="xs" c="dimmed">
            {t('exposure.import.expires', { date: formatWhen(preview.expiresAt) })}
          </Text>
        </Group>
      ) : (
        <Text size="sm">{t('exposure.import.nothing')}</Text>
      )}
    </Stack>
  );
}
