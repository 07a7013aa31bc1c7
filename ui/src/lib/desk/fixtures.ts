// A stand-in desk for the desk page's tests: a few people registered for the
// Commemorative Dialogue (event 10) and a check_in handler that remembers who
// is present, so re-reading the desk shows the new counts. Only tests import
// this module.
import { flushSync, mount, type Component } from 'svelte';
import type { DeskCount_Serialize, DeskLine_Serialize, Desk_Serialize } from '../ipc';
import { Workspace } from '../plan/workspace.svelte';
import { apiError, overview, settle, vocabulary, type Handler } from '../testing/fixtures';
import PageHost from '../testing/WorkspaceHost.svelte';

export const deskVocabulary = {
  ...vocabulary,
  registrations: [
    { key: 'invited' as const, label: 'Invited' },
    { key: 'registered' as const, label: 'Registered' },
    { key: 'confirmed' as const, label: 'Confirmed' },
    { key: 'declined' as const, label: 'Declined' },
  ],
};

export const people: DeskLine_Serialize[] = [
  {
    person_id: 1,
    name: 'Ms Lynn Bell',
    sort_key: 'bell lynn',
    organisation: 'Australia',
    acronym: '',
    category: 'member_state',
    capacity: 'head of delegation',
    registration: 'confirmed',
    email: 'lynn.bell@dfat.example',
    present: false,
  },
  {
    person_id: 2,
    name: 'Mr Tom Hale',
    sort_key: 'hale tom',
    organisation: 'Indonesia',
    acronym: '',
    category: 'member_state',
    capacity: 'delegate',
    registration: 'declined',
    email: 'tom.hale@kemlu.example',
    present: false,
  },
  {
    person_id: 3,
    name: 'Ms Nguyễn Thị Hoà',
    sort_key: 'nguyen thi hoa',
    organisation: 'Viet Nam',
    acronym: '',
    category: 'member_state',
    capacity: 'alternate',
    registration: 'registered',
    email: 'hoa.nguyen@mofa.example',
    present: true,
  },
  {
    person_id: 4,
    name: 'Mr José Ramírez',
    sort_key: 'ramirez jose',
    organisation: 'International Organization for Migration',
    acronym: 'IOM',
    category: 'international_organisation',
    capacity: 'observer',
    registration: 'registered',
    email: 'jramirez@iom.example',
    present: false,
  },
];

/** A desk that starts as `people` and keeps the check-ins it is sent. */
export function deskBackend(lines: DeskLine_Serialize[] = people): { handlers: Record<string, Handler>; today: string } {
  const present = new Map<string, Set<number>>();
  const today = '2024-11-18';
  const presentOn = (day: string) => {
    let set = present.get(day);
    if (!set) {
      set = new Set(day === today ? lines.filter((l) => l.present).map((l) => l.person_id) : []);
      present.set(day, set);
    }
    return set;
  };
  const deskFor = (eventId: number, asked: string | null): Desk_Serialize => {
    const event = overview.events.find((e) => e.event.id === eventId)?.event;
    if (!event) throw apiError('not_found', 'That event is no longer in the plan.');
    // Like the backend: no day means today, clamped to the event's days.
    const wanted = asked ?? today;
    const day = wanted < event.first_day ? event.first_day : wanted > event.last_day ? event.last_day : wanted;
    const here = presentOn(day);
    const shown = lines.map((l) => ({ ...l, present: here.has(l.person_id) }));
    const expected = shown.filter((l) => l.registration !== 'declined');
    const counts: DeskCount_Serialize[] = vocabulary.categories
      .map((c) => ({
        category: c.key,
        label: c.label,
        present: shown.filter((l) => l.category === c.key && l.present).length,
        expected: expected.filter((l) => l.category === c.key).length,
      }))
      .filter((c) => c.expected > 0 || c.present > 0);
    return {
      event,
      day,
      lines: shown,
      counts,
      present: shown.filter((l) => l.present).length,
      expected: expected.length,
    };
  };
  return {
    today,
    handlers: {
      desk: (args) => deskFor(args.eventId as number, args.day as string | null),
      check_in: (args) => {
        const set = presentOn(args.day as string);
        if (args.present) set.add(args.personId as number);
        else set.delete(args.personId as number);
        return null;
      },
    },
  };
}

/** A workspace already holding the fixture plan, as App would have it after start-up. */
export function loadedWorkspace(): Workspace {
  const ws = new Workspace();
  ws.overview = overview;
  ws.vocabulary = deskVocabulary;
  ws.starting = false;
  return ws;
}

/** Mount `page` inside a workspace context and let it load. */
export async function mountPage(page: Component, ws: Workspace = loadedWorkspace()) {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const app = mount(PageHost, { target: el, props: { ws, view: page } });
  await settle();
  flushSync();
  return { el, app, ws };
}
