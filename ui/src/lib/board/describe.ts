// Words for sessions and people on the board.
import type { PersonHit, PersonLoad, RoleKind, RoleView, Term } from '../ipc';
import { datePart, formatDayShort, sessionTimeRange } from '../format/time';

/** A person about to be given a role: picked by search, dragged, or held with "Pick". */
export type Candidate = { id: number; name: string; detail: string };

export function candidateFromHit(p: PersonHit): Candidate {
  return { id: p.id, name: p.name, detail: p.acronym || p.organisation || '' };
}

export function candidateFromLoad(l: PersonLoad): Candidate {
  return { id: l.person_id, name: l.name, detail: l.organisation };
}

/** "Ms Lynn Bell (Australia)" or just the name. */
export function candidateText(c: Candidate): string {
  return c.detail ? `${c.name} (${c.detail})` : c.name;
}

/** "Mon 18 Nov, 09:00–10:30", or "Unscheduled". */
export function whenText(session: { start: string | null; end: string | null; day?: string | null }): string {
  const time = sessionTimeRange(session.start, session.end);
  if (!session.start && session.day) return `${formatDayShort(session.day)}, time to be confirmed`;
  if (!session.start || !time) return 'Unscheduled';
  return `${formatDayShort(datePart(session.start))}, ${time}`;
}

/** A role's vocabulary label ("Moderator"); the key for one the vocabulary lacks. */
export function roleLabel(role: RoleKind, terms: readonly Term<RoleKind>[]): string {
  return terms.find((t) => t.key === role)?.label ?? role;
}

/** "Moderator: Ms Lynn Bell (Australia), as DWG Co-Chair": the label and the core's text of the role. */
export function roleLine(r: Pick<RoleView, 'role' | 'text'>, terms: readonly Term<RoleKind>[]): string {
  return `${roleLabel(r.role, terms)}: ${r.text}`;
}
