/** Messages of events and reverse trade missions (activities 1a, 1b) (src/web/events). */
export const eventsEn = {
  // navigation
  'events.nav.group': 'Events and missions',
  'events.nav.events': 'Events',
} as const;
