import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';
import { PageLoader } from '../app/pages.js';

/** Technical assistance and feasibility-study requests (activity 1c): each page its own chunk. */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const AssistanceListPage = page(() => import('./AssistanceListPage.js'), 'AssistanceListPage');
const NewAssistancePage = page(() => import('./AssistanceFormPage.js'), 'NewAssistancePage');
const EditAssistancePage = page(() => import('./AssistanceFormPage.js'), 'EditAssistancePage');
const AssistancePage = page(() => import('./AssistancePage.js'), 'AssistancePage');
const PublicAssistancePage = page(() => import('./PublicAssistancePage.js'), 'PublicAssistancePage');

/** Children of /app: the workspace frame wraps its outlet in Suspense. */
export const assistanceRoutes: RouteObject[] = [
  { path: 'assistance', element: <AssistanceListPage /> },
  { path: 'assistance/new', element: <NewAssistancePage /> },
  { path: 'assistance/:requestId', element: <AssistancePage /> },
  { path: 'assistance/:requestId/edit', element: <EditAssistancePage /> },
];

/** Public pages: published summaries of approved requests. */
export const assistancePublicRoutes: RouteObject[] = [
  {
    path: 'assistance/approved',
    element: (
      <Suspense fallback={<PageLoader />}>
        <PublicAssistancePage />
      </Suspense>
    ),
  },
];
