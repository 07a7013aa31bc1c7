// The pure side of the Statistics page: bars as shares of the largest,
// percentages that add up to 100, the gender balance as parts of one whole,
// and the words each chart says to a screen reader. The numbers themselves
// come from the backend (`stats`); nothing here counts people.
import type { GenderCount } from '../ipc';
import { formatDayShort } from '../format/time';

/** One bar: what it stands for and how many. */
export type Bar = { key: string; label: string; value: number };

/** A bar laid out: its length as a share (0–1) of the longest bar. */
export type ScaledBar = Bar & { share: number };

/**
 * Each bar's length as a share of the largest value, so the largest fills
 * the chart; all zero when every value is zero (no bar is drawn longer than
 * another that has as much).
 */
export function scaleBars(bars: readonly Bar[]): ScaledBar[] {
  const max = bars.reduce((m, b) => Math.max(m, b.value), 0);
  return bars.map((b) => ({ ...b, share: max > 0 ? Math.max(0, b.value) / max : 0 }));
}

/**
 * Whole percentages of `values` that add up to exactly 100 (largest
 * remainder: the parts rounded down, then the points left given to the
 * largest remainders, earlier parts first on a tie); all zero when the
 * total is zero.
 */
export function percentages(values: readonly number[]): number[] {
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  if (total === 0) return values.map(() => 0);
  const exact = values.map((v) => (Math.max(0, v) * 100) / total);
  const whole = exact.map(Math.floor);
  let left = 100 - whole.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    whole[i] = (whole[i] ?? 0) + 1;
    left -= 1;
  }
  return whole;
}

/** One part of the gender balance. */
export type GenderPart = { key: keyof GenderCount; label: string; count: number; percent: number };

const GENDER_PARTS: readonly { key: keyof GenderCount; label: string }[] = [
  { key: 'woman', label: 'Women' },
  { key: 'man', label: 'Men' },
  { key: 'another', label: 'Another gender' },
  { key: 'not_recorded', label: 'Not recorded' },
];

/** The gender counts as parts of one whole, in a fixed order, with percentages adding up to 100. */
export function genderParts(g: GenderCount): GenderPart[] {
  const counts = GENDER_PARTS.map((p) => g[p.key]);
  const shares = percentages(counts);
  return GENDER_PARTS.map((p, i) => ({ ...p, count: counts[i] ?? 0, percent: shares[i] ?? 0 }));
}

export function genderTotal(g: GenderCount): number {
  return g.woman + g.man + g.another + g.not_recorded;
}

/** Whether anyone's gender is recorded among these counts. */
export function anyRecorded(g: GenderCount): boolean {
  return g.woman + g.man + g.another > 0;
}

/** "Women 2 (50%), Men 1 (25%), …": the gender balance in words, for a chart's label. */
export function genderSentence(title: string, g: GenderCount): string {
  const parts = genderParts(g)
    .filter((p) => p.count > 0)
    .map((p) => `${p.label} ${p.count} (${p.percent}%)`);
  return parts.length === 0 ? `${title}: no one.` : `${title}: ${parts.join(', ')}.`;
}

/** "Delegations by category: Member state 13, Observer state 9.": a bar chart in words. */
export function barsSentence(title: string, bars: readonly Bar[]): string {
  if (bars.length === 0) return `${title}: none.`;
  return `${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}.`;
}

/** Check-ins by day as bars, each day labelled "Mon 18 Nov". */
export function dayBars(days: readonly { day: string; people: number }[]): Bar[] {
  return days.map((d) => ({ key: d.day, label: formatDayShort(d.day), value: d.people }));
}

/** Minutes as people read a duration: "45 min", "2 h", "7 h 15 min". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** The value the event selector keeps for the whole week. */
export const WEEK = 'week';

/** The selector's value as the `stats` command takes it: null for the whole week. */
export function scopeEventId(value: string): number | null {
  if (value === WEEK || value === '') return null;
  const id = Number(value);
  return Number.isInteger(id) ? id : null;
}
