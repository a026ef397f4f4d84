import { lazy, Suspense, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { PageLoader } from '../app/pages.js';

const SolutionsPage = lazy(async () => ({ default: (await import('./SolutionsPage.js')).SolutionsPage }));
const OpportunitiesPage = lazy(async () => ({ default: (await import('./OpportunitiesPage.js')).OpportunitiesPage }));
const ProjectProvidersPage = lazy(async () => ({ default: (await import('./ProjectProvidersPage.js')).ProjectProvidersPage }));
const DirectoryPage = lazy(async () => ({ default: (await import('./DirectoryPage.js')).DirectoryPage }));
const CompanyPage = lazy(async () => ({ default: (await import('./DirectoryPage.js')).CompanyPage }));

/** Portal pages are not inside the workspace frame's Suspense. */
const suspended = (Page: ComponentType) => (
  <Suspense fallback={<PageLoader />}>
    <Page />
  </Suspense>
);

/** Solution providers and project matching (activity 1a): children of /app, each page its own chunk. */
export const providerRoutes: RouteObject[] = [
  { path: 'solutions', element: <SolutionsPage /> },
  { path: 'solutions/opportunities', element: <OpportunitiesPage /> },
  { path: 'pipeline/:projectId/providers', element: <ProjectProvidersPage /> },
];

/** Public pages: the solutions directory and companies' profiles. */
export const providerPublicRoutes: RouteObject[] = [
  { path: 'solutions', element: suspended(DirectoryPage) },
  { path: 'solutions/:organisationId', element: suspended(CompanyPage) },
];
