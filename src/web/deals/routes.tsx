import type { RouteObject } from 'react-router';

/** Deals (leads, letters of intent, MoUs, contracts) the partnership facilitated: children of /app. */
export const dealRoutes: RouteObject[] = [];
