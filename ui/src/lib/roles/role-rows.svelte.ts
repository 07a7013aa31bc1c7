// A session's people and roles while the session form edits them: the rows
// (in a RowList), what a new row's role starts as, and the rows as the
// backend takes them. The form saves them with the session in one step.
import {
  call,
  commands,
  describeError,
  type Agenda_Serialize,
  type Organisation_Serialize,
  type RoleEntry_Serialize,
  type RoleKind,
  type RoleView_Serialize,
  type SessionRole_Serialize,
  type RolePresence,
  type SessionKind,
} from '../ipc';
import { RowList } from './row-list.svelte';

export type Named = { id: number; name: string; detail: string };
export type OrgRef = { id: number; name: string; acronym: string };

export type RoleRow = {
  key: number;
  role: RoleKind;
  person: Named | null;
  /** The organisation alone (speaker TBC), or the one a person speaks for. */
  organisation: OrgRef | null;
  /** What a row without a person shows: a person picker, or the organisation. */
  mode: 'person' | 'organisation';
  note: string;
  /** To be confirmed. */
  tentative: boolean;
  presence: RolePresence;
};

/** Who leads a session rather than speaks in it. */
const LEADS: readonly RoleKind[] = ['chair', 'co_chair', 'moderator'];

/**
 * The role a new row starts with: a panel or discussion opens with its
 * moderator, an opening, closing or round of statements with its chair, a
 * presentation with its presenter; after whoever leads come the panellists
 * (presenters, speakers); after anyone else, more of the same.
 */
export function nextRole(kind: SessionKind, rows: readonly Pick<RoleRow, 'role'>[]): RoleKind {
  const last = rows[rows.length - 1]?.role;
  if (last === undefined) {
    if (kind === 'panel' || kind === 'discussion') return 'moderator';
    if (kind === 'opening' || kind === 'closing' || kind === 'statements') return 'chair';
    if (kind === 'presentation') return 'presenter';
    return 'speaker';
  }
  if (!LEADS.includes(last)) return last;
  if (kind === 'panel') return 'panellist';
  if (kind === 'presentation') return 'presenter';
  return 'speaker';
}

/** A row as the backend takes it. */
export function entryOf(r: RoleRow): RoleEntry_Serialize {
  return {
    role: r.role,
    person_id: r.person?.id ?? null,
    organisation_id: r.organisation?.id ?? null,
    note: r.note.trim(),
    tentative: r.tentative,
    presence: r.presence,
  };
}

/** Who holds a session's roles and who stands in for them, by the holder's person id. */
export type RolePeople = {
  /** The holder's name as the agenda shows it. */
  names: Map<number, Named>;
  /** Who replaced the holder in this session, when someone did. */
  substitutes: Map<number, Named>;
};

/**
 * The people of a session's saved roles (`roles`, which name the holders)
 * read from the agenda's views of the same roles (`views`, in the same
 * order, which name whoever takes the role now and whom they replace).
 */
export function rolePeople(
  roles: readonly Pick<SessionRole_Serialize, 'person_id'>[],
  views: readonly Pick<RoleView_Serialize, 'person_id' | 'name' | 'organisation' | 'replacing'>[],
): RolePeople {
  const names = new Map<number, Named>();
  const substitutes = new Map<number, Named>();
  const aligned = roles.length === views.length;
  views.forEach((v, i) => {
    const holder = aligned ? roles[i]?.person_id : v.person_id;
    if (holder == null || v.person_id == null) return;
    const detail = v.organisation ?? '';
    if (v.replacing != null && holder !== v.person_id) {
      names.set(holder, { id: holder, name: v.replacing, detail });
      substitutes.set(holder, { id: v.person_id, name: v.name, detail });
    } else {
      names.set(holder, { id: holder, name: v.name, detail });
    }
  });
  return { names, substitutes };
}

export class SessionRoles {
  readonly list: RowList<RoleRow>;
  /** Whether a row was added, changed, moved or removed: only then does saving send the roles. */
  touched = $state(false);
  /** False while the saved roles are being read, or when they could not be: saving leaves them as they are. */
  ready = $state(false);
  loadError: string | null = $state(null);
  organisations: Organisation_Serialize[] = $state.raw([]);
  /** Who stands in for a saved holder in this session, by the holder's person id. */
  substitutes: Map<number, Named> = $state.raw(new Map());
  #organisationsAsked = false;

  /** Prefixes the rows' element ids: "<uid>-row-<key>". */
  readonly uid: string;

  constructor(uid: string) {
    this.uid = uid;
    this.list = new RowList<RoleRow>(uid);
  }

  /** A new session has no roles yet. */
  start(): void {
    this.ready = true;
  }

  /** The saved roles of session `id`, with the names the agenda shows. */
  async load(id: number): Promise<void> {
    try {
      const [roles, agenda] = await Promise.all([call(commands.sessionRoles(id)), call(commands.agenda(null))]);
      const entry = allSessions(agenda).find((s) => s.session.id === id);
      const { names, substitutes } = rolePeople(roles, entry?.roles ?? []);
      this.substitutes = substitutes;
      const orgIds = roles.some((r) => r.person_id == null && r.organisation_id != null);
      if (orgIds) await this.loadOrganisations();
      const byId = new Map(this.organisations.map((o) => [o.id, o]));
      this.list.rows = roles.map((r) => {
        const org = r.organisation_id == null ? undefined : byId.get(r.organisation_id);
        return {
          key: this.list.key(),
          role: r.role,
          person:
            r.person_id == null
              ? null
              : (names.get(r.person_id) ?? { id: r.person_id, name: `Person ${r.person_id}`, detail: '' }),
          organisation: org ? { id: org.id, name: org.name, acronym: org.acronym } : null,
          mode: r.person_id == null && org ? 'organisation' : 'person',
          note: r.note,
          tentative: r.tentative,
          presence: r.presence,
        };
      });
      this.ready = true;
    } catch (e) {
      this.loadError = describeError(e);
    }
  }

  /** The plan's organisations, read once, when a row first needs them. */
  async loadOrganisations(): Promise<void> {
    if (this.#organisationsAsked) return;
    this.#organisationsAsked = true;
    try {
      this.organisations = await call(commands.organisations());
    } catch (e) {
      this.#organisationsAsked = false;
      this.loadError = describeError(e);
    }
  }

  /** The rows to save: a row with no one in it and no note (the one a pick opens) is left out. */
  entries(): RoleEntry_Serialize[] {
    return this.list.rows.filter((r) => !isBlank(r)).map(entryOf);
  }
}

/** A row nothing was put in. */
export function isBlank(r: RoleRow): boolean {
  return r.person === null && r.organisation === null && r.note.trim() === '';
}

function allSessions(agenda: Agenda_Serialize) {
  return [...agenda.days.flatMap((d) => d.sessions), ...agenda.unscheduled];
}
