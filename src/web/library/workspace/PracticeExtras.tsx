import { Anchor, Button, FileInput, Group, List, NativeSelect, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.js';
import { ACCEPTED_DOCUMENT_TYPES, formatSize, uploadDocumentTo } from '../../workspace/documents.js';
import { t } from '../../i18n/i18n.js';
import { useCities } from '../../portal/queries.js';
import { fieldErrorsOf, FormAlert, SuccessAlert } from '../../workspace/forms.js';
import { Section } from '../../workspace/Section.js';
import { ModalActions, WorkspaceModal } from '../../workspace/WorkspaceModal.js';
import { languageName } from '../presentation.js';
import { afterPracticeChange, libraryLanguages, type PracticeDetail } from '../queries.js';

/** Documents attached to a draft: download links, and an upload. */
export function AttachmentsSection({ practice }: { practice: PracticeDetail }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadDocumentTo<PracticeDetail['attachments'][number]>(`/api/v1/practices/${encodeURIComponent(practice.id)}/documents`, chosen),
    onSuccess: async (created) => {
      await afterPracticeChange(queryClient);
      setFile(null);
      setDone(t('workspace.documents.uploaded', { name: created.fileName }));
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) upload.mutate(file);
  }
  return (
    <Section title={t('library.attachments')}>
      <Stack gap="sm">
        {done && <SuccessAlert>{done}</SuccessAlert>}
        {practice.attachments.length === 0 ? (
          <Text size="sm">{t('library.attachmentsNone')}</Text>
        ) : (
          <List size="sm" spacing={4}>
            {practice.attachments.map((document) => (
              <List.Item key={document.id} style={{ overflowWrap: 'anywhere' }}>
                <Anchor href={`/api/v1/documents/${document.id}`} download={document.fileName} size="sm">
                  {document.fileName}
                </Anchor>{' '}
                ({formatSize(document.sizeBytes)})
              </List.Item>
            ))}
          </List>
        )}
        <form onSubmit={submit}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <FileInput
              label={t('library.attach.file')}
              description={t('library.attach.hint')}
              accept={ACCEPTED_DOCUMENT_TYPES}
              value={file}
              onChange={setFile}
              clearable
              style={{ flex: '1 1 14rem' }}
            />
            <Button type="submit" variant="outline" disabled={!file} loading={upload.isPending}>
              {t('library.attach.upload')}
            </Button>
          </Group>
        </form>
        <FormAlert error={upload.error} />
      </Stack>
    </Section>
  );
}

/** A version in another language: starts as a draft linked to this practice. */
export function TranslationSection({ practice }: { practice: PracticeDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const taken = new Set([practice.language, ...practice.translations.map((translation) => translation.language)]);
  const options = libraryLanguages.filter((tag) => !taken.has(tag));
  const [language, setLanguage] = useState(options[0] ?? '');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [body, setBody] = useState('');
  const create = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/practices/{practiceId}/translations', { params: { path: { practiceId: practice.id } }, body: { language, title, summary, body } })),
    onSuccess: async (created) => {
      await afterPracticeChange(queryClient, created);
      setOpen(false);
      navigate(`/app/library/${created.id}/edit`, { state: { done: t('library.translation.created', { language: languageName(created.language) }) } });
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <Section
      title={t('library.translations')}
      actions={
        options.length > 0 && (
          <Button size="compact-md" variant="outline" onClick={() => setOpen(true)}>
            {t('library.translation.add')}
          </Button>
        )
      }
    >
      {practice.translations.length === 0 ? (
        <Text size="sm">{t('library.translationsNone')}</Text>
      ) : (
        <List size="sm" spacing={4}>
          {practice.translations.map((translation) => (
            <List.Item key={translation.id}>
              <Anchor component={Link} to={`/library/${translation.id}`} hrefLang={translation.language} size="sm">
                {languageName(translation.language)}: <span lang={translation.language}>{translation.title}</span>
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
      <WorkspaceModal opened={open} onClose={() => setOpen(false)} size="lg" title={t('library.translation.title', { title: practice.title })}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <Stack>
            <NativeSelect label={t('library.field.language')} value={language} onChange={(e) => setLanguage(e.currentTarget.value)} data={options.map((tag) => ({ value: tag, label: languageName(tag) }))} error={errors.language} />
            <TextInput label={t('library.field.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} lang={language} />
            <Textarea label={t('library.field.summary')} autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={errors.summary} lang={language} />
            <Textarea label={t('library.field.body')} description={t('library.field.bodyHint')} autosize minRows={6} maxRows={20} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={errors.body} lang={language} />
            <FormAlert error={create.error} />
            <ModalActions onCancel={() => setOpen(false)}>
              <Button type="submit" loading={create.isPending}>
                {t('library.translation.create')}
              </Button>
            </ModalActions>
          </Stack>
        </form>
      </WorkspaceModal>
    </Section>
  );
}

/** Cities that replicated the practice: recorded with a year and a note, and removable. */
export function ReplicationsSection({ practice }: { practice: PracticeDetail }) {
  const queryClient = useQueryClient();
  const cities = useCities();
  const [cityId, setCityId] = useState('');
  const [year, setYear] = useState<string | number>(new Date().getFullYear());
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/practices/{practiceId}/replications', {
          params: { path: { practiceId: practice.id } },
          body: { cityId, year: Number(year), note },
        }),
      ),
    onSuccess: async (saved) => {
      await afterPracticeChange(queryClient, saved);
      setCityId('');
      setNote('');
      setDone(t('library.replication.added'));
    },
  });
  const remove = useMutation({
    mutationFn: async (replicationId: string) =>
      unwrap(await api.DELETE('/api/v1/practices/{practiceId}/replications/{replicationId}', { params: { path: { practiceId: practice.id, replicationId } } })),
    onSuccess: async () => {
      await afterPracticeChange(queryClient);
      setDone(t('library.replication.removed'));
    },
  });
  const errors = fieldErrorsOf(add.error);
  const cityOptions = (cities.data ?? []).map((city) => ({ value: city.id, label: `${city.name} (${city.countryName})` })).sort((a, b) => a.label.localeCompare(b.label));
  return (
    <Section title={t('library.replications')}>
      <Stack gap="sm">
        {done && <SuccessAlert>{done}</SuccessAlert>}
        <FormAlert error={remove.error} />
        {practice.replications.length === 0 ? (
          <Text size="sm">{t('library.replicationsNone')}</Text>
        ) : (
          <Stack gap={4} renderRoot={(props) => <ul {...props} />} p={0} m={0} style={{ listStyle: 'none' }}>
            {practice.replications.map((replication) => (
              <Group key={replication.id} gap="xs" renderRoot={(props) => <li {...props} />}>
                <Text size="sm">
                  {replication.cityName} ({replication.year}){replication.note ? ` — ${replication.note}` : ''}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  loading={remove.isPending && remove.variables === replication.id}
                  onClick={() => remove.mutate(replication.id)}
                  aria-label={t('library.replication.removeNamed', { city: replication.cityName })}
                >
                  {t('library.replication.remove')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
        >
          <Group align="flex-start" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('library.replication.city')}
              required
              value={cityId}
              onChange={(e) => setCityId(e.currentTarget.value)}
              data={[{ value: '', label: t('library.replication.chooseCity') }, ...cityOptions]}
              error={errors.cityId}
              style={{ flex: '2 1 14rem' }}
            />
            <NumberInput label={t('library.replication.year')} required value={year} onChange={setYear} min={1990} max={2100} error={errors.year} style={{ flex: '1 1 6rem' }} hideControls />
            <TextInput label={t('library.replication.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} style={{ flex: '2 1 14rem' }} maxLength={2000} />
          </Group>
          <Button type="submit" variant="outline" mt="sm" disabled={!cityId} loading={add.isPending}>
            {t('library.replication.add')}
          </Button>
        </form>
        <FormAlert error={add.error} />
      </Stack>
    </Section>
  );
}
