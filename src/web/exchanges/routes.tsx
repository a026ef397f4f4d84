import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';

/** City-to-city exchanges (pairings): children of /app, each page its own chunk (the frame wraps its outlet in Suspense). */
function page<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const ExchangesPage = page(() => import('./ExchangesPage.js'), 'ExchangesPage');
const OfferPage = page(() => import('./OfferPage.js'), 'OfferPage');
const PairingPage = page(() => import('./PairingPage.js'), 'PairingPage');

export const exchangeRoutes: RouteObject[] = [
  { path: 'exchanges', element: <ExchangesPage /> },
  { path: 'exchanges/offer', element: <OfferPage /> },
  { path: 'exchanges/:pairingId', element: <PairingPage /> },
];
