// What was typed into a dialog that was closed with its changes discarded.
// Kept in memory while the window is open, so reopening the same dialog on
// the same record can offer it back; never written to the plan or to disk.

/** Enough for a working day of second thoughts, small enough to forget. */
const LIMIT = 20;

const kept = new Map<string, unknown>();

/**
 * The key of one dialog on one record: its title and what it opened with.
 * A record changed since (saved elsewhere, undone) opens with other values,
 * so an old draft is not offered over newer data.
 */
export function draftKey(dialog: string, initial: unknown): string {
  return `${dialog}\n${JSON.stringify(initial)}`;
}

/** Keep `values` for `key`, replacing an older draft of it. */
export function keepDraft(key: string, values: unknown): void {
  kept.delete(key);
  kept.set(key, structuredClone(values));
  while (kept.size > LIMIT) {
    const oldest = kept.keys().next().value;
    if (oldest === undefined) break;
    kept.delete(oldest);
  }
}

/** The draft kept for `key`, if any (a copy: the caller may change it). */
export function draftFor<T>(key: string): T | undefined {
  const found = kept.get(key);
  return found === undefined ? undefined : (structuredClone(found) as T);
}

export function forgetDraft(key: string): void {
  kept.delete(key);
}

/** Only tests call this. */
export function forgetAllDrafts(): void {
  kept.clear();
}
