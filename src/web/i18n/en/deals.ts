/** Messages of deals facilitated by the partnership (src/web/deals). */
export const dealsEn = {
  'deals.nav.deals': 'Deals',
} as const;
