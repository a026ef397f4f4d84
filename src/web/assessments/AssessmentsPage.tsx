import { Anchor, Button, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import type { SessionActor } from '../app/session.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { ModalActions, WorkspaceModal } from '../workspace/WorkspaceModal.js';
import { ScopeFields } from './ScopeFields.js';
import {
  assessmentKey,
  assessmentPath,
  assessmentsKey,
  formatDay,
  gapsPath,
  isCityStaff,
  isNationalRep,
  Refusal,
  ScaleTable,
  scopeText,
  StatusBadge,
  type AssessmentDetail,
  type AssessmentScope,
  type AssessmentSummary,
  type AssessmentSystem,
} from './shared.js';

/** `/app/assessments`: the city's own assessments (its staff), or those shared with a national representative. */
export function AssessmentsPage() {
  const actor = useActor();
  if (!isCityStaff(actor) && !isNationalRep(actor)) return <Refusal title={t('assessments.list.title')} message={t('assessments.refused.list')} />;
  return <AssessmentsView actor={actor} />;
}

function AssessmentsView({ actor }: { actor: SessionActor }) {
  const list = useQuery({ queryKey: [...assessmentsKey, 'list'], queryFn: async () => unwrap(await api.GET('/api/v1/assessments')) });
  const [creating, setCreating] = useState(false);
  const cityStaff = isCityStaff(actor);
  return (
    <>
      <WorkspaceTitle description={cityStaff ? t('assessments.list.description') : t('assessments.list.descriptionNational')}>
        {cityStaff ? t('assessments.list.title') : t('assessments.list.titleNational')}
      </WorkspaceTitle>
      <Stack gap="md">
        <Section
          title={cityStaff ? t('assessments.list.cityHeading') : t('assessments.list.sharedHeading')}
          actions={
            list.data?.canCreate ? (
              <Button onClick={() => setCreating(true)} size="compact-md">
                {t('assessments.new.button')}
              </Button>
            ) : undefined
          }
        >
          {list.isPending ? (
            <InlineLoader />
          ) : list.isError ? (
            <PageError error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.items.length === 0 ? (
            <Text size="sm">{cityStaff ? t('assessments.list.none') : t('assessments.list.noneShared')}</Text>
          ) : (
            <AssessmentTable items={list.data.items} showCity={!cityStaff} />
          )}
        </Section>
        <Section title={t('assessments.about.csfTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('assessments.about.csfBody')}</Text>
            <ScaleTable />
            <Text size="sm">
              {t('assessments.list.benchmarksHint')}{' '}
              <Anchor component={Link} to="/app/assessments/benchmarks">
                {t('assessments.nav.benchmarks')}
              </Anchor>
            </Text>
          </Stack>
        </Section>
      </Stack>
      {creating && <CreateModal onClose={() => setCreating(false)} />}
    </>
  );
}

function AssessmentTable({ items, showCity }: { items: AssessmentSummary[]; showCity: boolean }) {
  return (
    <ScrollTable minWidth={640}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('assessments.col.title')}</Table.Th>
            {showCity && <Table.Th scope="col">{t('assessments.col.city')}</Table.Th>}
            <Table.Th scope="col">{t('assessments.col.scope')}</Table.Th>
            <Table.Th scope="col">{t('assessments.col.status')}</Table.Th>
            <Table.Th scope="col">{t('assessments.col.progress')}</Table.Th>
            <Table.Th scope="col">{t('assessments.col.shared')}</Table.Th>
            <Table.Th scope="col">{t('assessments.col.date')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Anchor component={Link} to={assessmentPath(item.id)} fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {item.title}
                  </Anchor>
                  <Anchor component={Link} to={gapsPath(item.id)} size="sm" aria-label={t('assessments.list.gapsOf', { title: item.title })}>
                    {t('assessments.list.gaps')}
                  </Anchor>
                </Stack>
              </Table.Td>
              {showCity && <Table.Td>{item.cityName}</Table.Td>}
              <Table.Td>{scopeText(item.scope, item.scopeSystem)}</Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>{t('assessments.progress.short', { answered: item.progress.answered, total: item.progress.total })}</Table.Td>
              <Table.Td>{item.sharedWithNational ? t('assessments.yes') : t('assessments.no')}</Table.Td>
              <Table.Td>
                {item.status === 'submitted' ? t('assessments.list.submittedOn', { date: formatDay(item.submittedAt) }) : t('assessments.list.updatedOn', { date: formatDay(item.updatedAt) })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function CreateModal({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [scope, setScope] = useState<AssessmentScope>('city_administration');
  const [system, setSystem] = useState<AssessmentSystem | ''>('');
  const [notes, setNotes] = useState('');
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/assessments', {
          body: { title, scope, scopeSystem: scope === 'system' ? system || null : null, scopeNotes: notes, priorityCategoryIds: [] },
        }),
      ),
    onSuccess: async (created: AssessmentDetail) => {
      queryClient.setQueryData(assessmentKey(created.id), created);
      await queryClient.invalidateQueries({ queryKey: [...assessmentsKey, 'list'] });
      await navigate(assessmentPath(created.id));
    },
  });
  const errors = fieldErrorsOf(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <WorkspaceModal opened onClose={onClose} title={t('assessments.new.title')} size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">{t('assessments.new.intro')}</Text>
          <FormAlert error={create.error} />
          <TextInput label={t('assessments.field.title')} description={t('assessments.field.titleHelp')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} maxLength={200} data-autofocus />
          <ScopeFields scope={scope} system={system} onScope={setScope} onSystem={setSystem} error={errors.scopeSystem} />
          <Textarea label={t('assessments.field.scopeNotes')} description={t('assessments.field.scopeNotesHelp')} autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.scopeNotes} />
          <ModalActions onCancel={onClose}>
            <Button type="submit" loading={create.isPending}>
              {t('assessments.new.create')}
            </Button>
          </ModalActions>
        </Stack>
      </form>
    </WorkspaceModal>
  );
}
