/** Messages of solution providers and project matching (src/web/providers). */
export const providersEn = {
  // navigation
  'providers.nav.solutions': 'Solutions',
} as const;
