import type { RouteObject } from 'react-router';

/** Solution providers and project matching (activity 1a): children of /app. */
export const providerRoutes: RouteObject[] = [];

/** Public pages: the solutions directory. */
export const providerPublicRoutes: RouteObject[] = [];
