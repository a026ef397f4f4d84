import { Anchor, Badge, Button, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.js';
import { PageError, PageLoader } from '../app/pages.js';
import { t } from '../i18n/i18n.js';
import { fieldErrorsOf, FormAlert, SuccessAlert, WorkspaceTitle } from '../workspace/forms.js';
import { Section } from '../workspace/Section.js';
import { ReasonList, sectorName } from './shared.js';

const key = ['solution-opportunities'];

/** `/app/solutions/opportunities`: the public and partnership pipeline projects that fit the company's solutions, with reasons. */
export function OpportunitiesPage() {
  const list = useQuery({ queryKey: key, queryFn: async () => unwrap(await api.GET('/api/v1/solutions/opportunities', { params: { query: { limit: 20 } } })) });
  const title = <WorkspaceTitle description={t('providers.opportunities.description')}>{t('providers.opportunities.title')}</WorkspaceTitle>;
  if (list.isPending) return <PageLoader />;
  if (list.isError)
    return (
      <>
        {title}
        <PageError error={list.error} onRetry={() => list.refetch()} />
      </>
    );
  return (
    <>
      {title}
      <Stack gap="md">
        {!list.data.hasSolutions && (
          <Text>
            {t('providers.opportunities.noSolutions')}{' '}
            <Anchor component={Link} to="/app/solutions">
              {t('providers.solutions.title')}
            </Anchor>
          </Text>
        )}
        {list.data.hasSolutions && list.data.items.length === 0 && <Text>{t('providers.opportunities.none')}</Text>}
        {list.data.items.map((item) => (
          <Section key={item.projectId} title={item.title}>
            <Stack gap="xs">
              <Text size="sm">{t('providers.opportunities.where', { city: item.cityName, country: item.countryCode, sector: sectorName(item.projectSector) })}</Text>
              <Title order={3} size="h6">
                {t('providers.reason.why')}
              </Title>
              <ReasonList reasons={item} focusAreaId={item.focusAreaId} />
              {item.interested ? <Badge variant="light" color="green.9">{t('providers.interest.sent')}</Badge> : <InterestForm projectId={item.projectId} title={item.title} />}
            </Stack>
          </Section>
        ))}
      </Stack>
    </>
  );
}

function InterestForm({ projectId, title }: { projectId: string; title: string }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const send = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/pipeline-projects/{id}/interests', { params: { path: { id: projectId } }, body: { message } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const errors = fieldErrorsOf(send.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate();
  }
  return (
    <form onSubmit={submit} aria-label={t('providers.interest.formNamed', { title })}>
      <Stack gap="xs">
        {send.isSuccess && <SuccessAlert>{t('providers.interest.sent')}</SuccessAlert>}
        <FormAlert error={send.error} />
        <Textarea label={t('providers.interest.message')} description={t('providers.interest.messageHint')} withAsterisk autosize minRows={2} value={message} onChange={(e) => setMessage(e.currentTarget.value)} error={errors.message} />
        <Button type="submit" size="xs" w="fit-content" loading={send.isPending}>
          {t('providers.interest.send')}
        </Button>
      </Stack>
    </form>
  );
}
