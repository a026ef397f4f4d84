/** Messages of the public portal (src/web/portal). */
export const portalEn = {
  'portal.home.title': 'U.S.-ASEAN Smart Cities Partnership',
} as const;
