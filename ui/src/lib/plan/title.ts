import type { PlanFile } from '../ipc';

export const APP_NAME = 'Plenary';

/** The window title: "Title — file.plenary — Plenary", or just "Plenary". */
export function windowTitle(file: Pick<PlanFile, 'title' | 'file_name'> | null): string {
  if (!file) return APP_NAME;
  const parts = [file.title.trim(), file.file_name.trim()].filter(Boolean);
  return [...parts, APP_NAME].join(' \u2014 ');
}
