/** Messages of the signed-in workspace and the sign-in pages (src/web/workspace). */
export const workspaceEn = {
  'workspace.title': 'Workspace',
} as const;
