// Where a PDF goes: the native save dialog with a PDF filter. Its own
// module so the page names one function for it, whatever ipc.ts grows.
import { pickPdfSavePath } from '../ipc';

/** Ask where to save the PDF, offering `defaultName`; null when cancelled. */
export function choosePdfPath(defaultName: string): Promise<string | null> {
  return pickPdfSavePath(defaultName);
}
