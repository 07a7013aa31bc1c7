// The Delegations page's tests stand on the sample week's Commemorative
// Dialogue (../testing/sample), changed where a test needs what the sample
// lacks: the Dialogue runs all week; Thailand co-hosts it; Walk Free has a
// person registered but no participation entry; someone registered has no
// organisation; Ms Lynn Bell has checked in; Indonesia's Senior Official
// Co-Chair is not named yet and sits on the second day only. Only tests
// import this module.
import type { Answer } from '../ipc';
import { backend, type Call, type Handler } from '../testing/fixtures';
import { copy, eventNamed, organisationNamed, personNamed, sampleHandlers, week } from '../testing/sample';

export const dialogue = { ...eventNamed('Commemorative Dialogue'), last_day: '2024-11-20' };
export const annual = eventNamed('Annual Meeting');

export const bell = personNamed('Ms Lynn Bell');
export const haigh = personNamed('Ms Kathryn Haigh');
export const tharyat = personNamed('Mr Tri Tharyat');
export const awal = personNamed('Mr Caka Alverdi Awal');

export const australia = organisationNamed('Australia');
export const indonesia = organisationNamed('Indonesia');
export const india = organisationNamed('India');
export const thailand = organisationNamed('Thailand');
export const cambodia = organisationNamed('Cambodia');
export const iom = organisationNamed('International Organization for Migration');
export const walkFree = organisationNamed('Walk Free');

/** The plan, with the Dialogue running all week. */
export function overview(): Answer<'overview'> {
  const plan = copy(week.overview);
  for (const e of plan.events) if (e.event.id === dialogue.id) e.event = { ...dialogue };
  return plan;
}

/** The Dialogue's roster in protocol order, with the cases the sample lacks. */
export function roster(): Answer<'roster'> {
  const r = copy(week.rosterByEvent[dialogue.id]!);
  r.event = { ...dialogue };
  const someone = r.delegations.find((d) => d.organisation.id === australia.id)!.members.find((m) => m.person_id === haigh.id)!;
  for (const d of r.delegations) {
    if (d.organisation.id === thailand.id) d.status = 'co_host';
    if (d.organisation.id === walkFree.id) {
      d.status = null;
      d.level = '';
      d.members = [{ ...someone, person_id: 504, name: 'Ms Ana Cruz', position: '', capacity: 'delegate' }];
    }
    for (const m of d.members) if (m.person_id === bell.id) m.days_present = ['2024-11-18'];
  }
  r.unaffiliated = [{ ...someone, person_id: 505, name: 'Dr Sam Kee', position: 'Independent expert', capacity: 'observer' }];
  return r;
}

/** The Dialogue's co-chairs, Indonesia's Senior Official Co-Chair not named yet and there on the second day only. */
export function cochairs(): Answer<'eventCochairs'> {
  return copy(week.cochairsByEvent[dialogue.id]!).map((c) =>
    c.person_id === tharyat.id ? { ...c, person_id: null, day: '2024-11-19' } : c,
  );
}

/** Thailand co-hosts the Dialogue; IOM co-hosts only its opening, which the page leaves alone. */
export function cohosts(): Answer<'eventCohosts'> {
  const opening = week.agenda.days[0]!.sessions[0]!.session;
  return [
    { id: 1, event_id: dialogue.id, session_id: null, organisation_id: thailand.id },
    { id: 2, event_id: dialogue.id, session_id: opening.id, organisation_id: iom.id },
  ];
}

/** The command behind pickCsvSavePath (the dialog plugin's save). */
export const SAVE = 'plugin:dialog|save';

/** A mockIPC callback answering the page's commands; `handlers` override them. */
export function delegationsBackend(handlers: Record<string, Handler> = {}, calls: Call[] = []) {
  const sample = sampleHandlers();
  const forDialogue =
    <T>(answer: () => T, command: string): Handler =>
    (args) =>
      args.eventId === dialogue.id ? answer() : sample[command]!(args);
  return backend(
    {
      ...sample,
      overview: () => overview(),
      roster: forDialogue(roster, 'roster'),
      event_cochairs: forDialogue(cochairs, 'event_cochairs'),
      event_cohosts: forDialogue(cohosts, 'event_cohosts'),
      set_participation: () => null,
      set_registration: () => null,
      set_cochairs: () => null,
      set_cohosts: () => null,
      ...handlers,
    },
    calls,
  );
}
