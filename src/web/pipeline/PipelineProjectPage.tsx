import { Anchor, Badge, Button, Group, List, NativeSelect, Select, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { useFramework } from '../portal/queries.js';
import { kindLabel } from '../workspace/labels.js';
import { DocumentUploadForm, formatSize, uploadDocumentTo } from '../workspace/documents.js';
import { fieldErrorsOf, FormAlert, formatDate, formatDateTime, InlineLoader, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { pipelineKey } from './PipelineListPage.js';
import { deliveryLabel, MoneyFacts, sectorLabel, StageBadge, stageLabel, stages, visibilityHelp, visibilityLabel, type PipelineDetail, type Stage } from './shared.js';

export const pipelineProjectKey = (id: string) => ['pipeline-project', id];

/** `/app/pipeline/:id`: the project, its money with USD equivalents, its stage and history, its documents. */
export function PipelineProjectPage() {
  const { id = '' } = useParams();
  const project = useQuery({ queryKey: pipelineProjectKey(id), queryFn: async () => unwrap(await api.GET('/api/v1/pipeline-projects/{id}', { params: { path: { id } } })) });
  if (project.isPending) return <InlineLoader />;
  if (project.isError) return <PageError error={project.error} onRetry={() => project.refetch()} />;
  const p = project.data;
  return (
    <>
      <WorkspaceTitle description={t('pipeline.project.where', { city: p.cityName, country: p.countryCode })}>{p.title}</WorkspaceTitle>
      <Stack gap="md">
        <Group gap="sm">
          <StageBadge stage={p.stage} />
          <Badge variant="outline" color="dark">
            {visibilityLabel(p.visibility)}
          </Badge>
          {p.canEdit && (
            <Button component={Link} to={`/app/pipeline/${p.id}/edit`} variant="default" size="compact-md">
              {t('pipeline.project.edit')}
            </Button>
          )}
          <Anchor component={Link} to={`/app/pipeline/${p.id}/bankability`}>
            {t('pipeline.project.bankability')}
          </Anchor>
          <Anchor component={Link} to={`/app/pipeline/${p.id}/providers`}>
            {t('pipeline.project.providers')}
          </Anchor>
        </Group>
        <ProjectFacts project={p} />
        <Section title={t('pipeline.money.title')}>
          <MoneyFacts money={p.money} />
        </Section>
        <StageSection project={p} />
        {p.canEdit && p.visibility !== 'public' && <SharesSection project={p} />}
        <DocumentsSection project={p} />
      </Stack>
    </>
  );
}

export function ProjectFacts({ project: p }: { project: PipelineDetail }) {
  const framework = useFramework();
  const area = framework.data?.focusAreas.find((a) => a.id === p.focusAreaId);
  const facts: [string, string][] = [
    [t('pipeline.field.sector'), sectorLabel(p.sector)],
    [t('pipeline.field.focusArea'), area?.name ?? p.focusAreaId],
    [t('pipeline.field.deliveryModel'), deliveryLabel(p.deliveryModel)],
    [t('pipeline.field.location'), p.location || t('pipeline.project.notGiven')],
    [t('pipeline.field.visibility'), `${visibilityLabel(p.visibility)}: ${visibilityHelp(p.visibility)}`],
  ];
  return (
    <Section title={t('pipeline.project.details')}>
      <Stack gap="sm">
        {p.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" m={0}>
          {facts.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="sm" fw={600}>
                {label}
              </Text>
              <Text component="dd" m={0} size="sm">
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {p.scapProjectId && (
          <Text size="sm">
            {t('pipeline.project.promotedFrom')}{' '}
            <Anchor component={Link} to={`/cities/${p.cityId}`}>
              {p.scapProjectTitle ?? t('pipeline.project.actionPlan')}
            </Anchor>
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('pipeline.project.updated', { date: formatDate(p.updatedAt) })}
        </Text>
      </Stack>
    </Section>
  );
}

function StageSection({ project: p }: { project: PipelineDetail }) {
  const queryClient = useQueryClient();
  const forward = p.allowedStages.find((s) => stages.indexOf(s) > stages.indexOf(p.stage));
  const back = p.allowedStages.find((s) => stages.indexOf(s) < stages.indexOf(p.stage));
  const [to, setTo] = useState<Stage | ''>(forward ?? back ?? '');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: async (target: Stage) => unwrap(await api.POST('/api/v1/pipeline-projects/{id}/stage', { params: { path: { id: p.id } }, body: { to: target, note } })),
    onSuccess: async (saved, target) => {
      queryClient.setQueryData(pipelineProjectKey(p.id), saved);
      await queryClient.invalidateQueries({ queryKey: pipelineKey });
      setNote('');
      setDone(t('pipeline.stage.moved', { stage: stageLabel(target) }));
      setTo(saved.allowedStages.find((s) => stages.indexOf(s) > stages.indexOf(saved.stage)) ?? saved.allowedStages[0] ?? '');
    },
  });
  const errors = fieldErrorsOf(move.error);
  const goingBack = to !== '' && back === to;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (to) move.mutate(to);
  }
  return (
    <Section title={t('pipeline.stage.title')}>
      <Stack gap="sm">
        <List type="ordered" size="sm" spacing={2}>
          {stages.map((s) => (
            <List.Item key={s} fw={s === p.stage ? 700 : undefined} aria-current={s === p.stage ? 'step' : undefined}>
              {s === p.stage ? t('pipeline.stage.current', { stage: stageLabel(s) }) : stageLabel(s)}
            </List.Item>
          ))}
        </List>
        <Text size="sm" c="dimmed">
          {t('pipeline.stage.rule')}
        </Text>
        {done && <SuccessAlert>{done}</SuccessAlert>}
        {p.canEdit && p.allowedStages.length > 0 && (
          <form onSubmit={submit}>
            <Stack gap="xs">
              <FormAlert error={move.error && !errors.note ? move.error : null} title={t('pipeline.stage.failed')} />
              <NativeSelect
                label={t('pipeline.stage.moveTo')}
                value={to}
                onChange={(e) => setTo(e.currentTarget.value as Stage)}
                data={p.allowedStages.map((s) => ({ value: s, label: s === back ? t('pipeline.stage.backOption', { stage: stageLabel(s) }) : stageLabel(s) }))}
                maw={360}
              />
              <Textarea
                label={goingBack ? t('pipeline.stage.noteRequired') : t('pipeline.stage.note')}
                required={goingBack}
                autosize
                minRows={2}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={errors.note}
              />
              <Button type="submit" w="fit-content" loading={move.isPending} disabled={!to}>
                {to ? t('pipeline.stage.moveButton', { stage: stageLabel(to) }) : t('pipeline.stage.moveTo')}
              </Button>
            </Stack>
          </form>
        )}
        <HistoryTable project={p} />
      </Stack>
    </Section>
  );
}

/** The stage changes; `publicView` (the portal) leaves out who made them and their notes, which the server does not send there. */
export function HistoryTable({ project: p, publicView = false }: { project: PipelineDetail; publicView?: boolean }) {
  return (
    <>
      <Text fw={600} size="sm" component="h3" m={0}>
        {t('pipeline.history.title')}
      </Text>
      <ScrollTable minWidth={publicView ? 320 : 520} label={t('pipeline.history.title')}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('pipeline.history.when')}</Table.Th>
              <Table.Th scope="col">{t('pipeline.history.change')}</Table.Th>
              {!publicView && <Table.Th scope="col">{t('pipeline.history.who')}</Table.Th>}
              {!publicView && <Table.Th scope="col">{t('pipeline.history.note')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.history.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.changedAt)}</Table.Td>
                <Table.Td>{h.fromStage ? t('pipeline.history.moved', { from: stageLabel(h.fromStage), to: stageLabel(h.toStage) }) : t('pipeline.history.created', { stage: stageLabel(h.toStage) })}</Table.Td>
                {!publicView && <Table.Td>{h.changedByName ?? t('pipeline.history.unknownPerson')}</Table.Td>}
                {!publicView && <Table.Td style={{ overflowWrap: 'anywhere' }}>{h.note}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </>
  );
}

/** Organisations a non-public project may be shared with (as the server's policy says). */
const shareKinds = ['company', 'us_city', 'us_agency', 'ngo', 'academia', 'cyber_centre'];

/** "Shared with": the organisations (companies above all) that see this non-public project; its editors add and remove them. */
function SharesSection({ project: p }: { project: PipelineDetail }) {
  const queryClient = useQueryClient();
  const key = ['pipeline-project', p.id, 'shares'];
  const shares = useQuery({ queryKey: key, queryFn: async () => unwrap(await api.GET('/api/v1/pipeline-projects/{id}/shares', { params: { path: { id: p.id } } })) });
  const [choice, setChoice] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [done, setDone] = useState<string | null>(null);
  const organisations = useQuery({
    queryKey: ['organisations', 'share', q],
    queryFn: async () => unwrap(await api.GET('/api/v1/organisations', { params: { query: { q: q || undefined, limit: 50 } } })).items,
  });
  const sharedIds = new Set((shares.data?.items ?? []).map((s) => s.organisationId));
  const choices = (organisations.data ?? []).filter((o) => shareKinds.includes(o.kind) && !sharedIds.has(o.id)).map((o) => ({ value: o.id, label: `${o.name} (${kindLabel(o.kind)})` }));
  const add = useMutation({
    mutationFn: async (organisationId: string) => unwrap(await api.POST('/api/v1/pipeline-projects/{id}/shares', { params: { path: { id: p.id } }, body: { organisationId } })),
    onSuccess: (saved, organisationId) => {
      queryClient.setQueryData(key, saved);
      setDone(t('pipeline.shares.added', { name: saved.items.find((s) => s.organisationId === organisationId)?.organisationName ?? '' }));
      setChoice(null);
      setSearch('');
    },
  });
  const remove = useMutation({
    mutationFn: async (share: { organisationId: string; organisationName: string }) => {
      unwrap(await api.DELETE('/api/v1/pipeline-projects/{id}/shares/{organisationId}', { params: { path: { id: p.id, organisationId: share.organisationId } } }));
      return share;
    },
    onSuccess: async (share) => {
      await queryClient.invalidateQueries({ queryKey: key });
      setDone(t('pipeline.shares.removed', { name: share.organisationName }));
    },
  });
  const errors = fieldErrorsOf(add.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (choice) add.mutate(choice);
  }
  return (
    <Section title={t('pipeline.shares.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('pipeline.shares.intro')}</Text>
        {done && <SuccessAlert>{done}</SuccessAlert>}
        <FormAlert error={remove.error} />
        {shares.isPending ? (
          <InlineLoader />
        ) : shares.isError ? (
          <FormAlert error={shares.error} />
        ) : shares.data.items.length === 0 ? (
          <Text size="sm">{t('pipeline.shares.none')}</Text>
        ) : (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('pipeline.shares.title')}>
            {shares.data.items.map((share) => (
              <Group key={share.organisationId} component="li" gap="xs" wrap="nowrap" justify="space-between">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {share.organisationName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {share.sharedByName
                      ? t('pipeline.shares.meta', { kind: kindLabel(share.organisationKind), name: share.sharedByName, date: formatDate(share.sharedAt) })
                      : t('pipeline.shares.metaNoName', { kind: kindLabel(share.organisationKind), date: formatDate(share.sharedAt) })}
                  </Text>
                </div>
                {shares.data.canEdit && (
                  <Button
                    size="xs"
                    variant="default"
                    loading={remove.isPending && remove.variables?.organisationId === share.organisationId}
                    onClick={() => remove.mutate(share)}
                    aria-label={t('pipeline.shares.removeNamed', { name: share.organisationName })}
                  >
                    {t('pipeline.shares.remove')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {shares.data?.canEdit && (
          <form onSubmit={submit}>
            <Group align="flex-end" gap="sm">
              <Select
                label={t('pipeline.shares.organisation')}
                description={t('pipeline.shares.organisationHelp')}
                searchable
                clearable
                data={choices}
                value={choice}
                onChange={setChoice}
                searchValue={search}
                onSearchChange={setSearch}
                filter={({ options }) => options}
                nothingFoundMessage={organisations.isFetching ? t('app.loading') : t('pipeline.shares.noMatch')}
                error={errors.organisationId}
                w={{ base: '100%', sm: 380 }}
              />
              <Button type="submit" loading={add.isPending} disabled={!choice}>
                {t('pipeline.shares.add')}
              </Button>
            </Group>
            <FormAlert error={add.error && !errors.organisationId ? add.error : null} />
          </form>
        )}
      </Stack>
    </Section>
  );
}

function DocumentsSection({ project: p }: { project: PipelineDetail }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadDocumentTo<{ fileName: string }>(`/api/v1/pipeline-projects/${encodeURIComponent(p.id)}/documents`, chosen),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: pipelineProjectKey(p.id) });
      setFile(null);
      setDone(t('workspace.documents.uploaded', { name: created.fileName }));
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) upload.mutate(file);
  }
  return (
    <Section title={t('pipeline.documents.title')}>
      <Stack gap="sm">
        {done && <SuccessAlert>{done}</SuccessAlert>}
        <DocumentList project={p} />
        {p.canEdit && <DocumentUploadForm file={file} onFileChange={setFile} onSubmit={submit} pending={upload.isPending} error={upload.error} />}
      </Stack>
    </Section>
  );
}

export function DocumentList({ project: p }: { project: PipelineDetail }) {
  if (p.documents.length === 0) return <Text size="sm">{t('pipeline.documents.none')}</Text>;
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {p.documents.map((doc) => (
        <li key={doc.id}>
          <Anchor href={`/api/v1/documents/${doc.id}`} download={doc.fileName} style={{ overflowWrap: 'anywhere' }}>
            {doc.fileName}
          </Anchor>{' '}
          <Text span size="sm" c="dimmed">
            {t('pipeline.documents.meta', { size: formatSize(doc.sizeBytes), date: formatDate(doc.createdAt) })}
          </Text>
        </li>
      ))}
    </Stack>
  );
}
