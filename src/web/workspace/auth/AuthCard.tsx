import { Box, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { WorkspaceTitle } from '../forms.js';

/** The narrow, centred frame of the sign-in, password, invitation and set-up pages. */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Box maw={460} mx="auto" mt={{ base: 0, sm: 'lg' }}>
      <WorkspaceTitle description={description}>{title}</WorkspaceTitle>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
        {children}
      </Paper>
    </Box>
  );
}
