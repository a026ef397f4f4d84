import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';
import { PageLoader } from '../app/pages.js';

/**
 * The best-practice library and search. Each page is its own chunk, loaded on first visit:
 * `libraryPublicRoutes` sit beside the portal's, `libraryWorkspaceRoutes` are children of /app.
 */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const LibraryPage = page(() => import('./LibraryPage.js'), 'LibraryPage');
const PracticePage = page(() => import('./PracticePage.js'), 'PracticePage');
const SearchPage = page(() => import('./SearchPage.js'), 'SearchPage');
const MyPracticesPage = page(() => import('./workspace/MyPracticesPage.js'), 'MyPracticesPage');
const NewPracticePage = page(() => import('./workspace/PracticeFormPage.js'), 'NewPracticePage');
const EditPracticePage = page(() => import('./workspace/PracticeFormPage.js'), 'EditPracticePage');
const ReviewPage = page(() => import('./workspace/ReviewPage.js'), 'ReviewPage');

const suspended = (Page: ComponentType) => (
  <Suspense fallback={<PageLoader />}>
    <Page />
  </Suspense>
);

export const libraryPublicRoutes: RouteObject[] = [
  { path: 'library', element: suspended(LibraryPage) },
  { path: 'library/:practiceId', element: suspended(PracticePage) },
  { path: 'search', element: suspended(SearchPage) },
];

/** Children of /app: the workspace frame wraps its outlet in Suspense. */
export const libraryWorkspaceRoutes: RouteObject[] = [
  { path: 'library', element: <MyPracticesPage /> },
  { path: 'library/new', element: <NewPracticePage /> },
  { path: 'library/review', element: <ReviewPage /> },
  { path: 'library/:practiceId/edit', element: <EditPracticePage /> },
];
