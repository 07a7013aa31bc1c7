import type { PlanFile } from '../ipc';

export const APP_NAME = 'Plenary';

/**
 * The window title: "Title — file.plenary — Plenary", or just "Plenary"; a
 * plan open only for reading says so after its file name.
 */
export function windowTitle(
  file: (Pick<PlanFile, 'title' | 'file_name'> & Partial<Pick<PlanFile, 'read_only'>>) | null,
): string {
  if (!file) return APP_NAME;
  const name = file.file_name.trim();
  const parts = [file.title.trim(), name && file.read_only ? `${name} (read only)` : name].filter(Boolean);
  return [...parts, APP_NAME].join(' \u2014 ');
}
