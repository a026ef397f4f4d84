import type { RouteObject } from 'react-router';

/** The sign-in pages and the signed-in workspace. */
export const workspaceRoutes: RouteObject[] = [];
