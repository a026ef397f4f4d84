/**
 * Whom to meet at a B2B matchmaking event: ranks the other participants by how well what one seeks
 * matches what the other offers, and the other way round. Pure: data in, ranking out.
 *
 * A participant's offers and seeks are free text, read as items separated by new lines, commas,
 * semicolons or bullets ("flood sensors, LoRaWAN gateways"). The score is exactly the sum of the
 * points of the reasons reported, so every point can be explained:
 * - one of their offered items shares terms with one of your sought items: TERM_POINTS per shared
 *   term (at most MAX_TERMS counted), once per offered item, against the sought item it fits best;
 * - the same the other way round (what you offer, which they seek);
 * - a focus area both chose: FOCUS_POINTS each;
 * - sides that fit (a city meeting a company or a U.S. partner): FIT_POINTS.
 * The score of a pair is the same whichever of the two asks (property-tested).
 */
import { terms } from '../pairing/pairing.js';

export const TERM_POINTS = 3;
export const MAX_TERMS = 3;
export const FOCUS_POINTS = 2;
export const FIT_POINTS = 4;
/** Items read from one text: more are ignored (a profile is a summary, not a catalogue). */
export const MAX_ITEMS = 40;
const MAX_ITEM_LENGTH = 200;

/** `city`: city delegates, national representatives; `partner`: companies, U.S. cities and agencies. */
export type Side = 'city' | 'partner' | 'other';
export type MatchmakingProfile = { id: string; side: Side; offers: string; seeks: string; focusAreaIds: string[] };

export type SuggestionReason =
  /** They offer `offer`, which fits `seek`, an item you seek. */
  | { kind: 'they_offer'; offer: string; seek: string; terms: string[]; points: number }
  /** You offer `offer`, which fits `seek`, an item they seek. */
  | { kind: 'they_seek'; offer: string; seek: string; terms: string[]; points: number }
  | { kind: 'focus_area'; focusAreaId: string; points: number }
  | { kind: 'fit'; side: Exclude<Side, 'other'>; points: number };

export type Suggestion = { id: string; score: number; reasons: SuggestionReason[] };

/** The items of an offers or seeks text, trimmed, without repeats (ignoring case), at most MAX_ITEMS. */
export function items(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n\r;,•·]+/)) {
    const item = raw.replace(/^[\s\-*–—]+/, '').replace(/\s+/g, ' ').trim().slice(0, MAX_ITEM_LENGTH);
    const key = item.toLowerCase();
    if (!item || seen.has(key)) continue;
    seen.add(key);
    out.push(item);
    if (out.length === MAX_ITEMS) break;
  }
  return out;
}

type Item = { text: string; terms: Set<string> };
const read = (text: string): Item[] => items(text).map((item) => ({ text: item, terms: new Set(terms(item)) }));

/** For each offered item, the sought item it shares most terms with (the first on a tie), if any. */
function fits(offered: Item[], sought: Item[]): { offer: string; seek: string; terms: string[]; points: number }[] {
  const out: { offer: string; seek: string; terms: string[]; points: number }[] = [];
  for (const offer of offered) {
    let best: { seek: Item; shared: string[] } | null = null;
    for (const seek of sought) {
      const shared = [...offer.terms].filter((term) => seek.terms.has(term)).sort();
      if (shared.length > (best?.shared.length ?? 0)) best = { seek, shared };
    }
    if (best) out.push({ offer: offer.text, seek: best.seek.text, terms: best.shared, points: TERM_POINTS * Math.min(best.shared.length, MAX_TERMS) });
  }
  return out;
}

/** How well `other` suits `viewer`, with the reasons, worded from the viewer's side. */
export function scoreProfiles(viewer: MatchmakingProfile, other: MatchmakingProfile): Suggestion {
  const reasons: SuggestionReason[] = [];
  for (const fit of fits(read(other.offers), read(viewer.seeks))) reasons.push({ kind: 'they_offer', ...fit });
  for (const fit of fits(read(viewer.offers), read(other.seeks))) reasons.push({ kind: 'they_seek', ...fit });
  const theirs = new Set(other.focusAreaIds);
  for (const focusAreaId of [...new Set(viewer.focusAreaIds)].sort()) if (theirs.has(focusAreaId)) reasons.push({ kind: 'focus_area', focusAreaId, points: FOCUS_POINTS });
  if ((viewer.side === 'city' && other.side === 'partner') || (viewer.side === 'partner' && other.side === 'city')) {
    reasons.push({ kind: 'fit', side: other.side, points: FIT_POINTS });
  }
  return { id: other.id, score: reasons.reduce((sum, reason) => sum + reason.points, 0), reasons };
}

/** The others best suited to the viewer first (ties by id, for a stable order); the viewer and those with nothing in common are left out. */
export function suggest(viewer: MatchmakingProfile, others: MatchmakingProfile[], limit = Infinity): Suggestion[] {
  return others
    .filter((other) => other.id !== viewer.id)
    .map((other) => scoreProfiles(viewer, other))
    .filter((suggestion) => suggestion.score > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}
