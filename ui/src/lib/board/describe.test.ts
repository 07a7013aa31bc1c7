import { describe, expect, it } from 'vitest';
import type { RoleKind, RoleView_Serialize } from '../ipc';
import { recorded } from '../testing/backend';
import { agendaSession, copy, directory, personNamed, week } from '../testing/sample';
import { candidateFromHit, candidateFromLoad, candidateText, roleLine, whenText } from './describe';
import type { PersonHit_Serialize } from '../ipc';

// The real role labels, but for the rapporteur's.
const terms = week.vocabulary.roles.filter((t) => t.key !== 'rapporteur');

describe('whenText', () => {
  it.each<[string | null, string | null, string | null, string]>([
    ['2024-11-18T10:00:00', '2024-11-18T11:30:00', null, 'Mon 18 Nov, 10:00–11:30'],
    [null, null, null, 'Unscheduled'],
    ['2024-11-18T10:00:00', null, null, 'Unscheduled'],
    [null, null, '2024-11-19', 'Tue 19 Nov, time to be confirmed'],
  ])('%s to %s on %s', (start, end, day, text) => {
    expect(whenText({ start, end, day })).toBe(text);
  });
});

describe('roleLine', () => {
  // The panel's moderator and a co-chair of the opening, as the agenda gives them.
  const [moderator] = agendaSession('Panel discussion').roles;
  const [cochair] = agendaSession('Opening remarks').roles;
  const role = (r: RoleKind, text: string): RoleView_Serialize => ({ ...copy(cochair!), role: r, text });
  it.each<[RoleView_Serialize, string]>([
    [moderator!, 'Moderator: Bali Process Regional Support Office — moderator TBC, Australian Co-Manager'],
    [cochair!, 'Co-Chair: Ms Lynn Bell (Australia)'],
    [role('moderator', 'Ms Lynn Bell (Australia), as DWG Co-Chair'), 'Moderator: Ms Lynn Bell (Australia), as DWG Co-Chair'],
    [role('speaker', 'IOM — speaker TBC'), 'Speaker: IOM — speaker TBC'],
    [role('rapporteur', 'Mr A'), 'rapporteur: Mr A'],
  ])('%j', (r, text) => {
    expect(roleLine(r, terms)).toBe(text);
  });
});

describe('candidates', () => {
  it('show the acronym, else the organisation', () => {
    // Dr Ade Okoro of IOM, as the people search finds him.
    const [hit] = recorded(directory.searches, 'search_people')({ query: 'okoro', limit: 12 }) as PersonHit_Serialize[];
    expect(candidateText(candidateFromHit(hit!))).toBe('Dr Ade Okoro (IOM)');
    expect(candidateText(candidateFromHit({ ...hit!, acronym: '' }))).toBe(
      'Dr Ade Okoro (International Organization for Migration)',
    );
    expect(candidateText(candidateFromHit({ ...hit!, acronym: '', organisation: null }))).toBe('Dr Ade Okoro');
    const bell = personNamed('Ms Lynn Bell');
    const load = week.board.loads.find((l) => l.person_id === bell.id)!;
    expect(candidateFromLoad(load)).toEqual({ id: bell.id, name: 'Ms Lynn Bell', detail: 'Australia' });
  });
});
