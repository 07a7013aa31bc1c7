// The merge dialog's decisions: which side each clash is settled for, when
// Merge may be pressed, and what is sent. Pure, so the rules are tested alone.
import type { Clash, Merged, MergePreview, Resolution, Take } from '../ipc';
import { safeFileBase } from '../files/file-name';

/** A person's choice on one clash; `value` is the typed text for `edited`. */
export type Choice = { take: Take; value: string };

/** Clash number → choice; a clash missing from it is not settled yet. */
export type Choices = ReadonlyMap<number, Choice>;

/** Whether `choice` settles `clash`: a side, or a typed value for a text field. */
export function settles(clash: Clash, choice: Choice | undefined): boolean {
  if (!choice) return false;
  if (choice.take !== 'edited') return true;
  return clash.editable && choice.value.trim() !== '';
}

/** How many clashes are still to decide. */
export function unsettled(clashes: readonly Clash[], choices: Choices): number {
  return clashes.filter((c) => !settles(c, choices.get(c.n))).length;
}

/** Whether Merge may be pressed: something new to merge and every clash settled. */
export function canMerge(preview: MergePreview | null, choices: Choices): boolean {
  return preview !== null && !preview.nothing_new && unsettled(preview.clashes, choices) === 0;
}

/** What `merge_plan` is sent: one resolution per clash, the typed value only for an edited one. */
export function resolutions(clashes: readonly Clash[], choices: Choices): Resolution[] {
  return clashes.flatMap((c) => {
    const choice = choices.get(c.n);
    if (!choice || !settles(c, choice)) return [];
    return [{ clash: c.n, take: choice.take, value: choice.take === 'edited' ? choice.value.trim() : null }];
  });
}

/** "yours", or "yours, Australia team" when this copy has a name. */
export function oursLabel(preview: Pick<MergePreview, 'ours_team'>): string {
  return preview.ours_team ? `yours, ${preview.ours_team}` : 'yours';
}

/** "1 clash to decide", "3 clashes to decide", or that all are decided. */
export function clashesLine(left: number, total: number): string {
  if (total === 0) return 'No clashes: everything merges cleanly.';
  if (left === 0) return total === 1 ? 'The clash is decided.' : `All ${total} clashes are decided.`;
  return left === 1 ? '1 clash still to decide.' : `${left} clashes still to decide.`;
}

/** The notice after a merge: the change log's words, or that nothing was new. */
export function mergedNotice(merged: Merged, theirs: string): string {
  if (!merged.step) return `Nothing new from ${theirs}: the plan is unchanged.`;
  return `${merged.step}. Edit › Undo (Ctrl+Z) takes it back.`;
}

/** "Week 2024" for "Indonesia team" → "Week 2024 (Indonesia team).plenary". */
export function handoverFileName(title: string, team: string): string {
  const base = safeFileBase(title, 'Plan');
  const who = safeFileBase(team, '');
  return `${who ? `${base} (${who})` : base}.plenary`;
}
