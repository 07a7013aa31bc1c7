// Wording for the change log and the Edit menu.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/;

/** When a step was made, "2024-11-18T10:45:12.5" -> "10:45, 18 Nov" (as recorded, no zone conversion). */
export function stepTime(at: string): string {
  const m = AT.exec(at);
  if (!m) return at;
  return `${m[4]}:${m[5]}, ${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]}`;
}

/** The Edit menu's undo item: "Undo Moved “Panel” …", or "Nothing to undo". */
export function undoLabel(summary: string | null | undefined): string {
  return summary ? `Undo ${summary}` : 'Nothing to undo';
}

/** The Edit menu's redo item: "Redo Moved “Panel” …", or "Nothing to redo". */
export function redoLabel(summary: string | null | undefined): string {
  return summary ? `Redo ${summary}` : 'Nothing to redo';
}
