import { Alert, Box, Button, FileInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client.js';
import { PageError } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { uploadDocumentTo } from '../workspace/documents.js';
import { FormAlert, InlineLoader, WorkspaceTitle } from '../workspace/forms.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { Section } from '../workspace/Section.js';
import { useActor } from '../workspace/WorkspaceFrame.js';
import { exposureKey, Fact, feedFormats, formatDay, formatWhen, SecretariatOnly, useFeedSummary, type FeedReport } from './shared.js';

type Outcome = { file: string; report?: FeedReport; error?: unknown };

/** `/app/exposure/feeds` (the secretariat): import vulnerability feed files, see what each import did. */
export function FeedsPage() {
  const actor = useActor();
  return (
    <SecretariatOnly actor={actor} title={t('exposure.feedsPage.title')}>
      <WorkspaceTitle description={t('exposure.feedsPage.description')}>{t('exposure.feedsPage.title')}</WorkspaceTitle>
      <Stack gap="md">
        <UploadSection />
        <SummarySection />
        <HistorySection />
      </Stack>
    </SecretariatOnly>
  );
}

/** Several files may be chosen; they are imported one after the other, each with its own report. */
function UploadSection() {
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const upload = useMutation({
    mutationFn: async (chosen: File[]) => {
      const done: Outcome[] = [];
      for (const file of chosen) {
        try {
          done.push({ file: file.name, report: await uploadDocumentTo<FeedReport>('/api/v1/feeds/imports', file) });
        } catch (error) {
          done.push({ file: file.name, error });
        }
        setOutcomes([...done]);
      }
      return done;
    },
    onSettled: async () => {
      setFiles([]);
      await queryClient.invalidateQueries({ queryKey: exposureKey });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setOutcomes([]);
    upload.mutate(files);
  }
  return (
    <Section title={t('exposure.feedsPage.upload')}>
      <Stack gap="sm">
        <Text size="sm">{t('exposure.feedsPage.uploadIntro')}</Text>
        <form onSubmit={submit}>
          <Stack gap="xs">
            <FileInput
              multiple
              label={t('exposure.feedsPage.files')}
              description={t('exposure.feedsPage.filesHelp')}
              placeholder={t('workspace.documents.noFile')}
              styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
              accept=".json,.csv,.gz,application/json,text/csv,application/gzip"
              value={files}
              onChange={setFiles}
              clearable
              clearButtonProps={{ 'aria-label': t('exposure.feedsPage.clearFiles') }}
              maw={520}
            />
            <Button type="submit" disabled={files.length === 0} loading={upload.isPending} w="fit-content">
              {files.length > 1 ? t('exposure.feedsPage.importMany', { count: files.length }) : t('exposure.feedsPage.import')}
            </Button>
          </Stack>
        </form>
        {outcomes.length > 0 && (
          <Stack gap="sm" aria-live="polite">
            <Title order={3} size="h5">
              {t('exposure.feedsPage.reports')}
            </Title>
            {outcomes.map((outcome, index) =>
              outcome.report ? <ReportCard key={`${outcome.file}-${index}`} report={outcome.report} /> : <FormAlert key={`${outcome.file}-${index}`} error={outcome.error} title={t('exposure.feedsPage.notImported', { file: outcome.file })} />,
            )}
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

function ReportCard({ report }: { report: FeedReport }) {
  return (
    <Paper withBorder p="sm" radius="sm" component="article" aria-label={t('exposure.feedsPage.reportOf', { file: report.fileName })}>
      <Stack gap={6}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {t('exposure.feedsPage.reportTitle', { file: report.fileName, format: feedFormats.label(report.format) })}
        </Text>
        {report.sourceDate && <Text size="sm">{t('exposure.feedsPage.sourceDate', { date: formatDay(report.sourceDate) })}</Text>}
        <Text size="sm">
          {t('exposure.feedsPage.counts', { inserted: report.inserted, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected })}
        </Text>
        <Text size="sm">
          {t('exposure.feedsPage.rematched', { assets: report.rematched.assets, opened: report.rematched.exposuresOpened, closed: report.rematched.exposuresClosed })}
        </Text>
        <Problems problems={report.problems} />
      </Stack>
    </Paper>
  );
}

function Problems({ problems }: { problems: FeedReport['problems'] }) {
  if (problems.length === 0) return null;
  return (
    <Alert color="orange" title={t('exposure.feedsPage.problems', { count: problems.length })}>
      <Box component="ul" m={0} pl="md">
        {problems.slice(0, 50).map((problem, index) => (
          <Text component="li" size="sm" key={`${problem.location}-${index}`} style={{ overflowWrap: 'anywhere' }}>
            {problem.location}: {problem.message}
          </Text>
        ))}
      </Box>
      {problems.length > 50 && <Text size="sm">{t('exposure.feedsPage.moreProblems', { count: problems.length - 50 })}</Text>}
    </Alert>
  );
}

const sourceLabels = { nvd: 'exposure.source.nvd', cve5: 'exposure.source.cve5', csaf: 'exposure.source.csaf' } as const;

function SummarySection() {
  const summary = useFeedSummary();
  return (
    <Section title={t('exposure.feedsPage.summary')}>
      {summary.isPending ? (
        <InlineLoader />
      ) : summary.isError ? (
        <PageError error={summary.error} onRetry={() => summary.refetch()} />
      ) : (
        <Stack component="dl" gap={4} m={0}>
          {summary.data.sources.map((source) => (
            <Fact key={source.source} label={t(sourceLabels[source.source])}>
              {source.lastImportedAt
                ? t('exposure.feedsPage.recordsSince', { count: source.records, date: formatWhen(source.lastImportedAt) })
                : t('exposure.feedsPage.records', { count: source.records })}
            </Fact>
          ))}
          <Fact label={t('exposure.format.kev')}>
            {summary.data.kev.catalogVersion
              ? t('exposure.feedsPage.kevVersion', { count: summary.data.kev.entries, version: summary.data.kev.catalogVersion })
              : t('exposure.feedsPage.kevEntries', { count: summary.data.kev.entries })}
          </Fact>
          <Fact label={t('exposure.format.epss')}>
            {summary.data.epss.scoreDate
              ? t('exposure.feedsPage.epssDated', { count: summary.data.epss.scores, date: formatDay(summary.data.epss.scoreDate) })
              : t('exposure.feedsPage.epssScores', { count: summary.data.epss.scores })}
          </Fact>
        </Stack>
      )}
    </Section>
  );
}

function HistorySection() {
  const imports = useInfiniteQuery({
    queryKey: [...exposureKey, 'feed-imports'],
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/api/v1/feeds/imports', { params: { query: { cursor: pageParam, limit: 25 } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = imports.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Section title={t('exposure.feedsPage.history')}>
      <Stack gap="sm">
        {imports.isPending ? (
          <InlineLoader />
        ) : imports.isError ? (
          <PageError error={imports.error} onRetry={() => imports.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm">{t('exposure.feedsPage.noHistory')}</Text>
        ) : (
          <ScrollTable minWidth={640} label={t('exposure.feedsPage.history')}>
            <Table striped verticalSpacing="xs" aria-label={t('exposure.feedsPage.history')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('exposure.feedsPage.when')}</Table.Th>
                  <Table.Th scope="col">{t('exposure.feedsPage.file')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('exposure.feedsPage.new')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('exposure.feedsPage.changed')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('exposure.feedsPage.same')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('exposure.feedsPage.rejected')}
                  </Table.Th>
                  <Table.Th scope="col">{t('exposure.feedsPage.by')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatWhen(entry.importedAt)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {entry.fileName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {feedFormats.label(entry.format)}
                        {entry.sourceDate ? ` · ${formatDay(entry.sourceDate)}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{entry.inserted}</Table.Td>
                    <Table.Td ta="right">{entry.updated}</Table.Td>
                    <Table.Td ta="right">{entry.unchanged}</Table.Td>
                    <Table.Td ta="right" title={entry.problems.map((problem) => `${problem.location}: ${problem.message}`).join('\n') || undefined}>
                      {entry.rejected}
                    </Table.Td>
                    <Table.Td>{entry.importedByName ?? t('exposure.feedsPage.byCommand')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {imports.hasNextPage && (
          <Button variant="outline" w="fit-content" loading={imports.isFetchingNextPage} onClick={() => imports.fetchNextPage()}>
            {t('workspace.loadMore')}
          </Button>
        )}
      </Stack>
    </Section>
  );
}
