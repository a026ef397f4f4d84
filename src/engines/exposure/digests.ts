/**
 * Evidence fingerprints for matchAll, hashed on a worker thread while matching goes on. Pure apart
 * from that thread: texts in, digests out.
 *
 * A fingerprint is the first 16 hex digits of the SHA-256 of the evidence's JSON. A full match makes
 * half a million of them, a tenth of its time, and the machine has a second core: so the texts are
 * written as UTF-8 into shared batches, and a worker claims each batch as it is closed, hashes it
 * and marks it done. When the digests are wanted (finish), every batch the worker has not claimed is
 * hashed here, and one it is hashing is waited for. Both sides write the same digests, so a worker
 * that is slow, busy, broken or never started changes the time, never the answer. No worker is
 * started for fewer texts than one batch holds.
 */
import { hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** Batch states, in the first Int32 of its results buffer. */
const OPEN = 0;
const CLAIMED = 1;
const DONE = 2;

const BATCH_BYTES = 1 << 22;
const MAX_ITEMS = 32768;
const DIGEST_BYTES = 8; // 16 hex digits
const RESULTS_AT = 8; // after the state word, aligned for the digests
/** How long finish waits for a batch the worker claimed before hashing it here as well. */
const PATIENCE_MS = 30_000;

/** The worker: plain JavaScript, evaluated, so it needs no loader. It mirrors hashBatch below. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { hash } = require('node:crypto');
parentPort.on('message', ({ bytes, ends, results }) => {
  const state = new Int32Array(results, 0, 1);
  if (Atomics.compareExchange(state, 0, ${OPEN}, ${CLAIMED}) !== ${OPEN}) return;
  try {
    const data = new Uint8Array(bytes);
    const out = new Uint8Array(results, ${RESULTS_AT});
    let start = 0;
    for (let i = 0; i < ends.length; i++) {
      out.set(hash('sha256', data.subarray(start, ends[i]), 'buffer').subarray(0, ${DIGEST_BYTES}), i * ${DIGEST_BYTES});
      start = ends[i];
    }
    Atomics.store(state, 0, ${DONE});
  } catch {
    Atomics.store(state, 0, ${OPEN}); // finish hashes it
  }
  Atomics.notify(state, 0);
});
`;

/**
 * `bytes` (the texts, one after the other) and `buffer`, a Buffer on them to write into; `ends`: where
 * each text ends; `digests`: the digests' bytes, in `results`.
 */
type Batch = {
  bytes: SharedArrayBuffer | undefined;
  buffer: Buffer | undefined;
  ends: number[];
  used: number;
  results: SharedArrayBuffer;
  state: Int32Array;
  digests: Uint8Array;
};

function newBatch(capacity: number): Batch {
  const bytes = new SharedArrayBuffer(capacity);
  const results = new SharedArrayBuffer(RESULTS_AT + MAX_ITEMS * DIGEST_BYTES);
  return { bytes, buffer: Buffer.from(bytes), ends: [], used: 0, results, state: new Int32Array(results, 0, 1), digests: new Uint8Array(results, RESULTS_AT) };
}

/** What the worker does, here: the same digests into the same place. */
function hashBatch(batch: Batch): void {
  const data = new Uint8Array(batch.bytes as SharedArrayBuffer);
  const out = new Uint8Array(batch.results, RESULTS_AT);
  let start = 0;
  batch.ends.forEach((end, i) => {
    out.set(hash('sha256', data.subarray(start, end), 'buffer').subarray(0, DIGEST_BYTES), i * DIGEST_BYTES);
    start = end;
  });
  Atomics.store(batch.state, 0, DONE);
}

/** The character codes of the hex digits. */
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** A digest's hex digits as character codes (digest's scratch). */
const hexCodes = new Array<number>(DIGEST_BYTES * 2).fill(0);

/** Texts to fingerprint: add each (a ticket back), finish once, then read each digest by its ticket. */
export class Fingerprints {
  readonly #batches: Batch[] = [];
  #open: Batch | undefined;
  /** null: none could be started here. */
  #worker: Worker | null | undefined;
  #finished = false;

  /** Queues the text; the ticket reads its digest after finish. */
  add(text: string): number {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes: with that much room the whole text is written.
    const room = text.length * 3;
    let batch = this.#open;
    if (!batch || batch.ends.length === MAX_ITEMS || (batch.bytes as SharedArrayBuffer).byteLength - batch.used < room) {
      if (batch) this.#close(batch);
      batch = this.#open = newBatch(Math.max(BATCH_BYTES, room));
      this.#batches.push(batch);
    }
    batch.used += (batch.buffer as Buffer).write(text, batch.used);
    batch.ends.push(batch.used);
    return (this.#batches.length - 1) * MAX_ITEMS + batch.ends.length - 1;
  }

  /** A full batch goes to the worker (started with the first); the texts of batches done so far are dropped. */
  #close(batch: Batch): void {
    this.#open = undefined;
    batch.buffer = undefined;
    try {
      this.#worker ??= startWorker();
      this.#worker?.postMessage({ bytes: batch.bytes, ends: Uint32Array.from(batch.ends), results: batch.results });
    } catch {
      this.#worker = null; // no worker here: finish hashes every batch
    }
    for (const b of this.#batches) if (b.bytes && Atomics.load(b.state, 0) === DONE) b.bytes = b.buffer = undefined;
  }

  /** Every digest ready: the batches the worker has not claimed are hashed here; the worker is stopped. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#open = undefined;
    for (const batch of this.#batches) {
      if (Atomics.compareExchange(batch.state, 0, OPEN, CLAIMED) === OPEN) hashBatch(batch);
      else if (Atomics.load(batch.state, 0) !== DONE) {
        const since = Date.now();
        while (Atomics.load(batch.state, 0) === CLAIMED && Date.now() - since < PATIENCE_MS) Atomics.wait(batch.state, 0, CLAIMED, 100);
        // Given back after an error, or too slow: the same digests, from here.
        if (Atomics.load(batch.state, 0) !== DONE) hashBatch(batch);
      }
      batch.bytes = batch.buffer = undefined;
    }
    void this.#worker?.terminate().catch(() => undefined);
    this.#worker = null;
  }

  /**
   * The fingerprint of the ticket's text (after finish), in hex. A string of its own: a slice of a
   * batch's hex text (as it was) kept that whole text alive as long as any of its fingerprints.
   */
  digest(ticket: number): string {
    const d = (this.#batches[Math.floor(ticket / MAX_ITEMS)] as Batch).digests;
    const at = (ticket % MAX_ITEMS) * DIGEST_BYTES;
    for (let i = 0; i < DIGEST_BYTES; i++) {
      const byte = d[at + i] as number;
      hexCodes[2 * i] = HEX[byte >> 4] as number;
      hexCodes[2 * i + 1] = HEX[byte & 15] as number;
    }
    return String.fromCharCode(...hexCodes);
  }
}

function startWorker(): Worker {
  // No inherited --import loaders (the source is plain JavaScript); unref: it never keeps the process alive.
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  worker.unref();
  worker.on('error', () => undefined); // finish hashes what it left
  return worker;
}
