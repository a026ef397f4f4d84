/** Messages of technical assistance and feasibility-study requests (src/web/assistance). */
export const assistanceEn = {
  // navigation
  'assistance.nav.requests': 'Assistance requests',
} as const;
