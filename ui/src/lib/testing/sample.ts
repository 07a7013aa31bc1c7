// The sample week as the commands answer it, and scenarios made from it by
// real edits through the commands (all generated into ./sample-week by
// `make fixtures`; each scenario's files say what was done). A test that
// needs another case copies an answer and changes what it needs. Only tests
// import this module.
import type { Answer } from '../ipc';
import * as week from './sample-week';
import * as attendance from './sample-week/attendance';
import * as directory from './sample-week/directory';
import * as files from './sample-week/files';
import * as importing from './sample-week/import';
import * as planning from './sample-week/planning';
import * as printing from './sample-week/print';
import * as programme from './sample-week/programme';
import { refusals } from './sample-week/refusals';
import * as speaking from './sample-week/speaking';
import * as summary from './sample-week/summary';

export { attendance, directory, files, importing, planning, printing, programme, refusals, speaking, summary, week };

/** What the read commands answer for a plan: the sample week, or a scenario (which answers the rest as the sample week). */
export type Answers = typeof week;

/** A deep copy of a recorded answer, for a test to change. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

type Person = Answer<'people'>[number];
type Organisation = Answer<'organisations'>[number];

/** The person called `name` ("Ms Lynn Bell"), in the sample week or in `people`. */
export function personNamed(name: string, people: readonly Person[] = week.people): Person {
  const found = people.find((p) => [p.honorific, p.given_name, p.family_name].filter(Boolean).join(' ') === name);
  if (!found) throw new Error(`no person ${name} in these answers`);
  return found;
}

export function organisationNamed(name: string, organisations: readonly Organisation[] = week.organisations): Organisation {
  const found = organisations.find((o) => o.name === name);
  if (!found) throw new Error(`no organisation ${name} in these answers`);
  return found;
}

/** The event whose short name is `shortName`. */
export function eventNamed(
  shortName: string,
  overview: Answer<'overview'> = week.overview,
): Answer<'overview'>['events'][number]['event'] {
  const found = overview.events.find((e) => e.event.short_name === shortName);
  if (!found) throw new Error(`no event ${shortName} in these answers`);
  return found.event;
}

/** The board's card for the session titled `title` (or starting with it). */
export function boardSession(title: string, board: Answer<'board'> = week.board): Answer<'board'>['sessions'][number] {
  const found = board.sessions.find((s) => s.entry.session.title.startsWith(title));
  if (!found) throw new Error(`no board session ${title} in these answers`);
  return found;
}

/** The agenda's entry for the session titled `title` (or starting with it), scheduled or not. */
export function agendaSession(
  title: string,
  agenda: Answer<'agenda'> = week.agenda,
): Answer<'agenda'>['unscheduled'][number] {
  const found = [...agenda.days.flatMap((d) => d.sessions), ...agenda.unscheduled].find((s) =>
    s.session.title.startsWith(title),
  );
  if (!found) throw new Error(`no session ${title} in these answers`);
  return found;
}
