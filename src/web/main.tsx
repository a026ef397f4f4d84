import '@mantine/core/styles.css';
import './app/global.css';
import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { routes } from './app/routes.js';

// Shade 8 and a darker 'dimmed' keep text contrast at WCAG AA (4.5:1) on white.
const theme = createTheme({ primaryColor: 'blue', primaryShade: 8, defaultRadius: 'md' });
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Mantine's defaults (gray 6 for dimmed text, red 6 for field errors) are under 4.5:1 on white.
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});
const router = createBrowserRouter(routes);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
