import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { Workspace } from '../plan/workspace.svelte';
import { ASK, answer, apiError, settle, type Call, type Handler } from '../testing/fixtures';
import { $, $$, choose, click, typeInto } from '../testing/dom';
import PageHost from '../testing/WorkspaceHost.svelte';
import DelegationsPage from './DelegationsPage.svelte';
import { SAVE, delegationsBackend, overview, roster, vocabulary } from './fixtures';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function start(handlers: Record<string, Handler> = {}, plan = overview) {
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
    expect($<HTMLSelectElement>(el, '[data-testid="delegations-event"]')?.value).toBe('10');
    expect(lastCall(calls, 'roster')?.args).toEqual({ eventId: 10 });

    const groups = $$(el, '[data-testid="delegation-group"]');
    expect(groups.map((g) => g.dataset.status)).toEqual(['member', 'observer', 'guest', 'co_host', 'none']);
    expect(text($(groups[4]!, 'h3'))).toBe('Registered, no participation entry (1)');
    const rowNames = $$(el, '[data-testid="delegation-name"]').map((n) => text(n));
    expect(rowNames).toEqual([
      'Australia',
      'Indonesia',
      'Japan',
      'International Organization for Migration (IOM)',
      'Mekong Migration Network (MMN)',
      'Thailand',
      'Fair Trade Alliance',
    ]);

    const australia = delegation(el, 1);
    expect(text($(australia, '[data-testid="delegation-category"]'))).toBe('Member state');
    expect($<HTMLSelectElement>(australia, '[data-testid="delegation-status"]')?.value).toBe('member');
    expect($<HTMLInputElement>(australia, '[data-testid="delegation-level"]')?.value).toBe('Senior official');
    expect(text($(australia, '[data-testid="delegation-count"]'))).toBe('2 people');
    // Without a participation entry there is nothing to remove and no level to keep.
    expect($(delegation(el, 7), '[data-testid="delegation-remove"]')).toBeNull();
    expect($<HTMLInputElement>(delegation(el, 7), '[data-testid="delegation-level"]')?.disabled).toBe(true);

    expect(text($(el, '[data-testid="counts-status"]'))).toBe(
      '2 members · 2 observers · 1 guest · 1 co-host · 1 without a participation entry · 5 people on the list',
    );
    expect(text($(el, '[data-testid="counts-category"]'))).toBe(
      'By category: 3 member states · 1 observer state · 1 international organisation · 1 civil society',
    );
    expect(text($(el, '[data-testid="senior-officials"]'))).toBe('Led by senior officials: Australia, Thailand');
    expect(text($(el, '[data-testid="unaffiliated"]'))).toContain('Dr Sam Kee');
  });

  it('changes a status with setParticipation, keeping the level, and reloads', async () => {
    const { el, calls } = await start();
    const before = callsOf(calls, 'roster').length;
    // After the change the backend lists Japan with the members.
    const [australia, indonesia, thailand, japan, ...rest] = roster.delegations;
    const moved = [australia!, indonesia!, { ...japan!, status: 'member' as const }, thailand!, ...rest];
    mockIPC(delegationsBackend({ roster: () => ({ ...roster, delegations: moved }) }, calls));
    const status = $<HTMLSelectElement>(delegation(el, 4), '[data-testid="delegation-status"]')!;
    status.focus();
    await choose(status, 'member');
    expect(lastCall(calls, 'set_participation')?.args).toEqual({
      eventId: 10,
      organisationId: 4,
      status: 'member',
      level: 'Officials',
    });
    expect(callsOf(calls, 'roster').length).toBe(before + 1);
    // Japan moved to the members; the keyboard stays on its status.
    const members = $$(el, '[data-testid="delegation-group"][data-status="member"] [data-testid="delegation-name"]');
    expect(members.map((n) => text(n))).toEqual(['Australia', 'Indonesia', 'Japan']);
    expect(document.activeElement).toBe($(delegation(el, 4), '[data-testid="delegation-status"]'));
  });

  it('gives an organisation without an entry a status', async () => {
    const { el, calls } = await start();
    await choose($<HTMLSelectElement>(delegation(el, 7), '[data-testid="delegation-status"]'), 'guest');
    expect(lastCall(calls, 'set_participation')?.args).toEqual({ eventId: 10, organisationId: 7, status: 'guest', level: '' });
  });

  it('puts a refused status back and says why', async () => {
    const { el } = await start({
      set_participation: () => {
        throw apiError('invalid', 'Level is longer than 120 characters.', [{ field: 'level', message: 'Too long.' }]);
      },
    });
    const status = $<HTMLSelectElement>(delegation(el, 4), '[data-testid="delegation-status"]')!;
    await choose(status, 'guest');
    expect(status.value).toBe('observer');
    expect(text($(el, '[data-testid="delegations-error"]'))).toContain('Level is longer than 120 characters.');
  });

  it('commits a level on change, once, and not when unchanged', async () => {
    const { el, calls } = await start();
    const level = $<HTMLInputElement>(delegation(el, 2), '[data-testid="delegation-level"]')!;
    level.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(callsOf(calls, 'set_participation')).toHaveLength(0);

    level.value = 'Senior official';
    level.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    level.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    flushSync();
    expect(callsOf(calls, 'set_participation').map((c) => c.args)).toEqual([
      { eventId: 10, organisationId: 2, status: 'member', level: 'Senior official' },
    ]);
  });

  it('asks before removing a delegation and does nothing if declined', async () => {
    const calls: Call[] = [];
    const { el } = await start();
    mockIPC(delegationsBackend({ [ASK]: answer(false) }, calls));
    await click($(delegation(el, 4), '[data-testid="delegation-remove"]'));
    expect(lastCall(calls, ASK)?.args.message).toBe('Remove Japan from Commemorative Dialogue?');
    expect(callsOf(calls, 'set_participation')).toHaveLength(0);

    mockIPC(delegationsBackend({ [ASK]: answer(true) }, calls));
    await click($(delegation(el, 1), '[data-testid="delegation-remove"]'));
    expect(lastCall(calls, ASK)?.args.message).toBe(
      'Remove Australia from Commemorative Dialogue? Its 2 registered people stay registered.',
    );
    expect(lastCall(calls, 'set_participation')?.args).toEqual({
      eventId: 10,
      organisationId: 1,
      status: null,
      level: 'Senior official',
    });
  });

  it('lists a delegation’s members when expanded and edits their registration', async () => {
    const { el, calls } = await start({
      search_people: () => [{ id: 600, name: 'Mr Kenji Sato', email: '', organisation: 'Japan', acronym: '' }],
    });
    const row = delegation(el, 1);
    const toggle = $(row, '[data-testid="delegation-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect($$(row, '[data-testid="delegate"]')).toHaveLength(0);
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const members = $$(row, '[data-testid="delegate"]');
    expect(members.map((m) => text($(m, '[data-testid="delegate-name"]')))).toEqual(['Ms Lynn Bell', 'Mr Daniel Ong']);
    expect(text(members[0])).toContain('First Assistant Secretary');
    const ong = members[1]!;
    expect($<HTMLSelectElement>(ong, '[data-testid="delegate-capacity"]')?.value).toBe('adviser');

    await choose($<HTMLSelectElement>(ong, '[data-testid="delegate-capacity"]'), 'alternate');
    expect(lastCall(calls, 'set_registration')?.args).toEqual({
      eventId: 10,
      personId: 502,
      registration: 'registered',
      capacity: 'alternate',
    });
    await choose($<HTMLSelectElement>(delegation(el, 1), '[data-testid="delegate"][data-person-id="502"] [data-testid="delegate-registration"]'), 'confirmed');
    expect(lastCall(calls, 'set_registration')?.args).toEqual({
      eventId: 10,
      personId: 502,
      registration: 'confirmed',
      capacity: 'adviser',
    });

    // Someone without check-ins goes at once; with check-ins, only after asking.
    await click($(delegation(el, 1), '[data-testid="delegate"][data-person-id="502"] [data-testid="delegate-remove"]'));
    expect(lastCall(calls, 'set_registration')?.args).toEqual({ eventId: 10, personId: 502, registration: null, capacity: 'adviser' });
    expect(callsOf(calls, ASK)).toHaveLength(0);

    await pick($<HTMLInputElement>(delegation(el, 1), '[data-testid="delegation-add-person"]'), 'Sato');
    expect(lastCall(calls, 'set_registration')?.args).toEqual({
      eventId: 10,
      personId: 600,
      registration: 'registered',
      capacity: 'delegate',
    });
  });

  it('asks before removing someone who has checked in', async () => {
    const calls: Call[] = [];
    const { el } = await start();
    mockIPC(delegationsBackend({ [ASK]: answer(false) }, calls));
    await click($(delegation(el, 1), '[data-testid="delegation-toggle"]'));
    await click($(delegation(el, 1), '[data-testid="delegate"][data-person-id="501"] [data-testid="delegate-remove"]'));
    expect(lastCall(calls, ASK)?.args.message).toContain('Their check-ins on 1 day will be removed too.');
    expect(callsOf(calls, 'set_registration')).toHaveLength(0);
  });

  it('adds an organisation with the chosen status', async () => {
    const { el, calls } = await start();
    await choose($<HTMLSelectElement>(el, '[data-testid="add-organisation-status"]'), 'observer');
    await pick($<HTMLInputElement>(el, '[data-testid="add-organisation"]'), 'Fair');
    expect(lastCall(calls, 'set_participation')?.args).toEqual({
      eventId: 10,
      organisationId: 7,
      status: 'observer',
      level: '',
    });
  });

  it('shows the co-chairs in order with names, days and roles', async () => {
    const { el, calls } = await start();
    const rows = cochairRows(el);
    expect(rows).toHaveLength(2);
    expect(orgOf(rows[0]!).selectedOptions[0]?.textContent).toBe('Australia');
    expect(text($(rows[0]!, '[data-testid="cochair-person"]'))).toBe('Ms Lynn Bell');
    expect(roleOf(rows[0]!).value).toBe('Senior Official Co-Chair');
    expect(dayOf(rows[0]!).value).toBe('');
    expect(orgOf(rows[1]!).selectedOptions[0]?.textContent).toBe('Indonesia');
    expect($(rows[1]!, '[data-testid="cochair-person"]')).toBeNull();
    expect($(rows[1]!, '[data-testid="cochair-person-picker"]')).not.toBeNull();
    expect(Array.from(dayOf(rows[1]!).options).map((o) => o.textContent)).toEqual([
      'All days',
      'Mon 18 Nov',
      'Tue 19 Nov',
      'Wed 20 Nov',
    ]);
    expect(dayOf(rows[1]!).value).toBe('2024-11-19');
    // Governments only: no international organisations or civil society.
    expect(Array.from(orgOf(rows[0]!).options).map((o) => o.textContent)).toEqual([
      'Choose a government…',
      'Australia',
      'Indonesia',
      'Japan',
      'Thailand',
    ]);
    // Everyone named is registered, so the people list is not read.
    expect(callsOf(calls, 'people')).toHaveLength(0);
    expect($<HTMLButtonElement>(el, '[data-testid="cochairs-save"]')?.disabled).toBe(true);
  });

  it('names a co-chair who is not registered from the people list', async () => {
    const { el, calls } = await start({
      event_cochairs: () => [
        { id: 5, event_id: 10, organisation_id: 4, person_id: 600, role_label: '', day: null, position: 0 },
      ],
    });
    expect(callsOf(calls, 'people')).toHaveLength(1);
    expect(text($(cochairRows(el)[0]!, '[data-testid="cochair-person"]'))).toBe('Mr Kenji Sato');
  });

  it('saves the co-chairs as ordered rows, with people and days', async () => {
    const { el, calls } = await start({
      search_people: () => [{ id: 503, name: 'H.E. Ms Retno Wirajuda', email: '', organisation: 'Indonesia', acronym: '' }],
    });
    // Indonesia first, with its person; Australia on the last day only; a new row for Japan.
    await click($(cochairRows(el)[1]!, '[data-testid="cochair-up"]'));
    expect(cochairRows(el).map((r) => orgOf(r).selectedOptions[0]?.textContent)).toEqual(['Indonesia', 'Australia']);
    // At the top "up" is disabled, so the keyboard lands on the same row's "down".
    expect(document.activeElement).toBe($(cochairRows(el)[0]!, '[data-testid="cochair-down"]'));
    await pick($<HTMLInputElement>(cochairRows(el)[0]!, '[data-testid="cochair-person-picker"]'), 'Retno');
    expect(text($(cochairRows(el)[0]!, '[data-testid="cochair-person"]'))).toBe('H.E. Ms Retno Wirajuda');
    await choose(dayOf(cochairRows(el)[1]!), '2024-11-20');
    await click($(el, '[data-testid="cochair-add"]'));
    const added = cochairRows(el)[2]!;
    expect(document.activeElement).toBe(orgOf(added));
    await choose(orgOf(added), '4');
    await typeInto(roleOf(added), 'Observer Co-Chair');
    expect($(el, '[data-testid="cochairs-unsaved"]')).not.toBeNull();

    await click($(el, '[data-testid="cochairs-save"]'));
    expect(lastCall(calls, 'set_cochairs')?.args).toEqual({
      eventId: 10,
      rows: [
        { organisation_id: 2, person_id: 503, role_label: '', day: '2024-11-19' },
        { organisation_id: 1, person_id: 501, role_label: 'Senior Official Co-Chair', day: '2024-11-20' },
        { organisation_id: 4, person_id: null, role_label: 'Observer Co-Chair', day: null },
      ],
    });
  });

  it('clears a person, removes a row and keeps focus in the list', async () => {
    const { el, calls } = await start();
    await click($(cochairRows(el)[0]!, '[data-testid="cochair-person-clear"]'));
    const picker = $<HTMLInputElement>(cochairRows(el)[0]!, '[data-testid="cochair-person-picker"]');
    expect(picker).not.toBeNull();
    expect(document.activeElement).toBe(picker);
    await click($(cochairRows(el)[1]!, '[data-testid="cochair-remove"]'));
    expect(cochairRows(el)).toHaveLength(1);
    expect(document.activeElement).toBe(orgOf(cochairRows(el)[0]!));
    await click($(el, '[data-testid="cochairs-save"]'));
    expect(lastCall(calls, 'set_cochairs')?.args.rows).toEqual([
      { organisation_id: 1, person_id: null, role_label: 'Senior Official Co-Chair', day: null },
    ]);
  });

  it('shows a refusal of cochairs.0 on row 1 and keeps every row as typed', async () => {
    const { el, calls } = await start({
      set_cochairs: () => {
        throw apiError('invalid', '1 field needs attention', [
          { field: 'cochairs.0', message: 'Row 1: Commemorative Dialogue does not run on 2024-11-21.' },
        ]);
      },
    });
    await typeInto(roleOf(cochairRows(el)[1]!), 'Keep me');
    await click($(el, '[data-testid="cochairs-save"]'));
    expect(callsOf(calls, 'set_cochairs')).toHaveLength(1);

    const [first, second] = cochairRows(el);
    const message = $(first!, '[data-testid="cochair-row-error"]');
    expect(text(message)).toBe('Row 1: Commemorative Dialogue does not run on 2024-11-21.');
    expect(orgOf(first!).getAttribute('aria-invalid')).toBe('true');
    expect(orgOf(first!).getAttribute('aria-describedby')).toBe(message?.id);
    expect($(second!, '[data-testid="cochair-row-error"]')).toBeNull();
    expect(orgOf(second!).getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(orgOf(first!));
    // Nothing is lost, nothing reloaded over it, and no banner repeats the row's message.
    expect(cochairRows(el)).toHaveLength(2);
    expect(roleOf(first!).value).toBe('Senior Official Co-Chair');
    expect(roleOf(second!).value).toBe('Keep me');
    expect(dayOf(second!).value).toBe('2024-11-19');
    expect($(el, '[data-testid="cochairs-unsaved"]')).not.toBeNull();
    expect($(el, '[data-testid="cochairs-error"]')).toBeNull();
  });

  it('shows other co-chair refusals above the rows', async () => {
    const { el } = await start({
      set_cochairs: () => {
        throw apiError('not_found', 'No event with id 10 in this plan');
      },
    });
    await typeInto(roleOf(cochairRows(el)[0]!), 'Co-Chair');
    await click($(el, '[data-testid="cochairs-save"]'));
    expect(text($(el, '[data-testid="cochairs-error"]'))).toBe('No event with id 10 in this plan');
    expect(roleOf(cochairRows(el)[0]!).value).toBe('Co-Chair');
  });

  it('asks for a government before sending a new row', async () => {
    const { el, calls } = await start();
    await click($(el, '[data-testid="cochair-add"]'));
    await click($(el, '[data-testid="cochairs-save"]'));
    expect(callsOf(calls, 'set_cochairs')).toHaveLength(0);
    expect(text($(cochairRows(el)[2]!, '[data-testid="cochair-row-error"]'))).toBe('Row 3: choose a government.');
  });

  it('keeps co-chair edits when another edit reloads the page, and takes the saved list after Undo', async () => {
    const { el, ws, calls } = await start();
    await typeInto(roleOf(cochairRows(el)[1]!), 'Host Co-Chair');
    await choose($<HTMLSelectElement>(delegation(el, 4), '[data-testid="delegation-status"]'), 'member');
    expect(lastCall(calls, 'set_participation')).toBeDefined();
    expect(roleOf(cochairRows(el)[1]!).value).toBe('Host Co-Chair');

    await click($(el, '[data-testid="cochairs-discard"]'));
    expect(roleOf(cochairRows(el)[1]!).value).toBe('');
    mockIPC(
      delegationsBackend({
        event_cochairs: () => [
          { id: 9, event_id: 10, organisation_id: 3, person_id: null, role_label: 'Host', day: null, position: 0 },
        ],
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
    expect(lastCall(calls, 'set_cohosts')?.args).toEqual({ eventId: 10, sessionId: null, organisations: [] });

    await pick($<HTMLInputElement>(el, '[data-testid="cohost-picker"]'), 'IOM');
    expect(lastCall(calls, 'set_cohosts')?.args).toEqual({ eventId: 10, sessionId: null, organisations: [3, 5] });
  });

  it('exports the attendees where the user says and reports how many', async () => {
    const { el, ws, calls } = await start({
      [SAVE]: () => '/exports/Dialogue attendees.csv',
      export_attendees: () => 12,
    });
    await click($(el, '[data-testid="delegations-export"]'));
    expect((lastCall(calls, SAVE)?.args.options as { defaultPath?: string }).defaultPath).toBe('Dialogue attendees.csv');
    expect(lastCall(calls, 'export_attendees')?.args).toEqual({ eventId: 10, path: '/exports/Dialogue attendees.csv' });
    expect(ws.notice).toEqual({ tone: 'info', text: 'Saved 12 attendees to /exports/Dialogue attendees.csv' });
  });

  it('exports nothing when the save dialog is cancelled', async () => {
    const { el, ws, calls } = await start({ [SAVE]: () => null });
    await click($(el, '[data-testid="delegations-export"]'));
    expect(callsOf(calls, 'export_attendees')).toHaveLength(0);
    expect(ws.notice).toBeNull();
  });

  it('switches events and says what to do when nobody takes part yet', async () => {
    const { el, calls } = await start();
    await choose($<HTMLSelectElement>(el, '[data-testid="delegations-event"]'), '11');
    await settle();
    flushSync();
    expect(lastCall(calls, 'roster')?.args).toEqual({ eventId: 11 });
    expect(lastCall(calls, 'event_cochairs')?.args).toEqual({ eventId: 11 });
    expect($(el, '[data-testid="delegations-empty"]')?.textContent).toContain('No delegations yet');
    expect($(el, '[data-testid="cochairs-empty"]')?.textContent).toContain('No co-chairs yet');
    expect($(el, '[data-testid="cohosts-empty"]')).not.toBeNull();
    expect($$(el, '[data-testid="delegation"]')).toHaveLength(0);
    expect($(el, '[data-testid="senior-officials"]')).toBeNull();
  });

  it('says how to start when the plan has no events', async () => {
    const { el, calls } = await start({}, { ...overview, events: [] });
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
  const settings = { host_organisation_id: null, ignore_words: ['The', 'Republic of'] };

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
    const { el } = await start({
      protocol_settings: () => settings,
      set_protocol_settings: () => {
        throw apiError('invalid', 'ignore_words: "a|b" cannot be an ignored word.', []);
      },
    });
    const card = $(el, '[data-testid="protocol-card"]')!;
    const words = $<HTMLTextAreaElement>(card, '[data-testid="protocol-words"]')!;
    await typeInto(words, 'a|b');
    await click($(card, '[data-testid="protocol-save"]'));
    expect(text($(card, '[data-testid="protocol-error"]'))).toContain('cannot be an ignored word');
    expect(words.value).toBe('a|b');
  });
});
