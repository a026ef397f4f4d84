import { Button, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, InlineLoader, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { isSecretariat, useActor } from '../workspace/WorkspaceFrame.js';
import { groupDigits, type ExchangeRate } from './shared.js';

const ratesKey = ['exchange-rates'];

/** `/app/pipeline/rates`: the dated rates behind every USD equivalent; the secretariat records and corrects them. */
export function RatesPage() {
  const actor = useActor();
  const secretariat = isSecretariat(actor);
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const rates = useQuery({ queryKey: ratesKey, queryFn: async () => unwrap(await api.GET('/api/v1/exchange-rates', { params: { query: {} } })).items });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ratesKey });
    await queryClient.invalidateQueries({ queryKey: ['pipeline-project'] });
    await queryClient.invalidateQueries({ queryKey: ['pipeline-projects'] });
  };
  const remove = useMutation({
    mutationFn: async (rate: ExchangeRate) => unwrap(await api.DELETE('/api/v1/exchange-rates/{currency}/{date}', { params: { path: { currency: rate.currency, date: rate.rateDate } } })),
    onSuccess: async (_data, rate) => {
      await refresh();
      setDone(t('pipeline.rates.removed', { currency: rate.currency, date: rate.rateDate }));
    },
  });
  return (
    <>
      <WorkspaceTitle description={t('pipeline.rates.description')}>{t('pipeline.rates.title')}</WorkspaceTitle>
      <Stack gap="md">
        {done && <SuccessAlert>{done}</SuccessAlert>}
        {secretariat && <RateForm onSaved={async (message) => { await refresh(); setDone(message); }} />}
        <Section title={t('pipeline.rates.table')}>
          <Stack gap="sm">
            <FormAlert error={remove.error} />
            {rates.isPending ? (
              <InlineLoader />
            ) : rates.isError ? (
              <PageError error={rates.error} onRetry={() => rates.refetch()} />
            ) : rates.data.length === 0 ? (
              <Text size="sm">{t('pipeline.rates.none')}</Text>
            ) : (
              <ScrollTable minWidth={560} label={secretariat ? undefined : t('pipeline.rates.table')}>
                <Table verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('pipeline.rates.currency')}</Table.Th>
                      <Table.Th scope="col">{t('pipeline.rates.date')}</Table.Th>
                      <Table.Th scope="col">{t('pipeline.rates.unitsPerUsd')}</Table.Th>
                      <Table.Th scope="col">{t('pipeline.rates.source')}</Table.Th>
                      {secretariat && <Table.Th scope="col">{t('workspace.actions')}</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rates.data.map((rate) => (
                      <Table.Tr key={`${rate.currency}-${rate.rateDate}`}>
                        <Table.Td>{rate.currency}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{rate.rateDate}</Table.Td>
                        <Table.Td>{groupDigits(rate.unitsPerUsd)}</Table.Td>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{rate.source}</Table.Td>
                        {secretariat && (
                          <Table.Td>
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red.9"
                              loading={remove.isPending && remove.variables === rate}
                              onClick={() => remove.mutate(rate)}
                              aria-label={t('pipeline.rates.removeLabel', { currency: rate.currency, date: rate.rateDate })}
                            >
                              {t('pipeline.rates.remove')}
                            </Button>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
          </Stack>
        </Section>
      </Stack>
    </>
  );
}

function RateForm({ onSaved }: { onSaved: (message: string) => Promise<void> }) {
  const [currency, setCurrency] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [unitsPerUsd, setUnitsPerUsd] = useState('');
  const [source, setSource] = useState('');
  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.PUT('/api/v1/exchange-rates/{currency}/{date}', { params: { path: { currency: currency.trim().toUpperCase(), date } }, body: { unitsPerUsd, source } })),
    onSuccess: async (saved) => {
      setUnitsPerUsd('');
      await onSaved(t('pipeline.rates.saved', { currency: saved.currency, date: saved.rateDate, rate: groupDigits(saved.unitsPerUsd) }));
    },
  });
  const errors = fieldErrorsOf(save.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <Section title={t('pipeline.rates.record')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('pipeline.rates.recordHelp')}
          </Text>
          <FormAlert error={save.error} />
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <TextInput label={t('pipeline.rates.currency')} required maxLength={3} value={currency} onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())} error={errors.currency} />
            <TextInput label={t('pipeline.rates.date')} type="date" required value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} />
            <TextInput label={t('pipeline.rates.unitsPerUsd')} description={t('pipeline.rates.unitsHelp')} required inputMode="decimal" value={unitsPerUsd} onChange={(e) => setUnitsPerUsd(e.currentTarget.value)} error={errors.unitsPerUsd} />
            <TextInput label={t('pipeline.rates.source')} required value={source} onChange={(e) => setSource(e.currentTarget.value)} error={errors.source} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('pipeline.rates.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
