import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client.js';
import { DocumentUploadForm, formatSize, uploadDocumentTo } from '../documents.js';
import { PageError } from '../../app/pages.js';
import { t } from '../../i18n/i18n.js';
import { WorkspaceModal } from '../WorkspaceModal.js';
import type { Project, ProjectDocument } from '../apiTypes.js';
import { InlineLoader, FormAlert, formatDate, SuccessAlert } from '../forms.js';
import { projectDocumentsKey } from './projectQueries.js';
import { ScrollTable } from '../ScrollTable.js';

/** A project's documents: download for whoever may see the project; upload and delete for its editors. */
export function DocumentsModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const documents = useQuery({
    queryKey: projectDocumentsKey(project.id),
    queryFn: async () => unwrap(await api.GET('/api/v1/projects/{projectId}/documents', { params: { path: { projectId: project.id } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: projectDocumentsKey(project.id) });
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadDocumentTo<ProjectDocument>(`/api/v1/projects/${encodeURIComponent(project.id)}/documents`, chosen),
    onSuccess: async (created) => {
      await refresh();
      setFile(null);
      setDone(t('workspace.documents.uploaded', { name: created.fileName }));
    },
  });
  const remove = useMutation({
    mutationFn: async (document: ProjectDocument) =>
      unwrap(await api.DELETE('/api/v1/documents/{documentId}', { params: { path: { documentId: document.id } } })),
    onSuccess: async (_data, document) => {
      await refresh();
      setConfirming(null);
      setDone(t('workspace.documents.deleted', { name: document.fileName }));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) upload.mutate(file);
  }

  return (
    <WorkspaceModal opened onClose={onClose} size="lg" title={t('workspace.documents.title', { title: project.title })}>
      <Stack>
        {done && <SuccessAlert>{done}</SuccessAlert>}
        <FormAlert error={remove.error} />
        {documents.isPending ? (
          <InlineLoader />
        ) : documents.isError ? (
          <PageError error={documents.error} onRetry={() => documents.refetch()} />
        ) : (
          <>
            {documents.data.items.length === 0 ? (
              <Text size="sm">{t('workspace.documents.none')}</Text>
            ) : (
              <ScrollTable minWidth={420}>
                <Table verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('workspace.documents.file')}</Table.Th>
                      <Table.Th scope="col">{t('workspace.documents.size')}</Table.Th>
                      <Table.Th scope="col">{t('workspace.documents.added')}</Table.Th>
                      {documents.data.canUpload && <Table.Th scope="col">{t('workspace.actions')}</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {documents.data.items.map((doc) => (
                      <Table.Tr key={doc.id}>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>
                          <Anchor href={`/api/v1/documents/${doc.id}`} download={doc.fileName}>
                            {doc.fileName}
                          </Anchor>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatSize(doc.sizeBytes)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(doc.createdAt)}</Table.Td>
                        {documents.data.canUpload && (
                          <Table.Td>
                            {confirming === doc.id ? (
                              <Group gap={4} wrap="nowrap">
                                <Button
                                  size="compact-sm"
                                  color="red.9"
                                  loading={remove.isPending}
                                  onClick={() => remove.mutate(doc)}
                                  aria-label={t('workspace.documents.confirmDeleteNamed', { name: doc.fileName })}
                                >
                                  {t('workspace.documents.confirmDelete')}
                                </Button>
                                <Button size="compact-sm" variant="default" onClick={() => setConfirming(null)}>
                                  {t('workspace.cancel')}
                                </Button>
                              </Group>
                            ) : (
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                color="red"
                                onClick={() => setConfirming(doc.id)}
                                aria-label={t('workspace.documents.deleteNamed', { name: doc.fileName })}
                              >
                                {t('workspace.delete')}
                              </Button>
                            )}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
            {documents.data.canUpload && (
              <DocumentUploadForm
                file={file}
                onFileChange={(chosen) => {
                  upload.reset();
                  setFile(chosen);
                }}
                onSubmit={submit}
                pending={upload.isPending}
                error={upload.error}
              />
            )}
          </>
        )}
      </Stack>
    </WorkspaceModal>
  );
}
