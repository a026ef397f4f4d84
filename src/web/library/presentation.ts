import { t, type MessageKey } from '../i18n/i18n.js';
import type { CostRange, PracticeKind, PracticeStatus, PracticeVisibility } from './queries.js';

/** Human names for the library's enumerations (explicit maps, so a missing message fails the type check). */
const kindKeys: Record<PracticeKind, MessageKey> = {
  case_study: 'library.kind.case_study',
  toolkit: 'library.kind.toolkit',
  guide: 'library.kind.guide',
  blueprint: 'library.kind.blueprint',
};
const statusKeys: Record<PracticeStatus, MessageKey> = {
  draft: 'library.status.draft',
  in_review: 'library.status.in_review',
  published: 'library.status.published',
};
const costKeys: Record<CostRange, MessageKey> = {
  under_100k: 'library.cost.under_100k',
  '100k_1m': 'library.cost.100k_1m',
  '1m_10m': 'library.cost.1m_10m',
  over_10m: 'library.cost.over_10m',
};
const visibilityKeys: Record<PracticeVisibility, MessageKey> = {
  public: 'library.visibility.public',
  partnership: 'library.visibility.partnership',
};

export const kindLabel = (kind: string) => (kind in kindKeys ? t(kindKeys[kind as PracticeKind]) : kind);
export const statusLabel = (status: PracticeStatus) => t(statusKeys[status]);
export const costLabel = (cost: CostRange) => t(costKeys[cost]);
export const practiceVisibilityLabel = (visibility: PracticeVisibility) => t(visibilityKeys[visibility]);

// Filled badges with white text: only shades dark enough for 4.5:1 contrast.
export const kindColor: Record<PracticeKind, string> = { case_study: 'blue.8', toolkit: 'teal.9', guide: 'grape.8', blueprint: 'indigo.8' };
export const statusColor: Record<PracticeStatus, string> = { draft: 'gray.8', in_review: 'violet.8', published: 'teal.9' };

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
/** "Vietnamese" for "vi"; the tag itself when the browser does not know it. */
export function languageName(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : match;
    }
    return ENTITIES[code.toLowerCase()] ?? match;
  });
}

/**
 * The search API's highlighted text (escaped HTML whose only tags are <mark>) as pieces of plain
 * text, the marked ones flagged: rendered as React text, so nothing in it can ever become markup.
 */
export function highlightParts(html: string): { text: string; marked: boolean }[] {
  return html
    .split(/(<mark>[\s\S]*?<\/mark>)/)
    .filter((part) => part !== '')
    .map((part) => {
      const marked = part.startsWith('<mark>') && part.endsWith('</mark>');
      const inner = marked ? part.slice(6, -7) : part;
      return { text: decodeEntities(inner.replace(/<[^>]*>/g, '')), marked };
    });
}

