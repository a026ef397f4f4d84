import type { RouteObject } from 'react-router';

/** B2B matchmaking and the meeting scheduler: children of /app, each page its own chunk. */
export const matchmakingRoutes: RouteObject[] = [];
