import { useSyncExternalStore } from 'react';
import type { Answer, AnswerSaved, AnswersSaved } from './shared.js';

/**
 * The questionnaire's answers as the person edits them, saved as they go. Each subcategory keeps its
 * draft and its save state here (outside React state, so typing in one answer re-renders only that
 * answer). An edit is saved after a short pause (at once for a level); edits made while a save is on
 * its way are saved right after it. A failed save keeps the draft and says why, with a retry; nothing
 * typed is dropped. Answers of the server replace a draft only when it has nothing unsaved.
 */

export type Draft = {
  currentLevel: number | null;
  targetLevel: number | null;
  notApplicable: boolean;
  notApplicableReason: string;
  evidence: string;
};

/** saved: the draft is what the server holds · pending: waiting for the pause · saving · error: the save failed · incomplete: not applicable without a reason (not sent yet). */
export type SaveState = 'saved' | 'pending' | 'saving' | 'error' | 'incomplete';

export type AnswerRowState = {
  draft: Draft;
  state: SaveState;
  error: string | null;
  /** Fields the server named as wrong. */
  fieldErrors: Record<string, string>;
  savedAt: Date | null;
  updatedByName: string | null;
};

export type SaveSummary = { unsaved: number; saving: number; failed: string[]; incomplete: string[]; lastSavedAt: Date | null };

export type AnswerSaver = {
  saveOne: (subcategoryId: string, draft: Draft) => Promise<AnswerSaved>;
  saveMany: (answers: (Draft & { subcategoryId: string })[]) => Promise<AnswersSaved>;
  /** Every successful save (the page checks the revision and updates progress). */
  onSaved: (result: { revision: number; previousRevision: number; progress: AnswerSaved['progress']; answers: Answer[] }) => void;
  /** The server's message for a failed save, and the fields it named. */
  describeError: (error: unknown) => { message: string; fields: Record<string, string> };
};

export const emptyDraft: Draft = { currentLevel: null, targetLevel: null, notApplicable: false, notApplicableReason: '', evidence: '' };

const draftOf = (answer: Answer | undefined): Draft =>
  answer
    ? {
        currentLevel: answer.currentLevel,
        targetLevel: answer.targetLevel,
        notApplicable: answer.notApplicable,
        notApplicableReason: answer.notApplicableReason,
        evidence: answer.evidence,
      }
    : emptyDraft;

/** As the server stores it: text trimmed. */
const normalised = (draft: Draft): Draft => ({ ...draft, notApplicableReason: draft.notApplicableReason.trim(), evidence: draft.evidence.trim() });
const sameDraft = (a: Draft, b: Draft) => JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));

export class AnswerStore {
  private rows = new Map<string, AnswerRowState>();
  /** What the server holds for each subcategory (as last heard). */
  private stored = new Map<string, Draft>();
  /** When the server's answer was last saved, and by whom. */
  private lastChange = new Map<string, { savedAt: Date; updatedByName: string | null }>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private inFlight = new Set<string>();
  private listeners = new Set<() => void>();
  private summaryCache: SaveSummary = { unsaved: 0, saving: 0, failed: [], incomplete: [], lastSavedAt: null };
  private lastSavedAt: Date | null = null;

  constructor(
    private readonly saver: AnswerSaver,
    answers: Answer[],
  ) {
    this.sync(answers);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit() {
    const rows = [...this.rows.entries()];
    const next: SaveSummary = {
      unsaved: rows.filter(([, row]) => row.state === 'pending' || row.state === 'error' || row.state === 'incomplete').length,
      saving: rows.filter(([, row]) => row.state === 'saving').length,
      failed: rows.filter(([, row]) => row.state === 'error').map(([id]) => id),
      incomplete: rows.filter(([, row]) => row.state === 'incomplete').map(([id]) => id),
      lastSavedAt: this.lastSavedAt,
    };
    if (JSON.stringify(next) !== JSON.stringify(this.summaryCache)) this.summaryCache = next;
    for (const listener of this.listeners) listener();
  }

  get(id: string): AnswerRowState {
    let row = this.rows.get(id);
    if (!row) {
      const change = this.lastChange.get(id);
      row = { draft: this.stored.get(id) ?? emptyDraft, state: 'saved', error: null, fieldErrors: {}, savedAt: change?.savedAt ?? null, updatedByName: change?.updatedByName ?? null };
      this.rows.set(id, row);
    }
    return row;
  }

  summary = () => this.summaryCache;

  /** Any draft not yet saved (or failing): the page warns before it is left. */
  hasUnsaved = () => this.summaryCache.unsaved > 0 || this.summaryCache.saving > 0;

  private set(id: string, patch: Partial<AnswerRowState>) {
    this.rows.set(id, { ...this.get(id), ...patch });
  }

  /** The server's answers (after a load or a refetch): drafts with nothing unsaved take them. */
  sync(answers: Answer[]) {
    const byId = new Map(answers.map((answer) => [answer.subcategoryId, answer]));
    const ids = new Set([...byId.keys(), ...this.stored.keys(), ...this.rows.keys()]);
    for (const id of ids) {
      const answer = byId.get(id);
      const stored = draftOf(answer);
      this.stored.set(id, stored);
      if (answer) this.lastChange.set(id, { savedAt: new Date(answer.updatedAt), updatedByName: answer.updatedByName });
      const row = this.rows.get(id);
      if (!row) continue;
      if (row.state === 'saved' && !this.inFlight.has(id)) {
        this.rows.set(id, { ...row, draft: stored, ...(answer ? this.lastChange.get(id) : {}) });
      }
    }
    this.emit();
  }

  /** Changes a draft; it is saved after `delayMs` (0: at once). */
  edit(id: string, patch: Partial<Draft>, delayMs: number) {
    const draft = { ...this.get(id).draft, ...patch };
    const fieldErrors = { ...this.get(id).fieldErrors };
    for (const key of Object.keys(patch)) delete fieldErrors[key];
    this.set(id, { draft, fieldErrors });
    this.schedule(id, delayMs);
  }

  private schedule(id: string, delayMs: number) {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
    const row = this.get(id);
    if (row.draft.notApplicable && row.draft.notApplicableReason.trim() === '') {
      this.set(id, { state: 'incomplete', error: null });
      this.emit();
      return;
    }
    if (sameDraft(row.draft, this.stored.get(id) ?? emptyDraft) && !this.inFlight.has(id)) {
      this.set(id, { state: 'saved', error: null });
      this.emit();
      return;
    }
    this.set(id, { state: this.inFlight.has(id) ? 'saving' : 'pending', error: null });
    this.emit();
    if (delayMs <= 0) void this.flush(id);
    else
      this.timers.set(
        id,
        setTimeout(() => void this.flush(id), delayMs),
      );
  }

  /** Saves the draft now (also the retry after a failure). */
  async flush(id: string): Promise<void> {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
    if (this.inFlight.has(id)) return; // the save on its way saves again when it is back
    const row = this.get(id);
    if (row.draft.notApplicable && row.draft.notApplicableReason.trim() === '') return;
    if (sameDraft(row.draft, this.stored.get(id) ?? emptyDraft)) {
      this.set(id, { state: 'saved', error: null });
      this.emit();
      return;
    }
    const sent = row.draft;
    this.inFlight.add(id);
    this.set(id, { state: 'saving', error: null });
    this.emit();
    try {
      const result = await this.saver.saveOne(id, sent);
      this.inFlight.delete(id);
      this.stored.set(id, draftOf(result.answer));
      this.lastSavedAt = new Date();
      const now = this.get(id);
      const changedMeanwhile = !sameDraft(now.draft, sent);
      this.set(id, { state: changedMeanwhile ? 'pending' : 'saved', savedAt: this.lastSavedAt, updatedByName: result.answer.updatedByName, fieldErrors: {} });
      this.saver.onSaved({ ...result, answers: [result.answer] });
      if (changedMeanwhile) this.schedule(id, 0);
      else this.emit();
    } catch (error) {
      this.inFlight.delete(id);
      const described = this.saver.describeError(error);
      this.set(id, { state: 'error', error: described.message, fieldErrors: described.fields });
      this.emit();
    }
  }

  /** Saves every draft waiting for its pause (before submitting, or leaving). */
  async flushAll() {
    await Promise.all([...this.timers.keys()].map((id) => this.flush(id)));
  }

  /** Changes several drafts and saves them together in one request (all or none). */
  async editMany(ids: string[], patchOf: (draft: Draft) => Partial<Draft>): Promise<string | null> {
    const busy = ids.filter((id) => this.inFlight.has(id));
    if (busy.length) return busy[0]!;
    const entries = ids.map((id) => {
      const timer = this.timers.get(id);
      if (timer) clearTimeout(timer);
      this.timers.delete(id);
      return { subcategoryId: id, ...this.get(id).draft, ...patchOf(this.get(id).draft) };
    });
    for (const { subcategoryId, ...draft } of entries) {
      this.inFlight.add(subcategoryId);
      this.set(subcategoryId, { draft, state: 'saving', error: null });
    }
    this.emit();
    try {
      const result = await this.saver.saveMany(entries);
      this.lastSavedAt = new Date();
      for (const answer of result.answers) {
        this.inFlight.delete(answer.subcategoryId);
        this.stored.set(answer.subcategoryId, draftOf(answer));
        this.set(answer.subcategoryId, { state: 'saved', savedAt: this.lastSavedAt, updatedByName: answer.updatedByName, fieldErrors: {} });
      }
      this.saver.onSaved(result);
      this.emit();
      return null;
    } catch (error) {
      const described = this.saver.describeError(error);
      for (const id of ids) {
        this.inFlight.delete(id);
        this.set(id, { state: 'error', error: described.message });
      }
      this.emit();
      return described.message;
    }
  }

  dispose() {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** One answer's draft and save state; re-renders only when that answer changes. */
export function useAnswerRow(store: AnswerStore, id: string): AnswerRowState {
  return useSyncExternalStore(store.subscribe, () => store.get(id));
}

export function useSaveSummary(store: AnswerStore): SaveSummary {
  return useSyncExternalStore(store.subscribe, store.summary);
}
