// The File menu's actions, shared by the menu, the shortcuts and the welcome screen.
import { ApiFailure, call, commands, confirmDialog, pickBackupPath, pickOpenPath, pickSavePath } from '../ipc';
import { treatment } from '../error-codes';
import { oneLine } from '../format/words';
import type { Workspace } from '../plan/workspace.svelte';
import { copyFileName } from './file-name';

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The last part of a path, in either separator style. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * Open the plan at `path`, showing "Opening NAME…" meanwhile. For a recent
 * file that is gone or unreadable, offer to remove it from the list. A failure
 * is one line: on the welcome screen when no plan is shown, else in a notice
 * over the plan that stays open. Resolves to true when the plan opened.
 */
export async function openPlanAt(ws: Workspace, path: string, fromRecent = false): Promise<boolean> {
  const outcome = await ws.openWith(baseName(path), () => commands.openPlan(path));
  if (outcome.status !== 'failed') return outcome.status === 'opened';
  const error = outcome.error;
  if (fromRecent && treatment(error.code) === 'unreadable_file') {
    const forget = await confirmDialog(
      `${sentence(oneLine(error.message))}\n\nRemove it from the list of recent plans?`,
      'Cannot open plan',
    );
    if (forget) ws.recent = await commands.forgetRecent(path);
  } else if (ws.file) {
    ws.report(new ApiFailure(error));
  } else {
    ws.openError = error;
    ws.dismissNotice();
  }
  return false;
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

/** File › New window: another window on its welcome screen; this one stays as it is. */
export async function newWindow(ws: Workspace): Promise<boolean> {
  try {
    await call(commands.newWindow());
    return true;
  } catch (e) {
    ws.report(e);
    return false;
  }
}

/** File › Close window: this window goes, with its plan; Plenary ends with its last window. */
export async function closeWindow(ws: Workspace): Promise<boolean> {
  try {
    await call(commands.closeWindow());
    return true;
  } catch (e) {
    ws.report(e);
    return false;
  }
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

/** "Week (backup).json" → "Week (restored).plenary". */
export function restoredFileName(backupName: string): string {
  const stem = backupName.replace(/\.json$/i, '').replace(/\s*\(backup\)$/i, '');
  return `${stem || 'Plan'} (restored).plenary`;
}

/** File › Restore from a backup…: pick a backup, where to make the plan, then open it. */
export async function restoreFromBackup(ws: Workspace): Promise<boolean> {
  let path: string | null;
  try {
    const backup = await pickBackupPath();
    if (!backup) return false;
    path = await pickSavePath(restoredFileName(baseName(backup)));
    if (!path) return false;
    await call(commands.restoreBackup(backup, path));
  } catch (e) {
    ws.report(e);
    return false;
  }
  return openPlanAt(ws, path);
}
