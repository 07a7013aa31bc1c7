// A stand-in backend for component and flow tests: a command router to hand
// to mockIPC (from Tauri's api/mocks module, which only the test files
// themselves import) that answers as the real commands answered for the
// sample week (./sample), or for a scenario, unless a test says otherwise.
// Only tests import this module.
import type { ApiError, ErrorCode } from '../ipc';
import { copy, files, week, type Answers } from './sample';

/** Thrown by a handler to make a command fail with an ApiError. */
export function apiError(code: ErrorCode, message: string, fields: ApiError['fields'] = []): ApiError {
  return { code, message, fields };
}

export type Handler = (args: Record<string, unknown>) => unknown;

export type Call = { cmd: string; args: Record<string, unknown> };

/** The command behind confirmDialog (the dialog plugin's ask). */
export const ASK = 'plugin:dialog|message';

/** A handler for ASK answering yes or no. */
export function answer(yes: boolean): Handler {
  return () => (yes ? 'Yes' : 'No');
}

/** What a command answered when asked with `args`, as recorded by `make fixtures`. */
export type Exchange<A> = { args: Record<string, unknown>; answer: A };

/** Whether two values are the same data, whatever the order of object keys. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const [ka, kb] = [Object.keys(a), Object.keys(b)];
    const aa = a as Record<string, unknown>;
    const bb = b as Record<string, unknown>;
    return ka.length === kb.length && ka.every((k) => same(aa[k], bb[k]));
  }
  return false;
}

/** A recorded refusal: the arguments a command refused, and its error. */
export type Refused = { args: Record<string, unknown>; error: ApiError };

/** Whether the call has every argument `recorded` has (others, such as a progress channel, are not compared). */
function asked(recorded: Record<string, unknown>, args: Record<string, unknown>): boolean {
  return Object.entries(recorded).every(([k, v]) => same(v, args[k]));
}

/**
 * A handler answering a copy of the recorded answer for the call's
 * arguments, or failing as the command refused them (`refused`). A call
 * nothing was recorded for fails the command, naming its arguments: the
 * generator (tests/ui_fixtures) then needs that case.
 */
export function recorded<A>(exchanges: readonly Exchange<A>[], command: string, refused: readonly Refused[] = []): Handler {
  return (args) => {
    const refusal = refused.find((r) => asked(r.args, args));
    if (refusal) throw copy(refusal.error);
    const found = exchanges.find((e) => asked(e.args, args));
    if (!found) throw apiError('unexpected', `No answer of ${command} is recorded for ${JSON.stringify(args)}.`);
    return copy(found.answer);
  };
}

/** The recorded answer for `key` (an id), failing the command when there is none. */
export function answerFor<T>(answers: Readonly<Record<string, T>>, key: unknown, what: string): T {
  const found = answers[String(key)];
  if (found === undefined) throw apiError('not_found', `No ${what} ${String(key)} is recorded.`);
  return copy(found);
}

/** A handler failing its command as the real one refused (a case of a generated `refusals`). */
export function refusal(refused: { error: ApiError }): Handler {
  return () => {
    throw copy(refused.error);
  };
}

/** A clock's "2024-11-19T10:40:00" as the run commands take it: "2024-11-19 10:40". */
function clockAt(clock: { now: string }): string {
  return clock.now.replace('T', ' ').slice(0, 16);
}

/**
 * Handlers answering the read commands as they answered for `scenario`,
 * and for the sample week where the scenario recorded nothing.
 */
export function sampleHandlers(scenario: Partial<Answers> = {}): Record<string, Handler> {
  const a: Answers = { ...week, ...scenario };
  return {
    vocabulary: () => copy(a.vocabulary),
    overview: () => copy(a.overview),
    agenda: (args) => (args.day ? answerFor(a.agendaByDay, args.day, 'day') : copy(a.agenda)),
    check_plan: () => copy(a.conflictList),
    publish_problems: () => a.publishProblems,
    undo_state: () => copy(a.undoState),
    plan_today: () => a.today,
    // Not a kiosk: a test of the kiosk answers its own.
    kiosk: () => ({ locked: false, event_id: null, day: null }),
    // The sample week's copy names no team until a test names one.
    team: () => '',
    board: () => copy(a.board),
    organisations: () => copy(a.organisations),
    people: () => copy(a.people),
    search_people: recorded(a.searches, 'search_people'),
    protocol_settings: () => copy(a.protocolSettings),
    roster: (args) => answerFor(a.rosterByEvent, args.eventId, 'event'),
    event_cochairs: (args) => answerFor(a.cochairsByEvent, args.eventId, 'event'),
    event_cohosts: (args) => answerFor(a.cohostsByEvent, args.eventId, 'event'),
    desk: recorded(a.desks, 'desk'),
    stats: recorded(a.stats, 'stats'),
    // Run mode given no time reads the rehearsal clock, as the backend does.
    today: (args) => recorded(a.runToday, 'today')({ ...args, at: args.at ?? clockAt(a.runClock) }),
    run_clock: () => copy(a.runClock),
    preview_delay: (args) => recorded(a.previewDelays, 'preview_delay')({ ...args, at: args.at ?? clockAt(a.runClock) }),
    // With no time given the hall reads the clock: the recorded morning.
    hall: (args) => recorded(a.hall, 'hall')({ ...args, at: args.at ?? '2024-11-19 09:10' }),
    monitors: () => [{ index: 0, name: 'Screen 1', width: 1280, height: 800, x: 0, y: 0, primary: true }],
    itinerary: (args) => answerFor(a.itineraryByPerson, args.personId, 'person'),
    session_roles: (args) => answerFor(a.sessionRolesBySession, args.sessionId, 'session'),
    session_form: (args) => answerFor(a.sessionFormBySession, args.id, 'session'),
    speaking_list: (args) => answerFor(a.speakingListBySession, args.sessionId, 'statements session'),
    suggest_speaking_list: (args) => {
      if (args.minutes !== 3) throw apiError('unexpected', `No suggestion at ${String(args.minutes)} minutes is recorded.`);
      return answerFor(a.suggestedListBySession, args.sessionId, 'statements session');
    },
    // Recorded at a fixed moment; the window asks at the shared clock (at null).
    live_speaking_list: (args) => answerFor(a.liveListBySession, args.sessionId, 'statements session'),
    sequence: recorded(a.sequences, 'sequence'),
    plan_form: () => copy(a.planForm),
    change_log: () => copy(a.changeLog),
    published_versions: () => copy(a.publishedVersions),
    person_impact: (args) => answerFor(a.personImpactByPerson, args.id, 'person'),
    organisation_impact: (args) => answerFor(a.organisationImpactByOrganisation, args.id, 'organisation'),
    summary: (args) => answerFor(a.summaryBySource, args.source, 'attendance source'),
  };
}

/** What the window is told at launch: the sample week's copy opens, with a plan made since in the recent list. */
export function windowHandlers(): Record<string, Handler> {
  return {
    startup: () => copy(files.startup),
    open_at_start: () => copy(files.planFile),
    plan_shown: () => copy(files.recentFiles),
    restore_window: () => null,
    remember_page: () => null,
    plan_revision: () => 1,
    recent_files: () => copy(files.recentFiles),
    cancel_open: () => true,
    about: () => copy(files.about),
    'plugin:window|set_title': () => null,
    'plugin:window|set_fullscreen': () => null,
  };
}

/**
 * A mockIPC callback: `handlers` override the sample week's answers by
 * command name (e.g. "open_plan", ASK); a handler that throws an ApiError
 * makes the command fail with it. Every call is appended to `calls`.
 *   const calls: Call[] = [];
 *   mockWindows('main');
 *   mockIPC(backend({ open_plan: refusal(refusals.notAPlan) }, calls));
 */
export function backend(
  handlers: Record<string, Handler> = {},
  calls: Call[] = [],
): (cmd: string, payload?: unknown) => unknown {
  const defaults = { ...sampleHandlers(), ...windowHandlers() };
  return (cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const handler = handlers[cmd] ?? defaults[cmd];
    if (!handler) throw apiError('unexpected', `No mock for ${cmd}`);
    return handler(args);
  };
}

/** A promise to settle by hand, for a command that is still running. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Let pending promises and Svelte updates settle. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
