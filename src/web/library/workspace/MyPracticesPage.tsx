import { Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageError } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { useFramework } from '../../portal/queries.js';
import { InlineLoader, WorkspaceTitle } from '../../workspace/forms.js';
import { isSecretariat, useActor } from '../../workspace/WorkspaceFrame.js';
import { PracticeCard } from '../components.js';
import { usePractices } from '../queries.js';

/** `/app/library`: the practices of my organisation, in every status, with "Write a practice". */
export function MyPracticesPage() {
  const actor = useActor();
  const framework = useFramework();
  // The API lists what the viewer may see: published practices, and drafts of their own organisation.
  const practices = usePractices({}, 200);
  const areaName = (id: string) => framework.data?.focusAreas.find((area) => area.id === id)?.name ?? id;
  const mine = (practices.data?.pages.flatMap((page) => page.items) ?? []).filter((practice) => practice.organisationId === actor.organisation.id);

  return (
    <>
      <WorkspaceTitle description={t('library.mine.intro', { organisation: actor.organisation.name })}>{t('library.mine.title')}</WorkspaceTitle>
      <Group gap="sm" mb="md">
        <Button component={Link} to="/app/library/new">
          {t('library.mine.write')}
        </Button>
        <Button component={Link} to="/library" variant="outline">
          {t('library.mine.browse')}
        </Button>
        {isSecretariat(actor) && (
          <Button component={Link} to="/app/library/review" variant="outline">
            {t('library.review.title')}
          </Button>
        )}
      </Group>
      {practices.isPending ? (
        <InlineLoader />
      ) : practices.isError ? (
        <PageError error={practices.error} onRetry={() => practices.refetch()} />
      ) : mine.length === 0 ? (
        <Text>{t('library.mine.none')}</Text>
      ) : (
        <Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" renderRoot={(props) => <ul {...props} />} p={0} m={0} style={{ listStyle: 'none' }}>
            {mine.map((practice) => (
              <PracticeCard
                key={practice.id}
                practice={practice}
                areaName={areaName}
                to={`/library/${practice.id}`}
                showStatus
                actions={
                  practice.status === 'draft' && (
                    <Button
                      component={Link}
                      to={`/app/library/${practice.id}/edit`}
                      size="compact-sm"
                      variant="outline"
                      w="fit-content"
                      aria-label={t('library.editNamed', { title: practice.title })}
                    >
                      {t('library.edit')}
                    </Button>
                  )
                }
              />
            ))}
          </SimpleGrid>
          {practices.hasNextPage && (
            <Button variant="outline" w="fit-content" loading={practices.isFetchingNextPage} onClick={() => practices.fetchNextPage()}>
              {t('library.loadMore')}
            </Button>
          )}
        </Stack>
      )}
    </>
  );
}
