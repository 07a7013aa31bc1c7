// The open plan as the window sees it: which file, its overview, the
// vocabulary, conflicts and recent files, plus the save-status line and any
// notice for the user. Pages read it from context and call `changed()` after
// every accepted edit (the backend has already saved it).
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
  type Vocabulary,
} from '../ipc';
import { windowTitle } from './title';

export const SAVED = 'All changes saved';

export type Notice = { tone: 'error' | 'info'; text: string };

export class Workspace {
  /** The plan file shown, or null (welcome screen). */
  file: PlanFile | null = $state.raw(null);
  /** Why no plan could be opened at launch. */
  startupError: ApiError | null = $state.raw(null);
  starting = $state(true);
  vocabulary: Vocabulary | null = $state.raw(null);
  overview: Overview_Serialize | null = $state.raw(null);
  conflicts: Conflict_Serialize[] = $state.raw([]);
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
    try {
      await this.refresh();
    } catch (e) {
      this.report(e);
    }
    this.recent = await commands.recentFiles();
    await this.updateTitle();
  }

  /** Reload the overview and the conflicts. */
  async refresh(): Promise<void> {
    const [overview, conflicts] = await Promise.all([call(commands.overview()), call(commands.checkPlan())]);
    this.overview = overview;
    this.conflicts = conflicts;
    this.revision++;
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
