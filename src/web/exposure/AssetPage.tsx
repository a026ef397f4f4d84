import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { FormAlert, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { AssetFormModal } from './AssetForm.js';
import { ExposureList } from './exposures.js';
import { CityStaffOnly, componentKinds, criticalities, exposureKey, Fact, formatWhen, systems, type Asset } from './shared.js';

/** `/app/exposure/assets/:assetId`: one asset, its components and its exposures. */
export function AssetPage() {
  const actor = useActor();
  return (
    <CityStaffOnly actor={actor} title={t('exposure.asset.title')}>
      <AssetLoader />
    </CityStaffOnly>
  );
}

function BackLink() {
  return (
    <Anchor component={Link} to="/app/exposure/inventory" size="sm">
      {t('exposure.asset.back')}
    </Anchor>
  );
}

function AssetLoader() {
  const { assetId = '' } = useParams();
  const asset = useQuery({
    queryKey: [...exposureKey, 'asset', assetId],
    queryFn: async () => unwrap(await api.GET('/api/v1/inventory/assets/{id}', { params: { path: { id: assetId } } })),
  });
  if (asset.isPending) return <PageLoader />;
  if (asset.isError)
    return (
      <>
        <BackLink />
        <WorkspaceTitle>{t('exposure.asset.title')}</WorkspaceTitle>
        <PageError error={asset.error} onRetry={() => asset.refetch()} />
      </>
    );
  return <AssetView asset={asset.data} />;
}

function AssetView({ asset }: { asset: Asset }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <BackLink />
      <WorkspaceTitle description={t('exposure.asset.description', { system: systems.label(asset.system), criticality: criticalities.label(asset.criticality) })}>
        {asset.name}
      </WorkspaceTitle>
      <Stack gap="md">
        {saved && <SuccessAlert>{t('exposure.asset.saved', { name: asset.name })}</SuccessAlert>}
        <Section
          title={t('exposure.asset.details')}
          actions={
            <Group gap="xs">
              <Button size="compact-sm" variant="outline" onClick={() => setEditing(true)}>
                {t('exposure.asset.edit')}
              </Button>
              <Button size="compact-sm" variant="outline" color="red.9" onClick={() => setDeleting(true)}>
                {t('exposure.asset.delete')}
              </Button>
            </Group>
          }
        >
          <Stack component="dl" gap={4} m={0}>
            <Fact label={t('exposure.field.system')}>{systems.label(asset.system)}</Fact>
            <Fact label={t('exposure.field.criticality')}>{criticalities.label(asset.criticality)}</Fact>
            <Fact label={t('exposure.field.quantity')}>{asset.quantity}</Fact>
            <Fact label={t('exposure.field.location')}>{asset.location || '—'}</Fact>
            <Fact label={t('exposure.field.ownerDepartment')}>{asset.ownerDepartment || '—'}</Fact>
            <Fact label={t('exposure.asset.internetExposed')}>{asset.internetExposed ? t('exposure.yes') : t('exposure.no')}</Fact>
            {asset.notes && <Fact label={t('exposure.field.notes')}>{asset.notes}</Fact>}
            <Fact label={t('exposure.asset.updated')}>{formatWhen(asset.updatedAt)}</Fact>
          </Stack>
        </Section>
        <Section title={t('exposure.asset.componentsTitle', { count: asset.components.length })}>
          <ScrollTable minWidth={560} label={t('exposure.asset.componentsLabel')}>
            <Table striped verticalSpacing="xs" aria-label={t('exposure.asset.componentsLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('exposure.field.kind')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.field.vendor')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.field.product')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.field.version')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.asset.cpes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {asset.components.map((component) => (
                  <Table.Tr key={component.id}>
                    <Table.Td>{componentKinds.label(component.kind)}</Table.Td>
                    <Table.Td>{component.vendor}</Table.Td>
                    <Table.Td>{component.product}</Table.Td>
                    <Table.Td>{component.version}</Table.Td>
                    <Table.Td>
                      {component.cpes.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('exposure.asset.noCpe')}
                        </Text>
                      ) : (
                        component.cpes.map((cpe) => (
                          <Text key={cpe} size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                            {cpe}
                          </Text>
                        ))
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Section>
        <Section title={t('exposure.asset.exposures', { count: asset.activeExposures })}>
          <ExposureList query={{ assetId: asset.id }} label={t('exposure.asset.exposuresLabel', { name: asset.name })} hideAsset emptyText={t('exposure.asset.noExposures')} />
        </Section>
      </Stack>
      {editing && (
        <AssetFormModal
          asset={asset}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
          }}
        />
      )}
      {deleting && <DeleteModal asset={asset} onClose={() => setDeleting(false)} />}
    </>
  );
}

function DeleteModal({ asset, onClose }: { asset: Asset; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/inventory/assets/{id}', { params: { path: { id: asset.id } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: [...exposureKey, 'asset', asset.id] });
      await queryClient.invalidateQueries({ queryKey: exposureKey });
      await navigate('/app/exposure/inventory');
    },
  });
  return (
    <WorkspaceModal opened onClose={onClose} title={t('exposure.asset.deleteTitle', { name: asset.name })}>
      <Stack>
        <Text size="sm">{t('exposure.asset.deleteBody')}</Text>
        <FormAlert error={remove.error} />
        <ModalActions onCancel={onClose}>
          <Button color="red.9" onClick={() => remove.mutate()} loading={remove.isPending}>
            {t('exposure.asset.deleteConfirm')}
          </Button>
        </ModalActions>
      </Stack>
    </WorkspaceModal>
  );
}
