import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageError } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { useFramework } from '../../portal/queries.js';
import { formatDate, InlineLoader, SuccessAlert, WorkspaceTitle } from '../../workspace/forms.js';
import { SecretariatOnly } from '../../workspace/secretariat/SecretariatOnly.js';
import { isSecretariat, useActor } from '../../workspace/WorkspaceFrame.js';
import { KindBadge, ReviewActions } from '../components.js';
import { languageName } from '../presentation.js';
import { usePractices } from '../queries.js';

/** `/app/library/review`: the secretariat's queue of practices in review, each published or returned with a comment. */
export function ReviewPage() {
  const actor = useActor();
  if (!isSecretariat(actor)) return <SecretariatOnly title={t('library.review.title')} />;
  return <ReviewQueue />;
}

function ReviewQueue() {
  const framework = useFramework();
  const practices = usePractices({ status: 'in_review' }, 100);
  const [done, setDone] = useState<string | null>(null);
  const areaName = (id: string) => framework.data?.focusAreas.find((area) => area.id === id)?.name ?? id;
  const items = practices.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <WorkspaceTitle description={t('library.review.intro')}>{t('library.review.title')}</WorkspaceTitle>
      <Stack>
        {done && <SuccessAlert>{done}</SuccessAlert>}
        {practices.isPending ? (
          <InlineLoader />
        ) : practices.isError ? (
          <PageError error={practices.error} onRetry={() => practices.refetch()} />
        ) : items.length === 0 ? (
          <Text>{t('library.review.none')}</Text>
        ) : (
          <Stack gap="md" renderRoot={(props) => <ul {...props} />} p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((practice) => (
              <Paper key={practice.id} withBorder p="md" renderRoot={(props) => <li {...props} />} data-testid="review-item">
                <Stack gap={6}>
                  <KindBadge kind={practice.kind} />
                  <Anchor component={Link} to={`/library/${practice.id}`} fw={700} size="lg" lang={practice.language} style={{ overflowWrap: 'anywhere' }}>
                    {practice.title}
                  </Anchor>
                  {practice.summary && (
                    <Text size="sm" lang={practice.language}>
                      {practice.summary}
                    </Text>
                  )}
                  <Text size="sm" c="dimmed">
                    {[practice.organisationName, areaName(practice.focusAreaId), languageName(practice.language), t('library.updatedOn', { date: formatDate(practice.updatedAt) })].join(' · ')}
                  </Text>
                  <ReviewActions practice={practice} onDone={setDone} />
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </>
  );
}
