import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';

/** Smart-city technology exposure (activity 3b): children of /app, each page its own chunk (the frame wraps its outlet in Suspense). */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const ExposurePage = page(() => import('./ExposurePage.js'), 'ExposurePage');
const InventoryPage = page(() => import('./InventoryPage.js'), 'InventoryPage');
const AssetPage = page(() => import('./AssetPage.js'), 'AssetPage');
const VulnerabilityPage = page(() => import('./VulnerabilityPage.js'), 'VulnerabilityPage');
const FeedsPage = page(() => import('./FeedsPage.js'), 'FeedsPage');
const NetworkPage = page(() => import('./NetworkPage.js'), 'NetworkPage');

export const exposureRoutes: RouteObject[] = [
  { path: 'exposure', element: <ExposurePage /> },
  { path: 'exposure/inventory', element: <InventoryPage /> },
  { path: 'exposure/assets/:assetId', element: <AssetPage /> },
  { path: 'exposure/vulnerabilities/:vulnerabilityId', element: <VulnerabilityPage /> },
  { path: 'exposure/feeds', element: <FeedsPage /> },
  { path: 'exposure/network', element: <NetworkPage /> },
];
