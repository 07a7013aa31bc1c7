// What the people pages' edits answer in their tests: the record as sent,
// made from the sample's records (the edits themselves are the core's,
// tested there). Only tests import this module.
import type { Answer } from '../ipc';
import { fold } from '../format/fold';
import type { Handler } from '../testing/backend';
import { copy, directory, week } from '../testing/sample';

const find = <T extends { id: number }>(list: readonly T[], id: unknown): T => copy(list.find((x) => x.id === id)!);

/** Handlers for the directories' edits, answering from the directory scenario's records. */
export function directoryWrites(): Record<string, Handler> {
  const [person] = directory.people;
  const [organisation] = directory.organisations;
  return {
    delete_person: () => null,
    delete_organisation: () => null,
    create_person: (args) => ({ ...copy(person!), ...(args.form as object), id: 1000 }),
    update_person: (args) => ({ ...find(directory.people, args.id), ...(args.form as object) }),
    create_organisation: (args) => ({ ...copy(organisation!), ...(args.form as object), id: 1000 }),
    update_organisation: (args) => ({ ...find(directory.organisations, args.id), ...(args.form as object) }),
    merge_people: (args) => find(directory.people, args.keep),
    merge_organisations: (args) => find(directory.organisations, args.keep),
  };
}

/**
 * Handlers for adding people from a picker: the search finds the sample's
 * people whose name holds what was typed, and `person_prefill` answers
 * `prefill` (the reading itself is the core's, tested there).
 */
export function pickerAnswers(prefill: Answer<'personPrefill'>): Record<string, Handler> {
  const everyone = week.searches.find((s) => s.args.query === '' && s.args.limit === 12)!.answer;
  return {
    search_people: (args) => {
      const typed = fold(String(args.query));
      return copy(everyone).filter((p) => typed !== '' && fold(p.name).includes(typed));
    },
    person_prefill: () => copy(prefill),
  };
}
