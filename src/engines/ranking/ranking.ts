/**
 * Matching pipeline projects with solution providers (activity 1a): a pure engine.
 *
 * One score per (project, provider) pair, the sum of four parts so it can be explained:
 * - text: BM25 of the project's words (the query) against the provider's words (the document, all
 *   its solutions together), with the corpus statistics of the providers, saturated to at most
 *   `weights.text` by bm25 / (bm25 + textHalf);
 * - sector: `weights.sector` when one of the provider's sectors is the project's sector;
 * - focusArea: `weights.focusArea` when the provider works in the project's focus area;
 * - country: `weights.country` when the provider serves the project's city's country.
 *
 * The score is the same whichever side asks, so a company and a city see the same number for a pair.
 * `buildRankingIndex` builds inverted indexes once; `topProvidersForProject` and
 * `topProjectsForProvider` then touch only pairs that share something. The brute-force functions
 * score every pair with the same arithmetic, in the same order, so both give identical results
 * (tested, and compared in bench/ranking.ts).
 */

export type RankProject = { id: string; text: string; sector: string; focusAreaId: string; countryCode: string };
export type RankProvider = { id: string; text: string; sectors: readonly string[]; focusAreaIds: readonly string[]; countries: readonly string[] };

export type RankingWeights = { text: number; textHalf: number; sector: number; focusArea: number; country: number; k1: number; b: number };
export const defaultWeights: RankingWeights = { text: 6, textHalf: 4, sector: 2, focusArea: 1.5, country: 1, k1: 1.2, b: 0.75 };

export type ScoreParts = { text: number; sector: number; focusArea: number; country: number };
export type Recommendation = {
  projectId: string;
  providerId: string;
  score: number;
  parts: ScoreParts;
  /** The words that contributed most to the text part, strongest first (stems, at most five). */
  sharedTerms: string[];
  sector: boolean;
  focusArea: boolean;
  country: boolean;
};

const stopwords = new Set(
  'a an and are as at be by for from has have in into is it its of on or our the their this to was were will with we you your that these those which who new can also more than per use using used all any such other city cities smart project projects solution solutions'.split(
    ' ',
  ),
);

/** A light English stemmer: plural and a few verb endings; enough to match "sensors" with "sensor". */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4 && !word.endsWith('eed')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** Lower-cased words of letters and digits, common words dropped, lightly stemmed. */
export function tokenise(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 2 || stopwords.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

type ProviderDoc = { id: string; tf: Map<string, number>; length: number; sectors: Set<string>; focusAreas: Set<string>; countries: Set<string> };
type ProjectDoc = { id: string; terms: string[]; sector: string; focusAreaId: string; countryCode: string };

export type RankingIndex = {
  weights: RankingWeights;
  providers: ProviderDoc[];
  projects: ProjectDoc[];
  providerIndex: Map<string, number>;
  projectIndex: Map<string, number>;
  /** Provider-corpus statistics. */
  documentFrequency: Map<string, number>;
  averageLength: number;
  /** term → providers containing it, with the term's BM25 weight in each. */
  providerPostings: Map<string, { docs: Int32Array; weights: Float64Array }>;
  providersBySector: Map<string, number[]>;
  providersByFocusArea: Map<string, number[]>;
  providersByCountry: Map<string, number[]>;
  /** term → projects whose words contain it. */
  projectPostings: Map<string, number[]>;
  projectsBySector: Map<string, number[]>;
  projectsByFocusArea: Map<string, number[]>;
  projectsByCountry: Map<string, number[]>;
};

function push<K>(map: Map<K, number[]>, key: K, value: number) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** BM25 weight of one term of the query in one document (0 when the document lacks it). */
function termWeight(index: Pick<RankingIndex, 'weights' | 'documentFrequency' | 'averageLength' | 'providers'>, term: string, provider: ProviderDoc): number {
  const tf = provider.tf.get(term);
  if (!tf) return 0;
  const n = index.documentFrequency.get(term) ?? 0;
  const total = index.providers.length;
  const idf = Math.log(1 + (total - n + 0.5) / (n + 0.5));
  const { k1, b } = index.weights;
  const norm = index.averageLength > 0 ? provider.length / index.averageLength : 1;
  return (idf * (tf * (k1 + 1))) / (tf + k1 * (1 - b + b * norm));
}

export function buildRankingIndex(projects: readonly RankProject[], providers: readonly RankProvider[], weights: RankingWeights = defaultWeights): RankingIndex {
  const providerDocs: ProviderDoc[] = providers.map((p) => {
    const tf = new Map<string, number>();
    const words = tokenise(p.text);
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { id: p.id, tf, length: words.length, sectors: new Set(p.sectors), focusAreas: new Set(p.focusAreaIds), countries: new Set(p.countries) };
  });
  const projectDocs: ProjectDoc[] = projects.map((p) => ({
    id: p.id,
    // unique, sorted: every sum over a project's terms runs in this one order
    terms: [...new Set(tokenise(p.text))].sort(),
    sector: p.sector,
    focusAreaId: p.focusAreaId,
    countryCode: p.countryCode,
  }));
  const documentFrequency = new Map<string, number>();
  let totalLength = 0;
  for (const doc of providerDocs) {
    totalLength += doc.length;
    for (const term of doc.tf.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const index: RankingIndex = {
    weights,
    providers: providerDocs,
    projects: projectDocs,
    providerIndex: new Map(providerDocs.map((d, i) => [d.id, i])),
    projectIndex: new Map(projectDocs.map((d, i) => [d.id, i])),
    documentFrequency,
    averageLength: providerDocs.length ? totalLength / providerDocs.length : 0,
    providerPostings: new Map(),
    providersBySector: new Map(),
    providersByFocusArea: new Map(),
    providersByCountry: new Map(),
    projectPostings: new Map(),
    projectsBySector: new Map(),
    projectsByFocusArea: new Map(),
    projectsByCountry: new Map(),
  };
  const lists = new Map<string, number[]>();
  providerDocs.forEach((doc, i) => {
    for (const term of doc.tf.keys()) push(lists, term, i);
    for (const s of doc.sectors) push(index.providersBySector, s, i);
    for (const f of doc.focusAreas) push(index.providersByFocusArea, f, i);
    for (const c of doc.countries) push(index.providersByCountry, c, i);
  });
  for (const [term, docs] of lists) {
    index.providerPostings.set(term, { docs: Int32Array.from(docs), weights: Float64Array.from(docs, (i) => termWeight(index, term, providerDocs[i]!)) });
  }
  projectDocs.forEach((doc, j) => {
    for (const term of doc.terms) push(index.projectPostings, term, j);
    push(index.projectsBySector, doc.sector, j);
    push(index.projectsByFocusArea, doc.focusAreaId, j);
    push(index.projectsByCountry, doc.countryCode, j);
  });
  return index;
}

function finish(index: RankingIndex, bm25: number, project: ProjectDoc, provider: ProviderDoc): ScoreParts & { score: number } {
  const w = index.weights;
  const text = bm25 > 0 ? (w.text * bm25) / (bm25 + w.textHalf) : 0;
  const sector = provider.sectors.has(project.sector) ? w.sector : 0;
  const focusArea = provider.focusAreas.has(project.focusAreaId) ? w.focusArea : 0;
  const country = provider.countries.has(project.countryCode) ? w.country : 0;
  return { text, sector, focusArea, country, score: text + sector + focusArea + country };
}

/** The BM25 of a pair, summed over the project's terms in their sorted order. */
function bm25Of(index: RankingIndex, project: ProjectDoc, provider: ProviderDoc): number {
  let sum = 0;
  for (const term of project.terms) sum += termWeight(index, term, provider);
  return sum;
}

function recommendation(index: RankingIndex, j: number, i: number): Recommendation {
  const project = index.projects[j]!;
  const provider = index.providers[i]!;
  const { score, ...parts } = finish(index, bm25Of(index, project, provider), project, provider);
  const sharedTerms = project.terms
    .map((term) => ({ term, weight: termWeight(index, term, provider) }))
    .filter((t) => t.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, 5)
    .map((t) => t.term);
  return { projectId: project.id, providerId: provider.id, score, parts, sharedTerms, sector: parts.sector > 0, focusArea: parts.focusArea > 0, country: parts.country > 0 };
}

/** The score of one pair with its parts, or null when either is not in the index. */
export function explainPair(index: RankingIndex, projectId: string, providerId: string): Recommendation | null {
  const j = index.projectIndex.get(projectId);
  const i = index.providerIndex.get(providerId);
  return j === undefined || i === undefined ? null : recommendation(index, j, i);
}

type Scored = { idx: number; id: string; score: number };
const byScore = (a: Scored, b: Scored) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Keeps the best k (score descending, then id) in one pass. */
function topK(candidates: Scored[], k: number): Scored[] {
  if (candidates.length <= k) return candidates.sort(byScore);
  const heap: Scored[] = [];
  for (const c of candidates) {
    if (heap.length < k) {
      heap.push(c);
      if (heap.length === k) heap.sort(byScore);
      continue;
    }
    if (byScore(c, heap[k - 1]!) >= 0) continue;
    // insert in order (k is small)
    let at = k - 1;
    while (at > 0 && byScore(c, heap[at - 1]!) < 0) {
      heap[at] = heap[at - 1]!;
      at--;
    }
    heap[at] = c;
  }
  return heap;
}

/**
 * The k providers that fit a project best (score > 0), with reasons. `include` limits the providers
 * considered (for instance to those the viewer may see).
 */
export function topProvidersForProject(index: RankingIndex, projectId: string, k: number, include?: (providerId: string) => boolean): Recommendation[] {
  const j = index.projectIndex.get(projectId);
  if (j === undefined || k <= 0) return [];
  const project = index.projects[j]!;
  const n = index.providers.length;
  const bm25 = new Float64Array(n);
  const touched = new Uint8Array(n);
  const list: number[] = [];
  const touch = (i: number) => {
    if (!touched[i]) {
      touched[i] = 1;
      list.push(i);
    }
  };
  for (const term of project.terms) {
    const postings = index.providerPostings.get(term);
    if (!postings) continue;
    const { docs, weights } = postings;
    for (let p = 0; p < docs.length; p++) {
      const i = docs[p]!;
      bm25[i]! += weights[p]!;
      touch(i);
    }
  }
  for (const i of index.providersBySector.get(project.sector) ?? []) touch(i);
  for (const i of index.providersByFocusArea.get(project.focusAreaId) ?? []) touch(i);
  for (const i of index.providersByCountry.get(project.countryCode) ?? []) touch(i);
  const candidates: Scored[] = [];
  for (const i of list) {
    const provider = index.providers[i]!;
    if (include && !include(provider.id)) continue;
    const { score } = finish(index, bm25[i]!, project, provider);
    if (score > 0) candidates.push({ idx: i, id: provider.id, score });
  }
  return topK(candidates, k).map((c) => recommendation(index, j, c.idx));
}

/** The k projects that fit a provider best (score > 0), with reasons; `include` limits the projects considered. */
export function topProjectsForProvider(index: RankingIndex, providerId: string, k: number, include?: (projectId: string) => boolean): Recommendation[] {
  const i = index.providerIndex.get(providerId);
  if (i === undefined || k <= 0) return [];
  const provider = index.providers[i]!;
  const m = index.projects.length;
  const touched = new Uint8Array(m);
  const list: number[] = [];
  const touch = (j: number) => {
    if (!touched[j]) {
      touched[j] = 1;
      list.push(j);
    }
  };
  // the provider's terms in sorted order, so each project's sum runs in the order bm25Of uses
  const bm25 = new Float64Array(m);
  for (const term of [...provider.tf.keys()].sort()) {
    const postings = index.projectPostings.get(term);
    if (!postings) continue;
    const weight = termWeight(index, term, provider);
    for (const j of postings) {
      bm25[j]! += weight;
      touch(j);
    }
  }
  for (const s of provider.sectors) for (const j of index.projectsBySector.get(s) ?? []) touch(j);
  for (const f of provider.focusAreas) for (const j of index.projectsByFocusArea.get(f) ?? []) touch(j);
  for (const c of provider.countries) for (const j of index.projectsByCountry.get(c) ?? []) touch(j);
  const candidates: Scored[] = [];
  for (const j of list) {
    const project = index.projects[j]!;
    if (include && !include(project.id)) continue;
    const { score } = finish(index, bm25[j]!, project, provider);
    if (score > 0) candidates.push({ idx: j, id: project.id, score });
  }
  return topK(candidates, k).map((c) => recommendation(index, c.idx, i));
}

/** Scores every provider for the project (no index shortcuts): the reference the index must equal. */
export function bruteForceProvidersForProject(index: RankingIndex, projectId: string, k: number, include?: (providerId: string) => boolean): Recommendation[] {
  const j = index.projectIndex.get(projectId);
  if (j === undefined || k <= 0) return [];
  const project = index.projects[j]!;
  const all: Scored[] = [];
  index.providers.forEach((provider, i) => {
    if (include && !include(provider.id)) return;
    const { score } = finish(index, bm25Of(index, project, provider), project, provider);
    if (score > 0) all.push({ idx: i, id: provider.id, score });
  });
  return all.sort(byScore).slice(0, k).map((c) => recommendation(index, j, c.idx));
}

/** Scores every project for the provider (no index shortcuts). */
export function bruteForceProjectsForProvider(index: RankingIndex, providerId: string, k: number, include?: (projectId: string) => boolean): Recommendation[] {
  const i = index.providerIndex.get(providerId);
  if (i === undefined || k <= 0) return [];
  const provider = index.providers[i]!;
  const all: Scored[] = [];
  index.projects.forEach((project, j) => {
    if (include && !include(project.id)) return;
    const { score } = finish(index, bm25Of(index, project, provider), project, provider);
    if (score > 0) all.push({ idx: j, id: project.id, score });
  });
  return all.sort(byScore).slice(0, k).map((c) => recommendation(index, c.idx, i));
}
