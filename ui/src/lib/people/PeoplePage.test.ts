import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PeoplePage from './PeoplePage.svelte';
import { ASK, answer, apiError, backend, settle, vocabulary, type Call, type Handler } from '../testing/fixtures';
import { $, $$, click, press, typeInto } from '../testing/dom';
import {
  bell,
  bellImpact,
  directory,
  hit,
  iom,
  marsudi,
  mountWithWorkspace,
  organisations,
  people,
  pope,
} from './people.fixtures';
import type { PersonHit_Serialize } from '../ipc';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockIPC(backend({ ...directory(), ...handlers }, calls));
  const mounted = await mountWithWorkspace(PeoplePage, {});
  app = mounted.app;
  return { ...mounted, calls };
}

const personRows = (root: ParentNode) => $$(root, '[data-testid="person-row"]');
const shownIds = (root: ParentNode) => personRows(root).map((r) => Number(r.dataset.personId));
const row = (root: ParentNode, id: number) => $(root, `[data-testid="person-row"][data-person-id="${id}"]`)!;
const button = (root: ParentNode, text: string) =>
  $$<HTMLButtonElement>(root, 'button').find((b) => b.textContent?.trim() === text);
const ofCmd = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);

/** A promise for each call of a command, answered when the test says so. */
function deferred<T>() {
  const pending: { args: Record<string, unknown>; resolve: (v: T) => void }[] = [];
  const handler: Handler = (args) => new Promise<T>((resolve) => pending.push({ args, resolve }));
  return { handler, pending };
}

describe('People page: people', () => {
  it('lists everyone with name, position, organisation and email while the search is empty', async () => {
    const { el, calls } = await start();
    expect($(el, '[data-testid="people-page"]')).not.toBeNull();
    expect(ofCmd(calls, 'people').length).toBeGreaterThan(0);
    expect(ofCmd(calls, 'search_people')).toHaveLength(0);
    expect(shownIds(el)).toEqual(people.map((p) => p.id));

    const cells = (id: number) => $$(row(el, id), 'td').map((td) => td.textContent?.trim());
    expect(cells(marsudi.id).slice(0, 4)).toEqual([
      'H.E. Retno Marsudi',
      'Minister for Foreign Affairs',
      'Indonesia',
      '',
    ]);
    // An organisation with an acronym shows the acronym, with its name as a tooltip.
    const popeOrg = $$(row(el, pope.id), 'td')[2]!;
    expect(popeOrg.textContent?.trim()).toBe('IOM');
    expect(popeOrg.getAttribute('title')).toBe(iom.name);
    expect(cells(bell.id)[3]).toBe(bell.email);
  });

  it('lists only the first 200 of a large directory until a search narrows it', async () => {
    const many = Array.from({ length: 450 }, (_, i) => ({ ...bell, id: 1000 + i, email: `p${i}@example.org` }));
    const { el } = await start({ people: () => many });
    expect(personRows(el)).toHaveLength(200);
    expect(el.textContent).toContain('450 people; the first 200 are listed, type to find others');
  });

  it('searches in the backend on each keystroke and lists what it found', async () => {
    const { el, calls } = await start();
    await typeInto($<HTMLInputElement>(el, '[data-testid="people-search"]'), 'pope');
    expect(ofCmd(calls, 'search_people').pop()?.args).toEqual({ query: 'pope', limit: 200 });
    expect(shownIds(el)).toEqual([pope.id]);
    // The row is the full record: the position is not part of a search hit.
    expect(row(el, pope.id).textContent).toContain('Director General');

    await typeInto($<HTMLInputElement>(el, '[data-testid="people-search"]'), 'nobody-here');
    expect(personRows(el)).toHaveLength(0);
    expect($(el, '[data-testid="people-empty"]')?.textContent).toContain('Nobody matches “nobody-here”');

    // Clearing the box lists everyone again, from the full list.
    const before = ofCmd(calls, 'people').length;
    await typeInto($<HTMLInputElement>(el, '[data-testid="people-search"]'), '');
    expect(ofCmd(calls, 'people').length).toBe(before + 1);
    expect(shownIds(el)).toEqual(people.map((p) => p.id));
  });

  it('drops a late answer for an older query', async () => {
    const search = deferred<PersonHit_Serialize[]>();
    const { el } = await start({ search_people: search.handler });
    const box = $<HTMLInputElement>(el, '[data-testid="people-search"]');
    await typeInto(box, 'l');
    await typeInto(box, 'lynn');
    expect(search.pending.map((p) => p.args.query)).toEqual(['l', 'lynn']);

    // The newer query answers first; the older one's answer then arrives.
    search.pending[1]!.resolve([hit(bell)]);
    await settle();
    flushSync();
    expect(shownIds(el)).toEqual([bell.id]);
    search.pending[0]!.resolve(people.map(hit));
    await settle();
    flushSync();
    expect(shownIds(el)).toEqual([bell.id]);
  });

  it('shows the itinerary of a row chosen by click or by Enter', async () => {
    const { el, calls } = await start();
    expect($(el, '[data-testid="itinerary"]')).toBeNull();

    await click(row(el, bell.id).querySelector('td'));
    expect(ofCmd(calls, 'itinerary').pop()?.args).toEqual({ personId: bell.id });
    expect(row(el, bell.id).getAttribute('aria-selected')).toBe('true');
    const itinerary = $(el, '[data-testid="itinerary"]')!;
    expect(itinerary.textContent).toContain('Itinerary: Ms Lynn Bell');
    const entries = $$(itinerary, '[data-testid="itinerary-entry"]');
    expect(entries).toHaveLength(2);
    expect(entries[0]?.textContent).toContain('Mon 18 Nov');
    expect(entries[0]?.textContent).toContain('09:00–09:30');
    expect(entries[0]?.textContent).toContain('Opening remarks');
    expect(entries[0]?.textContent).toContain('Co-Chair');
    expect(entries[0]?.textContent).toContain('Plenary Hall');
    expect(entries[0]?.textContent).toContain('Commemorative Dialogue');
    expect(entries[1]?.textContent).toContain('Not scheduled');
    expect(entries[1]?.textContent).toContain('No room');

    // Keyboard: arrow down to the next row, Enter chooses it.
    row(el, bell.id).focus();
    await press(row(el, bell.id), 'ArrowDown');
    expect(document.activeElement).toBe(row(el, people[1]!.id));
    await press(document.activeElement!, 'ArrowDown');
    await press(document.activeElement!, 'Enter');
    expect(ofCmd(calls, 'itinerary').pop()?.args).toEqual({ personId: marsudi.id });
    expect($(el, '[data-testid="itinerary-empty"]')?.textContent).toContain('H.E. Retno Marsudi has no role in any session yet');
  });

  it('lists what a delete would also change and deletes nothing when declined', async () => {
    const { el, calls } = await start({ [ASK]: answer(false) });
    await click($(row(el, bell.id), '[data-testid="person-delete"]'));
    expect(ofCmd(calls, 'person_impact').pop()?.args).toEqual({ id: bell.id });
    const message = String(ofCmd(calls, ASK).pop()?.args.message);
    expect(message).toContain('Delete Ms Lynn Bell? This will also:');
    for (const line of bellImpact.lines) expect(message).toContain(line);
    expect(ofCmd(calls, 'delete_person')).toHaveLength(0);
    expect(shownIds(el)).toContain(bell.id);
  });

  it('deletes after a plain question when nothing else is affected, and reloads', async () => {
    const { el, calls, ws } = await start({ [ASK]: answer(true) });
    const before = ofCmd(calls, 'people').length;
    await click($(row(el, pope.id), '[data-testid="person-delete"]'));
    const message = String(ofCmd(calls, ASK).pop()?.args.message);
    expect(message).toBe('Delete Dr Amy Pope? Edit › Undo (Ctrl+Z) brings it back.');
    expect(ofCmd(calls, 'delete_person').pop()?.args).toEqual({ id: pope.id });
    await settle();
    expect(ofCmd(calls, 'people').length).toBeGreaterThan(before);
    expect(ws.notice?.text).toBe('Deleted Dr Amy Pope.');
  });

  it('reloads people and organisations after Undo', async () => {
    let list = people.filter((p) => p.id !== pope.id);
    const { el, ws, calls } = await start({ people: () => list, undo: () => 'Deleted Dr Amy Pope' });
    expect(shownIds(el)).not.toContain(pope.id);
    const orgLoads = ofCmd(calls, 'organisations').length;
    list = people;
    await ws.history('undo');
    await settle();
    flushSync();
    expect(shownIds(el)).toContain(pope.id);
    expect(ofCmd(calls, 'organisations').length).toBe(orgLoads + 1);
  });

  it('reports a refused delete and keeps the row', async () => {
    const { el, ws } = await start({
      [ASK]: answer(true),
      delete_person: () => {
        throw apiError('not_found', 'No person with id 3 in this plan');
      },
    });
    await click($(row(el, pope.id), '[data-testid="person-delete"]'));
    expect(ws.notice).toEqual({ tone: 'error', text: 'No person with id 3 in this plan' });
    expect(shownIds(el)).toContain(pope.id);
  });

  it('creates a person from “New person” and edits one from its row', async () => {
    const { el, calls } = await start();
    await click($(el, '[data-testid="person-new"]'));
    const form = $<HTMLFormElement>(document, '[data-testid="person-form"]')!;
    await typeInto($<HTMLInputElement>(form, '[name="family_name"]'), 'Okafor');
    await click($(form, '[data-testid="person-save"]'));
    expect(ofCmd(calls, 'create_person').pop()?.args.form).toMatchObject({ family_name: 'Okafor', organisation_id: null });
    expect($(document, '[data-testid="person-form"]')).toBeNull();

    await click(button(row(el, marsudi.id), 'Edit…'));
    const edit = $<HTMLFormElement>(document, '[data-testid="person-form"]')!;
    expect($<HTMLInputElement>(edit, '[name="honorific"]')?.value).toBe('H.E.');
    expect($(edit, '[data-testid="person-organisation-chosen"]')?.textContent).toContain('Indonesia');
    await typeInto($<HTMLInputElement>(edit, '[name="position"]'), 'Special Envoy');
    await click($(edit, '[data-testid="person-save"]'));
    const sent = ofCmd(calls, 'update_person').pop()?.args;
    expect(sent?.id).toBe(marsudi.id);
    expect(sent?.form).toEqual({
      honorific: 'H.E.',
      given_name: 'Retno',
      family_name: 'Marsudi',
      position: 'Special Envoy',
      organisation_id: 2,
      email: '',
      phone: '',
      notes: '',
    });
  });

  it('merges from a row, keeping the row’s person by default', async () => {
    const { el, calls } = await start();
    await click(button(row(el, bell.id), 'Merge…'));
    const dialog = $(document, '[data-testid="merge-dialog"]')!;
    await typeInto($<HTMLInputElement>(dialog, '[data-testid="merge-picker"]'), 'lynn');
    const twin = $$(dialog, '[data-testid="merge-picker-option"]').find((o) => !o.textContent?.includes('Ms'))!;
    twin.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    await click($(dialog, '[data-testid="merge-confirm"]'));
    expect(ofCmd(calls, 'merge_people').pop()?.args).toEqual({ keep: bell.id, drop: 4 });
    expect($(document, '[data-testid="merge-dialog"]')).toBeNull();
    // The kept person is chosen, with their itinerary.
    expect(row(el, bell.id).getAttribute('aria-selected')).toBe('true');
  });
});

describe('People page: tabs and organisations', () => {
  async function toOrganisations(el: HTMLElement) {
    const tab = $$(el, '[role="tab"]').find((t) => t.dataset.key === 'people')!;
    tab.focus();
    await press(tab, 'ArrowRight');
    return $$(el, '[data-testid="org-row"]');
  }

  it('has two tabs that the arrow keys move between', async () => {
    const { el } = await start();
    const tabs = $$(el, '[role="tab"]');
    expect(tabs.map((t) => t.textContent?.trim().replace(/\s+\d+$/, ''))).toEqual(['People', 'Organisations']);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1]);
    const panel = document.getElementById(tabs[0]!.getAttribute('aria-controls')!)!;
    expect(panel.getAttribute('role')).toBe('tabpanel');
    expect(panel.hidden).toBe(false);

    await toOrganisations(el);
    expect(document.activeElement).toBe(tabs[1]);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    expect(panel.hidden).toBe(true);
    expect($(el, '[data-testid="orgs-panel"]')?.hidden).toBe(false);
    await press(tabs[1]!, 'Home');
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
  });

  it('lists organisations with their category label and filters them here', async () => {
    const { el, calls } = await start();
    const rows = await toOrganisations(el);
    expect(rows.map((r) => Number(r.dataset.orgId))).toEqual(organisations.map((o) => o.id));
    const cells = $$(rows[1]!, 'td').map((td) => td.textContent?.trim());
    expect(cells.slice(0, 5)).toEqual(['Indonesia', '', 'Republic of Indonesia', 'Member state', 'ID']);
    expect($$(rows[2]!, 'td')[3]?.textContent).toBe('International organisation');

    const searches = ofCmd(calls, 'organisations').length;
    await typeInto($<HTMLInputElement>(el, '[data-testid="org-search"]'), 'iom');
    expect($$(el, '[data-testid="org-row"]').map((r) => r.dataset.orgId)).toEqual(['3']);
    expect(ofCmd(calls, 'organisations').length).toBe(searches);
    await typeInto($<HTMLInputElement>(el, '[data-testid="org-search"]'), 'zzz');
    expect($(el, '[data-testid="orgs-empty"]')?.textContent).toContain('No organisation matches “zzz”');
  });

  it('asks before deleting an organisation, naming what else changes', async () => {
    const { el, calls } = await start({
      [ASK]: answer(false),
      organisation_impact: () => ({ name: 'Australia', lines: ['1 person will have no organisation.'] }),
    });
    await toOrganisations(el);
    await click($(el, '[data-testid="org-row"][data-org-id="1"] [data-testid="org-delete"]'));
    expect(ofCmd(calls, 'organisation_impact').pop()?.args).toEqual({ id: 1 });
    expect(String(ofCmd(calls, ASK).pop()?.args.message)).toContain(
      'Delete Australia? This will also:\n• 1 person will have no organisation.',
    );
    expect(ofCmd(calls, 'delete_organisation')).toHaveLength(0);

    mockIPC(backend({ ...directory(), [ASK]: answer(true) }, calls));
    await click($(el, '[data-testid="org-row"][data-org-id="1"] [data-testid="org-delete"]'));
    expect(ofCmd(calls, 'delete_organisation').pop()?.args).toEqual({ id: 1 });
  });

  it('creates an organisation with a category from the vocabulary', async () => {
    const { el, calls } = await start();
    await toOrganisations(el);
    await click($(el, '[data-testid="org-new"]'));
    const form = $<HTMLFormElement>(document, '[data-testid="org-form"]')!;
    const options = $$<HTMLOptionElement>(form, 'select[name="category"] option').map((o) => o.textContent);
    expect(options).toEqual(['Choose a category…', ...vocabulary.categories.map((c) => c.label)]);
    await typeInto($<HTMLInputElement>(form, '[name="name"]'), 'Thailand');
    const category = $<HTMLSelectElement>(form, 'select[name="category"]')!;
    category.value = 'member_state';
    category.dispatchEvent(new Event('change', { bubbles: true }));
    await typeInto($<HTMLInputElement>(form, '[name="country_code"]'), 'th');
    await click($(form, '[data-testid="org-save"]'));
    expect(ofCmd(calls, 'create_organisation').pop()?.args.form).toEqual({
      name: 'Thailand',
      acronym: '',
      official_name: '',
      category: 'member_state',
      country_code: 'th',
    });
  });

  it('shows an organisation’s field problem next to the field, keeping what was typed', async () => {
    const { el } = await start({
      update_organisation: () => {
        throw apiError('invalid', '1 field needs attention', [
          { field: 'name', message: 'An organisation named "Indonesia" already exists.' },
        ]);
      },
    });
    await toOrganisations(el);
    await click(button($(el, '[data-testid="org-row"][data-org-id="1"]')!, 'Edit…'));
    const form = $<HTMLFormElement>(document, '[data-testid="org-form"]')!;
    await typeInto($<HTMLInputElement>(form, '[name="name"]'), 'Indonesia');
    await click($(form, '[data-testid="org-save"]'));
    expect($(form, '[data-testid="error-name"]')?.textContent).toBe('An organisation named "Indonesia" already exists.');
    expect($<HTMLInputElement>(form, '[name="name"]')?.value).toBe('Indonesia');
    expect($(document, '[data-testid="org-form"]')).not.toBeNull();
  });
});
