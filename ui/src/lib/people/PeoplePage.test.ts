import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PeoplePage from './PeoplePage.svelte';
import { ASK, answer, backend, recorded, refusal, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, click, press, typeInto } from '../testing/dom';
import { mountWithWorkspace } from '../testing/mount';
import { copy, directory, organisationNamed, personNamed, refusals, week } from '../testing/sample';
import { directoryWrites } from './testing';
import type { PersonHit_Serialize } from '../ipc';

// The directories with a second record of Ms Lynn Bell and of IOM, and
// Dr Ade Okoro of IOM, who has no role yet.
const { people, organisations } = directory;
const bell = personNamed('Ms Lynn Bell', people);
const twin = personNamed('Lynn Bell', people);
const tharyat = personNamed('Mr Tri Tharyat', people);
const okoro = personNamed('Dr Ade Okoro', people);
const iom = organisationNamed('International Organization for Migration', organisations);
const iomTwin = organisationNamed('Intl Organization for Migration', organisations);
const australia = organisationNamed('Australia', organisations);
const found = (query: string) => recorded(directory.searches, 'search_people')({ query, limit: 200 }) as PersonHit_Serialize[];

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockIPC(backend({ ...sampleHandlers(directory), ...directoryWrites(), ...handlers }, calls));
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
    expect(cells(tharyat.id).slice(0, 4)).toEqual(['Mr Tri Tharyat', tharyat.position, 'Indonesia', '']);
    // An organisation with an acronym shows the acronym, with its name as a tooltip.
    const okoroOrg = $$(row(el, okoro.id), 'td')[2]!;
    expect(okoroOrg.textContent?.trim()).toBe('IOM');
    expect(okoroOrg.getAttribute('title')).toBe(iom.name);
    expect(cells(bell.id)[3]).toBe('lynn.bell@dfat.example');
    expect(cells(twin.id).slice(0, 3)).toEqual(['Lynn Bell', '', '']);
  });

  it('lists only the first 200 of a large directory until a search narrows it', async () => {
    const many = Array.from({ length: 450 }, (_, i) => ({ ...copy(bell), id: 1000 + i, email: `p${i}@example.org` }));
    const { el } = await start({ people: () => many });
    expect(personRows(el)).toHaveLength(200);
    expect(el.textContent).toContain('450 people; the first 200 are listed, type to find others');
  });

  it('searches in the backend on each keystroke and lists what it found', async () => {
    const { el, calls } = await start();
    await typeInto($<HTMLInputElement>(el, '[data-testid="people-search"]'), 'okoro');
    expect(ofCmd(calls, 'search_people').pop()?.args).toEqual({ query: 'okoro', limit: 200 });
    expect(shownIds(el)).toEqual([okoro.id]);
    // The row is the full record: the position is not part of a search hit.
    expect(row(el, okoro.id).textContent).toContain(okoro.position);

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
    search.pending[1]!.resolve(found('lynn'));
    await settle();
    flushSync();
    expect(shownIds(el)).toEqual([bell.id, twin.id]);
    search.pending[0]!.resolve(found('l'));
    await settle();
    flushSync();
    expect(shownIds(el)).toEqual([bell.id, twin.id]);
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
    expect(entries[0]?.textContent).toContain('Opening remarks by the Senior Official Co-Chairs');
    expect(entries[0]?.textContent).toContain('Co-Chair');
    expect(entries[0]?.textContent).toContain('Plenary Hall');
    expect(entries[0]?.textContent).toContain('10th Anniversary Commemorative Dialogue');
    // Her turn in the awareness discussion, which has no time yet.
    expect(entries[1]?.textContent).toContain('Discussion: what makes a successful awareness campaign');
    expect(entries[1]?.textContent).toContain('Not scheduled');

    // Keyboard: arrow down to the next row, Enter chooses it.
    row(el, bell.id).focus();
    await press(row(el, bell.id), 'ArrowDown');
    expect(document.activeElement).toBe(row(el, twin.id));
    await press(document.activeElement!, 'Enter');
    expect(ofCmd(calls, 'itinerary').pop()?.args).toEqual({ personId: twin.id });
    expect($(el, '[data-testid="itinerary-empty"]')?.textContent).toContain('Lynn Bell has no role in any session yet');
  });

  it('shows a session whose time is to be confirmed under its day', async () => {
    const mine = copy(directory.itineraryByPerson[bell.id]!);
    const opening = mine[0]!;
    opening.session.day = '2024-11-18';
    opening.session.start = null;
    opening.session.end = null;
    const { el } = await start({ itinerary: () => mine });
    await click(row(el, bell.id).querySelector('td'));
    const first = $$(el, '[data-testid="itinerary-entry"]')[0]!;
    expect(first.textContent).toContain('Mon 18 Nov');
    expect(first.textContent).toContain('Time to be confirmed');
    expect(first.textContent).not.toContain('Not scheduled');
  });

  it('lists what a delete would also change and deletes nothing when declined', async () => {
    const { el, calls } = await start({ [ASK]: answer(false) });
    await click($(row(el, bell.id), '[data-testid="person-delete"]'));
    expect(ofCmd(calls, 'person_impact').pop()?.args).toEqual({ id: bell.id });
    const message = String(ofCmd(calls, ASK).pop()?.args.message);
    expect(message).toContain('Delete Ms Lynn Bell? This will also:');
    const impact = directory.personImpactByPerson[bell.id]!;
    expect(impact.lines).toHaveLength(3);
    for (const line of impact.lines) expect(message).toContain(line);
    expect(ofCmd(calls, 'delete_person')).toHaveLength(0);
    expect(shownIds(el)).toContain(bell.id);
  });

  it('deletes after a plain question when nothing else is affected, and reloads', async () => {
    const { el, calls, ws } = await start({ [ASK]: answer(true) });
    const before = ofCmd(calls, 'people').length;
    await click($(row(el, okoro.id), '[data-testid="person-delete"]'));
    const message = String(ofCmd(calls, ASK).pop()?.args.message);
    expect(message).toBe('Delete Dr Ade Okoro? Edit › Undo (Ctrl+Z) brings it back.');
    expect(ofCmd(calls, 'delete_person').pop()?.args).toEqual({ id: okoro.id });
    await settle();
    expect(ofCmd(calls, 'people').length).toBeGreaterThan(before);
    expect(ws.notice?.text).toBe('Deleted Dr Ade Okoro.');
  });

  it('reloads people and organisations after Undo', async () => {
    let list = people.filter((p) => p.id !== okoro.id);
    const { el, ws, calls } = await start({ people: () => copy(list), undo: () => directory.undoDelete });
    expect(shownIds(el)).not.toContain(okoro.id);
    const orgLoads = ofCmd(calls, 'organisations').length;
    list = people;
    await ws.history('undo');
    await settle();
    flushSync();
    expect(shownIds(el)).toContain(okoro.id);
    expect(ofCmd(calls, 'organisations').length).toBe(orgLoads + 1);
  });

  it('reports a refused delete and keeps the row', async () => {
    // The person was deleted elsewhere meanwhile.
    const gone = refusals.deletePersonGone!;
    const { el, ws } = await start({ [ASK]: answer(true), delete_person: refusal(gone) });
    await click($(row(el, okoro.id), '[data-testid="person-delete"]'));
    expect(ws.notice).toEqual({ tone: 'error', text: gone.error.message });
    expect(shownIds(el)).toContain(okoro.id);
  });

  it('creates a person from “New person” and edits one from its row', async () => {
    const { el, calls } = await start();
    await click($(el, '[data-testid="person-new"]'));
    const form = $<HTMLFormElement>(document, '[data-testid="person-form"]')!;
    await typeInto($<HTMLInputElement>(form, '[name="family_name"]'), 'Okafor');
    await click($(form, '[data-testid="person-save"]'));
    expect(ofCmd(calls, 'create_person').pop()?.args.form).toMatchObject({ family_name: 'Okafor', organisation_id: null });
    expect($(document, '[data-testid="person-form"]')).toBeNull();

    await click(button(row(el, tharyat.id), 'Edit…'));
    const edit = $<HTMLFormElement>(document, '[data-testid="person-form"]')!;
    expect($<HTMLInputElement>(edit, '[name="honorific"]')?.value).toBe('Mr');
    expect($(edit, '[data-testid="person-organisation-chosen"]')?.textContent).toContain('Indonesia');
    await typeInto($<HTMLInputElement>(edit, '[name="position"]'), 'Special Envoy');
    await click($(edit, '[data-testid="person-save"]'));
    const sent = ofCmd(calls, 'update_person').pop()?.args;
    expect(sent?.id).toBe(tharyat.id);
    const { id: _, ...record } = tharyat;
    expect(sent?.form).toEqual({ ...record, position: 'Special Envoy' });
  });

  it('merges from a row, keeping the row’s person by default', async () => {
    const { el, calls } = await start();
    await click(button(row(el, bell.id), 'Merge…'));
    const dialog = $(document, '[data-testid="merge-dialog"]')!;
    await typeInto($<HTMLInputElement>(dialog, '[data-testid="merge-picker"]'), 'lynn');
    const other = $$(dialog, '[data-testid="merge-picker-option"]').find((o) => !o.textContent?.includes('Ms'))!;
    other.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    await click($(dialog, '[data-testid="merge-confirm"]'));
    expect(ofCmd(calls, 'merge_people').pop()?.args).toEqual({ keep: bell.id, drop: twin.id });
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
    const cells = (id: number) => $$($(el, `[data-testid="org-row"][data-org-id="${id}"]`)!, 'td').map((td) => td.textContent?.trim());
    expect(cells(australia.id).slice(0, 5)).toEqual(['Australia', '', '', 'Member state', 'AU']);
    expect(cells(iomTwin.id).slice(0, 5)).toEqual([
      'Intl Organization for Migration',
      '',
      'International Organization for Migration',
      'International organisation',
      '',
    ]);

    const searches = ofCmd(calls, 'organisations').length;
    await typeInto($<HTMLInputElement>(el, '[data-testid="org-search"]'), 'iom');
    expect($$(el, '[data-testid="org-row"]').map((r) => Number(r.dataset.orgId))).toEqual([iom.id]);
    expect(ofCmd(calls, 'organisations').length).toBe(searches);
    await typeInto($<HTMLInputElement>(el, '[data-testid="org-search"]'), 'zzz');
    expect($(el, '[data-testid="orgs-empty"]')?.textContent).toContain('No organisation matches “zzz”');
  });

  it('asks before deleting an organisation, naming what else changes', async () => {
    const { el, calls } = await start({ [ASK]: answer(false) });
    await toOrganisations(el);
    const deleteAustralia = `[data-testid="org-row"][data-org-id="${australia.id}"] [data-testid="org-delete"]`;
    await click($(el, deleteAustralia));
    expect(ofCmd(calls, 'organisation_impact').pop()?.args).toEqual({ id: australia.id });
    const impact = directory.organisationImpactByOrganisation[australia.id]!;
    expect(String(ofCmd(calls, ASK).pop()?.args.message)).toBe(
      `Delete Australia? This will also:\n${impact.lines.map((l) => `• ${l}`).join('\n')}\n\nEdit › Undo (Ctrl+Z) brings it back.`,
    );
    expect(impact.lines[0]).toBe('2 people will have no organisation.');
    expect(ofCmd(calls, 'delete_organisation')).toHaveLength(0);

    mockIPC(backend({ ...sampleHandlers(directory), ...directoryWrites(), [ASK]: answer(true) }, calls));
    await click($(el, deleteAustralia));
    expect(ofCmd(calls, 'delete_organisation').pop()?.args).toEqual({ id: australia.id });
  });

  it('creates an organisation with a category from the vocabulary', async () => {
    const { el, calls } = await start();
    await toOrganisations(el);
    await click($(el, '[data-testid="org-new"]'));
    const form = $<HTMLFormElement>(document, '[data-testid="org-form"]')!;
    const options = $$<HTMLOptionElement>(form, 'select[name="category"] option').map((o) => o.textContent);
    expect(options).toEqual(['Choose a category…', ...week.vocabulary.categories.map((c) => c.label)]);
    await typeInto($<HTMLInputElement>(form, '[name="name"]'), 'Singapore');
    const category = $<HTMLSelectElement>(form, 'select[name="category"]')!;
    category.value = 'member_state';
    category.dispatchEvent(new Event('change', { bubbles: true }));
    await typeInto($<HTMLInputElement>(form, '[name="country_code"]'), 'sg');
    await click($(form, '[data-testid="org-save"]'));
    expect(ofCmd(calls, 'create_organisation').pop()?.args.form).toEqual({
      name: 'Singapore',
      acronym: '',
      official_name: '',
      category: 'member_state',
      country_code: 'sg',
    });
  });

  it('shows an organisation’s field problem next to the field, keeping what was typed', async () => {
    const taken = refusals.organisationNameTaken!;
    const { el } = await start({ update_organisation: refusal(taken) });
    await toOrganisations(el);
    await click(button($(el, `[data-testid="org-row"][data-org-id="${australia.id}"]`)!, 'Edit…'));
    const form = $<HTMLFormElement>(document, '[data-testid="org-form"]')!;
    await typeInto($<HTMLInputElement>(form, '[name="name"]'), 'Indonesia');
    await click($(form, '[data-testid="org-save"]'));
    expect($(form, '[data-testid="error-name"]')?.textContent).toBe(taken.error.fields[0]!.message);
    expect($<HTMLInputElement>(form, '[name="name"]')?.value).toBe('Indonesia');
    expect($(document, '[data-testid="org-form"]')).not.toBeNull();
  });
});
