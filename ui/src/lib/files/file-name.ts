// Default file names offered in the save dialog.

const EXTENSION = '.plenary';

/** `title` as the start of a file name: characters no file system takes become spaces. */
export function safeFileBase(title: string, fallback: string): string {
  const cleaned = title
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return cleaned || fallback;
}

/** "Bangkok week 2024" -> "Bangkok week 2024.plenary"; unsafe characters removed. */
export function planFileName(title: string, fallback = 'Untitled plan'): string {
  return `${safeFileBase(title, fallback)}${EXTENSION}`;
}

/** The default name for a copy of `fileName`: "week.plenary" -> "week copy.plenary". */
export function copyFileName(fileName: string): string {
  const base = fileName.toLowerCase().endsWith(EXTENSION) ? fileName.slice(0, -EXTENSION.length) : fileName;
  return planFileName(`${base} copy`);
}
