// Stand-in data for the board and the roles dialogs, and a way to mount them
// under a started workspace. Only tests import this module; they install the
// mock backend themselves (mockIPC with ../../testing/fixtures' backend).
import { flushSync, mount, type Component } from 'svelte';
import type {
  AgendaSession_Serialize,
  Board_Serialize,
  BoardSession_Serialize,
  Conflict_Serialize,
  ItineraryEntry_Serialize,
  Organisation_Serialize,
  PersonHit_Serialize,
  RoleView_Serialize,
  Roster_Serialize,
  Session_Serialize,
  SessionKind,
  SpeakingList_Serialize,
  TurnTimes_Serialize,
} from '../../ipc';
import { Workspace } from '../../plan/workspace.svelte';
import { agenda, settle } from '../../testing/fixtures';
import Host from '../../testing/WorkspaceHost.svelte';

export function session(
  id: number,
  title: string,
  kind: SessionKind,
  start: string | null,
  end: string | null,
  eventId = 10,
): Session_Serialize {
  return {
    id,
    event_id: eventId,
    title,
    kind,
    start,
    end,
    room_id: start ? 100 : null,
    description: '',
    agenda_item: '',
    outcome: '',
    notes: '',
    pinned: false,
  };
}

function entry(s: Session_Serialize, roles: RoleView_Serialize[] = []): AgendaSession_Serialize {
  const dialogue = s.event_id === 10;
  return {
    session: s,
    event_title: dialogue ? 'Commemorative Dialogue' : 'Annual Meeting',
    event_short_name: dialogue ? 'Dialogue' : 'Annual',
    room: s.room_id ? 'Plenary Hall' : null,
    roles,
  };
}

export const organisations: Organisation_Serialize[] = [
  { id: 1, name: 'Australia', acronym: '', official_name: 'Commonwealth of Australia', category: 'member_state', country_code: 'AU' },
  { id: 2, name: 'Indonesia', acronym: '', official_name: 'Republic of Indonesia', category: 'member_state', country_code: 'ID' },
  {
    id: 3,
    name: 'International Organization for Migration',
    acronym: 'IOM',
    official_name: '',
    category: 'international_organisation',
    country_code: null,
  },
  { id: 4, name: 'Thailand', acronym: '', official_name: 'Kingdom of Thailand', category: 'member_state', country_code: 'TH' },
];

export const bell: PersonHit_Serialize = { id: 7, name: 'Ms Lynn Bell', email: 'lynn@example.org', organisation: 'Australia', acronym: '' };
export const rahman: PersonHit_Serialize = { id: 8, name: 'Dr Siti Rahman', email: 'siti@example.org', organisation: 'Indonesia', acronym: '' };
export const okoro: PersonHit_Serialize = {
  id: 9,
  name: 'Mr Ade Okoro',
  email: 'ade@example.org',
  organisation: 'International Organization for Migration',
  acronym: 'IOM',
};
export const people = [bell, rahman, okoro];

/** A type-ahead over `people`, as search_people answers it. */
export function searchPeople(args: Record<string, unknown>): PersonHit_Serialize[] {
  const q = String(args.query ?? '').toLowerCase();
  return people.filter((p) => `${p.name} ${p.organisation} ${p.acronym}`.toLowerCase().includes(q));
}

const role = (
  r: RoleView_Serialize['role'],
  name: string,
  ids: { person?: number; organisation?: number } = {},
  organisation: string | null = null,
  note = '',
): RoleView_Serialize => ({
  role: r,
  person_id: ids.person ?? null,
  organisation_id: ids.organisation ?? null,
  name,
  organisation,
  note,
});

export const clash: Conflict_Serialize = {
  kind: 'room_double_booked',
  message: 'Plenary Hall has two sessions at once: “Panel on recruitment” and “Side talk”, Mon 18 Nov 10:00–11:00.',
  session_ids: [21, 99],
  event_id: null,
  key: 'room_double_booked:100:21,99',
  accepted: false,
};

/** A panel needing everyone, a statements session with a chair, a full opening and an unscheduled presentation. */
export const boardSessions: BoardSession_Serialize[] = [
  {
    entry: entry(session(20, 'Opening remarks', 'opening', '2024-11-18T09:00:00', '2024-11-18T09:30:00'), [
      role('co_chair', 'Ms Lynn Bell', { person: 7, organisation: 1 }, 'Australia'),
      role('co_chair', 'Indonesia', { organisation: 2 }),
    ]),
    needs: [],
    conflicts: [],
  },
  {
    entry: entry(session(21, 'Panel on recruitment', 'panel', '2024-11-18T10:00:00', '2024-11-18T11:00:00')),
    needs: [
      { role: 'moderator', text: 'a moderator' },
      { role: 'panellist', text: 'panellists' },
    ],
    conflicts: [clash],
  },
  {
    entry: entry(session(22, 'National statements', 'statements', '2024-11-19T09:00:00', '2024-11-19T10:00:00', 11), [
      role('chair', 'Dr Siti Rahman', { person: 8 }, 'Indonesia'),
    ]),
    needs: [{ role: 'speaker', text: 'speakers' }],
    conflicts: [],
  },
  {
    entry: entry(session(23, 'Data briefing', 'presentation', null, null, 11)),
    needs: [{ role: 'presenter', text: 'a presenter' }],
    conflicts: [],
  },
];

export const board: Board_Serialize = {
  sessions: boardSessions,
  loads: [
    {
      person_id: 7,
      name: 'Ms Lynn Bell',
      organisation: 'Australia',
      sessions: 3,
      by_role: [
        { role: 'moderator', count: 1 },
        { role: 'panellist', count: 2 },
      ],
    },
    { person_id: 8, name: 'Dr Siti Rahman', organisation: 'Indonesia', sessions: 1, by_role: [{ role: 'chair', count: 1 }] },
  ],
};

export const bellItinerary: ItineraryEntry_Serialize[] = [
  {
    session: session(20, 'Opening remarks', 'opening', '2024-11-18T09:00:00', '2024-11-18T09:30:00'),
    role: 'co_chair',
    note: '',
    room: 'Plenary Hall',
    event_title: 'Commemorative Dialogue',
  },
  {
    session: session(24, 'Closing', 'closing', '2024-11-18T16:00:00', '2024-11-18T16:30:00'),
    role: 'moderator',
    note: '',
    room: null,
    event_title: 'Commemorative Dialogue',
  },
];

/** The agenda the roles dialog reads names from: the fixture agenda plus the board's sessions. */
export const agendaWithBoard = {
  ...agenda,
  unscheduled: boardSessions.map((s) => s.entry),
};

export const statements = boardSessions[2]!.entry.session;

export const speakingList: SpeakingList_Serialize = {
  session: statements,
  turns: [
    {
      slot: { id: 1, session_id: 22, organisation_id: 1, person_id: 7, minutes: 5, position: 0 },
      organisation: 'Australia',
      category: 'member_state',
      speaker: 'Ms Lynn Bell',
      offset_minutes: 0,
    },
    {
      slot: { id: 2, session_id: 22, organisation_id: 2, person_id: null, minutes: 5, position: 1 },
      organisation: 'Indonesia',
      category: 'member_state',
      speaker: null,
      offset_minutes: 5,
    },
    {
      slot: { id: 3, session_id: 22, organisation_id: 3, person_id: null, minutes: 3, position: 2 },
      organisation: 'International Organization for Migration',
      category: 'international_organisation',
      speaker: null,
      offset_minutes: 10,
    },
  ],
  budget: { total_minutes: 13, session_minutes: 60, fits: true, message: '13 of 60 minutes used; 47 minutes left.' },
};

/**
 * A stand-in for the backend's turn_times over `speakingList`'s 09:00–10:00
 * session: starts one after another, and a budget line that only names the
 * total (the real sentences are plenary-core's, tested there).
 */
export function turnTimes(args: Record<string, unknown>): TurnTimes_Serialize {
  const minutes = args.minutes as number[];
  let at = 9 * 60;
  const starts = minutes.map((m) => {
    const clock = `${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`;
    at += m;
    return clock;
  });
  const total = minutes.reduce((sum, m) => sum + m, 0);
  return {
    budget: { total_minutes: total, session_minutes: 60, fits: total <= 60, message: `${total} of 60 minutes` },
    starts,
  };
}

export const roster: Roster_Serialize = {
  event: { id: 11, title: 'Annual Meeting', short_name: 'Annual', first_day: '2024-11-19', last_day: '2024-11-19', description: '' },
  delegations: [
    {
      organisation: organisations[0]!,
      status: 'member',
      level: 'senior official',
      members: [
        {
          person_id: 7,
          name: 'Ms Lynn Bell',
          position: '',
          email: '',
          capacity: 'head of delegation',
          registration: 'confirmed',
          days_present: [],
        },
      ],
    },
    {
      organisation: organisations[3]!,
      status: 'member',
      level: '',
      members: [
        {
          person_id: 12,
          name: 'Mr Somchai Chai',
          position: '',
          email: '',
          capacity: 'head of delegation',
          registration: 'confirmed',
          days_present: [],
        },
      ],
    },
  ],
  unaffiliated: [],
};

/** A workspace started against whatever backend the test installed. */
export async function startedWorkspace(): Promise<Workspace> {
  const ws = new Workspace();
  await ws.start();
  return ws;
}

/** Mount `view` with `props` under `ws` and let it load. */
export async function mountUnder(
  ws: Workspace,
  // The views take different props; Host passes them through.
  view: Component<any>,
  props: Record<string, unknown> = {},
): Promise<{ el: HTMLElement; app: ReturnType<typeof mount> }> {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const app = mount(Host, { target: el, props: { ws, view, props } });
  await settle();
  flushSync();
  return { el, app };
}

/** Fire a mousedown on a type-ahead option, which is how it is picked. */
export async function pickOption(option: Element | null | undefined): Promise<void> {
  if (!option) throw new Error('no option to pick');
  option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
  await settle();
  flushSync();
}
