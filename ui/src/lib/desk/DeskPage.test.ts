import { afterEach, describe, expect, it } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import DeskPage from './DeskPage.svelte';
import { deskBackend, loadedWorkspace, mountPage, people } from './fixtures';
import { apiError, backend, type Call, type Handler } from '../testing/fixtures';
import { $, $$, choose, click, press, typeInto } from '../testing/dom';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function start(handlers: Record<string, Handler> = {}, today: string | null = null) {
  const calls: Call[] = [];
  const desk = deskBackend();
  mockIPC(backend({ ...desk.handlers, ...handlers }, calls));
  const ws = loadedWorkspace();
  ws.today = today;
  const mounted = await mountPage(DeskPage, ws);
  app = mounted.app;
  const el = mounted.el;
  const search = $<HTMLInputElement>(el, '[data-testid="desk-search"]')!;
  return { el, calls, search, ws: mounted.ws };
}

const rows = (el: ParentNode) => $$(el, '[data-testid="desk-row"]');
const ids = (el: ParentNode) => rows(el).map((r) => Number(r.dataset.personId));
const row = (el: ParentNode, id: number) => $(el, `[data-testid="desk-row"][data-person-id="${id}"]`);
const presentCount = (el: ParentNode) => $(el, '[data-testid="desk-present"]')?.textContent?.trim();
const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);

describe('Desk page', () => {
  it('opens on the backend’s day for the event running today (or the first) with the search box focused', async () => {
    const { el, calls, search } = await start();
    expect(el.querySelector('[data-testid="desk-page"]')).not.toBeNull();
    expect(callsOf(calls, 'desk')[0]?.args).toEqual({ eventId: 10, day: null });
    expect($<HTMLSelectElement>(el, '[data-testid="desk-event"]')?.value).toBe('10');
    const day = $<HTMLSelectElement>(el, '[data-testid="desk-day"]')!;
    expect(day.value).toBe('2024-11-18');
    expect(Array.from(day.options).map((o) => o.value)).toEqual(['2024-11-18']);
    expect(document.activeElement).toBe(search);
    expect(ids(el)).toEqual(people.map((p) => p.person_id));
    expect(presentCount(el)).toBe('1');
    expect($(el, '.total')?.textContent).toContain('1 of 3 checked in');
    const counts = $$(el, '[data-testid="desk-count"]').map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(counts).toEqual(['Member state 1/2', 'International organisation 0/1']);
  });

  it('opens on the event running on the plan’s today, as the backend tells it', async () => {
    const { el, calls } = await start({}, '2024-11-19');
    expect(callsOf(calls, 'desk').pop()?.args).toEqual({ eventId: 11, day: null });
    expect($<HTMLSelectElement>(el, '[data-testid="desk-event"]')?.value).toBe('11');
  });

  it('filters as you type, ignoring accents and case, on name, organisation, acronym and email', async () => {
    const { el, search } = await start();
    await typeInto(search, 'HOA');
    expect(ids(el)).toEqual([3]);
    await typeInto(search, 'iom');
    expect(ids(el)).toEqual([4]);
    await typeInto(search, 'josé migration');
    expect(ids(el)).toEqual([4]);
    await typeInto(search, 'kemlu');
    expect(ids(el)).toEqual([2]);
    await typeInto(search, '');
    expect(ids(el)).toHaveLength(4);
  });

  it('Enter checks in the first match, clears and refocuses the search, and re-reads the counts', async () => {
    const { el, calls, search } = await start();
    await typeInto(search, 'ramirez');
    expect(ids(el)).toEqual([4]);
    const desksBefore = callsOf(calls, 'desk').length;

    await press(search, 'Enter');

    expect(callsOf(calls, 'check_in')).toEqual([
      { cmd: 'check_in', args: { eventId: 10, personId: 4, day: '2024-11-18', present: true } },
    ]);
    expect(callsOf(calls, 'desk').length).toBeGreaterThan(desksBefore);
    expect(presentCount(el)).toBe('2');
    expect(row(el, 4)?.dataset.present).toBe('true');
    expect(search.value).toBe('');
    expect(document.activeElement).toBe(search);
    expect($(el, '[data-testid="desk-status"]')?.textContent).toBe('Checked in Mr José Ramírez.');
    const iom = $$(el, '[data-testid="desk-count"]').find((c) => c.dataset.category === 'international_organisation');
    expect(iom?.textContent).toContain('1/1');
  });

  it('moves the highlight with the arrow keys and Enter acts on the highlighted row', async () => {
    const { el, calls, search } = await start();
    await typeInto(search, 'ms');
    expect(ids(el)).toEqual([1, 3]);
    expect(row(el, 1)?.getAttribute('aria-current')).toBe('true');
    await press(search, 'ArrowDown');
    expect(row(el, 3)?.getAttribute('aria-current')).toBe('true');
    expect(row(el, 1)?.getAttribute('aria-current')).toBeNull();
    await press(search, 'ArrowDown');
    expect(row(el, 3)?.getAttribute('aria-current')).toBe('true');

    // Ms Hoà is already present: Enter undoes her check-in.
    await press(search, 'Enter');
    expect(callsOf(calls, 'check_in').map((c) => c.args)).toEqual([
      { eventId: 10, personId: 3, day: '2024-11-18', present: false },
    ]);
    expect(presentCount(el)).toBe('0');
  });

  it('does nothing on Enter with an empty search, so a stray key checks no one in', async () => {
    const { calls, search } = await start();
    await press(search, 'Enter');
    expect(callsOf(calls, 'check_in')).toHaveLength(0);
  });

  it('a present person’s button says "Undo check-in" and undoes it', async () => {
    const { el, calls } = await start();
    const button = $<HTMLButtonElement>(row(el, 3)!, '[data-testid="desk-toggle"]')!;
    expect(button.textContent?.trim()).toBe('Undo check-in');
    expect($(row(el, 1)!, '[data-testid="desk-toggle"]')?.textContent?.trim()).toBe('Check in');

    await click(button);

    expect(callsOf(calls, 'check_in').map((c) => c.args)).toEqual([
      { eventId: 10, personId: 3, day: '2024-11-18', present: false },
    ]);
    expect(row(el, 3)?.dataset.present).toBe('false');
    expect(presentCount(el)).toBe('0');
  });

  it('marks declined registrations and says when someone is not on the list', async () => {
    const { el, search } = await start();
    expect(row(el, 2)?.classList.contains('declined')).toBe(true);
    expect($(row(el, 2)!, '[data-testid="desk-declined"]')?.textContent?.trim()).toBe('Declined');
    expect($(row(el, 1)!, '[data-testid="desk-declined"]')).toBeNull();

    await typeInto(search, 'Walk-in Visitor');
    expect(rows(el)).toHaveLength(0);
    expect($(el, '[data-testid="desk-no-match"]')?.textContent).toContain(
      'Not registered for this event — add them on the Delegations page',
    );
  });

  it('loads another day or event when chosen and checks people in on that day', async () => {
    const { el, calls, search } = await start();
    await choose($<HTMLSelectElement>(el, '[data-testid="desk-event"]'), '11');
    expect(callsOf(calls, 'desk').pop()?.args).toEqual({ eventId: 11, day: null });
    expect($<HTMLSelectElement>(el, '[data-testid="desk-day"]')?.value).toBe('2024-11-19');

    await choose($<HTMLSelectElement>(el, '[data-testid="desk-event"]'), '10');
    await choose($<HTMLSelectElement>(el, '[data-testid="desk-day"]'), '2024-11-18');
    expect(callsOf(calls, 'desk').pop()?.args).toEqual({ eventId: 10, day: '2024-11-18' });
    await typeInto(search, 'bell');
    await press(search, 'Enter');
    expect(callsOf(calls, 'check_in').pop()?.args).toMatchObject({ eventId: 10, personId: 1, day: '2024-11-18' });
  });

  it('shows a refused check-in and keeps what was typed', async () => {
    const { el, search } = await start({
      check_in: () => {
        throw apiError('invalid', 'Mr Tom Hale declined this event.');
      },
    });
    await typeInto(search, 'hale');
    await press(search, 'Enter');
    expect($(el, '[data-testid="desk-error"]')?.textContent).toContain('Mr Tom Hale declined this event.');
    expect(search.value).toBe('hale');
    expect(presentCount(el)).toBe('1');
  });

  it('re-reads the desk when the plan changes elsewhere (undo, redo)', async () => {
    const { calls, ws } = await start();
    const before = callsOf(calls, 'desk').length;
    await ws.changed();
    await new Promise((r) => setTimeout(r, 0));
    expect(callsOf(calls, 'desk').length).toBe(before + 1);
  });
});
