import type { RouteObject } from 'react-router';
import { assistancePublicRoutes } from '../assistance/routes.js';
import { eventPublicRoutes } from '../events/routes.js';
import { libraryPublicRoutes } from '../library/routes.js';
import { pipelinePublicRoutes } from '../pipeline/routes.js';
import { portalRoutes } from '../portal/routes.js';
import { providerPublicRoutes } from '../providers/routes.js';
import { trainingPublicRoutes } from '../training/routes.js';
import { workspaceRoutes } from '../workspace/routes.js';
import { Layout } from './Layout.js';
import { NotFoundPage } from './pages.js';

/** All pages: the public portal, the sign-in pages and the signed-in workspace, inside one layout. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [...portalRoutes, ...libraryPublicRoutes, ...trainingPublicRoutes, ...eventPublicRoutes, ...pipelinePublicRoutes, ...providerPublicRoutes, ...assistancePublicRoutes, ...workspaceRoutes, { path: '*', element: <NotFoundPage /> }],
  },
];
