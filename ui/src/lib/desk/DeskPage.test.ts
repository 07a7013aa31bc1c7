import { afterEach, describe, expect, it } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import DeskPage from './DeskPage.svelte';
import { deskBackend, dialogue, people } from './fixtures';
import { apiError, backend, type Call, type Handler } from '../testing/fixtures';
import { loadedWorkspace, mountPage } from '../testing/mount';
import { copy, eventNamed, personNamed, sampleHandlers, week } from '../testing/sample';
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
  mockIPC(backend({ ...sampleHandlers(), ...desk.handlers, ...handlers }, calls));
  const ws = loadedWorkspace(copy(week.overview));
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

const annual = eventNamed('Annual Meeting');
const bell = personNamed('Ms Lynn Bell').id;
const tharyat = personNamed('Mr Tri Tharyat').id;
const haigh = personNamed('Ms Kathryn Haigh').id;
// The two people the tests add to the sample's desk (./fixtures).
const hoa = 5;
const ramirez = 6;

describe('the stand-in desk', () => {
  it('answers as the backend does for the sample week', () => {
    const { handlers } = deskBackend(week.deskByEvent[dialogue.id]!.lines);
    expect(handlers.desk!({ eventId: dialogue.id, day: dialogue.first_day })).toEqual(week.deskByEvent[dialogue.id]);
  });
});

describe('Desk page', () => {
  it('opens on the backend’s day for the event running today (or the first) with the search box focused', async () => {
    const { el, calls, search } = await start();
    expect(el.querySelector('[data-testid="desk-page"]')).not.toBeNull();
    expect(callsOf(calls, 'desk')[0]?.args).toEqual({ eventId: dialogue.id, day: null });
    expect($<HTMLSelectElement>(el, '[data-testid="desk-event"]')?.value).toBe(String(dialogue.id));
    const day = $<HTMLSelectElement>(el, '[data-testid="desk-day"]')!;
    expect(day.value).toBe('2024-11-18');
    expect(Array.from(day.options).map((o) => o.value)).toEqual(['2024-11-18']);
    expect(document.activeElement).toBe(search);
    expect(ids(el)).toEqual(people.map((p) => p.person_id));
    expect(presentCount(el)).toBe('1');
    // The declined registration is not expected.
    expect($(el, '.total')?.textContent).toContain('1 of 5 checked in');
    const counts = $$(el, '[data-testid="desk-count"]').map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(counts).toEqual(['Member state 1/4', 'International organisation 0/1']);
  });

  it('opens on the event running on the plan’s today, as the backend tells it', async () => {
    const { el, calls } = await start({}, annual.first_day);
    expect(callsOf(calls, 'desk').pop()?.args).toEqual({ eventId: annual.id, day: null });
    expect($<HTMLSelectElement>(el, '[data-testid="desk-event"]')?.value).toBe(String(annual.id));
  });

  it('filters as you type, ignoring accents and case, on name, organisation, acronym and email', async () => {
    const { el, search } = await start();
    await typeInto(search, 'HOA');
    expect(ids(el)).toEqual([hoa]);
    await typeInto(search, 'iom');
    expect(ids(el)).toEqual([ramirez]);
    await typeInto(search, 'josé migration');
    expect(ids(el)).toEqual([ramirez]);
    await typeInto(search, 'kemlu');
    expect(ids(el)).toEqual([tharyat]);
    await typeInto(search, '');
    expect(ids(el)).toHaveLength(people.length);
  });

  it('Enter checks in the first match, clears and refocuses the search, and re-reads the counts', async () => {
    const { el, calls, search } = await start();
    await typeInto(search, 'ramirez');
    expect(ids(el)).toEqual([ramirez]);
    const desksBefore = callsOf(calls, 'desk').length;

    await press(search, 'Enter');

    expect(callsOf(calls, 'check_in')).toEqual([
      { cmd: 'check_in', args: { eventId: dialogue.id, personId: ramirez, day: '2024-11-18', present: true } },
    ]);
    expect(callsOf(calls, 'desk').length).toBeGreaterThan(desksBefore);
    expect(presentCount(el)).toBe('2');
    expect(row(el, ramirez)?.dataset.present).toBe('true');
    expect(search.value).toBe('');
    expect(document.activeElement).toBe(search);
    expect($(el, '[data-testid="desk-status"]')?.textContent).toBe('Checked in Mr José Ramírez.');
    const iom = $$(el, '[data-testid="desk-count"]').find((c) => c.dataset.category === 'international_organisation');
    expect(iom?.textContent).toContain('1/1');
  });

  it('moves the highlight with the arrow keys and Enter acts on the highlighted row', async () => {
    const { el, calls, search } = await start();
    await typeInto(search, 'ms');
    expect(ids(el)).toEqual([bell, haigh, hoa]);
    expect(row(el, bell)?.getAttribute('aria-current')).toBe('true');
    await press(search, 'ArrowDown');
    expect(row(el, haigh)?.getAttribute('aria-current')).toBe('true');
    expect(row(el, bell)?.getAttribute('aria-current')).toBeNull();
    await press(search, 'ArrowDown');
    await press(search, 'ArrowDown');
    expect(row(el, hoa)?.getAttribute('aria-current')).toBe('true');

    // Ms Hoà is already present: Enter undoes her check-in.
    await press(search, 'Enter');
    expect(callsOf(calls, 'check_in').map((c) => c.args)).toEqual([
      { eventId: dialogue.id, personId: hoa, day: '2024-11-18', present: false },
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
    const button = $<HTMLButtonElement>(row(el, hoa)!, '[data-testid="desk-toggle"]')!;
    expect(button.textContent?.trim()).toBe('Undo check-in');
    expect($(row(el, bell)!, '[data-testid="desk-toggle"]')?.textContent?.trim()).toBe('Check in');

    await click(button);

    expect(callsOf(calls, 'check_in').map((c) => c.args)).toEqual([
      { eventId: dialogue.id, personId: hoa, day: '2024-11-18', present: false },
    ]);
    expect(row(el, hoa)?.dataset.present).toBe('false');
    expect(presentCount(el)).toBe('0');
  });

  it('marks declined registrations and says when someone is not on the list', async () => {
    const { el, search } = await start();
    expect(row(el, tharyat)?.classList.contains('declined')).toBe(true);
    expect($(row(el, tharyat)!, '[data-testid="desk-declined"]')?.textContent?.trim()).toBe('Declined');
    expect($(row(el, bell)!, '[data-testid="desk-declined"]')).toBeNull();

    await typeInto(search, 'Walk-in Visitor');
    expect(rows(el)).toHaveLength(0);
    expect($(el, '[data-testid="desk-no-match"]')?.textContent).toContain(
      'Not registered for this event — add them on the Delegations page',
    );
  });

  it('loads another day or event when chosen and checks people in on that day', async () => {
    const { el, calls, search } = await start();
    await choose($<HTMLSelectElement>(el, '[data-testid="desk-event"]'), String(annual.id));
    expect(callsOf(calls, 'desk').pop()?.args).toEqual({ eventId: annual.id, day: null });
    expect($<HTMLSelectElement>(el, '[data-testid="desk-day"]')?.value).toBe('2024-11-19');

    await choose($<HTMLSelectElement>(el, '[data-testid="desk-event"]'), String(dialogue.id));
    await choose($<HTMLSelectElement>(el, '[data-testid="desk-day"]'), '2024-11-18');
    expect(callsOf(calls, 'desk').pop()?.args).toEqual({ eventId: dialogue.id, day: '2024-11-18' });
    await typeInto(search, 'bell');
    await press(search, 'Enter');
    expect(callsOf(calls, 'check_in').pop()?.args).toMatchObject({ eventId: dialogue.id, personId: bell, day: '2024-11-18' });
  });

  it('shows a refused check-in and keeps what was typed', async () => {
    const { el, search } = await start({
      check_in: () => {
        throw apiError('invalid', 'Mr Tri Tharyat declined this event.');
      },
    });
    await typeInto(search, 'tharyat');
    await press(search, 'Enter');
    expect($(el, '[data-testid="desk-error"]')?.textContent).toContain('Mr Tri Tharyat declined this event.');
    expect(search.value).toBe('tharyat');
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
