import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';

/** B2B matchmaking and the meeting scheduler: children of /app, each page its own chunk (the frame wraps its outlet in Suspense). */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const MatchmakingPage = page(() => import('./MatchmakingPage.js'), 'MatchmakingPage');
const SchedulerPage = page(() => import('./SchedulerPage.js'), 'SchedulerPage');

export const matchmakingRoutes: RouteObject[] = [
  { path: 'events/:eventId/matchmaking', element: <MatchmakingPage /> },
  { path: 'events/:eventId/scheduler', element: <SchedulerPage /> },
];
