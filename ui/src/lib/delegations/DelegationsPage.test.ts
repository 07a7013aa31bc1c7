import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { Workspace } from '../plan/workspace.svelte';
import { ASK, answer, apiError, backend, recorded, refusal, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, choose, click, typeInto } from '../testing/dom';
import PageHost from '../testing/WorkspaceHost.svelte';
import DelegationsPage from './DelegationsPage.svelte';
import { attendance, copy, eventNamed, organisationNamed, personNamed, refusals, week } from '../testing/sample';
import type { Answer } from '../ipc';

// The sample week with delegations worked on: the Commemorative Dialogue
// runs all week; Thailand co-hosts it (IOM only its opening); Walk Free has
// no participation entry but Ms Ana Cruz of it is registered; Dr Sam Kee is
// registered without an organisation; Ms Lynn Bell has checked in;
// Indonesia's Senior Official Co-Chair is not named yet and there on the
// 19th only.
const { vocabulary } = week;
const dialogue = eventNamed('Commemorative Dialogue', attendance.overview);
const annual = eventNamed('Annual Meeting', attendance.overview);
const person = (name: string) => personNamed(name, attendance.people);
const organisation = (name: string) => organisationNamed(name, attendance.organisations);
const bell = person('Ms Lynn Bell');
const haigh = person('Ms Kathryn Haigh');
const tharyat = person('Mr Tri Tharyat');
const awal = person('Mr Caka Alverdi Awal');
const australia = organisation('Australia');
const indonesia = organisation('Indonesia');
const india = organisation('India');
const thailand = organisation('Thailand');
const cambodia = organisation('Cambodia');
const iom = organisation('International Organization for Migration');
const walkFree = organisation('Walk Free');
const roster = (): Answer<'roster'> => copy(attendance.rosterByEvent[dialogue.id]!);
const cochairs = (): Answer<'eventCochairs'> => copy(attendance.cochairsByEvent[dialogue.id]!);

/** The command behind pickCsvSavePath (the dialog plugin's save). */
const SAVE = 'plugin:dialog|save';

/** A mockIPC callback answering the page's commands as for this week; `handlers` override them. */
function delegationsBackend(handlers: Record<string, Handler> = {}, calls: Call[] = []) {
  return backend(
    {
      ...sampleHandlers(attendance),
      set_participation: () => null,
      set_registration: () => null,
      set_cochairs: () => null,
      set_cohosts: () => null,
      ...handlers,
    },
    calls,
  );
}

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function start(handlers: Record<string, Handler> = {}, plan = copy(attendance.overview)) {
  const calls: Call[] = [];
  mockIPC(delegationsBackend({ overview: () => plan, ...handlers }, calls));
  const ws = new Workspace();
  ws.vocabulary = vocabulary;
  ws.overview = plan;
  const el = document.createElement('div');
  document.body.appendChild(el);
  app = mount(PageHost, { target: el, props: { ws, view: DelegationsPage } });
  await settle();
  flushSync();
  return { el, ws, calls };
}

const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);
const lastCall = (calls: Call[], cmd: string) => callsOf(calls, cmd).pop();
const delegation = (el: ParentNode, orgId: number) => $(el, `[data-testid="delegation"][data-org-id="${orgId}"]`)!;
const cochairRows = (el: ParentNode) => $$(el, '[data-testid="cochair-row"]');
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const orgOf = (row: Element) => $<HTMLSelectElement>(row, '[data-testid="cochair-org"]')!;
const dayOf = (row: Element) => $<HTMLSelectElement>(row, '[data-testid="cochair-day"]')!;
const roleOf = (row: Element) => $<HTMLInputElement>(row, '[data-testid="cochair-role"]')!;

/** Pick the first option a type-ahead offers for `query`. */
async function pick(input: HTMLInputElement | null, query: string) {
  await typeInto(input, query);
  const option = input?.closest('.typeahead')?.querySelector('[role="option"]:not([aria-disabled])');
  if (!option) throw new Error(`no option for ${query}`);
  option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
  await settle();
  flushSync();
}

describe('Delegations page', () => {
  it('shows the first event’s delegations grouped by status, with counts and senior officials', async () => {
    const { el, calls } = await start();
    expect($(el, '[data-testid="delegations-page"]')).not.toBeNull();
    expect($<HTMLSelectElement>(el, '[data-testid="delegations-event"]')?.value).toBe(String(dialogue.id));
    expect(lastCall(calls, 'roster')?.args).toEqual({ eventId: dialogue.id });

    const groups = $$(el, '[data-testid="delegation-group"]');
    expect(groups.map((g) => g.dataset.status)).toEqual(['member', 'observer', 'guest', 'co_host', 'secretariat', 'none']);
    expect(text($(groups[5]!, 'h3'))).toBe('Registered, no participation entry (1)');
    const namesIn = (g: Element) => $$(g, '[data-testid="delegation-name"]').map((n) => text(n));
    // Protocol order inside each group: the co-chairs first.
    expect(namesIn(groups[0]!).slice(0, 3)).toEqual(['Australia', 'Indonesia', 'Bangladesh']);
    expect(namesIn(groups[0]!)).toContain('International Organization for Migration (IOM)');
    expect(namesIn(groups[3]!)).toEqual(['Thailand']);
    expect(namesIn(groups[4]!)).toEqual(['Bali Process Regional Support Office (RSO)']);
    expect(namesIn(groups[5]!)).toEqual(['Walk Free']);
    expect($$(el, '[data-testid="delegation-name"]')).toHaveLength(roster().delegations.length);

    const au = delegation(el, australia.id);
    expect(text($(au, '[data-testid="delegation-category"]'))).toBe('Member state');
    expect($<HTMLSelectElement>(au, '[data-testid="delegation-status"]')?.value).toBe('member');
    expect($<HTMLInputElement>(au, '[data-testid="delegation-level"]')?.value).toBe('Senior official');
    expect(text($(au, '[data-testid="delegation-count"]'))).toBe('2 people');
    // Without a participation entry there is nothing to remove and no level to keep.
    expect($(delegation(el, walkFree.id), '[data-testid="delegation-remove"]')).toBeNull();
    expect($<HTMLInputElement>(delegation(el, walkFree.id), '[data-testid="delegation-level"]')?.disabled).toBe(true);

    expect(text($(el, '[data-testid="counts-status"]'))).toBe(
      '16 members · 9 observers · 10 guests · 1 co-host · 1 secretariat · 1 without a participation entry · 8 people on the list',
    );
    expect(text($(el, '[data-testid="counts-category"]'))).toBe(
      'By category: 13 member states · 9 observer states · 4 international organisations · 4 civil society · 1 private sector · 1 programme · 4 workstreams or other bodies · 1 secretariat',
    );
    expect(text($(el, '[data-testid="senior-officials"]'))).toBe(
      'Led by senior officials: Australia, Indonesia, Bangladesh, Maldives, Sri Lanka, Cambodia',
    );
    expect(text($(el, '[data-testid="unaffiliated"]'))).toContain('Dr Sam Kee');
  });

  it('changes a status with setParticipation, keeping the level, and reloads', async () => {
    const { el, calls } = await start();
    const before = callsOf(calls, 'roster').length;
    // After the change the backend lists Cambodia with the members.
    const moved = roster();
    moved.delegations = moved.delegations.map((d) => (d.organisation.id === cambodia.id ? { ...d, status: 'member' } : d));
    mockIPC(delegationsBackend({ roster: () => moved }, calls));
    const status = $<HTMLSelectElement>(delegation(el, cambodia.id), '[data-testid="delegation-status"]')!;
    status.focus();
    await choose(status, 'member');
    expect(lastCall(calls, 'set_participation')?.args).toEqual({
      eventId: dialogue.id,
      organisationId: cambodia.id,
      status: 'member',
      level: 'Senior official',
    });
    expect(callsOf(calls, 'roster').length).toBe(before + 1);
    // Cambodia moved to the members; the keyboard stays on its status.
    const members = $$(el, '[data-testid="delegation-group"][data-status="member"] [data-testid="delegation-name"]');
    expect(members.map((n) => text(n)).pop()).toBe('Cambodia');
    expect(document.activeElement).toBe($(delegation(el, cambodia.id), '[data-testid="delegation-status"]'));
  });

  it('gives an organisation without an entry a status', async () => {
    const { el, calls } = await start();
    await choose($<HTMLSelectElement>(delegation(el, walkFree.id), '[data-testid="delegation-status"]'), 'guest');
    expect(lastCall(calls, 'set_participation')?.args).toEqual({
      eventId: dialogue.id,
      organisationId: walkFree.id,
      status: 'guest',
      level: '',
    });
  });

  it('puts a refused status back and says why', async () => {
    const { el } = await start({ set_participation: refusal(refusals.levelTooLong!) });
    const status = $<HTMLSelectElement>(delegation(el, cambodia.id), '[data-testid="delegation-status"]')!;
    await choose(status, 'guest');
    expect(status.value).toBe('observer');
    expect(text($(el, '[data-testid="delegations-error"]'))).toContain('Level is longer than 120 characters.');
  });

  it('commits a level on change, once, and not when unchanged', async () => {
    const { el, calls } = await start();
    const level = $<HTMLInputElement>(delegation(el, india.id), '[data-testid="delegation-level"]')!;
    level.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(callsOf(calls, 'set_participation')).toHaveLength(0);

    level.value = 'Senior official';
    level.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    level.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    flushSync();
    expect(callsOf(calls, 'set_participation').map((c) => c.args)).toEqual([
      { eventId: dialogue.id, organisationId: india.id, status: 'member', level: 'Senior official' },
    ]);
  });

  it('asks before removing a delegation and does nothing if declined', async () => {
    const calls: Call[] = [];
    const { el } = await start();
    mockIPC(delegationsBackend({ [ASK]: answer(false) }, calls));
    await click($(delegation(el, cambodia.id), '[data-testid="delegation-remove"]'));
    expect(lastCall(calls, ASK)?.args.message).toBe(`Remove Cambodia from ${dialogue.title}?`);
    expect(callsOf(calls, 'set_participation')).toHaveLength(0);

    mockIPC(delegationsBackend({ [ASK]: answer(true) }, calls));
    await click($(delegation(el, australia.id), '[data-testid="delegation-remove"]'));
    expect(lastCall(calls, ASK)?.args.message).toBe(
      `Remove Australia from ${dialogue.title}? Its 2 registered people stay registered.`,
    );
    expect(lastCall(calls, 'set_participation')?.args).toEqual({
      eventId: dialogue.id,
      organisationId: australia.id,
      status: null,
      level: 'Senior official',
    });
  });

  it('lists a delegation’s members when expanded and edits their registration', async () => {
    // Mr Caka Alverdi Awal is not registered for the Dialogue in this case.
    const without = roster();
    for (const d of without.delegations) d.members = d.members.filter((m) => m.person_id !== awal.id);
    const { el, calls } = await start({ roster: () => without });
    const row = delegation(el, australia.id);
    const toggle = $(row, '[data-testid="delegation-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect($$(row, '[data-testid="delegate"]')).toHaveLength(0);
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const members = $$(row, '[data-testid="delegate"]');
    expect(members.map((m) => text($(m, '[data-testid="delegate-name"]')))).toEqual(['Ms Lynn Bell', 'Ms Kathryn Haigh']);
    expect(text(members[0])).toContain('Australian Ambassador to Counter Modern Slavery');
    const second = members[1]!;
    expect($<HTMLSelectElement>(second, '[data-testid="delegate-capacity"]')?.value).toBe('alternate');

    await choose($<HTMLSelectElement>(second, '[data-testid="delegate-capacity"]'), 'adviser');
    expect(lastCall(calls, 'set_registration')?.args).toEqual({
      eventId: dialogue.id,
      personId: haigh.id,
      registration: 'confirmed',
      capacity: 'adviser',
    });
    const haighRow = `[data-testid="delegate"][data-person-id="${haigh.id}"]`;
    await choose($<HTMLSelectElement>(delegation(el, australia.id), `${haighRow} [data-testid="delegate-registration"]`), 'registered');
    expect(lastCall(calls, 'set_registration')?.args).toEqual({
      eventId: dialogue.id,
      personId: haigh.id,
      registration: 'registered',
      capacity: 'alternate',
    });

    // Someone without check-ins goes at once; with check-ins, only after asking.
    await click($(delegation(el, australia.id), `${haighRow} [data-testid="delegate-remove"]`));
    expect(lastCall(calls, 'set_registration')?.args).toEqual({
      eventId: dialogue.id,
      personId: haigh.id,
      registration: null,
      capacity: 'alternate',
    });
    expect(callsOf(calls, ASK)).toHaveLength(0);

    await pick($<HTMLInputElement>(delegation(el, australia.id), '[data-testid="delegation-add-person"]'), 'Awal');
    expect(lastCall(calls, 'set_registration')?.args).toEqual({
      eventId: dialogue.id,
      personId: awal.id,
      registration: 'registered',
      capacity: 'delegate',
    });
  });

  it('asks before removing someone who has checked in', async () => {
    const calls: Call[] = [];
    const { el } = await start();
    mockIPC(delegationsBackend({ [ASK]: answer(false) }, calls));
    await click($(delegation(el, australia.id), '[data-testid="delegation-toggle"]'));
    await click(
      $(delegation(el, australia.id), `[data-testid="delegate"][data-person-id="${bell.id}"] [data-testid="delegate-remove"]`),
    );
    expect(lastCall(calls, ASK)?.args.message).toContain('Their check-ins on 1 day will be removed too.');
    expect(callsOf(calls, 'set_registration')).toHaveLength(0);
  });

  it('adds an organisation with the chosen status', async () => {
    const { el, calls } = await start();
    await choose($<HTMLSelectElement>(el, '[data-testid="add-organisation-status"]'), 'observer');
    await pick($<HTMLInputElement>(el, '[data-testid="add-organisation"]'), 'Walk');
    expect(lastCall(calls, 'set_participation')?.args).toEqual({
      eventId: dialogue.id,
      organisationId: walkFree.id,
      status: 'observer',
      level: '',
    });
  });

  it('shows the co-chairs in order with names, days and roles', async () => {
    const { el, calls } = await start();
    const rows = cochairRows(el);
    expect(rows.map((r) => orgOf(r).selectedOptions[0]?.textContent)).toEqual(['Australia', 'Indonesia', 'Indonesia', 'Australia']);
    expect(rows.map((r) => text($(r, '[data-testid="cochair-person"]')))).toEqual([
      'Ms Lynn Bell',
      '',
      'Mr Caka Alverdi Awal',
      'Ms Kathryn Haigh',
    ]);
    expect(rows.map((r) => roleOf(r).value)).toEqual([
      'Senior Official Co-Chair',
      'Senior Official Co-Chair',
      'Working Group Co-Chair',
      'Working Group Co-Chair',
    ]);
    expect(dayOf(rows[0]!).value).toBe('');
    expect($(rows[1]!, '[data-testid="cochair-person-picker"]')).not.toBeNull();
    expect(Array.from(dayOf(rows[1]!).options).map((o) => o.textContent)).toEqual([
      'All days',
      'Mon 18 Nov',
      'Tue 19 Nov',
      'Wed 20 Nov',
    ]);
    expect(dayOf(rows[1]!).value).toBe('2024-11-19');
    // Governments only, by name: no international organisations or civil society.
    const offered = Array.from(orgOf(rows[0]!).options).map((o) => o.textContent);
    const governments = week.organisations.filter((o) => o.category === 'member_state' || o.category === 'observer_state');
    expect(offered[0]).toBe('Choose a government…');
    const label = (o: { name: string; acronym: string }) => (o.acronym ? `${o.name} (${o.acronym})` : o.name);
    expect(offered.slice(1)).toEqual(governments.map(label).sort((a, b) => a.localeCompare(b)));
    expect(offered).toContain('Cambodia');
    expect(offered).not.toContain(iom.name);
    // Everyone named is registered, so the people list is not read.
    expect(callsOf(calls, 'people')).toHaveLength(0);
    expect($<HTMLButtonElement>(el, '[data-testid="cochairs-save"]')?.disabled).toBe(true);
  });

  it('names a co-chair who is not registered from the people list', async () => {
    // Ms Kathryn Haigh is not registered for the Dialogue in this case.
    const without = roster();
    for (const d of without.delegations) d.members = d.members.filter((m) => m.person_id !== haigh.id);
    const { el, calls } = await start({ roster: () => without });
    expect(callsOf(calls, 'people')).toHaveLength(1);
    expect(text($(cochairRows(el)[3]!, '[data-testid="cochair-person"]'))).toBe('Ms Kathryn Haigh');
  });

  it('saves the co-chairs as ordered rows, with people and days', async () => {
    const { el, calls } = await start();
    // Indonesia first, naming its person; Australia on the last day only; a new row for Cambodia.
    await click($(cochairRows(el)[1]!, '[data-testid="cochair-up"]'));
    expect(cochairRows(el).map((r) => orgOf(r).selectedOptions[0]?.textContent)).toEqual([
      'Indonesia',
      'Australia',
      'Indonesia',
      'Australia',
    ]);
    // At the top "up" is disabled, so the keyboard lands on the same row's "down".
    expect(document.activeElement).toBe($(cochairRows(el)[0]!, '[data-testid="cochair-down"]'));
    await pick($<HTMLInputElement>(cochairRows(el)[0]!, '[data-testid="cochair-person-picker"]'), 'Tharyat');
    expect(text($(cochairRows(el)[0]!, '[data-testid="cochair-person"]'))).toBe('Mr Tri Tharyat');
    await choose(dayOf(cochairRows(el)[1]!), '2024-11-20');
    await click($(el, '[data-testid="cochair-add"]'));
    const added = cochairRows(el)[4]!;
    expect(document.activeElement).toBe(orgOf(added));
    await choose(orgOf(added), String(cambodia.id));
    await typeInto(roleOf(added), 'Observer Co-Chair');
    expect($(el, '[data-testid="cochairs-unsaved"]')).not.toBeNull();

    await click($(el, '[data-testid="cochairs-save"]'));
    expect(lastCall(calls, 'set_cochairs')?.args).toEqual({
      eventId: dialogue.id,
      rows: [
        { organisation_id: indonesia.id, person_id: tharyat.id, role_label: 'Senior Official Co-Chair', day: '2024-11-19' },
        { organisation_id: australia.id, person_id: bell.id, role_label: 'Senior Official Co-Chair', day: '2024-11-20' },
        { organisation_id: indonesia.id, person_id: awal.id, role_label: 'Working Group Co-Chair', day: null },
        { organisation_id: australia.id, person_id: haigh.id, role_label: 'Working Group Co-Chair', day: null },
        { organisation_id: cambodia.id, person_id: null, role_label: 'Observer Co-Chair', day: null },
      ],
    });
  });

  it('clears a person, removes a row and keeps focus in the list', async () => {
    const { el, calls } = await start();
    await click($(cochairRows(el)[0]!, '[data-testid="cochair-person-clear"]'));
    const picker = $<HTMLInputElement>(cochairRows(el)[0]!, '[data-testid="cochair-person-picker"]');
    expect(picker).not.toBeNull();
    expect(document.activeElement).toBe(picker);
    await click($(cochairRows(el)[3]!, '[data-testid="cochair-remove"]'));
    expect(cochairRows(el)).toHaveLength(3);
    expect(document.activeElement).toBe(orgOf(cochairRows(el)[2]!));
    await click($(el, '[data-testid="cochairs-save"]'));
    expect(lastCall(calls, 'set_cochairs')?.args.rows).toEqual([
      { organisation_id: australia.id, person_id: null, role_label: 'Senior Official Co-Chair', day: null },
      { organisation_id: indonesia.id, person_id: null, role_label: 'Senior Official Co-Chair', day: '2024-11-19' },
      { organisation_id: indonesia.id, person_id: awal.id, role_label: 'Working Group Co-Chair', day: null },
    ]);
  });

  it('shows a refusal of cochairs.0 on row 1 and keeps every row as typed', async () => {
    const refused = refusals.cochairDay!;
    const { el, calls } = await start({ set_cochairs: refusal(refused) });
    await typeInto(roleOf(cochairRows(el)[1]!), 'Keep me');
    await click($(el, '[data-testid="cochairs-save"]'));
    expect(callsOf(calls, 'set_cochairs')).toHaveLength(1);

    const [first, second] = cochairRows(el);
    const message = $(first!, '[data-testid="cochair-row-error"]');
    expect(refused.error.fields[0]!.field).toBe('cochairs.0');
    expect(text(message)).toBe(`Row 1: ${dialogue.title} does not run on 2024-11-21.`);
    expect(orgOf(first!).getAttribute('aria-invalid')).toBe('true');
    expect(orgOf(first!).getAttribute('aria-describedby')).toBe(message?.id);
    expect($(second!, '[data-testid="cochair-row-error"]')).toBeNull();
    expect(orgOf(second!).getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(orgOf(first!));
    // Nothing is lost, nothing reloaded over it, and no banner repeats the row's message.
    expect(cochairRows(el)).toHaveLength(4);
    expect(roleOf(first!).value).toBe('Senior Official Co-Chair');
    expect(roleOf(second!).value).toBe('Keep me');
    expect(dayOf(second!).value).toBe('2024-11-19');
    expect($(el, '[data-testid="cochairs-unsaved"]')).not.toBeNull();
    expect($(el, '[data-testid="cochairs-error"]')).toBeNull();
  });

  it('shows other co-chair refusals above the rows', async () => {
    // The event was deleted elsewhere meanwhile.
    const gone = attendance.refusals.cochairsEventGone!;
    const { el } = await start({ set_cochairs: refusal(gone) });
    await typeInto(roleOf(cochairRows(el)[0]!), 'Co-Chair');
    await click($(el, '[data-testid="cochairs-save"]'));
    expect(text($(el, '[data-testid="cochairs-error"]'))).toBe(gone.error.message);
    expect(roleOf(cochairRows(el)[0]!).value).toBe('Co-Chair');
  });

  it('asks for a government before sending a new row', async () => {
    const { el, calls } = await start();
    await click($(el, '[data-testid="cochair-add"]'));
    await click($(el, '[data-testid="cochairs-save"]'));
    expect(callsOf(calls, 'set_cochairs')).toHaveLength(0);
    expect(text($(cochairRows(el)[4]!, '[data-testid="cochair-row-error"]'))).toBe('Row 5: choose a government.');
  });

  it('keeps co-chair edits when another edit reloads the page, and takes the saved list after Undo', async () => {
    const { el, ws, calls } = await start();
    await typeInto(roleOf(cochairRows(el)[1]!), 'Host Co-Chair');
    await choose($<HTMLSelectElement>(delegation(el, cambodia.id), '[data-testid="delegation-status"]'), 'member');
    expect(lastCall(calls, 'set_participation')).toBeDefined();
    expect(roleOf(cochairRows(el)[1]!).value).toBe('Host Co-Chair');

    await click($(el, '[data-testid="cochairs-discard"]'));
    expect(roleOf(cochairRows(el)[1]!).value).toBe('Senior Official Co-Chair');
    // Undo took the list back to one row.
    const [first] = cochairs();
    mockIPC(
      delegationsBackend({
        event_cochairs: () => [{ ...first!, organisation_id: thailand.id, person_id: null, role_label: 'Host' }],
      }),
    );
    ws.revision++;
    await settle();
    flushSync();
    expect(cochairRows(el).map((r) => orgOf(r).selectedOptions[0]?.textContent)).toEqual(['Thailand']);
  });

  it('shows the event’s own co-hosts and replaces them on each change', async () => {
    const { el, calls } = await start();
    const chips = $$(el, '[data-testid="cohost"]');
    expect(chips.map((c) => text(c.querySelector('span')))).toEqual(['Thailand']);
    await click($(el, '[data-testid="cohost-remove"]'));
    expect(lastCall(calls, 'set_cohosts')?.args).toEqual({ eventId: dialogue.id, sessionId: null, organisations: [] });

    await pick($<HTMLInputElement>(el, '[data-testid="cohost-picker"]'), 'IOM');
    expect(lastCall(calls, 'set_cohosts')?.args).toEqual({
      eventId: dialogue.id,
      sessionId: null,
      organisations: [thailand.id, iom.id],
    });
  });

  it('exports the attendees where the user says and reports how many', async () => {
    const [exported] = attendance.exports;
    const path = String(exported!.args.path);
    const { el, ws, calls } = await start({
      [SAVE]: () => path,
      export_attendees: recorded(attendance.exports, 'export_attendees'),
    });
    await click($(el, '[data-testid="delegations-export"]'));
    expect((lastCall(calls, SAVE)?.args.options as { defaultPath?: string }).defaultPath).toBe(
      'Commemorative Dialogue attendees.csv',
    );
    expect(lastCall(calls, 'export_attendees')?.args).toEqual(exported!.args);
    expect(ws.notice).toEqual({ tone: 'info', text: `Saved ${exported!.answer} attendees to ${path}` });
  });

  it('exports nothing when the save dialog is cancelled', async () => {
    const { el, ws, calls } = await start({ [SAVE]: () => null });
    await click($(el, '[data-testid="delegations-export"]'));
    expect(callsOf(calls, 'export_attendees')).toHaveLength(0);
    expect(ws.notice).toBeNull();
  });

  it('switches events and says what to do when nobody takes part yet', async () => {
    // Nobody takes part in the Annual Meeting in this case.
    const { el, calls } = await start({
      roster: (args) => (args.eventId === annual.id ? { event: annual, delegations: [], unaffiliated: [] } : roster()),
      event_cochairs: (args) => (args.eventId === annual.id ? [] : cochairs()),
    });
    await choose($<HTMLSelectElement>(el, '[data-testid="delegations-event"]'), String(annual.id));
    await settle();
    flushSync();
    expect(lastCall(calls, 'roster')?.args).toEqual({ eventId: annual.id });
    expect(lastCall(calls, 'event_cochairs')?.args).toEqual({ eventId: annual.id });
    expect($(el, '[data-testid="delegations-empty"]')?.textContent).toContain('No delegations yet');
    expect($(el, '[data-testid="cochairs-empty"]')?.textContent).toContain('No co-chairs yet');
    expect($(el, '[data-testid="cohosts-empty"]')).not.toBeNull();
    expect($$(el, '[data-testid="delegation"]')).toHaveLength(0);
    expect($(el, '[data-testid="senior-officials"]')).toBeNull();
  });

  it('says how to start when the plan has no events', async () => {
    const { el, calls } = await start({}, { ...copy(attendance.overview), events: [] });
    expect($(el, '[data-testid="delegations-no-events"]')?.textContent).toContain('no events yet');
    expect($(el, '[data-testid="delegations-event"]')).toBeNull();
    expect(callsOf(calls, 'roster')).toHaveLength(0);
  });

  it('says when the roster cannot be read', async () => {
    const { el } = await start({
      roster: () => {
        throw apiError('io', 'The plan file could not be read.');
      },
    });
    expect($(el, '[data-testid="delegations-load-error"]')?.textContent).toContain('The plan file could not be read.');
  });
});

describe('Delegations page: protocol order', () => {
  const settings = { ...copy(week.protocolSettings), ignore_words: ['The', 'Republic of'] };

  it('shows the plan’s settings and saves a host and the ignored words', async () => {
    const { el, calls } = await start({
      protocol_settings: () => settings,
      set_protocol_settings: (args) => args.settings,
    });
    const card = $(el, '[data-testid="protocol-card"]')!;
    const words = $<HTMLTextAreaElement>(card, '[data-testid="protocol-words"]')!;
    expect(words.value).toBe('The\nRepublic of');
    const host = $<HTMLSelectElement>(card, '[data-testid="protocol-host"]')!;
    const first = Array.from(host.options).find((o) => o.value !== '')!;
    await choose(host, first.value);
    await typeInto(words, 'The\nKingdom of');
    await click($(card, '[data-testid="protocol-save"]'));
    expect(lastCall(calls, 'set_protocol_settings')?.args.settings).toEqual({
      host_organisation_id: Number(first.value),
      ignore_words: ['The', 'Kingdom of'],
    });
  });

  it('shows a refusal and keeps what was typed', async () => {
    const refused = refusals.ignoreWord!;
    const { el } = await start({ protocol_settings: () => settings, set_protocol_settings: refusal(refused) });
    const card = $(el, '[data-testid="protocol-card"]')!;
    const words = $<HTMLTextAreaElement>(card, '[data-testid="protocol-words"]')!;
    await typeInto(words, 'a|b');
    await click($(card, '[data-testid="protocol-save"]'));
    expect(text($(card, '[data-testid="protocol-error"]'))).toContain(refused.error.message);
    expect(words.value).toBe('a|b');
  });
});
