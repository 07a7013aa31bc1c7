// One form-state model for every form in the app: the values being edited,
// the backend's field problems mapped onto fields, a general (non-field)
// error, and whether a submission is in flight. The backend does all
// validation; this only places its answers where the user will see them.
import { hasFieldProblems } from '../error-codes';
import { ApiFailure, describeError, type ApiError } from '../ipc';

/**
 * Thrown by a submit action to stop quietly, e.g. when the user cancels a
 * save dialog: no error is shown and the form stays as it is.
 */
export class SubmitCancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'SubmitCancelled';
  }
}

/** Field name -> message. Several problems for one field are joined. */
export type FieldErrors = Record<string, string>;

/** Map `ApiError.fields` onto a record keyed by field name. */
export function fieldErrors(error: ApiError): FieldErrors {
  const out: FieldErrors = {};
  for (const problem of error.fields) {
    const previous = out[problem.field];
    out[problem.field] = previous ? `${previous} ${problem.message}` : problem.message;
  }
  return out;
}

/**
 * What to show in the form's banner for `error`, given the fields the form
 * displays. Problems with displayed fields appear next to them, so an
 * "invalid" error whose fields are all known needs no banner; problems with
 * fields the form does not show, and every other kind of error, do.
 */
export function generalError(error: ApiError, known: readonly string[]): string | null {
  if (!hasFieldProblems(error)) return error.message;
  const unplaced = error.fields.filter((p) => !known.includes(p.field));
  if (unplaced.length === 0) return null;
  return unplaced.map((p) => p.message).join(' ');
}

export class FormState<T extends object> {
  values: T = $state() as T;
  errors: FieldErrors = $state({});
  general: string | null = $state(null);
  submitting = $state(false);
  readonly fields: readonly string[];
  /** The values the form opened with, as JSON, to tell whether anything changed. */
  readonly #initial: string;

  constructor(initial: T) {
    this.values = { ...initial };
    this.fields = Object.keys(initial);
    this.#initial = JSON.stringify(this.snapshot());
  }

  /** The values the form opened with. */
  get initial(): T {
    return JSON.parse(this.#initial) as T;
  }

  /** True when the values differ from those the form opened with. */
  get changed(): boolean {
    return JSON.stringify(this.snapshot()) !== this.#initial;
  }

  /** Put back values typed earlier (a discarded draft). */
  restore(values: T): void {
    this.values = { ...values };
    this.clear();
  }

  /** The message for `field`, or null. */
  error(field: string): string | null {
    return this.errors[field] ?? null;
  }

  /** True when any field or the form as a whole has a problem. */
  get failed(): boolean {
    return this.general !== null || Object.keys(this.errors).length > 0;
  }

  clear(): void {
    this.errors = {};
    this.general = null;
  }

  /** Show a thrown error: field problems next to fields, the rest in the banner. */
  fail(e: unknown): void {
    if (e instanceof SubmitCancelled) return;
    if (e instanceof ApiFailure) {
      this.errors = fieldErrors(e.error);
      this.general = generalError(e.error, this.fields);
    } else {
      this.errors = {};
      this.general = describeError(e);
    }
  }

  /** A plain (non-reactive) copy of the values, safe to send over IPC. */
  snapshot(): T {
    return $state.snapshot(this.values) as T;
  }

  /**
   * Run `action` with the current values. Resolves to true when it
   * succeeded; on failure the errors are shown and the values kept. A second
   * submit while one is in flight is ignored (resolves to false).
   */
  async submit(action: (values: T) => Promise<unknown>): Promise<boolean> {
    if (this.submitting) return false;
    this.submitting = true;
    try {
      await action(this.snapshot());
      this.clear();
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    } finally {
      this.submitting = false;
    }
  }
}

/**
 * Move focus to the first control marked invalid inside `root`, if any. A
 * control that cannot carry aria-invalid itself (a type-ahead picker) sits in
 * a group marked data-invalid instead; the group's input gets the focus.
 */
export function focusFirstInvalid(root: ParentNode | null | undefined): void {
  const el = root?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]');
  if (el?.dataset.invalid) el.querySelector<HTMLElement>('input')?.focus();
  else el?.focus();
}
