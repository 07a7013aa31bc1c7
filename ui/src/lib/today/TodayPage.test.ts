import { afterEach, describe, expect, it } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import TodayPage from './TodayPage.svelte';
import { ASK, answer, apiError, backend, sampleHandlers, type Call, type Handler } from '../testing/backend';
import { loadedWorkspace, mountPage } from '../testing/mount';
import { copy, week } from '../testing/sample';
import { $, $$, click, typeInto } from '../testing/dom';
import type { Answer } from '../ipc';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

// The rehearsal clock reads 10:40 on Tuesday 19 November: the national
// updates are on in Plenary Hall (10:15–11:30), not started yet.
const at1040 = week.runToday.find((r) => r.args.at === '2024-11-19 10:40')!.answer;
const hallOf = (day: Answer<'today'>) => day.rooms.find((r) => r.room === 'Plenary Hall')!;
const hall = hallOf(at1040);
const previewOf = (roomId: number | null, minutes: number) =>
  week.previewDelays.find((p) => p.args.roomId === roomId && p.args.minutes === minutes)!.answer;

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockIPC(backend({ ...sampleHandlers(), ...handlers }, calls));
  const mounted = await mountPage(TodayPage, loadedWorkspace());
  app = mounted.app;
  return { el: mounted.el, calls, ws: mounted.ws };
}

const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);
const roomCard = (el: ParentNode, id: number) => $(el, `[data-testid="today-room"][data-room-id="${id}"]`)!;
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('Today page', () => {
  it('shows the pretend clock, and each room’s now, next and day', async () => {
    const { el, calls } = await start();
    expect(callsOf(calls, 'today')[0]?.args).toEqual({ at: null });
    expect(text($(el, '[data-testid="today-now"]'))).toBe('Tuesday 19 November 2024, 10:40');
    expect($(el, '[data-testid="today-rehearsal"]')).not.toBeNull();
    expect($$(el, '[data-testid="today-room"]').map((r) => text(r.querySelector('h2')))).toEqual(['Foyer', 'Plenary Hall']);

    const card = roomCard(el, hall.room_id!);
    expect(text(card.querySelector('[data-testid="today-now-session"]'))).toContain(
      'National updates from members and observers',
    );
    expect(text(card.querySelector('[data-testid="today-remaining"]'))).toBe('50 min left');
    expect(text(card.querySelector('[data-testid="today-next-session"]'))).toContain(
      'Updates from other Bali Process workstreams',
    );
    const rows = $$(card, '[data-testid="today-session"]');
    expect(rows).toHaveLength(hall.sessions.length);
    expect(text(rows[0]!.querySelector('[data-testid="today-planned"]'))).toBe('09:00\u201309:15');
    // The Foyer's day is breaks, marked.
    const foyer = $$(el, '[data-testid="today-room"]')[0]!;
    expect($$(foyer, 'tr.is-break').length).toBeGreaterThan(0);
    expect(text(foyer)).toContain('Break');
  });

  it('starts the session on now at the run clock’s time, and End takes the keyboard', async () => {
    const started = { ...copy(hall.now!), actual_start: '2024-11-19T10:40:00', status: 'running' as const };
    let running = false;
    const day = () => {
      const d = copy(at1040);
      if (running) hallOf(d).now = copy(started);
      return d;
    };
    const { el, calls } = await start({
      today: day,
      start_session: () => {
        running = true;
        return started;
      },
    });
    await click($(roomCard(el, hall.room_id!), '[data-testid="today-start"]'));
    expect(callsOf(calls, 'start_session').map((c) => c.args)).toEqual([{ id: hall.now!.id, at: null }]);
    const end = $(roomCard(el, hall.room_id!), '[data-testid="today-end"]');
    expect(end).not.toBeNull();
    expect(document.activeElement).toBe(end);
    expect(text($(roomCard(el, hall.room_id!), '[data-testid="today-now-session"]'))).toContain('started 10:40');
  });

  it('shows a refused start in the app’s notice, in one line', async () => {
    const { el, ws } = await start({
      start_session: () => {
        throw apiError('invalid', '“National updates from members and observers” is cancelled.', [
          { field: 'id', message: '“National updates from members and observers” is cancelled.' },
        ]);
      },
    });
    await click($(roomCard(el, hall.room_id!), '[data-testid="today-start"]'));
    expect(ws.notice).toEqual({ tone: 'error', text: '“National updates from members and observers” is cancelled.' });
  });

  it('absorbs a 20-minute overrun in two clicks: +20 shows what moves, Apply delays the room', async () => {
    const twenty = previewOf(hall.room_id!, 20);
    const { el, calls, ws } = await start({ delay: () => copy(twenty) });
    const card = roomCard(el, hall.room_id!);
    const form = `delay-room-${hall.room_id}`;
    await click($(card, `[data-testid="${form}-quick"][data-minutes="20"]`));
    expect(callsOf(calls, 'preview_delay').map((c) => c.args)).toEqual([{ roomId: hall.room_id, minutes: 20, at: null }]);
    const moves = $$(card, `[data-testid="${form}-move"]`).map(text);
    expect(moves).toContain('Updates from other Bali Process workstreams 11:30 \u2192 11:50');
    expect(text($(card, `[data-testid="${form}-result"]`))).toContain(twenty.summary);

    await click($(card, `[data-testid="${form}-apply"]`));
    expect(callsOf(calls, 'delay').map((c) => c.args)).toEqual([{ roomId: hall.room_id, minutes: 20, at: null }]);
    expect(ws.notice).toEqual({ tone: 'info', text: twenty.summary });
    expect($(card, `[data-testid="${form}-result"]`)).toBeNull();
  });

  it('delays every room from the form above the rooms, naming each session’s room', async () => {
    const { el, calls } = await start();
    await typeInto($<HTMLInputElement>(el, '[data-testid="delay-all-minutes"]'), '\u22125');
    await click($(el, '[data-testid="delay-all-preview"]'));
    expect(callsOf(calls, 'preview_delay').map((c) => c.args)).toEqual([{ roomId: null, minutes: -5, at: null }]);
    const first = previewOf(null, -5).moves[0]!;
    expect(text($(el, '[data-testid="delay-all-move"]'))).toContain(`(${first.room})`);
  });

  it('keeps Apply off while the delay would overrun a pinned session', async () => {
    const blocked = { ...copy(previewOf(hall.room_id!, 15)), overruns: ['“Closing” is pinned at 16:30 and would be overrun by 10 minutes.'] };
    const { el, calls } = await start({ preview_delay: () => blocked });
    const form = `delay-room-${hall.room_id}`;
    await click($(el, `[data-testid="${form}-quick"][data-minutes="15"]`));
    expect(text($(el, `[data-testid="${form}-overruns"]`))).toContain('pinned at 16:30');
    expect($<HTMLButtonElement>(el, `[data-testid="${form}-apply"]`)?.disabled).toBe(true);
    expect(callsOf(calls, 'delay')).toEqual([]);
  });

  it('says what is wrong with the minutes, in one line naming the field', async () => {
    const { el, calls } = await start();
    const form = `delay-room-${hall.room_id}`;
    await typeInto($<HTMLInputElement>(el, `[data-testid="${form}-minutes"]`), 'soon');
    await click($(el, `[data-testid="${form}-preview"]`));
    expect(text($(el, `[data-testid="${form}-error"]`))).toMatch(/^Minutes: /);
    expect(callsOf(calls, 'preview_delay')).toEqual([]);
  });

  it('asks before cancelling a session, and restores one without asking', async () => {
    const later = hall.sessions.find((s) => s.title.startsWith('Strengthening'))!;
    const { el, calls } = await start({ [ASK]: answer(false), cancel_session: () => null });
    const row = () => $(el, `[data-testid="today-session"][data-session-id="${later.id}"]`)!;
    await click($(row(), '[data-testid="today-cancel"]'));
    expect(callsOf(calls, ASK)).toHaveLength(1);
    expect(callsOf(calls, 'cancel_session')).toEqual([]);
  });

  it('cancels once confirmed, then lists the session struck through with Restore', async () => {
    const later = hall.sessions.find((s) => s.title.startsWith('Strengthening'))!;
    let cancelled = false;
    const day = (): Answer<'today'> => {
      const d = copy(at1040);
      const s = hallOf(d).sessions.find((x) => x.id === later.id)!;
      if (cancelled) Object.assign(s, { cancelled: true, status: 'cancelled' });
      return d;
    };
    const { el, calls } = await start({
      [ASK]: answer(true),
      cancel_session: (args) => {
        cancelled = args.cancelled === true;
        return null;
      },
      today: day,
    });
    const row = () => $(el, `[data-testid="today-session"][data-session-id="${later.id}"]`)!;
    await click($(row(), '[data-testid="today-cancel"]'));
    expect(callsOf(calls, 'cancel_session').map((c) => c.args)).toEqual([{ id: later.id, cancelled: true }]);
    expect(row().querySelector('s')?.textContent).toBe(later.title);
    expect(text(row().querySelector('[data-testid="today-status"]'))).toBe('Cancelled');
    await click($(row(), '[data-testid="today-restore"]'));
    expect(callsOf(calls, 'cancel_session').map((c) => c.args)[1]).toEqual({ id: later.id, cancelled: false });
    expect(callsOf(calls, ASK)).toHaveLength(1);
  });

  it('shows an overrun as a warning', async () => {
    const over = copy(at1040);
    Object.assign(hallOf(over), { remaining_minutes: -12 });
    const { el } = await start({ today: () => over });
    const remaining = $(roomCard(el, hall.room_id!), '[data-testid="today-remaining"]')!;
    expect(text(remaining)).toBe('overrunning by 12 min');
    expect(remaining.classList.contains('warning')).toBe(true);
  });

  it('outside the plan’s days, says so and offers to pretend it is the first day', async () => {
    const outside: Answer<'today'> = { ...copy(at1040), day: '2026-11-30', now: '2026-11-30T15:00:00', in_plan: false, rooms: [] };
    let clock = { now: outside.now, rehearsal: false };
    const { el, calls } = await start({
      today: () => outside,
      run_clock: () => clock,
      set_run_clock: (args) => (clock = { now: `${String(args.at).replace(' ', 'T')}:00`, rehearsal: true }),
    });
    expect(text($(el, '[data-testid="today-outside"]'))).toContain('Monday 30 November 2026 is not one of the plan');
    expect($(el, '[data-testid="today-rehearsal"]')).toBeNull();
    await click($(el, '[data-testid="today-pretend-first"]'));
    expect(callsOf(calls, 'set_run_clock').map((c) => c.args)).toEqual([{ at: '2024-11-18 09:00' }]);
    expect($(el, '[data-testid="today-rehearsal"]')).not.toBeNull();
    // The workspace re-reads today's date for the desk and the Print page.
    expect(callsOf(calls, 'plan_today').length).toBeGreaterThan(0);
  });

  it('pretends a day and time typed, and goes back to the real clock', async () => {
    const { el, calls } = await start({
      set_run_clock: (args) => (args.at ? { now: '2024-11-20T14:05:00', rehearsal: true } : { now: '2026-11-30T22:00:00', rehearsal: false }),
    });
    await click($(el, '[data-testid="today-pretend"]'));
    expect($<HTMLInputElement>(el, '[data-testid="today-pretend-day"]')?.value).toBe('2024-11-19');
    await typeInto($<HTMLInputElement>(el, '[data-testid="today-pretend-day"]'), '2024-11-20');
    await typeInto($<HTMLInputElement>(el, '[data-testid="today-pretend-time"]'), '14:05');
    $<HTMLFormElement>(el, 'form[aria-label="Pretend it is"]')!.requestSubmit();
    await click($(el, '[data-testid="today-real-clock"]'));
    expect(callsOf(calls, 'set_run_clock').map((c) => c.args)).toEqual([{ at: '2024-11-20 14:05' }, { at: null }]);
  });
  it('opens the live speaking list of a tour de table on now, and the hall display dialog', async () => {
    const { el, calls } = await start();
    const card = roomCard(el, hall.room_id!);
    // Only a statements session offers its speaking list.
    expect($(card, '[data-testid="today-speakers-next"]')).toBeNull();
    await click($(card, '[data-testid="today-speakers"]'));
    expect($(document.body, '[data-testid="live-dialog"]')).not.toBeNull();
    expect(callsOf(calls, 'live_speaking_list')[0]?.args).toMatchObject({ sessionId: hall.now!.id });
    await click($(document.body, '[data-testid="live-close"]'));
    expect($(document.body, '[data-testid="live-dialog"]')).toBeNull();

    await click($(el, '[data-testid="today-hall-display"]'));
    const rooms = $$(document.body, '[data-testid="hall-room-choice"] option').map((o) => text(o));
    expect(rooms).toContain('Plenary Hall');
  });
});
