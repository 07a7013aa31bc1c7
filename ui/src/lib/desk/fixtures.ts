// A desk for the desk page's tests: the sample week's desk for the
// Commemorative Dialogue, changed where a test needs what the sample lacks
// (two more people, with accents and an international organisation; emails;
// a declined registration; someone already in), and a check_in handler that
// remembers who is present, so re-reading the desk shows the new counts.
// Only tests import this module.
import type { DeskCount_Serialize, DeskLine_Serialize, Desk_Serialize } from '../ipc';
import { apiError, vocabulary, type Handler } from '../testing/fixtures';
import { copy, eventNamed, organisationNamed, week } from '../testing/sample';
import { fold } from '../format/fold';

export const dialogue = eventNamed('Commemorative Dialogue');

/** A line a test made or changed, with the search text the core would give it (roster.rs). */
export function searchable(l: DeskLine_Serialize): DeskLine_Serialize {
  return {
    ...l,
    search_name: fold(l.name)
      .split(/[^\p{L}\p{M}\p{N}']+/u)
      .filter(Boolean)
      .join(' '),
    search_text: fold(`${l.name} ${l.organisation} ${l.acronym} ${l.email}`),
  };
}

/** The sample's registered people for the Dialogue, and the desk's odd cases. */
function lines(): DeskLine_Serialize[] {
  const sample = copy(week.deskByEvent[dialogue.id]!.lines);
  const [someone] = sample;
  const iom = organisationNamed('International Organization for Migration');
  const more: DeskLine_Serialize[] = [
    {
      ...someone!,
      person_id: 5,
      name: 'Ms Nguyễn Thị Hoà',
      sort_key: 'nguyen, thi hoa',
      organisation: 'Vietnam',
      capacity: 'head of delegation',
      email: 'hoa.nguyen@mofa.example',
      present: true,
    },
    {
      ...someone!,
      person_id: 6,
      name: 'Mr José Ramírez',
      sort_key: 'ramirez, jose',
      organisation: iom.name,
      acronym: iom.acronym,
      category: iom.category,
      capacity: 'observer',
      registration: 'registered',
      email: 'jramirez@iom.example',
    },
  ];
  const all = [...sample, ...more.map(searchable)].map((l) => {
    if (l.name === 'Ms Lynn Bell') return searchable({ ...l, email: 'lynn.bell@dfat.example' });
    if (l.name === 'Mr Tri Tharyat') return searchable({ ...l, registration: 'declined' as const, email: 'tri.tharyat@kemlu.example' });
    return l;
  });
  return all.sort((a, b) => a.sort_key.localeCompare(b.sort_key));
}

export const people: DeskLine_Serialize[] = lines();

/**
 * A desk that starts as `people` on the Dialogue's first day and keeps the
 * check-ins it is sent. Like the backend, it counts by category everyone
 * expected (not declined) and present; other events have the same people.
 */
export function deskBackend(shown: DeskLine_Serialize[] = people): { handlers: Record<string, Handler>; today: string } {
  const present = new Map<string, Set<number>>();
  const today = dialogue.first_day;
  const presentOn = (day: string) => {
    let set = present.get(day);
    if (!set) {
      set = new Set(day === today ? shown.filter((l) => l.present).map((l) => l.person_id) : []);
      present.set(day, set);
    }
    return set;
  };
  const deskFor = (eventId: number, asked: string | null): Desk_Serialize => {
    const event = week.overview.events.find((e) => e.event.id === eventId)?.event;
    if (!event) throw apiError('not_found', 'That event is no longer in the plan.');
    // Like the backend: no day means today, clamped to the event's days.
    const wanted = asked ?? today;
    const day = wanted < event.first_day ? event.first_day : wanted > event.last_day ? event.last_day : wanted;
    const here = presentOn(day);
    const lines = shown.map((l) => ({ ...l, present: here.has(l.person_id) }));
    const expected = lines.filter((l) => l.registration !== 'declined');
    const counts: DeskCount_Serialize[] = vocabulary.categories
      .map((c) => ({
        category: c.key,
        label: c.label,
        present: lines.filter((l) => l.category === c.key && l.present).length,
        expected: expected.filter((l) => l.category === c.key).length,
      }))
      .filter((c) => c.expected > 0 || c.present > 0);
    return {
      event,
      day,
      lines,
      counts,
      present: lines.filter((l) => l.present).length,
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
