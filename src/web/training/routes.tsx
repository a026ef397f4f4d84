import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';

function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const TrainingPage = page(() => import('./TrainingPage.js'), 'TrainingPage');
const NewCoursePage = page(() => import('./NewCoursePage.js'), 'NewCoursePage');
const CoursePage = page(() => import('./CoursePage.js'), 'CoursePage');
const CohortPage = page(() => import('./CohortPage.js'), 'CohortPage');
const EnrolmentPage = page(() => import('./EnrolmentPage.js'), 'EnrolmentPage');
const ReportsPage = page(() => import('./ReportsPage.js'), 'ReportsPage');

/** The training programme (activity 3a): children of /app, each page its own chunk. */
export const trainingRoutes: RouteObject[] = [
  { path: 'training', element: <TrainingPage /> },
  { path: 'training/courses/new', element: <NewCoursePage /> },
  { path: 'training/courses/:courseId', element: <CoursePage /> },
  { path: 'training/cohorts/:cohortId', element: <CohortPage /> },
  { path: 'training/enrolments/:enrolmentId', element: <EnrolmentPage /> },
  { path: 'training/reports', element: <ReportsPage /> },
];

/** Public pages: certificate verification. */
export const trainingPublicRoutes: RouteObject[] = [
  // Route-level lazy loading: the verification page is its own small chunk, without the workspace;
  // on a first visit the layout shows at once and the page follows.
  ...['verify', 'verify/:code'].map((path) => ({
    path,
    lazy: async () => ({ Component: (await import('./VerifyCertificatePage.js')).VerifyCertificatePage }),
    hydrateFallbackElement: <div aria-busy="true" style={{ minHeight: '50vh' }} />,
  })),
];
