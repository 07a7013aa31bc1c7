import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import { agenda, apiError, backend, overview, settle, type Call, type Handler } from '../testing/fixtures';
import { $, $$, choose, click, press } from '../testing/dom';
import type { Conflict_Serialize } from '../ipc';

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

const clash: Conflict_Serialize = {
  kind: 'person_double_booked',
  message: 'Ms Lynn Bell is in two sessions at once.',
  session_ids: [1],
  event_id: null,
  key: 'person:1',
  accepted: false,
};
const accepted: Conflict_Serialize = { ...clash, message: 'Foyer is double-booked.', session_ids: [2], key: 'room:2', accepted: true };

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(backend({ check_plan: () => ({ conflicts: [clash, accepted], unlisted: 0 }), ...handlers }, calls));
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
    expect(events.map((e) => e.dataset.sessionId).sort()).toEqual(['1', '2', '3']);
    const headers = $$(el, '.ec-col-head').map((h) => h.textContent?.trim());
    expect(headers).toEqual(['Mon 18 Nov', 'Tue 19 Nov']);
    const opening = event(el, 1)!;
    expect(opening.textContent).toContain('09:00–09:30');
    expect(opening.textContent).toContain('Opening remarks');
    expect(opening.textContent).toContain('Plenary Hall');
    expect(opening.textContent).toContain('Co-Chairs: Ms Lynn Bell (Australia); Indonesia — co-chair TBC');
    expect(event(el, 3)?.textContent).toContain('No room');
  });

  it('places events at the plan’s wall-clock time, not this computer’s', async () => {
    const { el } = await start();
    // The grid starts at the plan's 08:00 with 20px per 15 minutes: 09:00 is 80px down.
    expect(event(el, 1)?.getAttribute('style')).toContain('inset-block-start: 80px');
    expect($$(el, '.ec-sidebar .ec-slot time').map((t) => t.textContent)).toContain('09:00');
  });

  it('keeps a summer session at its wall-clock time when viewed in winter', async () => {
    // Today is in January (Berlin UTC+1); the meeting is in July (Berlin UTC+2).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2025, 0, 15, 12, 0));
    try {
      const july = (wall: string | null) => (wall ? wall.replace('2024-11-18', '2025-07-07').replace('2024-11-19', '2025-07-08') : wall);
      const summer = {
        ...agenda,
        days: agenda.days.map((d) => ({
          date: july(d.date)!,
          sessions: d.sessions.map((i) => ({ ...i, session: { ...i.session, start: july(i.session.start), end: july(i.session.end) } })),
        })),
      };
      const { el } = await start({
        overview: () => ({
          ...overview,
          plan: { ...overview.plan, first_day: '2025-07-07', last_day: '2025-07-08' },
          days: ['2025-07-07', '2025-07-08'],
        }),
        agenda: () => summer,
      });
      expect($$(el, '.ec-col-head').map((h) => h.textContent?.trim())).toEqual(['Mon 7 Jul', 'Tue 8 Jul']);
      expect(event(el, 1)?.textContent).toContain('09:00–09:30');
      expect(event(el, 1)?.getAttribute('style')).toContain('inset-block-start: 80px');
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
    const badge = $(event(el, 1)!, '[data-testid="conflict-badge"]');
    expect(badge?.textContent).toBe('!');
    expect(badge?.getAttribute('title')).toBe(clash.message);
    expect($(event(el, 2)!, '[data-testid="conflict-badge"]')).toBeNull();
  });

  it('colours events by kind, breaks muted', async () => {
    const { el } = await start();
    expect(event(el, 1)?.getAttribute('style')).toContain('background-color: #1f4b7a');
    expect(event(el, 2)?.classList.contains('is-pause')).toBe(true);
  });

  it('filters by kind, room and event', async () => {
    const { el } = await start();
    const shown = () => $$(el, '[data-testid="cal-event"]').map((e) => e.dataset.sessionId).sort();
    await choose($(el, '[data-testid="filter-kind"]'), 'break');
    expect(shown()).toEqual(['2']);
    await choose($(el, '[data-testid="filter-kind"]'), '');
    await choose($(el, '[data-testid="filter-room"]'), 'none');
    expect(shown()).toEqual(['3']);
    await choose($(el, '[data-testid="filter-room"]'), '');
    await choose($(el, '[data-testid="filter-event"]'), '10');
    expect(shown()).toEqual(['1', '2']);
  });

  it('moves a focused event by the snap step and by a day with the arrow keys', async () => {
    const { el, calls } = await start({ move_session: () => agenda.days[0]!.sessions[0]!.session });
    const opening = event(el, 1)!;
    opening.focus();
    const down = await press(opening, 'ArrowDown');
    expect(down.defaultPrevented).toBe(true);
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: 1, start: '2024-11-18T09:05:00', roomId: null });
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
    // The calendar re-renders; the session keeps the focus.
    await settle();
    expect((document.activeElement as HTMLElement | null)?.dataset.sessionId).toBe('1');
    await press(event(el, 1)!, 'ArrowRight');
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: 1, start: '2024-11-19T09:00:00', roomId: null });
    await press(event(el, 1)!, 'ArrowUp');
    expect(lastCall(calls, 'move_session')?.args).toMatchObject({ start: '2024-11-18T08:55:00' });
  });

  it('shows a refused move in the planner banner', async () => {
    const message = 'Refused: “Opening remarks” would overlap the pinned “Lunch” at 09:00.';
    const { el, calls } = await start({
      move_session: () => {
        throw apiError('pin_overrun', message);
      },
      // A fresh copy each time, as from the real backend: the calendar re-renders.
      agenda: () => structuredClone(agenda),
    });
    const loads = calls.filter((c) => c.cmd === 'agenda').length;
    const before = event(el, 1)!;
    before.focus();
    await press(before, 'ArrowDown');
    expect($(el, '[data-testid="planner-error"]')?.textContent).toContain(message);
    // The calendar was reloaded from the backend (nothing changed there).
    expect(calls.filter((c) => c.cmd === 'agenda').length).toBe(loads + 1);
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('');
    await settle();
    expect(event(el, 1)).not.toBe(before);
    expect(document.activeElement).toBe(event(el, 1));
  });

  it('deletes a focused event with Delete and says how to undo', async () => {
    const { el, calls } = await start({ delete_session: () => null });
    await press(event(el, 1)!, 'Delete');
    expect(lastCall(calls, 'delete_session')?.args).toEqual({ id: 1 });
    expect($(el, '[data-testid="notice"]')?.textContent).toContain('Deleted “Opening remarks”. Ctrl+Z to undo.');
  });

  it('opens the session form when an event is clicked', async () => {
    const s = agenda.days[0]!.sessions[0]!.session;
    const { el, calls } = await start({
      session_form: () => ({
        event_id: s.event_id,
        title: s.title,
        kind: s.kind,
        day: '2024-11-18',
        start_time: '09:00',
        end_time: '09:30',
        room_id: s.room_id,
        description: '',
        agenda_item: '1',
        outcome: '',
        notes: '',
      }),
    });
    await click(event(el, 1));
    expect(lastCall(calls, 'session_form')?.args).toEqual({ id: 1 });
    const form = $<HTMLFormElement>(document, 'form[data-testid="session-form"]')!;
    expect($<HTMLInputElement>(form, '[name="title"]')?.value).toBe('Opening remarks');
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
    expect(columns()).toEqual(['Plenary Hall', 'Foyer']);
    expect($$(el, '[data-testid="cal-event"]').map((e) => e.dataset.sessionId).sort()).toEqual(['1', '2']);
    await choose($(el, '[data-testid="calendar-day"]'), '2024-11-19');
    await settle();
    flushSync();
    expect(columns()).toEqual(['Plenary Hall', 'Foyer', 'No room']);
    expect($$(el, '[data-testid="cal-event"]').map((e) => e.dataset.sessionId)).toEqual(['3']);
  });

  it('has a list view', async () => {
    const { el } = await start();
    await click($(el, '[data-testid="view-list"]'));
    await settle();
    flushSync();
    expect($(el, '.ec-list')).not.toBeNull();
    expect($$(el, '[data-testid="cal-event"]').map((e) => e.dataset.sessionId)).toEqual(['1', '2', '3']);
  });

  it('shows many rooms eight at a time, in the week view and the day view', async () => {
    // Ten rooms, one session each on the first day at 09:00.
    const rooms = Array.from({ length: 10 }, (_, i) => ({ id: 200 + i, name: `Room ${i + 1}`, capacity: null, notes: '' }));
    const template = agenda.days[0]!.sessions[0]!;
    const sessions = rooms.map((r, i) => ({
      ...template,
      session: { ...template.session, id: 50 + i, title: `Talk ${i + 1}`, room_id: r.id },
      room: r.name,
      roles: [],
    }));
    const { el } = await start({
      overview: () => ({ ...overview, rooms }),
      agenda: () => ({ ...agenda, days: [{ date: '2024-11-18', sessions }, { date: '2024-11-19', sessions: [] }], unscheduled: [] }),
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
    const waiting = {
      ...agenda.days[0]!.sessions[0]!,
      session: { ...agenda.days[0]!.sessions[0]!.session, id: 30, title: 'Press conference', start: null, end: null },
      roles: [],
    };
    const withTray = { ...agenda, unscheduled: [waiting] };
    /** What is under the pointer: the test DOM has no layout, nor elementsFromPoint. */
    const hitTest = (els: Element[]) =>
      Object.defineProperty(document, 'elementsFromPoint', { value: () => els, configurable: true });
    afterEach(() => {
      delete (document as { elementsFromPoint?: unknown }).elementsFromPoint;
    });

    it('lists unscheduled sessions and schedules one through the session form', async () => {
      const { el, calls } = await start({ agenda: () => withTray });
      const items = $$(el, '[data-testid="tray-item"]');
      expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining('Press conference')]);
      await click($(items[0]!, '[data-testid="tray-schedule"]'));
      expect(lastCall(calls, 'session_form')?.args).toEqual({ id: 30 });
    });

    it('follows the event filter', async () => {
      const { el } = await start({ agenda: () => withTray });
      await choose($(el, '[data-testid="filter-event"]'), '11');
      await settle();
      flushSync();
      expect($$(el, '[data-testid="tray-item"]')).toHaveLength(0);
    });

    it('places a session dropped on the grid at the snapped time under the pointer', async () => {
      const { el, calls } = await start({ agenda: () => withTray, move_session: () => waiting.session });
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
      expect(lastCall(calls, 'move_session')?.args).toEqual({ id: 30, start: '2024-11-19T09:15:00', roomId: null });
    });

    it('places nothing when dropped off the grid', async () => {
      const { el, calls } = await start({ agenda: () => withTray, move_session: () => waiting.session });
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
