// The rows of an ordered-list dialog (roles, speaking list) and what both
// dialogs do with them: keys that stay with a row when it moves, the
// backend's problems per row, and moving rows with the keyboard kept in place.
import { tick } from 'svelte';
import { moveItem } from '../ui/lists';
import { moveKey } from './rows';

/** The props both ordered-list dialogs take. */
export type SessionListProps = {
  sessionId: number;
  /** The session's title, for the dialog's heading. */
  title: string;
  onclose: () => void;
  /** Called after the list was saved (the workspace has reloaded). */
  onsaved: () => void;
};

export class RowList<R extends { key: number }> {
  rows: R[] = $state([]);
  /** Row key -> the backend's problem with that row. */
  problems: Map<number, string> = $state.raw(new Map());
  #nextKey = 0;
  readonly #uid: string;

  /** `uid` prefixes the rows' element ids: "<uid>-row-<key>". */
  constructor(uid: string) {
    this.#uid = uid;
  }

  /** A key no row has had yet. */
  key(): number {
    return this.#nextKey++;
  }

  /** Put back rows typed earlier (a discarded draft); new rows get keys none of them has. */
  restore(rows: R[]): void {
    this.rows = rows;
    this.problems = new Map();
    this.#nextKey = Math.max(this.#nextKey, ...rows.map((r) => r.key + 1));
  }

  el(key: number): HTMLElement | null {
    return document.getElementById(`${this.#uid}-row-${key}`);
  }

  /** Once the rows are redrawn, focus `selector` inside row `key`, or the row itself. */
  async focusIn(key: number, selector: string | null): Promise<void> {
    await tick();
    const row = this.el(key);
    (selector ? row?.querySelector<HTMLElement>(selector) : row)?.focus();
  }

  /** Drop the problem shown on row `key`: it was edited. */
  forget(key: number): void {
    if (!this.problems.has(key)) return;
    const next = new Map(this.problems);
    next.delete(key);
    this.problems = next;
  }

  async move(index: number, delta: number): Promise<void> {
    const row = this.rows[index];
    const to = index + delta;
    if (!row || to < 0 || to >= this.rows.length) return;
    const active = document.activeElement;
    this.rows = moveItem(this.rows, index, to);
    await tick();
    // Keep the keyboard where it was; a move button that is now disabled hands it to the row.
    if (active instanceof HTMLElement && active.isConnected && !(active as HTMLButtonElement).disabled) active.focus();
    else this.el(row.key)?.focus();
  }

  /** Alt+Arrow Up / Down from anywhere in row `index` moves it. */
  onkey(e: KeyboardEvent, index: number): void {
    const delta = moveKey(e);
    if (delta === null) return;
    e.preventDefault();
    void this.move(index, delta);
  }
}
