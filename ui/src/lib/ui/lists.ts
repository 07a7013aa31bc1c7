// Reordering a list, as the ordered editors do (sequence blocks, roles,
// speaking turns, co-chairs).

/** A copy of `list` with the item at `from` moved to index `to`, clamped to the list; unchanged when `from` is not in it. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const [item] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(out.length, to)), 0, item as T);
  return out;
}
