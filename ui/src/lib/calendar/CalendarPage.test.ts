import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import { backend, refusal, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, choose, click, press } from '../testing/dom';
import { agendaSession, copy, eventNamed, planning } from '../testing/sample';

// This computer is in Berlin; the plan is in Bangkok (UTC+7, no clock changes).
const originalZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

// The sample week part-way through planning: the workstream updates moved
// onto the national updates' room and time (an open problem), the panel
// without a moderator (accepted), the awareness discussion unscheduled and
// the Annual Meeting's closing without a room.
const { agenda, overview } = planning;
const opening = agendaSession('Opening remarks', agenda).session;
const clash = planning.conflictList.conflicts.find((c) => c.kind === 'room_double_booked')!;
const [moved, updates] = clash.session_ids;
const accepted = planning.conflictList.conflicts.find((c) => c.accepted)!;
const [panel] = accepted.session_ids;
const closing = agendaSession('Closing of the Annual Meeting', agenda).session;
const scheduled = agenda.days.flatMap((d) => d.sessions.map((s) => s.session));
const ids = (sessions: { id: number }[]) => sessions.map((s) => String(s.id)).sort();

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(backend({ ...sampleHandlers(planning), ...handlers }, calls));
  const el = document.createElement('div');
  document.body.appendChild(el);
  app = mount(App, { target: el });
  await settle();
  flushSync();
  await click($(el, '[data-testid="nav-calendar"]'));
  await settle();
  flushSync();
  return { el, calls };
}

const event = (root: ParentNode, id: number) => $(root, `[data-testid="cal-event"][data-session-id="${id}"]`);
const lastCall = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).pop();

describe('Calendar page', () => {
  it('shows every scheduled session as an event across the plan’s days', async () => {
    const { el, calls } = await start();
    expect(lastCall(calls, 'agenda')?.args).toEqual({ day: null });
    const events = $$(el, '[data-testid="cal-event"]');
    expect(events.map((e) => e.dataset.sessionId).sort()).toEqual(ids(scheduled));
    const headers = $$(el, '.ec-col-head').map((h) => h.textContent?.trim());
    expect(headers).toEqual(['Mon 18 Nov', 'Tue 19 Nov', 'Wed 20 Nov']);
    const first = event(el, opening.id)!;
    expect(first.textContent).toContain('09:00–09:30');
    expect(first.textContent).toContain(opening.title);
    expect(first.textContent).toContain('Plenary Hall');
    expect(first.textContent).toContain('Co-Chairs: Ms Lynn Bell (Australia); Mr Tri Tharyat (Indonesia)');
    expect(event(el, closing.id)?.textContent).toContain('No room');
  });

  it('places events at the plan’s wall-clock time, not this computer’s', async () => {
    const { el } = await start();
    // The grid starts at the plan's 08:00 with 20px per 15 minutes: 09:00 is 80px down.
    expect(overview.plan.day_start).toBe('08:00:00');
    expect(event(el, opening.id)?.getAttribute('style')).toContain('inset-block-start: 80px');
    expect($$(el, '.ec-sidebar .ec-slot time').map((t) => t.textContent)).toContain('09:00');
  });

  it('keeps a summer session at its wall-clock time when viewed in winter', async () => {
    // Today is in January (Berlin UTC+1); the meeting is in July (Berlin UTC+2).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2025, 0, 15, 12, 0));
    try {
      const july = (wall: string | null) =>
        wall ? wall.replace('2024-11-18', '2025-07-07').replace('2024-11-19', '2025-07-08').replace('2024-11-20', '2025-07-09') : wall;
      const summer = copy(agenda);
      for (const d of summer.days) {
        d.date = july(d.date)!;
        for (const i of d.sessions) i.session = { ...i.session, start: july(i.session.start), end: july(i.session.end) };
      }
      const { el } = await start({
        overview: () => ({
          ...copy(overview),
          plan: { ...overview.plan, first_day: '2025-07-07', last_day: '2025-07-09' },
          days: ['2025-07-07', '2025-07-08', '2025-07-09'],
        }),
        agenda: () => summer,
      });
      expect($$(el, '.ec-col-head').map((h) => h.textContent?.trim())).toEqual(['Mon 7 Jul', 'Tue 8 Jul', 'Wed 9 Jul']);
      expect(event(el, opening.id)?.textContent).toContain('09:00–09:30');
      expect(event(el, opening.id)?.getAttribute('style')).toContain('inset-block-start: 80px');
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells when this computer’s zone is not the plan’s', async () => {
    const { el } = await start();
    expect($(el, '[data-testid="tz-banner"]')?.textContent).toBe(
      "This computer is set to Europe/Berlin. All times are shown in the plan's time zone, Asia/Bangkok.",
    );
  });

  it('badges events in open conflicts only', async () => {
    const { el } = await start();
    for (const id of [moved!, updates!]) {
      const badge = $(event(el, id)!, '[data-testid="conflict-badge"]');
      expect(badge?.textContent).toBe('!');
      expect(badge?.getAttribute('title')).toBe(clash.message);
    }
    // The panel is only in the accepted problem.
    expect($(event(el, panel!)!, '[data-testid="conflict-badge"]')).toBeNull();
    expect($(event(el, opening.id)!, '[data-testid="conflict-badge"]')).toBeNull();
  });

  it('colours events by kind, breaks muted', async () => {
    const { el } = await start();
    expect(event(el, opening.id)?.getAttribute('style')).toContain('background-color: #1f4b7a');
    const coffee = agendaSession('Coffee break', agenda).session;
    expect(event(el, coffee.id)?.classList.contains('is-pause')).toBe(true);
  });

  it('filters by kind, room and event', async () => {
    const { el } = await start();
    const shown = () => $$(el, '[data-testid="cal-event"]').map((e) => e.dataset.sessionId).sort();
    await choose($(el, '[data-testid="filter-kind"]'), 'break');
    expect(shown()).toEqual(ids(scheduled.filter((s) => s.kind === 'break')));
    expect(shown()).toHaveLength(4);
    await choose($(el, '[data-testid="filter-kind"]'), '');
    await choose($(el, '[data-testid="filter-room"]'), 'none');
    expect(shown()).toEqual([String(closing.id)]);
    await choose($(el, '[data-testid="filter-room"]'), '');
    const dialogue = eventNamed('Commemorative Dialogue', overview);
    await choose($(el, '[data-testid="filter-event"]'), String(dialogue.id));
    expect(shown()).toEqual(ids(scheduled.filter((s) => s.event_id === dialogue.id)));
    expect(shown()).toHaveLength(5);
  });

  it('gives a quarter hour more height when the text is set twice as large, so titles still show', async () => {
    document.documentElement.style.fontSize = '28px';
    try {
      const { el } = await start();
      // 40px per 15 minutes: 09:00 is 160px below the plan's 08:00.
      expect(event(el, opening.id)?.getAttribute('style')).toContain('inset-block-start: 160px');
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });

  it('moves a focused event by the snap step and by a day with Alt and the arrow keys', async () => {
    const { el, calls } = await start({ move_session: (args) => ({ ...copy(opening), start: args.start }) });
    const first = event(el, opening.id)!;
    first.focus();
    const down = await press(first, 'ArrowDown', { altKey: true });
    expect(down.defaultPrevented).toBe(true);
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: opening.id, start: '2024-11-18T09:05:00', roomId: null });
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
    // The calendar re-renders; the session keeps the focus.
    await settle();
    expect((document.activeElement as HTMLElement | null)?.dataset.sessionId).toBe(String(opening.id));
    await press(event(el, opening.id)!, 'ArrowRight', { altKey: true });
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: opening.id, start: '2024-11-19T09:00:00', roomId: null });
    await press(event(el, opening.id)!, 'ArrowUp', { altKey: true });
    expect(lastCall(calls, 'move_session')?.args).toMatchObject({ start: '2024-11-18T08:55:00' });
  });

  it('shows a refused move in the planner banner', async () => {
    const refused = planning.refusals.moveOntoPin!;
    expect(refused.error.code).toBe('pin_overrun');
    const { el, calls } = await start({ move_session: refusal(refused) });
    const loads = calls.filter((c) => c.cmd === 'agenda').length;
    const before = event(el, opening.id)!;
    before.focus();
    await press(before, 'ArrowDown', { altKey: true });
    expect($(el, '[data-testid="planner-error"]')?.textContent).toContain(refused.error.message);
    // The calendar was reloaded from the backend (nothing changed there).
    expect(calls.filter((c) => c.cmd === 'agenda').length).toBe(loads + 1);
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('');
    await settle();
    expect(event(el, opening.id)).not.toBe(before);
    expect(document.activeElement).toBe(event(el, opening.id));
  });

  it('is one Tab stop, the arrow keys going from session to session without moving any', async () => {
    const { el, calls } = await start();
    const tabStops = () => $$(el, '[data-testid="cal-event"]').filter((e) => e.getAttribute('tabindex') === '0');
    expect(tabStops()).toHaveLength(1);
    // No table, list or button roles from the calendar library are left.
    const roles = new Set($$(el, '.calendar [role]').map((e) => e.getAttribute('role')));
    for (const role of ['table', 'list', 'listitem', 'row', 'rowgroup', 'columnheader', 'cell', 'button']) {
      expect(roles.has(role)).toBe(false);
    }
    const first = event(el, opening.id)!;
    first.focus();
    first.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    const monday = scheduled
      .filter((s) => s.start?.startsWith('2024-11-18'))
      .sort((a, b) => (a.start! < b.start! ? -1 : a.start! > b.start! ? 1 : a.id - b.id));
    expect(monday[0]?.id).toBe(opening.id);
    await press(first, 'ArrowDown');
    expect((document.activeElement as HTMLElement | null)?.dataset.sessionId).toBe(String(monday[1]!.id));
    expect(tabStops().map((e) => e.dataset.sessionId)).toEqual([String(monday[1]!.id)]);
    await press(document.activeElement!, 'ArrowUp');
    expect(document.activeElement).toBe(event(el, opening.id));
    await press(document.activeElement!, 'ArrowRight');
    expect((document.activeElement as HTMLElement | null)?.dataset.sessionId).not.toBe(String(opening.id));
    expect(scheduled.find((s) => String(s.id) === (document.activeElement as HTMLElement).dataset.sessionId)?.start).toMatch(
      /^2024-11-19/,
    );
    expect(lastCall(calls, 'move_session')).toBeUndefined();
  });

  it('deletes a focused event with Delete and says how to undo', async () => {
    const { el, calls } = await start({ delete_session: () => null });
    await press(event(el, opening.id)!, 'Delete');
    expect(lastCall(calls, 'delete_session')?.args).toEqual({ id: opening.id });
    expect($(el, '[data-testid="notice"]')?.textContent).toContain(`Deleted “${opening.title}”. Ctrl+Z to undo.`);
  });

  it('opens the session form when an event is clicked', async () => {
    const { el, calls } = await start();
    await click(event(el, opening.id));
    expect(lastCall(calls, 'session_form')?.args).toEqual({ id: opening.id });
    const form = $<HTMLFormElement>(document, 'form[data-testid="session-form"]')!;
    expect($<HTMLInputElement>(form, '[name="title"]')?.value).toBe(opening.title);
    expect($(form, '[data-testid="session-duplicate"]')).not.toBeNull();
    expect($(form, '[data-testid="session-unschedule"]')).not.toBeNull();
  });

  it('has a day view with rooms as columns, and “No room” where needed', async () => {
    const { el } = await start();
    await click($(el, '[data-testid="view-day"]'));
    await settle();
    flushSync();
    expect($(el, '[data-testid="view-day"]')?.getAttribute('aria-pressed')).toBe('true');
    expect($(el, '.ec-resource')).not.toBeNull();
    const columns = () => $$(el, '.ec-col-head').map((h) => h.textContent?.trim());
    const rooms = overview.rooms.map((r) => r.name);
    expect(columns()).toEqual(rooms);
    const onDay = (date: string) => ids(agenda.days.find((d) => d.date === date)!.sessions.map((s) => s.session));
    expect($$(el, '[data-testid="cal-event"]').map((e) => e.dataset.sessionId).sort()).toEqual(onDay('2024-11-18'));
    await choose($(el, '[data-testid="calendar-day"]'), '2024-11-19');
    await settle();
    flushSync();
    expect(columns()).toEqual([...rooms, 'No room']);
    expect($$(el, '[data-testid="cal-event"]').map((e) => e.dataset.sessionId).sort()).toEqual(onDay('2024-11-19'));
  });

  it('has a list view', async () => {
    const { el } = await start();
    await click($(el, '[data-testid="view-list"]'));
    await settle();
    flushSync();
    expect($(el, '.ec-list')).not.toBeNull();
    expect($$(el, '[data-testid="cal-event"]').map((e) => Number(e.dataset.sessionId))).toEqual(scheduled.map((s) => s.id));
  });

  it('shows many rooms eight at a time, in the week view and the day view', async () => {
    // Ten rooms, one session each on the first day at 09:00.
    const rooms = Array.from({ length: 10 }, (_, i) => ({ ...copy(overview.rooms[0]!), id: 200 + i, name: `Room ${i + 1}` }));
    const template = agenda.days[0]!.sessions[0]!;
    const sessions = rooms.map((r, i) => ({
      ...copy(template),
      session: { ...template.session, id: 50 + i, title: `Talk ${i + 1}`, room_id: r.id },
      room: r.name,
      roles: [],
    }));
    const days = agenda.days.map((d, i) => ({ date: d.date, sessions: i === 0 ? sessions : [] }));
    const { el } = await start({
      overview: () => ({ ...copy(overview), rooms }),
      agenda: () => ({ ...copy(agenda), days, unscheduled: [] }),
    });
    const shown = () => $$(el, '[data-testid="cal-event"]').map((e) => Number(e.dataset.sessionId)).sort((a, b) => a - b);
    const page = () => $(el, '[data-testid="room-page"]')?.textContent;
    expect(page()).toBe('Rooms 1–8 of 10');
    expect(shown()).toEqual([50, 51, 52, 53, 54, 55, 56, 57]);
    expect($<HTMLButtonElement>(el, '[data-testid="room-prev"]')?.disabled).toBe(true);
    await click($(el, '[data-testid="room-next"]'));
    await settle();
    flushSync();
    expect(page()).toBe('Rooms 9–10 of 10');
    expect(shown()).toEqual([58, 59]);
    expect($<HTMLButtonElement>(el, '[data-testid="room-next"]')?.disabled).toBe(true);
    // The day view keeps the page: its columns are those two rooms.
    await click($(el, '[data-testid="view-day"]'));
    await settle();
    flushSync();
    expect($$(el, '.ec-col-head').map((h) => h.textContent?.trim())).toEqual(['Room 9', 'Room 10']);
    expect(shown()).toEqual([58, 59]);
    // The list view lists every room's sessions, without pages.
    await click($(el, '[data-testid="view-list"]'));
    await settle();
    flushSync();
    expect(page()).toBeUndefined();
    expect(shown()).toHaveLength(10);
    // One chosen room needs no pages.
    await click($(el, '[data-testid="view-week"]'));
    await settle();
    flushSync();
    await choose($(el, '[data-testid="filter-room"]'), '203');
    await settle();
    flushSync();
    expect(page()).toBeUndefined();
    expect(shown()).toEqual([53]);
  });

  describe('the unscheduled tray', () => {
    const [waiting] = agenda.unscheduled;
    /** What is under the pointer: the test DOM has no layout, nor elementsFromPoint. */
    const hitTest = (els: Element[]) =>
      Object.defineProperty(document, 'elementsFromPoint', { value: () => els, configurable: true });
    afterEach(() => {
      delete (document as { elementsFromPoint?: unknown }).elementsFromPoint;
    });

    it('lists unscheduled sessions and schedules one through the session form', async () => {
      const { el, calls } = await start();
      const items = $$(el, '[data-testid="tray-item"]');
      expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining(waiting!.session.title)]);
      await click($(items[0]!, '[data-testid="tray-schedule"]'));
      expect(lastCall(calls, 'session_form')?.args).toEqual({ id: waiting!.session.id });
      const form = $<HTMLFormElement>(document, 'form[data-testid="session-form"]')!;
      expect($<HTMLInputElement>(form, '[name="day"]')?.value).toBe('');
    });

    it('follows the event filter', async () => {
      const { el } = await start();
      const dialogue = eventNamed('Commemorative Dialogue', overview);
      expect(waiting!.session.event_id).not.toBe(dialogue.id);
      await choose($(el, '[data-testid="filter-event"]'), String(dialogue.id));
      await settle();
      flushSync();
      expect($$(el, '[data-testid="tray-item"]')).toHaveLength(0);
    });

    it('places a session dropped on the grid at the snapped time under the pointer', async () => {
      const { el, calls } = await start({ move_session: (args) => ({ ...copy(waiting!.session), start: args.start }) });
      // The second day's column, 800px tall from 08:00 (20px per 15 minutes).
      const tuesday = $$(el, '.ec-body .ec-day')[1]!;
      vi.spyOn(tuesday, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 100, 100, 800));
      Object.defineProperty(tuesday, 'offsetHeight', { value: 800 });
      hitTest([tuesday]);
      const item = $(el, '[data-testid="tray-item"] .tray-title')!;
      item.dispatchEvent(new PointerEvent('pointerdown', { button: 0, clientX: 0, clientY: 0, bubbles: true }));
      // 100px below the top is 75 minutes after 08:00: 09:15.
      window.dispatchEvent(new PointerEvent('pointermove', { clientX: 50, clientY: 200, bubbles: true }));
      flushSync();
      expect($(el, '[data-testid="tray-hint"]')?.textContent?.trim()).toBe('Release to place at Tue 19 Nov, 09:15.');
      window.dispatchEvent(new PointerEvent('pointerup', { clientX: 50, clientY: 200, bubbles: true }));
      await settle();
      vi.restoreAllMocks();
      expect(lastCall(calls, 'move_session')?.args).toEqual({ id: waiting!.session.id, start: '2024-11-19T09:15:00', roomId: null });
    });

    it('places nothing when dropped off the grid', async () => {
      const { el, calls } = await start({ move_session: () => copy(waiting!.session) });
      hitTest([document.body]);
      const item = $(el, '[data-testid="tray-item"] .tray-title')!;
      item.dispatchEvent(new PointerEvent('pointerdown', { button: 0, clientX: 0, clientY: 0, bubbles: true }));
      window.dispatchEvent(new PointerEvent('pointermove', { clientX: 50, clientY: 200, bubbles: true }));
      flushSync();
      expect($(el, '[data-testid="tray-hint"]')?.textContent?.trim()).toBe('Drop onto the week or day grid.');
      window.dispatchEvent(new PointerEvent('pointerup', { clientX: 50, clientY: 200, bubbles: true }));
      await settle();
      vi.restoreAllMocks();
      expect(lastCall(calls, 'move_session')).toBeUndefined();
    });
  });
});
