import { assessmentsEn } from './en/assessments.js';
import { assistanceEn } from './en/assistance.js';
import { calendarEn } from './en/calendar.js';
import { dealsEn } from './en/deals.js';
import { eventsEn } from './en/events.js';
import { exchangesEn } from './en/exchanges.js';
import { exposureEn } from './en/exposure.js';
import { libraryEn } from './en/library.js';
import { matchmakingEn } from './en/matchmaking.js';
import { pipelineEn } from './en/pipeline.js';
import { portalEn } from './en/portal.js';
import { providersEn } from './en/providers.js';
import { reportsEn } from './en/reports.js';
import { trainingEn } from './en/training.js';
import { workspaceEn } from './en/workspace.js';

/**
 * English messages. Keys are grouped by area with a prefix (app., portal., workspace., …).
 * Add new keys in the area's block; keep them sorted within it.
 */
export const en = {
  // app: the frame around every page
  'app.name': 'Mitra',
  'app.tagline': 'U.S.-ASEAN Smart Cities Partnership',
  'app.skipToContent': 'Skip to main content',
  'app.nav.home': 'Home',
  'app.nav.cities': 'Cities',
  'app.nav.signIn': 'Sign in',
  'app.nav.signOut': 'Sign out',
  'app.nav.workspace': 'Workspace',
  'app.nav.menu': 'Open navigation',
  'app.footer.attribution': 'City coordinates contain data from GeoNames (geonames.org), CC BY 4.0. Map data: Natural Earth via world-atlas.',
  'app.footer.api': 'API documentation',
  'app.error.title': 'Something went wrong',
  'app.error.retry': 'Try again',
  'app.notFound.title': 'Page not found',
  'app.notFound.body': 'There is no page at this address.',
  'app.loading': 'Loading…',
  'app.demoBadge': 'Demo',
  ...portalEn,
  ...workspaceEn,
  ...libraryEn,
  ...exchangesEn,
  ...exposureEn,
  ...assessmentsEn,
  ...trainingEn,
  ...eventsEn,
  ...matchmakingEn,
  ...calendarEn,
  ...dealsEn,
  ...pipelineEn,
  ...assistanceEn,
  ...providersEn,
  ...reportsEn,
} as const;
