// What the two ordered-list dialogs (roles, speaking list) share: placing the backend's "roles.N" / "slots.N" problems on the rows
// they name, by row key so a message stays with its row when rows move.
import { hasFieldProblems } from '../error-codes';
import { ApiFailure, describeError, type ApiError } from '../ipc';

/** Whole minutes of a speaking turn as typed; blank or nonsense counts as nothing (the backend refuses it). */
export function turnMinutes(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

export type RowProblems = {
  /** Row key -> message. */
  rows: Map<number, string>;
  /** What belongs to no row, for the banner. */
  general: string | null;
};

/**
 * Place `error` on rows: a field "<prefix>.N" belongs to the Nth row sent
 * (`keys` are the rows' keys in the order sent); anything else goes to the
 * banner, as does any error that is not a form problem.
 */
export function rowProblems(error: ApiError, prefix: string, keys: readonly number[]): RowProblems {
  const rows = new Map<number, string>();
  if (!hasFieldProblems(error)) return { rows, general: error.message };
  const unplaced: string[] = [];
  for (const problem of error.fields) {
    const m = new RegExp(`^${prefix}\\.(\\d+)(?:\\.|$)`).exec(problem.field);
    const key = m ? keys[Number(m[1])] : undefined;
    if (key === undefined) {
      unplaced.push(problem.message);
      continue;
    }
    const before = rows.get(key);
    rows.set(key, before ? `${before} ${problem.message}` : problem.message);
  }
  return { rows, general: unplaced.length ? unplaced.join(' ') : null };
}

/** Place whatever a save threw: a refusal on the rows it names, anything else in the banner. */
export function problemsOf(e: unknown, prefix: string, keys: readonly number[]): RowProblems {
  if (e instanceof ApiFailure) return rowProblems(e.error, prefix, keys);
  return { rows: new Map(), general: describeError(e) };
}

/** An organisation standing in for a speaker not named yet: "IOM — speaker TBC". */
export function speakerTbc(organisation: { name: string; acronym: string }): string {
  return `${organisation.acronym || organisation.name} — speaker TBC`;
}

/** Whether Alt+ArrowUp/Down on `e` asks to move a row, and which way. */
export function moveKey(e: KeyboardEvent): -1 | 1 | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  // A type-ahead box keeps its own arrow keys.
  if (e.target instanceof HTMLElement && e.target.getAttribute('role') === 'combobox') return null;
  if (e.key === 'ArrowUp') return -1;
  if (e.key === 'ArrowDown') return 1;
  return null;
}
