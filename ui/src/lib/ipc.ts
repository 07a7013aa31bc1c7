// The ONLY module in the front end allowed to import `@tauri-apps/*` (apart
// from the generated ./bindings). Everything else talks to the backend and the
// OS through what is exported here, which keeps the rest of the UI testable
// without a Tauri runtime (tests mock the IPC layer underneath).
import { listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { getCurrentWebviewWindow } from '@tauri-apps/api/webviewWindow';
import { ask, open, save } from '@tauri-apps/plugin-dialog';
import type { ApiError, ErrorCode, commands as Commands } from './bindings';

export { commands } from './bindings';
/** Streams progress from a long command (e.g. an import) back to the page. */
export { Channel } from '@tauri-apps/api/core';
export type * from './bindings';

/** What every fallible generated command resolves to. */
export type Result<T, E = ApiError> = { status: 'ok'; data: T } | { status: 'error'; error: E };

type Data<R> = R extends { status: 'ok'; data: infer D } ? D : R extends { status: 'error' } ? never : R;

/** What the command `C` answers when it succeeds: `Answer<'board'>` is a board. */
export type Answer<C extends keyof typeof Commands> = Data<Awaited<ReturnType<(typeof Commands)[C]>>>;

/** An `ApiError` returned by the backend, thrown so components can try/catch. */
export class ApiFailure extends Error {
  readonly error: ApiError;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
    this.error = error;
  }

  /** The stable error code, e.g. "invalid", "missing_file", "not_a_plan". */
  get code(): ErrorCode {
    return this.error.code;
  }
}

/** The data of an ok result; throws `ApiFailure` for an error result. */
export function unwrap<T>(result: Result<T, ApiError>): T {
  if (result.status === 'ok') return result.data;
  throw new ApiFailure(result.error);
}

/** Await a command and unwrap its result: `await call(commands.overview())`. */
export async function call<T>(pending: Promise<Result<T, ApiError>>): Promise<T> {
  return unwrap(await pending);
}

/** Words for any thrown value, for a banner. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object' && 'message' in e && typeof e.message === 'string') return e.message;
  return 'Something went wrong.';
}

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

/** Set the native window title. */
export async function setWindowTitle(title: string): Promise<void> {
  await getCurrentWindow().setTitle(title);
}

/** Full screen on or off: the kiosk fills the screen, with no window frame to leave by. */
export async function setFullscreen(on: boolean): Promise<void> {
  await getCurrentWindow().setFullscreen(on);
}

/** A native yes/no warning dialog; resolves to true when the user agrees. */
export async function confirmDialog(message: string, title: string): Promise<boolean> {
  return ask(message, { title, kind: 'warning' });
}

export const CSV_FILE_FILTER = { name: 'CSV file', extensions: ['csv', 'txt', 'tsv'] };

/** Ask the user for a CSV file to import. Resolves to null if cancelled. */
export async function pickCsvPath(): Promise<string | null> {
  const selected = await open({ multiple: false, directory: false, filters: [CSV_FILE_FILTER] });
  return selected ?? null;
}

/** Ask the user where to save a CSV export. Resolves to null if cancelled. */
export async function pickCsvSavePath(defaultName: string): Promise<string | null> {
  const selected = await save({ defaultPath: defaultName, filters: [{ name: 'CSV file', extensions: ['csv'] }] });
  return selected ?? null;
}

/** Ask the user where to save a PDF. Resolves to null if cancelled. */
export async function pickPdfSavePath(defaultName: string): Promise<string | null> {
  const selected = await save({ defaultPath: defaultName, filters: [{ name: 'PDF document', extensions: ['pdf'] }] });
  return selected ?? null;
}

/** Ask the user where to save an export. Resolves to null if cancelled. */
export async function pickExportPath(defaultName: string, name: string, extension: string): Promise<string | null> {
  const selected = await save({ defaultPath: defaultName, filters: [{ name, extensions: [extension] }] });
  return selected ?? null;
}

export const PROGRAMME_FILE_FILTER = {
  name: 'Programme (spreadsheet, schedule, calendar)',
  extensions: ['csv', 'tsv', 'txt', 'xlsx', 'xml', 'json', 'ics'],
};

/** Ask the user for a programme to import. Resolves to null if cancelled. */
export async function pickProgrammePath(): Promise<string | null> {
  const selected = await open({ multiple: false, directory: false, filters: [PROGRAMME_FILE_FILTER] });
  return selected ?? null;
}

/** Ask the user for a backup to restore. Resolves to null if cancelled. */
export async function pickBackupPath(): Promise<string | null> {
  const selected = await open({
    multiple: false,
    directory: false,
    filters: [{ name: 'Plenary backup', extensions: ['json'] }],
  });
  return selected ?? null;
}

/** The event the backend sends the windows of a plan after it (or its run clock) changed. */
const PLAN_CHANGED = 'plan-changed';

/**
 * Calls `then` after every change to this window's plan; resolves to what
 * stops listening. Heard as this window's own event: another window's plan
 * changing is sent to that window only.
 */
export async function onPlanChanged(then: () => void): Promise<() => void> {
  let own: ReturnType<typeof getCurrentWebviewWindow> | null;
  try {
    own = getCurrentWebviewWindow();
  } catch {
    // Outside the app (a test, a plain browser) there is only one window.
    own = null;
  }
  return own ? own.listen(PLAN_CHANGED, () => then()) : listen(PLAN_CHANGED, () => then());
}

/**
 * The room this window shows when it is a hall display (its label is
 * `hall-<main window>-<room id>`, given by the backend's `open_hall`), else null.
 */
export function hallRoom(): number | null {
  let label: string;
  try {
    label = getCurrentWindow().label;
  } catch {
    // Outside the app (a test, a plain browser) there is only the main window.
    return null;
  }
  const found = /^hall-(?:.+-)?(\d+)$/.exec(label);
  return found ? Number(found[1]) : null;
}
