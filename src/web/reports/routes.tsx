import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';

/** The business reports (pipeline, assistance requests, deals): a child of /app, its own chunk. */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const BusinessReportsPage = page(() => import('./BusinessReportsPage.js'), 'BusinessReportsPage');

export const reportRoutes: RouteObject[] = [{ path: 'reports', element: <BusinessReportsPage /> }];
