import type { RouteObject } from 'react-router';

/** The investment pipeline and bankability checks (activity 1c): children of /app, each page its own chunk. */
export const pipelineRoutes: RouteObject[] = [];

/** Public pages: the portal's opportunities (public pipeline projects). */
export const pipelinePublicRoutes: RouteObject[] = [];
