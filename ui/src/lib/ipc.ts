// The ONLY module in the front end allowed to import `@tauri-apps/*`.
// Everything else talks to the backend / OS through the functions exported here,
// which keeps the rest of the UI testable without a Tauri runtime.
//
// Later: generated command bindings will be re-exported from './bindings'.
import { open, save } from '@tauri-apps/plugin-dialog';

export const PLAN_FILE_FILTER = { name: 'Plenary plan', extensions: ['plenary'] };

/** Ask the user for an existing plan file. Resolves to null if cancelled. */
export async function pickOpenPath(): Promise<string | null> {
  const selected = await open({
    multiple: false,
    directory: false,
    filters: [PLAN_FILE_FILTER],
  });
  return selected ?? null;
}

/** Ask the user where to save a plan file. Resolves to null if cancelled. */
export async function pickSavePath(defaultName: string): Promise<string | null> {
  const selected = await save({
    defaultPath: defaultName,
    filters: [PLAN_FILE_FILTER],
  });
  return selected ?? null;
}
