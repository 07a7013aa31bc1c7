import { afterEach, describe, expect, it } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import DeskPage from './DeskPage.svelte';
import { backend, recorded, refusal, sampleHandlers, type Call, type Handler } from '../testing/backend';
import { loadedWorkspace, mountPage } from '../testing/mount';
import { attendance, copy, eventNamed, personNamed, week, type Answers } from '../testing/sample';
import { $, $$, choose, click, press, typeInto } from '../testing/dom';
import type { Answer } from '../ipc';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

// The morning of 18 November, the Commemorative Dialogue running all week:
// Ms Lynn Bell and Ms Thị Hoà Nguyễn are in; Mr Tri Tharyat has declined;
// Mr José Ramírez of IOM, Ms Ana Cruz of Walk Free and Dr Sam Kee (no
// organisation) are registered.
const dialogue = eventNamed('Commemorative Dialogue', attendance.overview);
const annual = eventNamed('Annual Meeting', attendance.overview);
const id = (name: string) => personNamed(name, attendance.people).id;
const bell = id('Ms Lynn Bell');
const tharyat = id('Mr Tri Tharyat');
const haigh = id('Ms Kathryn Haigh');
const hoa = id('Ms Thị Hoà Nguyễn');
const ramirez = id('Mr José Ramírez');
const cruz = id('Ms Ana Cruz');
const firstDay = recorded(attendance.desks, 'desk')({ eventId: dialogue.id, day: dialogue.first_day }) as Answer<'desk'>;
const people = firstDay.lines;

/**
 * The desk as recorded for this morning, and after a check-in (or its
 * undoing) as recorded from the Dialogue's first-day desk: each check_in
 * the test makes leads to the desk the core answered after it.
 */
function deskHandlers(): Record<string, Handler> {
  const desk = recorded(attendance.desks, 'desk');
  let after: Answer<'desk'> | null = null;
  return {
    desk: (args) => {
      const day = args.day ?? attendance.today;
      if (after && args.eventId === after.event.id && day === after.day) return copy(after);
      return desk(args);
    },
    check_in: (args) => {
      const made = attendance.checkIns.find((c) => Object.entries(c.args).every(([k, v]) => args[k] === v));
      if (!made) throw new Error(`no check-in recorded for ${JSON.stringify(args)}`);
      after = made.desk;
      return null;
    },
  };
}

async function start(handlers: Record<string, Handler> = {}, today: string | null = attendance.today, answers: Partial<Answers> = attendance) {
  const calls: Call[] = [];
  const desk = answers === attendance ? deskHandlers() : {};
  mockIPC(backend({ ...sampleHandlers(answers), ...desk, ...handlers }, calls));
  const ws = loadedWorkspace(copy(answers.overview ?? week.overview));
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
    expect(callsOf(calls, 'desk')[0]?.args).toEqual({ eventId: dialogue.id, day: null });
    expect($<HTMLSelectElement>(el, '[data-testid="desk-event"]')?.value).toBe(String(dialogue.id));
    const day = $<HTMLSelectElement>(el, '[data-testid="desk-day"]')!;
    expect(day.value).toBe('2024-11-18');
    expect(Array.from(day.options).map((o) => o.value)).toEqual(['2024-11-18', '2024-11-19', '2024-11-20']);
    expect(document.activeElement).toBe(search);
    expect(ids(el)).toEqual(people.map((p) => p.person_id));
    expect(presentCount(el)).toBe('2');
    // The declined registration is not expected.
    expect($(el, '.total')?.textContent).toContain('2 of 7 checked in');
    const counts = $$(el, '[data-testid="desk-count"]').map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(counts).toEqual(['Member state 2/4', 'International organisation 0/1', 'Civil society 0/1', 'No organisation 0/1']);
  });

  it('opens on the event running on the plan’s today, as the backend tells it', async () => {
    // In the sample week the Dialogue is over by the Annual Meeting's day.
    const { el, calls } = await start({}, annual.first_day, week);
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
    expect(presentCount(el)).toBe('3');
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
    expect(ids(el)).toEqual([bell, cruz, haigh, hoa]);
    expect(row(el, bell)?.getAttribute('aria-current')).toBe('true');
    await press(search, 'ArrowDown');
    expect(row(el, cruz)?.getAttribute('aria-current')).toBe('true');
    expect(row(el, bell)?.getAttribute('aria-current')).toBeNull();
    await press(search, 'ArrowDown');
    await press(search, 'ArrowDown');
    await press(search, 'ArrowDown');
    expect(row(el, hoa)?.getAttribute('aria-current')).toBe('true');

    // Ms Nguyễn is already present: Enter undoes her check-in.
    await press(search, 'Enter');
    expect(callsOf(calls, 'check_in').map((c) => c.args)).toEqual([
      { eventId: dialogue.id, personId: hoa, day: '2024-11-18', present: false },
    ]);
    expect(presentCount(el)).toBe('1');
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
    expect($(row(el, haigh)!, '[data-testid="desk-toggle"]')?.textContent?.trim()).toBe('Check in');

    await click(button);

    expect(callsOf(calls, 'check_in').map((c) => c.args)).toEqual([
      { eventId: dialogue.id, personId: hoa, day: '2024-11-18', present: false },
    ]);
    expect(row(el, hoa)?.dataset.present).toBe('false');
    expect(presentCount(el)).toBe('1');
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
    // The check-in is for a day the event does not run.
    const refused = attendance.refusals.checkInOffDay!;
    const { el, search } = await start({ check_in: refusal(refused) });
    await typeInto(search, 'tharyat');
    await press(search, 'Enter');
    expect($(el, '[data-testid="desk-error"]')?.textContent).toContain(refused.error.message);
    expect(search.value).toBe('tharyat');
    expect(presentCount(el)).toBe('2');
  });

  it('re-reads the desk when the plan changes elsewhere (undo, redo)', async () => {
    const { calls, ws } = await start();
    const before = callsOf(calls, 'desk').length;
    await ws.changed();
    await new Promise((r) => setTimeout(r, 0));
    expect(callsOf(calls, 'desk').length).toBe(before + 1);
  });
});
