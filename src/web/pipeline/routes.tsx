import { lazy, Suspense, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { PageLoader } from '../app/pages.js';

const BankabilityPage = lazy(async () => ({ default: (await import('./BankabilityPage.js')).BankabilityPage }));
const PipelineListPage = lazy(async () => ({ default: (await import('./PipelineListPage.js')).PipelineListPage }));
const NewPipelineProjectPage = lazy(async () => ({ default: (await import('./PipelineFormPage.js')).NewPipelineProjectPage }));
const EditPipelineProjectPage = lazy(async () => ({ default: (await import('./PipelineFormPage.js')).EditPipelineProjectPage }));
const PipelineProjectPage = lazy(async () => ({ default: (await import('./PipelineProjectPage.js')).PipelineProjectPage }));
const RatesPage = lazy(async () => ({ default: (await import('./RatesPage.js')).RatesPage }));
const OpportunitiesPage = lazy(async () => ({ default: (await import('./OpportunitiesPage.js')).OpportunitiesPage }));
const OpportunityPage = lazy(async () => ({ default: (await import('./OpportunitiesPage.js')).OpportunityPage }));

/** Portal pages are not inside the workspace frame's Suspense. */
const suspended = (Page: ComponentType) => (
  <Suspense fallback={<PageLoader />}>
    <Page />
  </Suspense>
);

/** The investment pipeline and bankability checks (activity 1c): children of /app, each page its own chunk. */
export const pipelineRoutes: RouteObject[] = [
  { path: 'pipeline', element: <PipelineListPage /> },
  { path: 'pipeline/new', element: <NewPipelineProjectPage /> },
  { path: 'pipeline/rates', element: <RatesPage /> },
  { path: 'pipeline/:id', element: <PipelineProjectPage /> },
  { path: 'pipeline/:id/edit', element: <EditPipelineProjectPage /> },
  { path: 'pipeline/:projectId/bankability', element: <BankabilityPage /> },
];

/** Public pages: the portal's opportunities (public pipeline projects). */
export const pipelinePublicRoutes: RouteObject[] = [
  { path: 'opportunities', element: suspended(OpportunitiesPage) },
  { path: 'opportunities/:id', element: suspended(OpportunityPage) },
];
