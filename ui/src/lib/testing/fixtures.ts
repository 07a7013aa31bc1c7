// A stand-in backend for component and flow tests: a small plan plus a
// command router to hand to mockIPC (from Tauri's api/mocks module, which
// only the test files themselves import). Only tests import this module.
import type {
  Agenda_Serialize,
  ApiError,
  Conflict_Serialize,
  ErrorCode,
  Overview_Serialize,
  PlanFile,
  RecentFile,
  Vocabulary,
} from '../ipc';
import * as sampleWeek from './sample-week';

/** The real vocabulary: labels, categories, time zones and all. */
export const vocabulary: Vocabulary = sampleWeek.vocabulary;

export const planFile: PlanFile = {
  path: '/plans/Bangkok week.plenary',
  file_name: 'Bangkok week.plenary',
  title: 'Bangkok week',
};

const australia = { id: 1, name: 'Australia', acronym: '', category: 'member_state' as const };
const indonesia = { id: 2, name: 'Indonesia', acronym: '', category: 'member_state' as const };

export const overview: Overview_Serialize = {
  plan: {
    title: 'Bangkok week',
    convening_body: 'Working Group on Trafficking in Persons',
    venue: 'Conference Centre',
    city: 'Bangkok',
    time_zone: 'Asia/Bangkok',
    first_day: '2024-11-18',
    last_day: '2024-11-19',
    day_start: '08:00',
    day_end: '18:00',
    notes: '',
    snap_minutes: 5,
    changeover_minutes: 0,
  },
  days: ['2024-11-18', '2024-11-19'],
  events: [
    {
      event: {
        id: 10,
        title: 'Commemorative Dialogue',
        short_name: 'Dialogue',
        first_day: '2024-11-18',
        last_day: '2024-11-18',
        description: '',
      },
      cochairs: [
        { organisation: australia, person: 'Ms Lynn Bell', person_position: '', role_label: 'Senior Official Co-Chair', day: null },
        { organisation: indonesia, person: null, person_position: '', role_label: '', day: null },
      ],
      cohosts: [],
      session_count: 2,
      by_status: [
        { status: 'member', count: 17 },
        { status: 'observer', count: 9 },
      ],
      by_category: [{ category: 'civil_society', count: 5 }],
    },
    {
      event: {
        id: 11,
        title: 'Annual Meeting',
        short_name: 'Annual',
        first_day: '2024-11-19',
        last_day: '2024-11-19',
        description: '',
      },
      cochairs: [],
      cohosts: [],
      session_count: 1,
      by_status: [],
      by_category: [],
    },
  ],
  rooms: [
    { id: 100, name: 'Plenary Hall', capacity: 200, notes: '' },
    { id: 101, name: 'Foyer', capacity: null, notes: 'Coffee' },
  ],
  session_count: 3,
  unscheduled_count: 0,
  senior_official_delegations: [australia, indonesia],
};

export const agenda: Agenda_Serialize = {
  time_zone: 'Asia/Bangkok',
  days: [
    {
      date: '2024-11-18',
      sessions: [
        {
          session: {
            id: 1,
            event_id: 10,
            title: 'Opening remarks',
            kind: 'opening',
            start: '2024-11-18T09:00:00',
            end: '2024-11-18T09:30:00',
            room_id: 100,
            description: '',
            agenda_item: '1',
            outcome: '',
            notes: '',
            pinned: false,
          },
          event_title: 'Commemorative Dialogue',
          event_short_name: 'Dialogue',
          room: 'Plenary Hall',
          roles: [
            {
              role: 'co_chair',
              person_id: 1,
              organisation_id: 1,
              name: 'Ms Lynn Bell',
              organisation: 'Australia',
              note: '',
              text: 'Ms Lynn Bell (Australia)',
            },
            {
              role: 'co_chair',
              person_id: null,
              organisation_id: 2,
              name: 'Indonesia',
              organisation: null,
              note: '',
              text: 'Indonesia — co-chair TBC',
            },
          ],
          role_groups: [{ role: 'co_chair', label: 'Co-Chairs', people: ['Ms Lynn Bell (Australia)', 'Indonesia — co-chair TBC'] }],
        },
        {
          session: {
            id: 2,
            event_id: 10,
            title: 'Coffee break',
            kind: 'break',
            start: '2024-11-18T09:30:00',
            end: '2024-11-18T10:00:00',
            room_id: 101,
            description: '',
            agenda_item: '',
            outcome: '',
            notes: '',
            pinned: false,
          },
          event_title: 'Commemorative Dialogue',
          event_short_name: 'Dialogue',
          room: 'Foyer',
          roles: [],
          role_groups: [],
        },
      ],
    },
    {
      date: '2024-11-19',
      sessions: [
        {
          session: {
            id: 3,
            event_id: 11,
            title: 'Adoption of the agenda',
            kind: 'discussion',
            start: '2024-11-19T09:00:00',
            end: '2024-11-19T09:15:00',
            room_id: null,
            description: '',
            agenda_item: '1',
            outcome: '',
            notes: '',
            pinned: false,
          },
          event_title: 'Annual Meeting',
          event_short_name: 'Annual',
          room: null,
          roles: [],
          role_groups: [],
        },
      ],
    },
  ],
  unscheduled: [],
};

export const conflicts: Conflict_Serialize[] = [
  {
    kind: 'event_without_cochairs',
    message: 'Annual Meeting has no co-chairs.',
    session_ids: [],
    event_id: 11,
    key: 'event_without_cochairs:11',
    accepted: false,
  },
];

export const recent: RecentFile[] = [
  { path: planFile.path, title: planFile.title },
  { path: '/plans/old.plenary', title: 'Old week' },
];

/** Thrown by a handler to make a command fail with an ApiError. */
export function apiError(code: ErrorCode, message: string, fields: ApiError['fields'] = []): ApiError {
  return { code, message, fields };
}

export type Handler = (args: Record<string, unknown>) => unknown;

/** The command behind confirmDialog (the dialog plugin's ask). */
export const ASK = 'plugin:dialog|message';

/** A handler for ASK answering yes or no. */
export function answer(yes: boolean): Handler {
  return () => (yes ? 'Yes' : 'No');
}

export type Call = { cmd: string; args: Record<string, unknown> };

/**
 * A mockIPC callback: `handlers` override the defaults by command name
 * (e.g. "open_plan", ASK); a handler that throws an ApiError
 * makes the command fail with it. Every call is appended to `calls`.
 *   const calls: Call[] = [];
 *   mockWindows('main');
 *   mockIPC(backend({ open_plan: () => { throw apiError('not_a_plan', '…'); } }, calls));
 */
export function backend(
  handlers: Record<string, Handler> = {},
  calls: Call[] = [],
): (cmd: string, payload?: unknown) => unknown {
  const defaults: Record<string, Handler> = {
    vocabulary: () => vocabulary,
    startup: () => ({ plan: planFile, opening: null, note: null }),
    open_at_start: () => planFile,
    plan_shown: () => recent,
    cancel_open: () => true,
    recent_files: () => recent,
    overview: () => overview,
    agenda: (args) =>
      args.day ? { ...agenda, days: agenda.days.filter((d) => d.date === args.day), unscheduled: [] } : agenda,
    check_plan: () => ({ conflicts, unlisted: 0 }),
    undo_state: () => ({ undo: null, redo: null }),
    // A day after the sample week, so no event is running today.
    plan_today: () => '2030-01-15',
    change_log: () => [],
    'plugin:window|set_title': () => null,
  };
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
