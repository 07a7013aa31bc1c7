// The Bold and Italic buttons of the section editor: wrap what is selected
// in the markup's marks (`**`, `*`), or put a pair of marks at the caret
// for the text typed next.

export type Edited = { text: string; start: number; end: number };

/**
 * `text` with the selection `start..end` wrapped in `mark`, and the new
 * selection (the same words, inside the marks). Spaces selected at either
 * end stay outside, since the markup does not read "** word**" as bold. A
 * selection already wrapped in `mark` is unwrapped.
 */
export function wrapSelection(text: string, start: number, end: number, mark: string): Edited {
  const [from, to] = start <= end ? [start, end] : [end, start];
  const selected = text.slice(from, to);
  const lead = selected.length - selected.trimStart().length;
  const trail = selected.length - selected.trimEnd().length;
  const s = from + (selected.trim() === '' ? 0 : lead);
  const e = selected.trim() === '' ? from + selected.length : to - trail;
  const before = text.slice(0, s);
  const inner = text.slice(s, e);
  const after = text.slice(e);
  if (wrapped(before, after, mark)) {
    return {
      text: before.slice(0, before.length - mark.length) + inner + after.slice(mark.length),
      start: s - mark.length,
      end: e - mark.length,
    };
  }
  return { text: before + mark + inner + mark + after, start: s + mark.length, end: e + mark.length };
}

/** How many `*` end `before` and start `after`: "**" counts as bold, a lone or third "*" as italic. */
function wrapped(before: string, after: string, mark: string): boolean {
  const left = before.length - before.replace(/\*+$/, '').length;
  const right = after.length - after.replace(/^\*+/, '').length;
  return mark === '**' ? left >= 2 && right >= 2 : left % 2 === 1 && right % 2 === 1;
}
