import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Fingerprints } from './digests.js';

const expected = (text: string) => hash('sha256', text, 'hex').slice(0, 16);

describe('Fingerprints', () => {
  it('gives the first 16 hex digits of each text’s SHA-256, without a worker for a few texts', () => {
    const texts = ['', '{"kind":"nvd-configuration"}', 'ü € \u2028 \ud800 "quoted" \\', 'x'.repeat(5000)];
    const fingerprints = new Fingerprints();
    const tickets = texts.map((text) => fingerprints.add(text));
    fingerprints.finish();
    expect(tickets.map((ticket) => fingerprints.digest(ticket))).toEqual(texts.map(expected));
  });

  it('gives the same digests across many batches, hashed by the worker and here', () => {
    const texts = Array.from({ length: 40_000 }, (_, i) => `{"component":"${i}-fw ü","criteria":["cpe:2.3:o:vendor${i % 97}:fw${i}_firmware:*:*:*:*:*:*:*:* <${i % 9}.2"]}`);
    texts.push('y'.repeat(3 << 20)); // longer than a batch
    const fingerprints = new Fingerprints();
    const tickets = texts.map((text) => fingerprints.add(text));
    fingerprints.finish();
    fingerprints.finish(); // once is enough; again changes nothing
    expect(tickets.map((ticket) => fingerprints.digest(ticket))).toEqual(texts.map(expected));
  });
});
