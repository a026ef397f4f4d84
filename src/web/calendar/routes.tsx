import type { RouteObject } from 'react-router';

/** The personal agenda and its calendar feed: children of /app. */
export const calendarRoutes: RouteObject[] = [];
