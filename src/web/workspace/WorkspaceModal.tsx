import { Button, Group, Modal, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../i18n/i18n.js';

/**
 * Mantine's Modal with a named close button (its default has no accessible name), and without the
 * fade: on slow devices it only delays the form, and half-faded text fails contrast checks.
 */
export function WorkspaceModal(props: ModalProps) {
  return <Modal closeButtonProps={{ 'aria-label': t('workspace.close') }} transitionProps={{ duration: 0 }} {...props} />;
}

/** A modal's buttons, at its right: Cancel (calling `onCancel`), then the modal's own action. */
export function ModalActions({ onCancel, children }: { onCancel: () => void; children: ReactNode }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('workspace.cancel')}
      </Button>
      {children}
    </Group>
  );
}
