import { Alert } from '@mantine/core';
import { t } from '../../i18n/i18n.js';
import { WorkspaceTitle } from '../forms.js';

/** What a page for the secretariat shows to everyone else (the API refuses them too). */
export function SecretariatOnly({ title }: { title: string }) {
  return (
    <>
      <WorkspaceTitle>{title}</WorkspaceTitle>
      <Alert color="gray" title={t('workspace.secretariatOnly.title')}>
        {t('workspace.secretariatOnly.body')}
      </Alert>
    </>
  );
}
