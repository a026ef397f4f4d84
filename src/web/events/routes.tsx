import type { RouteObject } from 'react-router';

/** Events and reverse trade missions (activities 1a, 1b): children of /app, each page its own chunk. */
export const eventRoutes: RouteObject[] = [];

/** Public pages: published public events on the portal. */
export const eventPublicRoutes: RouteObject[] = [];
