import { Text } from '@mantine/core';
import type { RouteObject } from 'react-router';
import { PageTitle } from '../app/pages.js';
import { t } from '../i18n/i18n.js';

/** The public portal's pages (no sign-in). */
export const portalRoutes: RouteObject[] = [
  {
    index: true,
    element: (
      <>
        <PageTitle>{t('portal.home.title')}</PageTitle>
        <Text>…</Text>
      </>
    ),
  },
];
