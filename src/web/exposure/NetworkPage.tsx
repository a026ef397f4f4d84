import { Alert, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { exposureKey, formatDay, isOverdue, SecretariatOnly, systems, Tiles, VulnerabilityLink, type Network } from './shared.js';

/** `/app/exposure/network` (the secretariat): KEV exposure across the network, as counts of cities only. */
export function NetworkPage() {
  const actor = useActor();
  return (
    <SecretariatOnly actor={actor} title={t('exposure.network.title')}>
      <WorkspaceTitle description={t('exposure.network.description')}>{t('exposure.network.title')}</WorkspaceTitle>
      <NetworkLoader />
    </SecretariatOnly>
  );
}

function NetworkLoader() {
  const network = useQuery({ queryKey: [...exposureKey, 'network'], queryFn: async () => unwrap(await api.GET('/api/v1/exposure-network')) });
  if (network.isPending) return <PageLoader />;
  if (network.isError) return <PageError error={network.error} onRetry={() => network.refetch()} />;
  return <NetworkView network={network.data} />;
}

function NetworkView({ network }: { network: Network }) {
  return (
    <Stack gap="md">
      <Alert color="blue" title={t('exposure.network.privacyTitle')}>
        <Text size="sm">{t('exposure.network.privacy')}</Text>
      </Alert>
      <Tiles
        label={t('exposure.network.tilesLabel')}
        items={[
          { label: t('exposure.network.citiesWithInventory'), value: network.citiesWithInventory },
          { label: t('exposure.network.citiesWithKev'), value: network.citiesWithKevExposure, tone: 'alert' },
        ]}
      />
      <Section title={t('exposure.network.kevTitle')}>
        {network.kev.length === 0 ? (
          <Text size="sm">{t('exposure.network.noKev')}</Text>
        ) : (
          <ScrollTable minWidth={640}>
            <Table striped verticalSpacing="xs" aria-label={t('exposure.network.kevTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('exposure.col.vulnerability')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.network.product')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.vulnerability.dueDate')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('exposure.network.citiesExposed')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('exposure.network.citiesUnresolved')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {network.kev.map((entry) => (
                  <Table.Tr key={entry.vulnerabilityId}>
                    <Table.Td>
                      <VulnerabilityLink id={entry.vulnerabilityId} />
                      <Text size="xs" c="dimmed">
                        {entry.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{`${entry.vendor} ${entry.product}`}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {entry.dueDate ? formatDay(entry.dueDate) : '—'}
                      {isOverdue(entry.dueDate) && (
                        <Text size="xs" c="red.9">
                          {t('exposure.vulnerability.duePassed')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{entry.citiesExposed}</Table.Td>
                    <Table.Td ta="right">{entry.citiesUnresolved}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section title={t('exposure.network.byCountry')}>
          {network.byCountry.length === 0 ? (
            <Text size="sm">{t('exposure.network.noneYet')}</Text>
          ) : (
            <ScrollTable minWidth={280} label={t('exposure.network.byCountry')}>
              <Table striped verticalSpacing="xs" aria-label={t('exposure.network.byCountry')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('exposure.network.country')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('exposure.network.citiesWithKev')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {network.byCountry.map((row) => (
                    <Table.Tr key={row.countryCode}>
                      <Table.Th scope="row" fw={500}>
                        {row.countryName}
                      </Table.Th>
                      <Table.Td ta="right">{row.citiesWithKevExposure}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Section>
        <Section title={t('exposure.network.bySystem')}>
          {network.bySystem.length === 0 ? (
            <Text size="sm">{t('exposure.network.noneYet')}</Text>
          ) : (
            <ScrollTable minWidth={320} label={t('exposure.network.bySystem')}>
              <Table striped verticalSpacing="xs" aria-label={t('exposure.network.bySystem')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('exposure.bySystem.system')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('exposure.network.citiesWithKev')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('exposure.network.kevExposures')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {network.bySystem.map((row) => (
                    <Table.Tr key={row.system}>
                      <Table.Th scope="row" fw={500}>
                        {systems.label(row.system)}
                      </Table.Th>
                      <Table.Td ta="right">{row.citiesWithKevExposure}</Table.Td>
                      <Table.Td ta="right">{row.kevExposures}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
