import { Button, FileInput, Stack } from '@mantine/core';
import type { FormEvent } from 'react';
import { ApiError, type ApiErrorBody } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import { FormAlert } from './forms.js';

/**
 * Uploading documents to any record that holds them (projects, practices, pairings). The server
 * checks each file's content; the picker only suggests these types.
 */
export const ACCEPTED_DOCUMENT_TYPES = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.doc,.xls,.ppt,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/** POSTs the file as multipart to `path` (e.g. /api/v1/projects/<id>/documents); the server's message on refusal. */
export async function uploadDocumentTo<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin' });
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => undefined)) as ApiErrorBody | undefined;
  const message =
    response.status === 413 ? t('workspace.documents.tooLarge', { name: file.name }) : (body?.error?.message ?? t('workspace.documents.failed', { status: response.status }));
  throw new ApiError(response.status, body?.error?.code ?? 'unknown', message, body?.error?.details);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file picker and upload button, with the server's reason when a file is refused. */
export function DocumentUploadForm(props: {
  file: File | null;
  onFileChange: (file: File | null) => void;
  onSubmit: (event: FormEvent) => void;
  pending: boolean;
  error: unknown;
}) {
  return (
    <form onSubmit={props.onSubmit}>
      <Stack gap="xs">
        <FormAlert error={props.error} title={t('workspace.documents.rejected')} />
        <FileInput
          label={t('workspace.documents.choose')}
          description={t('workspace.documents.accepted')}
          placeholder={t('workspace.documents.noFile')}
          // Mantine's placeholder grey is too faint (3:1) for text people must read.
          styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
          accept={ACCEPTED_DOCUMENT_TYPES}
          value={props.file}
          onChange={props.onFileChange}
          clearable
        />
        <Button type="submit" disabled={!props.file} loading={props.pending} w="fit-content">
          {t('workspace.documents.upload')}
        </Button>
      </Stack>
    </form>
  );
}
