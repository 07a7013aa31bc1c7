// A small directory for the people page's tests: organisations, people,
// search hits and an itinerary, plus command handlers over them to pass to
// the shared test backend. Only tests import this module.
import { flushSync, mount, type Component } from 'svelte';
import type {
  Impact,
  ItineraryEntry_Serialize,
  Organisation_Serialize,
  PersonHit_Serialize,
  Person_Serialize,
} from '../ipc';
import { Workspace } from '../plan/workspace.svelte';
import { planFile, settle, vocabulary, type Handler } from '../testing/fixtures';
import InWorkspace from '../testing/WorkspaceHost.svelte';
import { personName } from './records';

export const australia: Organisation_Serialize = {
  id: 1,
  name: 'Australia',
  acronym: '',
  official_name: 'Commonwealth of Australia',
  category: 'member_state',
  country_code: 'AU',
};
export const indonesia: Organisation_Serialize = {
  id: 2,
  name: 'Indonesia',
  acronym: '',
  official_name: 'Republic of Indonesia',
  category: 'member_state',
  country_code: 'ID',
};
export const iom: Organisation_Serialize = {
  id: 3,
  name: 'International Organization for Migration',
  acronym: 'IOM',
  official_name: '',
  category: 'international_organisation',
  country_code: null,
};
/** A duplicate of IOM, as an import might leave behind. */
export const iomTwin: Organisation_Serialize = {
  id: 4,
  name: 'Intl Organization for Migration',
  acronym: '',
  official_name: 'International Organization for Migration',
  category: 'international_organisation',
  country_code: null,
};
export const organisations: Organisation_Serialize[] = [australia, indonesia, iom, iomTwin];

export const bell: Person_Serialize = {
  id: 1,
  honorific: 'Ms',
  given_name: 'Lynn',
  family_name: 'Bell',
  position: 'Senior Official',
  organisation_id: 1,
  email: 'lynn.bell@example.gov.au',
  phone: '',
  notes: '',
};
export const marsudi: Person_Serialize = {
  id: 2,
  honorific: 'H.E.',
  given_name: 'Retno',
  family_name: 'Marsudi',
  position: 'Minister for Foreign Affairs',
  organisation_id: 2,
  email: '',
  phone: '',
  notes: '',
};
export const pope: Person_Serialize = {
  id: 3,
  honorific: 'Dr',
  given_name: 'Amy',
  family_name: 'Pope',
  position: 'Director General',
  organisation_id: 3,
  email: 'dg@example.int',
  phone: '',
  notes: '',
};
/** A second record of Lynn Bell, with a phone number the first lacks. */
export const bellTwin: Person_Serialize = {
  id: 4,
  honorific: '',
  given_name: 'Lynn',
  family_name: 'Bell',
  position: '',
  organisation_id: null,
  email: '',
  phone: '+61 2 6261 1111',
  notes: 'From the registration list',
};
export const people: Person_Serialize[] = [bell, bellTwin, marsudi, pope];

export function hit(p: Person_Serialize): PersonHit_Serialize {
  const org = organisations.find((o) => o.id === p.organisation_id);
  return { id: p.id, name: personName(p), email: p.email, organisation: org?.name ?? null, acronym: org?.acronym ?? '' };
}

/** The same kind of search as the backend's: every word somewhere in name, email or organisation. */
export function searchHits(query: string): PersonHit_Serialize[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return people.map(hit).filter((h) => {
    const hay = `${h.name} ${h.email} ${h.organisation ?? ''} ${h.acronym}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export const bellItinerary: ItineraryEntry_Serialize[] = [
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
    role: 'co_chair',
    note: 'as Senior Official Co-Chair',
    room: 'Plenary Hall',
    event_title: 'Commemorative Dialogue',
  },
  {
    session: {
      id: 5,
      event_id: 11,
      title: 'Press conference',
      kind: 'other',
      start: null,
      end: null,
      room_id: null,
      description: '',
      agenda_item: '',
      outcome: '',
      notes: '',
      pinned: false,
    },
    role: 'speaker',
    note: '',
    room: null,
    event_title: 'Annual Meeting',
  },
];

export const bellImpact: Impact = {
  name: 'Ms Lynn Bell',
  lines: [
    '1 session role will be removed: “Opening remarks”.',
    'Registration and check-ins for 2 events will be removed.',
  ],
};

/** Handlers for the directory's commands; tests override single ones. */
export function directory(): Record<string, Handler> {
  return {
    organisations: () => organisations,
    people: () => people,
    search_people: (args) => searchHits(String(args.query)),
    itinerary: (args) => (args.personId === bell.id ? bellItinerary : []),
    person_impact: (args) => {
      if (args.id === bell.id) return bellImpact;
      const p = people.find((x) => x.id === args.id);
      return { name: p ? personName(p) : '', lines: [] };
    },
    organisation_impact: (args) => ({ name: organisations.find((o) => o.id === args.id)?.name ?? '', lines: [] }),
    delete_person: () => null,
    delete_organisation: () => null,
    create_person: (args) => ({ ...bell, ...(args.form as object), id: 9 }),
    update_person: (args) => ({ ...bell, ...(args.form as object), id: args.id }),
    create_organisation: (args) => ({ ...iom, ...(args.form as object), id: 9 }),
    update_organisation: (args) => ({ ...iom, ...(args.form as object), id: args.id }),
    merge_people: (args) => people.find((p) => p.id === args.keep),
    merge_organisations: (args) => organisations.find((o) => o.id === args.keep),
  };
}

/** A workspace with a plan open, as the pages see it. */
export function workspace(): Workspace {
  const ws = new Workspace();
  ws.file = planFile;
  ws.vocabulary = vocabulary;
  ws.starting = false;
  return ws;
}

/**
 * Mount `component` of this folder under a workspace; the test must have
 * called mockIPC first. Returns the container, the workspace and the app to unmount.
 */
export async function mountWithWorkspace<P extends Record<string, unknown>>(
  component: Component<P>,
  props: P,
): Promise<{ el: HTMLElement; ws: Workspace; app: ReturnType<typeof mount> }> {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const ws = workspace();
  const shown = component as Component<Record<string, unknown>>;
  const app = mount(InWorkspace, { target: el, props: { ws, view: shown, props } });
  flushSync();
  await settle();
  flushSync();
  return { el, ws, app };
}
