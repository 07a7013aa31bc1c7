// File › Import programme: what the page asks, the preview the backend
// makes of it, and the import. The backend reads the file each time, so a
// changed mapping, kind or event is previewed exactly as it will be written.
import {
  call,
  commands,
  describeError,
  type EventChoice,
  type ImportRequest,
  type ImportView,
  type KindChoice,
  type ProgrammePreview,
  type SessionKind,
  type SheetField,
  type SourceFormat,
} from '../ipc';

export type Target = 'plan' | 'new';
export type Stage = 'choose' | 'preview' | 'importing' | 'done';

/** The request for what the page shows now. */
export function requestOf(
  format: SourceFormat,
  columns: readonly SheetField[] | null,
  kinds: readonly KindChoice[],
  event: EventChoice,
  skipInvalid: boolean,
): ImportRequest {
  return { format, columns: columns ? [...columns] : null, kinds: [...kinds], event, skip_invalid: skipInvalid };
}

/** The kind table with one type's kind changed (or added). */
export function withKind(kinds: readonly KindChoice[], source: string, kind: SessionKind): KindChoice[] {
  const rest = kinds.filter((k) => k.source !== source);
  return [...rest, { source, kind }];
}

/** Why Import cannot run yet, or null when it can. */
export function importBlocked(preview: ProgrammePreview | null, skipInvalid: boolean): string | null {
  if (!preview) return 'Preview the file first.';
  if (preview.added + preview.updated === 0) return 'The file holds no session to import.';
  if (preview.problems.length > 0 && !skipInvalid)
    return `${preview.problems.length} ${preview.problems.length === 1 ? 'session has a problem' : 'sessions have problems'}: fix the file, or leave them out.`;
  return null;
}

/** The label of the Import button. */
export function importLabel(preview: ProgrammePreview | null, target: Target): string {
  const n = preview ? preview.added + preview.updated : 0;
  const what = `${n} ${n === 1 ? 'session' : 'sessions'}`;
  return target === 'new' ? `Make a new plan with ${what}…` : `Import ${what}`;
}

/** One line per column change: the mapping with column `i` set to `field`. */
export function remapped(mapping: readonly SheetField[], i: number, field: SheetField): SheetField[] {
  return mapping.map((f, j) => (j === i ? field : f));
}

export class ProgrammeImportState {
  path = $state('');
  format = $state<SourceFormat>('auto');
  /** The user's column mapping; null while the automatic one stands. */
  columns = $state.raw<SheetField[] | null>(null);
  kinds = $state.raw<KindChoice[]>([]);
  event = $state.raw<EventChoice>({ kind: 'auto' });
  target = $state<Target>('plan');
  zone = $state('');
  skipInvalid = $state(false);
  stage = $state<Stage>('choose');
  view = $state.raw<ImportView | null>(null);
  done = $state.raw<ProgrammePreview | null>(null);
  error = $state<string | null>(null);
  previewing = $state(false);
  private asked = 0;

  readonly blocked = $derived(importBlocked(this.view?.preview ?? null, this.skipInvalid));

  request(): ImportRequest {
    return requestOf(this.format, this.columns, this.kinds, this.event, this.skipInvalid);
  }

  /** Reads the file again with what the page now asks; a late answer to an older question is dropped. */
  async preview(): Promise<void> {
    const path = this.path.trim();
    if (!path) return;
    const n = ++this.asked;
    this.previewing = true;
    this.error = null;
    try {
      const zone = this.target === 'new' ? this.zone || null : null;
      const view = await call(commands.programmePreview(path, this.request(), this.target === 'new', zone));
      if (n !== this.asked) return;
      this.view = view;
      if (this.target === 'new' && !this.zone && view.zone) this.zone = view.zone;
      this.stage = 'preview';
    } catch (e) {
      if (n !== this.asked) return;
      this.error = describeError(e);
    } finally {
      if (n === this.asked) this.previewing = false;
    }
  }

  /** A new file: the choices made for the last one no longer apply. */
  chose(path: string): void {
    this.path = path;
    this.columns = null;
    this.kinds = [];
    this.format = 'auto';
    this.skipInvalid = false;
    this.view = null;
    this.done = null;
    this.stage = 'choose';
  }

  setColumn(i: number, field: SheetField): void {
    const current = this.columns ?? this.view?.columns?.mapping ?? [];
    this.columns = remapped(current, i, field);
    void this.preview();
  }

  setKind(source: string, kind: SessionKind): void {
    this.kinds = withKind(this.kinds, source, kind);
    void this.preview();
  }

  /** Imports into the open plan; resolves to what was written. */
  async importIntoPlan(): Promise<ProgrammePreview | null> {
    this.stage = 'importing';
    this.error = null;
    try {
      this.done = await call(commands.importProgramme(this.path.trim(), this.request()));
      this.stage = 'done';
      return this.done;
    } catch (e) {
      this.error = describeError(e);
      this.stage = 'preview';
      return null;
    }
  }
}
