// What changed in the plan's draft of a section, word by word: a longest
// common subsequence over words, so the rapporteur sees the few words the
// plan changed rather than two whole paragraphs to compare by eye.

export type DiffPart = { text: string; change: 'same' | 'added' | 'removed' };

/** Words and the spaces after them, so the parts join back into the text. */
function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** Beyond this many words on each side the table would be large; the texts then show as replaced whole. */
const MAX_WORDS = 2000;

/**
 * The parts of `after` and of `before` in reading order: words kept, words
 * the plan added and words it removed (a removal before the addition that
 * replaced it). Neighbouring parts of one kind are joined.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  if (a.length > MAX_WORDS || b.length > MAX_WORDS) {
    return join([
      { text: before, change: 'removed' },
      { text: after, change: 'added' },
    ]);
  }
  const same = (x: string, y: string) => x.trimEnd() === y.trimEnd();
  // lcs[i][j]: the longest common run of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = same(a[i]!, b[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (same(a[i]!, b[j]!)) {
      parts.push({ text: b[j]!, change: 'same' });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      parts.push({ text: a[i]!, change: 'removed' });
      i++;
    } else {
      parts.push({ text: b[j]!, change: 'added' });
      j++;
    }
  }
  while (i < a.length) parts.push({ text: a[i++]!, change: 'removed' });
  while (j < b.length) parts.push({ text: b[j++]!, change: 'added' });
  return join(parts);
}

function join(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.change === p.change) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** Whether the plan's change is more than spacing. */
export function changed(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.change !== 'same' && p.text.trim() !== '');
}

/**
 * The parts with long unchanged stretches cut to `context` words either
 * side of a change ("…" where words were left out), so a change in a long
 * section reads at a glance.
 */
export function condensed(parts: readonly DiffPart[], context = 6): DiffPart[] {
  return parts.map((p, i) => {
    if (p.change !== 'same') return p;
    const w = words(p.text);
    const keepBefore = i > 0 ? context : 0;
    const keepAfter = i < parts.length - 1 ? context : 0;
    if (w.length <= keepBefore + keepAfter + 2) return p;
    const head = w.slice(0, keepBefore).join('');
    const tail = w.slice(w.length - keepAfter).join('');
    return { text: `${head}… ${tail}`, change: 'same' };
  });
}
