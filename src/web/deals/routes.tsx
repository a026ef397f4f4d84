import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';

/** Deals (leads, letters of intent, MoUs, contracts) the partnership facilitated: children of /app, each page its own chunk. */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const DealsPage = page(() => import('./DealsPage.js'), 'DealsPage');
const DealPage = page(() => import('./DealPage.js'), 'DealPage');

export const dealRoutes: RouteObject[] = [
  { path: 'deals', element: <DealsPage /> },
  { path: 'deals/:dealId', element: <DealPage /> },
];
