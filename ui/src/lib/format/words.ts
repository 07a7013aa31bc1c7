// Small wording helpers for English labels that come from the vocabulary.

/**
 * The plural of a vocabulary label when `count` is not one: "Panellist" ->
 * "Panellists", "Co-chair" -> "Co-chairs". Labels already ending in "s" stay
 * as they are.
 */
export function pluralise(label: string, count: number): string {
  if (count === 1 || label === '' || /s$/i.test(label)) return label;
  return `${label}s`;
}

/** "1 session", "5 sessions". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** "Australia, Bangladesh, Cambodia". */
export function commaList(items: readonly string[]): string {
  return items.join(', ');
}

/**
 * `text` on one line: a message can carry a file name, and a file name from
 * someone else can hold line breaks.
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
