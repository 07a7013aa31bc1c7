// The open plan as the window sees it: which file, its overview, the
// vocabulary, conflicts, what undo/redo would do, and recent files, plus the
// save-status line and any notice for the user. Pages read it from context
// and call `changed()` (or `apply()`) after every accepted edit: the backend
// has already saved it as one undoable step.
import { getContext, setContext } from 'svelte';
import {
  call,
  commands,
  describeError,
  setWindowTitle,
  type ApiError,
  type Conflict_Serialize,
  type Overview_Serialize,
  type PlanFile,
  type RecentFile,
  type Result,
  type UndoState_Serialize,
  type Vocabulary,
} from '../ipc';
import type { HistoryAction } from '../history/shortcuts';
import { windowTitle } from './title';

export const SAVED = 'All changes saved';

export type Notice = { tone: 'error' | 'info'; text: string };

/** A request to bring one session into view on the agenda; `n` tells repeats apart. */
export type Reveal = { id: number; n: number };

const NOTHING_TO_UNDO: UndoState_Serialize = { undo: null, redo: null };

export class Workspace {
  /** The plan file shown, or null (welcome screen). */
  file: PlanFile | null = $state.raw(null);
  /** Why no plan could be opened at launch. */
  startupError: ApiError | null = $state.raw(null);
  starting = $state(true);
  vocabulary: Vocabulary | null = $state.raw(null);
  overview: Overview_Serialize | null = $state.raw(null);
  /** Today on the plan's wall clock ("YYYY-MM-DD"), from the backend; null before the plan is loaded. */
  today: string | null = $state(null);
  conflicts: Conflict_Serialize[] = $state.raw([]);
  /** What Undo and Redo would do now (summaries), for the Edit menu. */
  undoState: UndoState_Serialize = $state.raw(NOTHING_TO_UNDO);
  /** Set by "Show" in the problems panel; the agenda scrolls to the session. */
  reveal: Reveal | null = $state.raw(null);
  recent: RecentFile[] = $state.raw([]);
  /** Goes up whenever the plan's data may have changed; pages reload on it. */
  revision = $state(0);
  saveStatus = $state('');
  notice: Notice | null = $state.raw(null);

  /** Load what the backend opened at launch. */
  async start(): Promise<void> {
    this.starting = true;
    try {
      this.vocabulary = await commands.vocabulary();
      const startup = await call(commands.startup());
      if (startup.plan) {
        await this.adopt(startup.plan);
      } else {
        this.startupError = startup.error ?? null;
        this.recent = await commands.recentFiles();
        await this.updateTitle();
      }
    } catch (e) {
      this.startupError = { code: 'startup', message: describeError(e), fields: [] };
    } finally {
      this.starting = false;
    }
  }

  /** Show a newly opened or created plan: reload everything. */
  async adopt(file: PlanFile): Promise<void> {
    this.file = file;
    this.startupError = null;
    this.saveStatus = '';
    this.notice = null;
    this.undoState = NOTHING_TO_UNDO;
    this.reveal = null;
    try {
      await this.refresh();
    } catch (e) {
      this.report(e);
    }
    this.recent = await commands.recentFiles();
    await this.updateTitle();
  }

  /** Reload the overview, the conflicts and the undo state. */
  async refresh(): Promise<void> {
    const [overview, conflicts, undoState, today] = await Promise.all([
      call(commands.overview()),
      call(commands.checkPlan()),
      call(commands.undoState()),
      call(commands.planToday()),
    ]);
    this.overview = overview;
    this.today = today;
    this.conflicts = conflicts;
    this.undoState = undoState;
    this.revision++;
  }

  /**
   * Run one edit command; when it succeeds, say so and reload everything
   * shown. A refusal (an `ApiFailure`) is thrown to the caller, which shows
   * it where the user was working; nothing was changed then.
   */
  async apply<T>(pending: Promise<Result<T>>): Promise<T> {
    const data = await call(pending);
    await this.changed();
    return data;
  }

  /** Edit › Undo / Redo and their shortcuts. Resolves to what was undone or redone. */
  async history(action: HistoryAction): Promise<string | null> {
    if (!this.file) return null;
    try {
      const summary = await call(action === 'undo' ? commands.undo() : commands.redo());
      if (summary === null) {
        this.inform(action === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
        return null;
      }
      await this.changed();
      this.inform(`${action === 'undo' ? 'Undone' : 'Redone'}: ${summary}`);
      return summary;
    } catch (e) {
      this.report(e);
      return null;
    }
  }

  /** Re-read what Undo and Redo would do (e.g. as the Edit menu opens). */
  async refreshUndo(): Promise<void> {
    if (!this.file) return;
    try {
      this.undoState = await call(commands.undoState());
    } catch {
      // The menu keeps what it showed; the next edit reloads it anyway.
    }
  }

  /** Ask the agenda to bring session `id` into view and focus it. */
  revealSession(id: number): void {
    this.reveal = { id, n: (this.reveal?.n ?? 0) + 1 };
  }

  /** After an accepted edit: say it is saved and reload. `file` if the plan's title may have changed. */
  async changed(file?: PlanFile): Promise<void> {
    this.saveStatus = SAVED;
    if (file) {
      this.file = file;
      await this.updateTitle();
    }
    try {
      await this.refresh();
    } catch (e) {
      this.report(e);
    }
  }

  report(e: unknown): void {
    this.notice = { tone: 'error', text: describeError(e) };
  }

  inform(text: string): void {
    this.notice = { tone: 'info', text };
  }

  dismissNotice(): void {
    this.notice = null;
  }

  private async updateTitle(): Promise<void> {
    try {
      await setWindowTitle(windowTitle(this.file));
    } catch {
      // The window title is cosmetic; never let it break opening a plan.
    }
  }
}

const KEY = Symbol('workspace');

export function provideWorkspace(ws: Workspace): Workspace {
  return setContext(KEY, ws);
}

export function useWorkspace(): Workspace {
  const ws = getContext<Workspace | undefined>(KEY);
  if (!ws) throw new Error('useWorkspace() needs provideWorkspace() in an ancestor');
  return ws;
}
