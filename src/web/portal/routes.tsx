import type { RouteObject } from 'react-router';
import { CityDirectoryPage } from './cities/CityDirectoryPage.js';
import { CityPage } from './cities/CityPage.js';
import { HomePage } from './HomePage.js';

/** The public portal's pages (no sign-in): home, the city directory and each city's page. */
export const portalRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'cities', element: <CityDirectoryPage /> },
  { path: 'cities/:cityId', element: <CityPage /> },
];
