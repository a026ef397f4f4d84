import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';
import { PageLoader } from '../app/pages.js';

/** Events and reverse trade missions (activities 1a, 1b): each page its own chunk, loaded on first visit. */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const EventsPage = page(() => import('./EventsPage.js'), 'EventsPage');
const NewEventPage = page(() => import('./EventFormPage.js'), 'NewEventPage');
const EditEventPage = page(() => import('./EventFormPage.js'), 'EditEventPage');
const EventPage = page(() => import('./EventPage.js'), 'EventPage');
const CheckInPage = page(() => import('./CheckInPage.js'), 'CheckInPage');
const PublicEventsPage = page(() => import('./PublicEventsPage.js'), 'PublicEventsPage');
const PublicEventPage = page(() => import('./PublicEventPage.js'), 'PublicEventPage');

const suspended = (Page: ComponentType) => (
  <Suspense fallback={<PageLoader />}>
    <Page />
  </Suspense>
);

/** Children of /app: the workspace frame wraps its outlet in Suspense. */
export const eventRoutes: RouteObject[] = [
  { path: 'events', element: <EventsPage /> },
  { path: 'events/new', element: <NewEventPage /> },
  { path: 'events/:eventId', element: <EventPage /> },
  { path: 'events/:eventId/edit', element: <EditEventPage /> },
  { path: 'events/:eventId/check-in', element: <CheckInPage /> },
];

/** Public pages: published events on the portal. */
export const eventPublicRoutes: RouteObject[] = [
  { path: 'events', element: suspended(PublicEventsPage) },
  { path: 'events/:eventId', element: suspended(PublicEventPage) },
];
