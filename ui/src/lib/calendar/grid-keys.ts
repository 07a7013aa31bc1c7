// Moving the keyboard between sessions on the calendar grid: the grid is one
// Tab stop, and the arrow keys go from the focused session to the one above
// or below it in its column (a day in the week view, a room in the day view)
// or to the nearest in time in the next column with sessions. Pure, on what
// is drawn.

export type Placed = {
  id: number;
  /** The column's place from the left. */
  column: number;
  /** Wall-clock start, "YYYY-MM-DDTHH:MM:SS": compares as text. */
  start: string;
};

const order = (a: Placed, b: Placed) =>
  a.column - b.column || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || a.id - b.id;

/** Minutes from midnight of a wall-clock start, to compare times across days. */
function clock(start: string): number {
  return Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16));
}

/** The session the key goes to from `current`, or null when it does not move the keyboard. */
export function neighbour(items: readonly Placed[], current: number, key: string): number | null {
  if (items.length === 0) return null;
  const sorted = [...items].sort(order);
  if (key === 'Home') return sorted[0]!.id;
  if (key === 'End') return sorted[sorted.length - 1]!.id;
  const at = sorted.findIndex((p) => p.id === current);
  const here = sorted[at];
  if (!here) return key.startsWith('Arrow') ? sorted[0]!.id : null;
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    const next = sorted[key === 'ArrowDown' ? at + 1 : at - 1];
    return next && next.column === here.column ? next.id : null;
  }
  if (key === 'ArrowRight' || key === 'ArrowLeft') {
    const right = key === 'ArrowRight';
    const columns = [...new Set(sorted.map((p) => p.column))].filter((c) => (right ? c > here.column : c < here.column));
    if (columns.length === 0) return null;
    const column = right ? Math.min(...columns) : Math.max(...columns);
    const wanted = clock(here.start);
    let best: Placed | null = null;
    for (const p of sorted) {
      if (p.column !== column) continue;
      if (!best || Math.abs(clock(p.start) - wanted) < Math.abs(clock(best.start) - wanted)) best = p;
    }
    return best?.id ?? null;
  }
  return null;
}
