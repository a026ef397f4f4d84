/** Messages of the personal agenda and its calendar feed (src/web/calendar). */
export const calendarEn = {
  'calendar.nav.agenda': 'My agenda',
} as const;
