// The sample week as the commands answer it (generated into ./sample-week by
// `make fixtures`), and a mock backend that answers from it. A test that
// needs another case copies an answer and changes what it needs. Only tests
// import this module.
import type { Answer } from '../ipc';
import { apiError, type Handler } from './fixtures';
import * as week from './sample-week';
import { fold, queryWords } from '../format/fold';

export { week };

/** A deep copy of a recorded answer, for a test to change. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** The answer recorded for `key` (an id), failing the test when there is none. */
export function answerFor<T>(answers: Record<string, T>, key: unknown, what: string): T {
  const found = answers[String(key)];
  if (found === undefined) throw apiError('not_found', `The sample week has no ${what} ${String(key)}.`);
  return copy(found);
}

/** The sample's person or organisation called `name`. */
export function personNamed(name: string): Answer<'people'>[number] {
  const found = week.people.find((p) => `${p.honorific} ${p.given_name} ${p.family_name}` === name);
  if (!found) throw new Error(`no person ${name} in the sample week`);
  return found;
}

export function organisationNamed(name: string): Answer<'organisations'>[number] {
  const found = week.organisations.find((o) => o.name === name);
  if (!found) throw new Error(`no organisation ${name} in the sample week`);
  return found;
}

/** The sample's event whose short name is `shortName`. */
export function eventNamed(shortName: string): Answer<'overview'>['events'][number]['event'] {
  const found = week.overview.events.find((e) => e.event.short_name === shortName);
  if (!found) throw new Error(`no event ${shortName} in the sample week`);
  return found.event;
}

/** The board's card for the session titled `title` (or starting with it). */
export function boardSession(title: string): Answer<'board'>['sessions'][number] {
  const found = week.board.sessions.find((s) => s.entry.session.title.startsWith(title));
  if (!found) throw new Error(`no board session ${title} in the sample week`);
  return found;
}

/** The people search over the sample: every word in the name, email or organisation. */
export function searchPeople(args: Record<string, unknown>): Answer<'searchPeople'> {
  const words = queryWords(String(args.query ?? ''));
  return copy(
    week.everyoneFound.filter((p) => {
      const text = fold(`${p.name} ${p.email} ${p.organisation} ${p.acronym}`);
      return words.every((w) => text.includes(w));
    }),
  );
}

/** Handlers for `backend` answering the sample week's read commands, by their arguments. */
export function sampleHandlers(): Record<string, Handler> {
  return {
    vocabulary: () => copy(week.vocabulary),
    overview: () => copy(week.overview),
    agenda: (args) => {
      const agenda = copy(week.agenda);
      return args.day ? { ...agenda, days: agenda.days.filter((d) => d.date === args.day), unscheduled: [] } : agenda;
    },
    check_plan: () => copy(week.conflictList),
    undo_state: () => copy(week.undoState),
    board: () => copy(week.board),
    organisations: () => copy(week.organisations),
    people: () => copy(week.people),
    search_people: searchPeople,
    protocol_settings: () => copy(week.protocolSettings),
    roster: (args) => answerFor(week.rosterByEvent, args.eventId, 'event'),
    event_cochairs: (args) => answerFor(week.cochairsByEvent, args.eventId, 'event'),
    event_cohosts: (args) => answerFor(week.cohostsByEvent, args.eventId, 'event'),
    itinerary: (args) => answerFor(week.itineraryByPerson, args.personId, 'person'),
    session_roles: (args) => answerFor(week.sessionRolesBySession, args.sessionId, 'session'),
    speaking_list: (args) => answerFor(week.speakingListBySession, args.sessionId, 'statements session'),
  };
}
