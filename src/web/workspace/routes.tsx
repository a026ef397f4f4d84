import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';
import { NotFoundPage, PageLoader } from '../app/pages.js';
import { assessmentRoutes } from '../assessments/routes.js';
import { assistanceRoutes } from '../assistance/routes.js';
import { calendarRoutes } from '../calendar/routes.js';
import { dealRoutes } from '../deals/routes.js';
import { eventRoutes } from '../events/routes.js';
import { exchangeRoutes } from '../exchanges/routes.js';
import { exposureRoutes } from '../exposure/routes.js';
import { libraryWorkspaceRoutes } from '../library/routes.js';
import { matchmakingRoutes } from '../matchmaking/routes.js';
import { pipelineRoutes } from '../pipeline/routes.js';
import { providerRoutes } from '../providers/routes.js';
import { reportRoutes } from '../reports/routes.js';
import { trainingRoutes } from '../training/routes.js';

/**
 * The sign-in pages and the signed-in workspace. Each page is its own chunk, loaded on first visit,
 * so visitors of the public portal never download the workspace.
 */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const SignInPage = page(() => import('./auth/SignInPage.js'), 'SignInPage');
const ResetPasswordPage = page(() => import('./auth/ResetPasswordPage.js'), 'ResetPasswordPage');
const AcceptInvitationPage = page(() => import('./auth/AcceptInvitationPage.js'), 'AcceptInvitationPage');
const SetupPage = page(() => import('./auth/SetupPage.js'), 'SetupPage');
const WorkspaceFrame = page(() => import('./WorkspaceFrame.js'), 'WorkspaceFrame');
const DashboardPage = page(() => import('./DashboardPage.js'), 'DashboardPage');
const ProfilePage = page(() => import('./account/ProfilePage.js'), 'ProfilePage');
const MyOrganisationPage = page(() => import('./organisations/OrganisationPage.js'), 'MyOrganisationPage');
const OrganisationPage = page(() => import('./organisations/OrganisationPage.js'), 'OrganisationPage');
const OrganisationsPage = page(() => import('./organisations/OrganisationsPage.js'), 'OrganisationsPage');
const CitiesPage = page(() => import('./cities/CitiesPage.js'), 'CitiesPage');
const CityPage = page(() => import('./cities/CityPage.js'), 'CityPage');
const MonitoringPage = page(() => import('./monitoring/MonitoringPage.js'), 'MonitoringPage');
const NotificationsPage = page(() => import('./notifications/NotificationsPage.js'), 'NotificationsPage');
const AuditPage = page(() => import('./secretariat/AuditPage.js'), 'AuditPage');
const OutboxPage = page(() => import('./secretariat/OutboxPage.js'), 'OutboxPage');

const suspended = (Page: ComponentType) => (
  <Suspense fallback={<PageLoader />}>
    <Page />
  </Suspense>
);

export const workspaceRoutes: RouteObject[] = [
  { path: 'sign-in', element: suspended(SignInPage) },
  { path: 'reset-password', element: suspended(ResetPasswordPage) },
  { path: 'accept-invitation', element: suspended(AcceptInvitationPage) },
  { path: 'setup', element: suspended(SetupPage) },
  {
    path: 'app',
    element: suspended(WorkspaceFrame),
    children: [
      // The frame wraps its outlet in Suspense, so its navigation stays while a page loads.
      { index: true, element: <DashboardPage /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: 'organisation', element: <MyOrganisationPage /> },
      { path: 'organisations', element: <OrganisationsPage /> },
      { path: 'organisations/:organisationId', element: <OrganisationPage /> },
      { path: 'cities', element: <CitiesPage /> },
      { path: 'cities/:cityId', element: <CityPage /> },
      { path: 'monitoring', element: <MonitoringPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'outbox', element: <OutboxPage /> },
      ...libraryWorkspaceRoutes,
      ...exchangeRoutes,
      ...exposureRoutes,
      ...assessmentRoutes,
      ...trainingRoutes,
      ...eventRoutes,
      ...matchmakingRoutes,
      ...calendarRoutes,
      ...dealRoutes,
      ...pipelineRoutes,
      ...assistanceRoutes,
      ...providerRoutes,
      ...reportRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
