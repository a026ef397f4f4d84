import { Alert, Anchor, Box, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title, Typography } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../api/client.js';
import { NotFoundPage, PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { formatInteger, useDocumentTitle } from '../portal/presentation.js';
import { useFramework } from '../portal/queries.js';
import { ScrollTable } from '../workspace/ScrollTable.js';
import { FormAlert, formatDate, SuccessAlert } from '../workspace/forms.js';
import classes from './PracticeBody.module.css';
import { KindBadge, ReviewActions, StatusBadge } from './components.js';
import { formatSize } from '../workspace/documents.js';
import { costLabel, languageName, practiceVisibilityLabel, statusLabel } from './presentation.js';
import { afterPracticeChange, usePractice, type PracticeDetail } from './queries.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/library/:practiceId`: a practice with its metadata, rendered body, translations, replications and attachments. */
export function PracticePage() {
  const { practiceId = '' } = useParams();
  if (!UUID.test(practiceId)) return <NotFoundPage />;
  return <PracticeView practiceId={practiceId} />;
}

function PracticeView({ practiceId }: { practiceId: string }) {
  const practice = usePractice(practiceId);
  useDocumentTitle(practice.data?.title ?? null);
  if (practice.isPending) return <PageLoader />;
  if (practice.isError) {
    if (practice.error instanceof ApiError && practice.error.status === 404) return <NotFoundPage />;
    return <PageError error={practice.error} onRetry={() => practice.refetch()} />;
  }
  return <PracticeContent practice={practice.data} />;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={700}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function PracticeContent({ practice }: { practice: PracticeDetail }) {
  const framework = useFramework();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const focusArea = framework.data?.focusAreas.find((area) => area.id === practice.focusAreaId);
  const submit = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/practices/{practiceId}/submit', { params: { path: { practiceId: practice.id } } })),
    onSuccess: async (saved) => {
      await afterPracticeChange(queryClient, saved);
      setDone(t('library.submitted', { title: saved.title }));
    },
  });
  const isOwnerView = practice.canEdit || practice.canReview || practice.status !== 'published' || practice.reviewComment !== null;
  const none = t('library.none');
  const bodyHtml = useMemo(() => withImageAlts(practice.bodyHtml), [practice.bodyHtml]);

  return (
    <Stack gap="lg" lang={practice.language}>
      <Stack gap={6}>
        <Anchor component={Link} to="/library" size="sm" lang="en">
          {t('library.back')}
        </Anchor>
        <Group gap="xs">
          <KindBadge kind={practice.kind} />
          {practice.status !== 'published' && <StatusBadge status={practice.status} />}
        </Group>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {practice.title}
        </Title>
        {practice.summary && (
          <Text size="lg" c="dimmed">
            {practice.summary}
          </Text>
        )}
        <Text size="sm" c="dimmed" lang="en">
          {[
            practice.organisationName,
            practice.publishedAt ? t('library.publishedOn', { date: formatDate(practice.publishedAt) }) : t('library.updatedOn', { date: formatDate(practice.updatedAt) }),
            languageName(practice.language),
          ].join(' · ')}
        </Text>
      </Stack>

      <Stack gap="sm" lang="en">
        {done && <SuccessAlert>{done}</SuccessAlert>}
        {isOwnerView && (practice.status !== 'published' || practice.reviewComment) && (
          <Alert color="gray" title={t('library.statusTitle')}>
            <Stack gap={4}>
              <Text size="sm">
                {t('library.statusIs')} <StatusBadge status={practice.status} /> · {practiceVisibilityLabel(practice.visibility)}
              </Text>
              {practice.reviewComment && (
                <Text size="sm" data-testid="review-comment">
                  <strong>{t('library.reviewComment')}</strong> {practice.reviewComment}
                </Text>
              )}
            </Stack>
          </Alert>
        )}
        <FormAlert error={submit.error} />
        {(practice.canEdit || practice.canReview) && (
          <Group gap="xs">
            {practice.canEdit && (
              <Button component={Link} to={`/app/library/${practice.id}/edit`} variant="outline" size="compact-md">
                {t('library.edit')}
              </Button>
            )}
            {practice.canEdit && practice.status === 'draft' && (
              <Button size="compact-md" loading={submit.isPending} onClick={() => submit.mutate()}>
                {t('library.submit')}
              </Button>
            )}
          </Group>
        )}
        {practice.canReview && practice.status === 'in_review' && <ReviewActions practice={practice} onDone={setDone} />}
      </Stack>

      <Paper withBorder p="md" component="section" aria-labelledby="practice-facts" lang="en">
        <Title order={2} size="h4" id="practice-facts" mb="sm">
          {t('library.facts')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" component="dl" m={0}>
          <Fact label={t('library.field.focusArea')}>{focusArea ? `${focusArea.name} (${focusArea.code})` : practice.focusAreaId}</Fact>
          <Fact label={t('library.field.city')}>
            {practice.cityId ? (
              <Anchor component={Link} to={`/cities/${practice.cityId}`} size="sm">
                {practice.cityName ?? practice.cityId}
              </Anchor>
            ) : (
              none
            )}
          </Fact>
          <Fact label={t('library.field.costRange')}>{practice.costRange ? costLabel(practice.costRange) : none}</Fact>
          <Fact label={t('library.field.sectors')}>{practice.sectors.join(', ') || none}</Fact>
          <Fact label={t('library.field.technologies')}>{practice.technologies.join(', ') || none}</Fact>
          <Fact label={t('library.field.standards')}>{practice.standards.join(', ') || none}</Fact>
        </SimpleGrid>
        {practice.outcomeIndicators.length > 0 && (
          <Box mt="md">
            <Title order={3} size="h5" mb="xs" id="practice-indicators">
              {t('library.field.indicators')}
            </Title>
            <ScrollTable minWidth={320} label={t('library.field.indicators')}>
              <Table striped verticalSpacing="xs" aria-labelledby="practice-indicators">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('library.indicator.name')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('library.indicator.value')}
                    </Table.Th>
                    <Table.Th scope="col">{t('library.indicator.unit')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {practice.outcomeIndicators.map((indicator, index) => (
                    <Table.Tr key={index}>
                      <Table.Th scope="row" fw={500}>
                        {indicator.name}
                      </Table.Th>
                      <Table.Td ta="right">{indicator.value.toLocaleString('en')}</Table.Td>
                      <Table.Td>{indicator.unit}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Box>
        )}
      </Paper>

      <section aria-labelledby="practice-body">
        <Title order={2} size="h3" id="practice-body" mb="sm" lang="en">
          {t('library.body')}
        </Title>
        {practice.bodyHtml.trim() === '' ? (
          <Text c="dimmed" lang="en">
            {t('library.bodyEmpty')}
          </Text>
        ) : (
          <Typography>
            {/* bodyHtml is rendered from Markdown and sanitised by the server (src/modules/library/markdown.ts). */}
            <div className={classes.body} data-testid="practice-body" style={{ overflowWrap: 'anywhere', maxWidth: '75ch' }} dangerouslySetInnerHTML={{ __html: bodyHtml }} />
          </Typography>
        )}
      </section>

      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg" lang="en">
        <section aria-labelledby="practice-translations">
          <Title order={2} size="h4" id="practice-translations" mb="xs">
            {t('library.translations')}
          </Title>
          {practice.translations.length === 0 ? (
            <Text size="sm">{t('library.translationsNone')}</Text>
          ) : (
            <List spacing={4} size="sm">
              {practice.translations.map((translation) => (
                <List.Item key={translation.id}>
                  <Anchor component={Link} to={`/library/${translation.id}`} hrefLang={translation.language} size="sm">
                    {languageName(translation.language)}: <span lang={translation.language}>{translation.title}</span>
                  </Anchor>
                  {translation.status !== 'published' && (
                    <Text span size="sm" c="dimmed">
                      {' '}
                      ({statusLabel(translation.status)})
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </section>
        <section aria-labelledby="practice-replications">
          <Title order={2} size="h4" id="practice-replications" mb="xs">
            {t('library.replications')}
          </Title>
          {practice.replications.length === 0 ? (
            <Text size="sm">{t('library.replicationsNone')}</Text>
          ) : (
            <List spacing={4} size="sm">
              {practice.replications.map((replication) => (
                <List.Item key={replication.id}>
                  <Anchor component={Link} to={`/cities/${replication.cityId}`} size="sm">
                    {replication.cityName}
                  </Anchor>{' '}
                  ({formatInteger(replication.year).replace(/,/g, '')}){replication.note ? ` — ${replication.note}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </section>
        <section aria-labelledby="practice-attachments">
          <Title order={2} size="h4" id="practice-attachments" mb="xs">
            {t('library.attachments')}
          </Title>
          {practice.attachments.length === 0 ? (
            <Text size="sm">{t('library.attachmentsNone')}</Text>
          ) : (
            <List spacing={4} size="sm">
              {practice.attachments.map((document) => (
                <List.Item key={document.id} style={{ overflowWrap: 'anywhere' }}>
                  <Anchor href={`/api/v1/documents/${document.id}`} download={document.fileName} size="sm">
                    {document.fileName}
                  </Anchor>{' '}
                  <Text span size="sm" c="dimmed">
                    ({formatSize(document.sizeBytes)})
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </section>
      </SimpleGrid>
    </Stack>
  );
}

/**
 * The server's sanitised body, with alt="" on images the author gave no text (screen readers then
 * skip them rather than reading their address). DOMParser builds an inert document: nothing in it runs.
 */
function withImageAlts(html: string): string {
  if (!html.includes('<img')) return html;
  const document = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  for (const image of document.querySelectorAll('img:not([alt])')) image.setAttribute('alt', '');
  return document.body.innerHTML;
}
