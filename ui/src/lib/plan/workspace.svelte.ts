// The open plan as the window sees it: which file, its overview, the
// vocabulary, conflicts, what undo/redo would do, and recent files, plus the
// save-status line and any notice for the user. Pages read it from context
// and call `changed()` (or `apply()`) after every accepted edit: the backend
// has already saved it as one undoable step.
import { getContext, setContext } from 'svelte';
import { treatment } from '../error-codes';
import {
  ApiFailure,
  call,
  commands,
  describeError,
  setFullscreen,
  setWindowTitle,
  type ApiError,
  type Conflict_Serialize,
  type Kiosk_Serialize,
  type Overview_Serialize,
  type PlanFile,
  type RecentFile,
  type Result,
  type Startup_Serialize,
  type UndoState_Serialize,
  type Vocabulary,
} from '../ipc';
import type { HistoryAction } from '../history/shortcuts';
import { windowTitle } from './title';
import { oneLine } from '../format/words';

export const SAVED = 'All changes saved';

export type Notice = { tone: 'error' | 'info'; text: string };

/** A request to bring one session into view on the agenda; `n` tells repeats apart. */
export type Reveal = { id: number; n: number };

const NOTHING_TO_UNDO: UndoState_Serialize = { undo: null, redo: null };

/** How often a plan open read-only is asked whether its holder saved a change. */
export const FOLLOW_MS = 4000;

/** How long an open runs before the window offers to cancel it. */
export const CANCEL_AFTER_MS = 2000;

/** An open in progress: the file's name, and whether Cancel is offered yet. */
export type Opening = { fileName: string; cancellable: boolean };

export type OpenOutcome = { status: 'opened' } | { status: 'cancelled' } | { status: 'failed'; error: ApiError };

/** Any thrown value as an ApiError, for the welcome screen. */
function apiErrorOf(e: unknown): ApiError {
  return e instanceof ApiFailure ? e.error : { code: 'unexpected', message: describeError(e), fields: [] };
}

export class Workspace {
  /** The plan file shown, or null (welcome screen). */
  file: PlanFile | null = $state.raw(null);
  /** Why the last open failed, for the welcome screen. */
  openError: ApiError | null = $state.raw(null);
  /** Until the backend has said what to open. */
  starting = $state(true);
  /** The open in progress; the window shows it instead of the pages. */
  opening: Opening | null = $state.raw(null);
  vocabulary: Vocabulary | null = $state.raw(null);
  overview: Overview_Serialize | null = $state.raw(null);
  /** Today on the plan's wall clock ("YYYY-MM-DD"), from the backend; null before the plan is loaded. */
  today: string | null = $state(null);
  conflicts: Conflict_Serialize[] = $state.raw([]);
  /** Conflicts found beyond the listed ones (the backend lists at most 1,000). */
  unlistedConflicts = $state(0);
  /** What Undo and Redo would do now (summaries), for the Edit menu. */
  undoState: UndoState_Serialize = $state.raw(NOTHING_TO_UNDO);
  /** Set by "Show" in the problems panel; the agenda scrolls to the session. */
  reveal: Reveal | null = $state.raw(null);
  recent: RecentFile[] = $state.raw([]);
  /** Goes up whenever the plan's data may have changed; pages reload on it. */
  revision = $state(0);
  saveStatus = $state('');
  notice: Notice | null = $state.raw(null);
  /**
   * The locked kiosk's desk, or null. While set the window shows only the
   * kiosk, and reads only what the backend lets a kiosk read.
   */
  kiosk: Kiosk_Serialize | null = $state.raw(null);

  /** The plan's revision last seen while following a read-only plan. */
  #seen: number | null = null;

  /** Stops waiting for the open in progress; set while one runs. */
  #abandon: (() => void) | null = null;

  /**
   * Start up: open what the backend chose (the file named at launch, the last
   * plan, or the sample) in the background, or show the welcome screen with
   * the backend's note or the reason the open failed.
   */
  async start(): Promise<void> {
    this.starting = true;
    let startup: Startup_Serialize;
    try {
      // A window reloaded while locked comes back as the kiosk.
      const kiosk = await commands.kiosk();
      this.kiosk = kiosk.locked ? kiosk : null;
      this.vocabulary = await commands.vocabulary();
      startup = await call(commands.startup());
    } catch (e) {
      this.openError = { code: 'unexpected', message: describeError(e), fields: [] };
      return;
    } finally {
      this.starting = false;
    }
    if (this.kiosk && startup.plan) {
      this.file = startup.plan;
      try {
        await this.refresh();
      } catch (e) {
        this.report(e);
      }
      return;
    }
    if (startup.plan) {
      await this.adopt(startup.plan);
      return;
    }
    if (startup.note) this.inform(startup.note);
    if (startup.opening) {
      const outcome = await this.openWith(startup.opening.file_name, () => commands.openAtStart());
      if (outcome.status === 'opened') return;
      if (outcome.status === 'failed') this.openError = outcome.error;
    }
    this.recent = await commands.recentFiles();
    await this.updateTitle();
  }

  /**
   * Open a plan: "Opening NAME…" shows meanwhile, with Cancel after
   * CANCEL_AFTER_MS. A cancelled open leaves the window where it was, with a
   * note; a failure is returned for the caller to explain.
   */
  async openWith(fileName: string, request: () => Promise<Result<PlanFile>>): Promise<OpenOutcome> {
    if (this.opening) return { status: 'failed', error: apiErrorOf(new Error('Another plan is being opened.')) };
    this.opening = { fileName, cancellable: false };
    const timer = setTimeout(() => {
      if (this.opening) this.opening = { ...this.opening, cancellable: true };
    }, CANCEL_AFTER_MS);
    const abandoned = new Promise<null>((resolve) => (this.#abandon = () => resolve(null)));
    try {
      const file = await Promise.race([call(request()), abandoned]);
      if (file === null) return this.cancelled(fileName);
      // Opened: no more cancelling while the first pages load.
      clearTimeout(timer);
      this.#abandon = null;
      this.opening = { fileName, cancellable: false };
      await this.adopt(file);
      return { status: 'opened' };
    } catch (e) {
      if (e instanceof ApiFailure && treatment(e.code) === 'cancelled') return this.cancelled(fileName);
      return { status: 'failed', error: apiErrorOf(e) };
    } finally {
      clearTimeout(timer);
      this.#abandon = null;
      this.opening = null;
    }
  }

  private cancelled(fileName: string): OpenOutcome {
    const still = this.file ? ` You are still working on ${this.file.file_name}.` : '';
    this.inform(`Opening ${fileName} was cancelled.${still}`);
    return { status: 'cancelled' };
  }

  /**
   * The Cancel button. The window stops waiting only when the backend could
   * still stop the open; otherwise it has just finished and its plan follows.
   */
  async cancelOpen(): Promise<void> {
    const abandon = this.#abandon;
    if (!abandon) return;
    if (await commands.cancelOpen()) abandon();
  }

  /** Show a newly opened or created plan: reload everything. Once shown, it joins the recent list. */
  async adopt(file: PlanFile): Promise<void> {
    this.file = file;
    // Read before the plan is, so a change saved meanwhile is caught next time.
    this.#seen = file.read_only ? await this.savedRevision() : null;
    this.openError = null;
    this.saveStatus = '';
    this.notice = null;
    this.undoState = NOTHING_TO_UNDO;
    this.reveal = null;
    try {
      await this.refresh();
      this.recent = await commands.planShown(file.path);
    } catch (e) {
      this.report(e);
      this.recent = await commands.recentFiles();
    }
    await this.updateTitle();
  }

  /**
   * The read-only banner's Try again: open the plan again, which holds it
   * for editing once no other program does. Still held: the banner stays,
   * with who holds it now.
   */
  async tryEditing(): Promise<void> {
    const file = this.file;
    if (!file) return;
    const outcome = await this.openWith(file.file_name, () => commands.openPlan(file.path));
    if (outcome.status === 'failed') this.report(new ApiFailure(outcome.error));
    else if (outcome.status === 'opened' && this.file?.read_only) this.inform('The plan is still open elsewhere.');
  }

  /**
   * A plan open read-only follows what its holder saves: asked every
   * FOLLOW_MS (by the App), it reloads everything shown when it changed.
   */
  async follow(): Promise<void> {
    if (!this.file?.read_only || this.opening) return;
    const now = await this.savedRevision();
    const changed = now !== null && this.#seen !== null && now !== this.#seen;
    if (now !== null) this.#seen = now;
    if (!changed) return;
    try {
      await this.refresh();
    } catch (e) {
      this.report(e);
    }
  }

  /** The plan's revision, or null when it cannot be read now (asked again shortly). */
  private async savedRevision(): Promise<number | null> {
    try {
      return await call(commands.planRevision());
    } catch {
      return null;
    }
  }

  /** Reload the overview, the conflicts and the undo state (a kiosk: the overview and today). */
  async refresh(): Promise<void> {
    if (this.kiosk) {
      const [overview, today] = await Promise.all([call(commands.overview()), call(commands.planToday())]);
      this.overview = overview;
      this.today = today;
      this.revision++;
      return;
    }
    const [overview, problems, undoState, today] = await Promise.all([
      call(commands.overview()),
      call(commands.checkPlan()),
      call(commands.undoState()),
      call(commands.planToday()),
    ]);
    this.overview = overview;
    this.today = today;
    this.conflicts = problems.conflicts;
    this.unlistedConflicts = problems.unlisted;
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

  /**
   * Lock the window as the check-in desk of `eventId` on `day`, full screen.
   * A refusal (a PIN that is not 4 to 8 digits) is thrown to the caller.
   */
  async enterKiosk(pin: string, eventId: number, day: string): Promise<void> {
    this.kiosk = await call(commands.enterKiosk(pin, eventId, day));
    this.notice = null;
    await this.fullscreen(true);
  }

  /** Unlock with the PIN; a wrong one is thrown (`wrong_pin`) and the kiosk stays. */
  async leaveKiosk(pin: string): Promise<void> {
    await call(commands.leaveKiosk(pin));
    this.kiosk = null;
    await this.fullscreen(false);
    // The check-ins made meanwhile are in the plan: show them, and what Undo would do.
    try {
      await this.refresh();
    } catch (e) {
      this.report(e);
    }
  }

  private async fullscreen(on: boolean): Promise<void> {
    try {
      await setFullscreen(on);
    } catch {
      // A window manager that refuses full screen leaves a kiosk in a window, still locked.
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
    this.notice = { tone: 'error', text: oneLine(describeError(e)) };
  }

  inform(text: string): void {
    this.notice = { tone: 'info', text: oneLine(text) };
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

/** The workspace, where there is one: a dialog shown on its own (in a test) has none. */
export function maybeWorkspace(): Workspace | undefined {
  return getContext<Workspace | undefined>(KEY);
}
