import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader, PageTitle } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { useDocumentTitle } from '../portal/presentation.js';
import { kindLabel } from './shared.js';

/** `/assistance/approved`: published summaries of approved requests on the public portal. Light: no workspace code. */
export function PublicAssistancePage() {
  useDocumentTitle(t('assistance.portal.title'));
  const list = useQuery({ queryKey: ['assistance-summaries'], queryFn: async () => unwrap(await api.GET('/api/v1/assistance-summaries')) });
  const items = list.data?.items ?? [];
  return (
    <Stack gap="md" maw={860}>
      <PageTitle description={t('assistance.portal.intro')}>{t('assistance.portal.title')}</PageTitle>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <Text>{t('assistance.portal.none')}</Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <Paper key={item.id} component="li" withBorder p="md" radius="md">
              <Stack gap={6}>
                <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
                  {item.title}
                </Title>
                <Text size="sm">{[kindLabel(item.kind), t('assistance.portal.meta', { city: item.cityName, country: item.countryCode, agency: item.agencyName })].join(' · ')}</Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {item.publicSummary}
                </Text>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
