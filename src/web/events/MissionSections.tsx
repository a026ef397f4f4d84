import { Anchor, Button, Stack, Text, Textarea } from '@mantine/core';
import { Table } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { t, type MessageKey } from '../i18n/i18n.js';
import { FormAlert, SuccessAlert } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { eventKey, type EventDetail } from './shared.js';

type Deal = NonNullable<EventDetail['outcomeDeals']>['items'][number];

/** Linked SCAP projects (those the viewer may see), each linking to its city. */
export function ProjectsSection({ event, title }: { event: EventDetail; title?: string }) {
  if (!event.projects.length && event.kind !== 'trade_mission') return null;
  return (
    <Section title={title ?? t('events.projects.title')}>
      {event.projects.length === 0 ? (
        <Text size="sm">{t('events.projects.none')}</Text>
      ) : (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {event.projects.map((project) => (
            <li key={project.id}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                <Text span fw={600} size="sm">
                  {project.title}
                </Text>{' '}
                (
                <Anchor component={Link} to={`/app/cities/${project.cityId}`} size="sm">
                  {project.cityName}
                </Anchor>
                )
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}

/** A reverse trade mission: objectives, the delegation's projects and members, and the outcome report with the deals produced. */
export function MissionSections({ event }: { event: EventDetail }) {
  return (
    <>
      <Section title={t('events.mission.objectives')}>
        {event.missionObjectives ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {event.missionObjectives}
          </Text>
        ) : (
          <Text size="sm">{t('events.mission.noObjectives')}</Text>
        )}
      </Section>
      <ProjectsSection event={event} title={t('events.mission.projects')} />
      <Section title={t('events.mission.delegation')}>
        {event.delegation === null ? (
          <Text size="sm">{t('events.mission.delegationCount', { count: event.delegationCount ?? 0 })}</Text>
        ) : event.delegation.length === 0 ? (
          <Text size="sm">{t('events.mission.noDelegates')}</Text>
        ) : (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {event.delegation.map((delegate, index) => (
              <Text key={`${delegate.name}-${index}`} component="li" size="sm" style={{ overflowWrap: 'anywhere' }}>
                <Text span fw={600} size="sm">
                  {delegate.name}
                </Text>
                {`, ${delegate.organisationName}${delegate.cityName ? ` (${delegate.cityName})` : ''}`}
              </Text>
            ))}
          </Stack>
        )}
      </Section>
      <OutcomeSection event={event} />
    </>
  );
}

const stageKeys: Record<Deal['stage'], MessageKey> = {
  lead: 'events.deal.lead',
  letter_of_intent: 'events.deal.letter_of_intent',
  mou: 'events.deal.mou',
  contract: 'events.deal.contract',
};

function money(deal: Deal): string {
  if (deal.valueMinor === null || !deal.currency) return t('events.deal.noValue');
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency: deal.currency }).resolvedOptions().maximumFractionDigits ?? 2;
    const minor = BigInt(deal.valueMinor);
    const scale = 10n ** BigInt(digits);
    const whole = minor / scale;
    const fraction = (minor % scale).toString().padStart(digits, '0');
    const amount = digits ? `${whole}.${fraction}` : `${whole}`;
    return new Intl.NumberFormat('en', { style: 'currency', currency: deal.currency, currencyDisplay: 'code' }).format(amount as Intl.StringNumericLiteral);
  } catch {
    return `${deal.currency} ${deal.valueMinor}`;
  }
}

function OutcomeSection({ event }: { event: EventDetail }) {
  const deals = event.outcomeDeals;
  // Written after the mission: once it is completed, or from its start while it is under way.
  const writable = event.isOrganiser && (event.status === 'completed' || (event.status === 'published' && new Date(event.startsAt) <= new Date()));
  return (
    <Section title={t('events.mission.outcome')}>
      <Stack gap="sm">
        {writable ? (
          <OutcomeForm event={event} />
        ) : event.outcomeReport ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {event.outcomeReport}
          </Text>
        ) : (
          <Text size="sm">{t('events.mission.noReport')}</Text>
        )}
        {deals && (
          <>
            <Text size="sm" fw={600}>
              {t('events.mission.dealsCount', { count: deals.total })}
            </Text>
            {deals.items.length > 0 && (
              <ScrollTable minWidth={560} label={t('events.mission.dealsTable')}>
                <Table striped withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('events.deal.title')}</Table.Th>
                      <Table.Th>{t('events.deal.stage')}</Table.Th>
                      <Table.Th>{t('events.deal.parties')}</Table.Th>
                      <Table.Th>{t('events.deal.value')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {deals.items.map((deal) => (
                      <Table.Tr key={deal.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/app/deals/${deal.id}`} size="sm">
                            {deal.title}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{t(stageKeys[deal.stage])}</Table.Td>
                        <Table.Td>{`${deal.partnerName} – ${deal.cityName}`}</Table.Td>
                        <Table.Td>{money(deal)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
            {deals.total > deals.items.length && <Text size="sm" c="dimmed">{t('events.mission.dealsHidden', { count: deals.total - deals.items.length })}</Text>}
          </>
        )}
      </Stack>
    </Section>
  );
}

function OutcomeForm({ event }: { event: EventDetail }) {
  const queryClient = useQueryClient();
  const [report, setReport] = useState(event.outcomeReport);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PATCH('/api/v1/events/{eventId}', { params: { path: { eventId: event.id } }, body: { outcomeReport: report } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(eventKey(event.id), updated);
      setSaved(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea label={t('events.mission.reportField')} description={t('events.mission.reportHint')} value={report} onChange={(e) => setReport(e.currentTarget.value)} autosize minRows={4} />
        <FormAlert error={save.error} />
        {saved && <SuccessAlert>{t('events.mission.reportSaved')}</SuccessAlert>}
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {t('events.mission.saveReport')}
        </Button>
      </Stack>
    </form>
  );
}
