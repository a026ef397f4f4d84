import { describe, expect, it } from 'vitest';
import { headlineToHtml, MARK_END, MARK_START, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders Markdown structure', () => {
    const html = renderMarkdown('# Flood warnings\n\nSome **bold** and [a link](https://example.org).\n\n- one\n- two');
    expect(html).toContain('<h1>Flood warnings</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">a link</a>');
    expect(html).toContain('<li>one</li>');
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>', /<script|alert\(1\)/i],
    ['an onerror handler', '<img src="https://x.example/a.png" onerror="alert(1)">', /onerror/i],
    ['a javascript: link', '[click](javascript:alert(1))', /javascript:/i],
    ['a javascript: link in HTML', '<a href="JaVaScRiPt:alert(1)">x</a>', /javascript:/i],
    ['a data: URL image', '![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)', /data:/i],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['a style attribute', '<p style="position:fixed;top:0">cover</p>', /style=/i],
    ['a style element', '<style>body{display:none}</style>', /<style|display:none/i],
  ])('neutralises %s', (_label, markdown, forbidden) => {
    expect(renderMarkdown(markdown)).not.toMatch(forbidden);
  });

  it('keeps the safe part of a payload', () => {
    expect(renderMarkdown('<p style="color:red">kept text</p>')).toContain('kept text');
    expect(renderMarkdown('![alt](https://img.example/a.png)')).toContain('<img src="https://img.example/a.png" alt="alt" />');
  });
});

describe('headlineToHtml', () => {
  it('escapes the text and turns only the marks into <mark>', () => {
    expect(headlineToHtml(`<b>x</b> ${MARK_START}Traffic${MARK_END} & more`)).toBe('&lt;b&gt;x&lt;/b&gt; <mark>Traffic</mark> &amp; more');
  });
});
