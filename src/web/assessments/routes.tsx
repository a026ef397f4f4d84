import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';

/** Cyber self-assessments (NIST CSF 2.0, activity 3b): children of /app, each page its own chunk (the frame wraps its outlet in Suspense). */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const AssessmentsPage = page(() => import('./AssessmentsPage.js'), 'AssessmentsPage');
const AssessmentPage = page(() => import('./AssessmentPage.js'), 'AssessmentPage');
const GapsPage = page(() => import('./GapsPage.js'), 'GapsPage');
const BenchmarksPage = page(() => import('./BenchmarksPage.js'), 'BenchmarksPage');

export const assessmentRoutes: RouteObject[] = [
  { path: 'assessments', element: <AssessmentsPage /> },
  { path: 'assessments/benchmarks', element: <BenchmarksPage /> },
  { path: 'assessments/:assessmentId', element: <AssessmentPage /> },
  { path: 'assessments/:assessmentId/gaps', element: <GapsPage /> },
];
