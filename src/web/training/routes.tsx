import type { RouteObject } from 'react-router';

/** The training programme (activity 3a): children of /app, each page its own chunk. */
export const trainingRoutes: RouteObject[] = [];

/** Public pages: certificate verification. */
export const trainingPublicRoutes: RouteObject[] = [];
