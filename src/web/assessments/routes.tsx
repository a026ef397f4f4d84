import type { RouteObject } from 'react-router';

/** Cyber self-assessments (NIST CSF 2.0, activity 3b): children of /app, each page its own chunk. */
export const assessmentRoutes: RouteObject[] = [];
