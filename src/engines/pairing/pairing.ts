/**
 * Pairing suggestions for city-to-city exchanges: a U.S. partner's offer against an ASCN city's needs
 * (its SCAP projects in planning or under way). Pure: data in, data out.
 *
 * The score is the sum of the points of the reasons it reports, so every point can be explained:
 * - a focus area both share: FOCUS_POINTS, plus PROJECT_POINTS per project in it (up to MAX_PROJECTS);
 * - a term of the offer found in a project's title or description: KEYWORD_POINTS for the offer's
 *   keywords and technologies, SUMMARY_POINTS for words of its expertise summary.
 */
export const FOCUS_POINTS = 10;
export const PROJECT_POINTS = 2;
export const MAX_PROJECTS = 5;
export const KEYWORD_POINTS = 3;
export const SUMMARY_POINTS = 1;

export type Offer = { id: string; focusAreaIds: string[]; keywords: string[]; summary: string };
export type Need = { id: string; focusAreaId: string; title: string; description: string };
export type CityNeeds = { id: string; projects: Need[] };

export type FocusReason = { kind: 'focus_area'; focusAreaId: string; projectIds: string[]; points: number };
export type TermReason = { kind: 'term'; term: string; source: 'keyword' | 'summary'; projectIds: string[]; points: number };
export type Reason = FocusReason | TermReason;
export type Match = { offerId: string; cityId: string; score: number; reasons: Reason[] };

const stopWords = new Set(
  'the and for with from that this into our their its are was were has have had not but all any can will more most other such than then them they who what when where which while your you about also over under per via city cities smart project projects system systems'.split(
    ' ',
  ),
);

/** Lower-cased words of three letters or more, without common words, with a plural "s" removed. */
export function terms(text: string): string[] {
  const words = text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (const word of words) {
    if (word.length < 3 || stopWords.has(word)) continue;
    out.add(stem(word));
  }
  return [...out];
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Scores one offer against one city's needs. */
export function scorePair(offer: Offer, city: CityNeeds): Match {
  const reasons: Reason[] = [];
  const offered = new Set(offer.focusAreaIds);
  const byFocus = new Map<string, string[]>();
  for (const project of city.projects) {
    if (!offered.has(project.focusAreaId)) continue;
    byFocus.set(project.focusAreaId, [...(byFocus.get(project.focusAreaId) ?? []), project.id]);
  }
  for (const [focusAreaId, projectIds] of [...byFocus].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    reasons.push({ kind: 'focus_area', focusAreaId, projectIds, points: FOCUS_POINTS + PROJECT_POINTS * Math.min(projectIds.length, MAX_PROJECTS) });
  }

  const offerTerms = new Map<string, 'keyword' | 'summary'>();
  for (const term of offer.keywords.flatMap(terms)) offerTerms.set(term, 'keyword');
  for (const term of terms(offer.summary)) if (!offerTerms.has(term)) offerTerms.set(term, 'summary');
  const projectTerms = city.projects.map((p) => ({ id: p.id, words: new Set(terms(`${p.title} ${p.description}`)) }));
  for (const [term, source] of [...offerTerms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const projectIds = projectTerms.filter((p) => p.words.has(term)).map((p) => p.id);
    if (projectIds.length) reasons.push({ kind: 'term', term, source, projectIds, points: source === 'keyword' ? KEYWORD_POINTS : SUMMARY_POINTS });
  }
  return { offerId: offer.id, cityId: city.id, score: reasons.reduce((sum, r) => sum + r.points, 0), reasons };
}

/** The best-scoring pairs first (ties by id, for a stable order); pairs with nothing in common are left out. */
export function rank(pairs: Match[], by: 'offerId' | 'cityId'): Match[] {
  return pairs.filter((m) => m.score > 0).sort((a, b) => b.score - a.score || (a[by] < b[by] ? -1 : a[by] > b[by] ? 1 : 0));
}

/** The U.S. partners best suited to one city. */
export function suggestPartnersForCity(city: CityNeeds, offers: Offer[]): Match[] {
  return rank(
    offers.map((offer) => scorePair(offer, city)),
    'offerId',
  );
}

/** The ASCN cities best suited to one U.S. partner's offer. */
export function suggestCitiesForOffer(offer: Offer, cities: CityNeeds[]): Match[] {
  return rank(
    cities.map((city) => scorePair(offer, city)),
    'cityId',
  );
}
