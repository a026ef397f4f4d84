import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';

/** The personal agenda and its calendar feed: children of /app, each page its own chunk (the frame wraps its outlet in Suspense). */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const AgendaPage = page(() => import('./AgendaPage.js'), 'AgendaPage');

export const calendarRoutes: RouteObject[] = [{ path: 'agenda', element: <AgendaPage /> }];
