// The File menu's actions, shared by the menu, the shortcuts and the welcome screen.
import { ApiFailure, call, commands, confirmDialog, pickOpenPath, pickSavePath } from '../ipc';
import type { Workspace } from '../plan/workspace.svelte';
import { copyFileName } from './file-name';

/** Error codes meaning a recent file cannot be opened any more. */
const STALE_FILE_CODES = ['missing_file', 'not_a_plan'];

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Open the plan at `path`. For a recent file that is gone or is not a plan,
 * offer to remove it from the list. Resolves to true when the plan opened.
 */
export async function openPlanAt(ws: Workspace, path: string, fromRecent = false): Promise<boolean> {
  try {
    const file = await call(commands.openPlan(path));
    await ws.adopt(file);
    return true;
  } catch (e) {
    if (fromRecent && e instanceof ApiFailure && STALE_FILE_CODES.includes(e.code)) {
      const forget = await confirmDialog(
        `${sentence(e.message)}\n\nRemove it from the list of recent plans?`,
        'Cannot open plan',
      );
      if (forget) ws.recent = await commands.forgetRecent(path);
    } else {
      ws.report(e);
    }
    return false;
  }
}

/** File › Open…: ask for a file, then open it. */
export async function openWithDialog(ws: Workspace): Promise<boolean> {
  let path: string | null;
  try {
    path = await pickOpenPath();
  } catch (e) {
    ws.report(e);
    return false;
  }
  return path ? openPlanAt(ws, path) : false;
}

/** File › Save a copy as…: write a copy and keep working on the current file. */
export async function saveCopy(ws: Workspace): Promise<boolean> {
  const file = ws.file;
  if (!file) return false;
  try {
    const path = await pickSavePath(copyFileName(file.file_name));
    if (!path) return false;
    await call(commands.saveCopyAs(path));
    ws.inform(`Saved a copy as ${path}. You are still working on ${file.file_name}.`);
    return true;
  } catch (e) {
    ws.report(e);
    return false;
  }
}
