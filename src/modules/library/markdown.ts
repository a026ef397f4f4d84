import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Our own instance: options set here never leak into another module's use of marked. */
const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * What a practice's body may contain once rendered: text structure, links and images, tables, code.
 * No script, iframe, style, event handler or form; links and images only over http(s) (links also
 * mailto), so javascript: and data: URLs are dropped.
 */
const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'del', 's',
    'code', 'pre', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'title'], th: ['align'], td: ['align'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

/** Markdown to HTML that is safe to put in a page as it is. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, sanitizeOptions);
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The marks the database puts around matched words in a headline: private-use characters, stripped from the text first. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** A headline from ts_headline to HTML: everything escaped, then only our own marks become <mark>. */
export function headlineToHtml(headline: string): string {
  return escapeHtml(headline).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}
