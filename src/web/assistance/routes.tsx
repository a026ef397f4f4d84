import type { RouteObject } from 'react-router';

/** Technical assistance and feasibility-study requests (activity 1c): children of /app. */
export const assistanceRoutes: RouteObject[] = [];
