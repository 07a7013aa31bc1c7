import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import { agenda, apiError, backend, settle, type Call, type Handler } from '../testing/fixtures';
import { $, $$, choose, click, press, typeInto } from '../testing/dom';
import type { AgendaSession_Serialize, RetimePreview, RetimeRequest, SequenceBlock_Serialize, Session_Serialize } from '../ipc';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

/** Press on `from` and move to `to`, where the element at that point is `over`. */
function drag(from: Element, to: { x: number; y: number }, over: Element) {
  vi.spyOn(document, 'elementFromPoint').mockReturnValue(over);
  from.dispatchEvent(new PointerEvent('pointerdown', { button: 0, clientX: 0, clientY: 0, bubbles: true }));
  window.dispatchEvent(new PointerEvent('pointermove', { clientX: to.x, clientY: to.y, bubbles: true }));
  flushSync();
}

function release(at: { x: number; y: number }) {
  window.dispatchEvent(new PointerEvent('pointerup', { clientX: at.x, clientY: at.y, bubbles: true }));
  vi.restoreAllMocks();
}

function session(id: number, title: string, start: string, end: string, pinned = false): Session_Serialize {
  return {
    id,
    event_id: 10,
    title,
    kind: title === 'Lunch' ? 'meal' : 'discussion',
    start: `2024-11-18T${start}:00`,
    end: `2024-11-18T${end}:00`,
    room_id: 100,
    description: '',
    agenda_item: '',
    outcome: '',
    notes: '',
    pinned,
  };
}

const day: SequenceBlock_Serialize[] = [
  { session: session(21, 'Welcome', '09:00', '09:30'), minutes: 30 },
  { session: session(22, 'Briefing', '09:30', '10:30'), minutes: 60 },
  { session: session(23, 'Lunch', '12:30', '13:30', true), minutes: 60 },
];

const waiting: AgendaSession_Serialize = {
  session: { ...session(30, 'Press conference', '00:00', '00:00'), start: null, end: null, room_id: null },
  event_title: 'Commemorative Dialogue',
  event_short_name: 'Dialogue',
  room: null,
  roles: [],
  role_groups: [],
};

/** A preview placing blocks at the given "HH:MM" spans on 18 November. */
function placed(spans: [number, string, string][], overruns: string[] = []): RetimePreview {
  return {
    placed: spans.map(([id, from, to]) => ({ id, start: `2024-11-18T${from}:00`, end: `2024-11-18T${to}:00` })),
    overruns,
  };
}

/** The backend's ripple is tested in plenary-core; here it keeps the saved times. */
const asSaved = () => placed([[21, '09:00', '09:30'], [22, '09:30', '10:30'], [23, '12:30', '13:30']]);

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(
    backend(
      {
        sequence: (args) => (args.day === '2024-11-18' && args.roomId === 100 ? day : []),
        agenda: () => ({ ...agenda, unscheduled: [waiting] }),
        preview_retime: asSaved,
        ...handlers,
      },
      calls,
    ),
  );
  const el = document.createElement('div');
  document.body.appendChild(el);
  app = mount(App, { target: el });
  await settle();
  flushSync();
  await click($(el, '[data-testid="nav-sequence"]'));
  await settle();
  flushSync();
  return { el, calls };
}

const blocks = (el: ParentNode) => $$(el, '[data-testid="sequence-block"]');
const order = (el: ParentNode) => blocks(el).map((b) => Number(b.dataset.sessionId));
const times = (el: ParentNode) => blocks(el).map((b) => $(b, '[data-testid="block-time"]')?.textContent);
const block = (el: ParentNode, id: number) => $(el, `[data-testid="sequence-block"][data-session-id="${id}"]`)!;
const minutesOf = (el: ParentNode, id: number) => $<HTMLInputElement>(block(el, id), '[data-testid="block-minutes"]');
const lastCall = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).pop();

describe('Sequence page', () => {
  it('shows the first room’s first day in time order, from its first start', async () => {
    const { el, calls } = await start();
    expect(lastCall(calls, 'sequence')?.args).toEqual({ day: '2024-11-18', roomId: 100 });
    expect(order(el)).toEqual([21, 22, 23]);
    expect(times(el)).toEqual(['09:00–09:30', '09:30–10:30', '12:30–13:30']);
    expect($<HTMLInputElement>(el, '[data-testid="sequence-from"]')?.value).toBe('09:00');
    expect($(block(el, 23), '[data-testid="block-pin"]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('previews new lengths, gaps and a later start with the backend’s ripple', async () => {
    const { el, calls } = await start({
      preview_retime: (args) => {
        const r = args.request as RetimeRequest;
        if (r.from === '09:30' && r.gap_minutes === 10) {
          return placed([[21, '09:30', '10:15'], [22, '10:25', '11:25'], [23, '12:30', '13:30']]);
        }
        if (r.minutes.some(([id, m]) => id === 21 && m === 45)) {
          return placed([[21, '09:00', '09:45'], [22, '09:45', '10:45'], [23, '12:30', '13:30']]);
        }
        return asSaved();
      },
    });
    await typeInto(minutesOf(el, 21), '45');
    await settle();
    flushSync();
    expect(lastCall(calls, 'preview_retime')?.args).toEqual({
      request: {
        day: '2024-11-18',
        room_id: 100,
        from: '09:00',
        order: [21, 22, 23],
        minutes: [
          [21, 45],
          [22, 60],
          [23, 60],
        ],
        gap_minutes: 0,
      },
    });
    expect(times(el)).toEqual(['09:00–09:45', '09:45–10:45', '12:30–13:30']);
    expect(block(el, 21).textContent).toContain('was 09:00–09:30');
    await typeInto($(el, '[data-testid="sequence-gap"]') as HTMLInputElement, '10');
    await typeInto($(el, '[data-testid="sequence-from"]') as HTMLInputElement, '09:30');
    await settle();
    flushSync();
    expect(times(el)).toEqual(['09:30–10:15', '10:25–11:25', '12:30–13:30']);
    // Nothing is written by a preview.
    expect(lastCall(calls, 'retime')).toBeUndefined();
  });

  it('keeps the last preview while a length is not a number', async () => {
    const { el, calls } = await start();
    const asked = calls.filter((c) => c.cmd === 'preview_retime').length;
    await typeInto(minutesOf(el, 21), '');
    await settle();
    flushSync();
    expect(calls.filter((c) => c.cmd === 'preview_retime')).toHaveLength(asked);
    expect(times(el)).toEqual(['09:00–09:30', '09:30–10:30', '12:30–13:30']);
    expect($<HTMLButtonElement>(el, '[data-testid="sequence-apply"]')?.disabled).toBe(true);
  });

  it('warns before applying an order that runs into a pin', async () => {
    const overrun = '“Briefing” would overrun the pinned “Lunch” at 12:30 by 30 min';
    const { el } = await start({
      preview_retime: (args) =>
        (args.request as RetimeRequest).minutes.some(([id, m]) => id === 22 && m === 210)
          ? placed([[21, '09:00', '09:30'], [22, '09:30', '13:00'], [23, '12:30', '13:30']], [overrun])
          : asSaved(),
    });
    expect($(el, '[data-testid="ripple-warning"]')).toBeNull();
    await typeInto(minutesOf(el, 22), '210');
    await settle();
    flushSync();
    expect($(el, '[data-testid="ripple-warning"]')?.textContent).toContain(`Applying will be refused: ${overrun}.`);
  });

  it('reorders with the buttons and with Alt+Arrow keys, keeping focus on the block', async () => {
    const { el } = await start();
    await click($(block(el, 21), '[data-testid="block-down"]'));
    expect(order(el)).toEqual([22, 21, 23]);
    expect(document.activeElement).toBe(block(el, 21));
    await press(block(el, 21), 'ArrowDown', { altKey: true });
    expect(order(el)).toEqual([22, 23, 21]);
    await press(block(el, 21), 'ArrowUp', { altKey: true });
    await press(block(el, 21), 'ArrowUp', { altKey: true });
    expect(order(el)).toEqual([21, 22, 23]);
    expect(document.activeElement).toBe(block(el, 21));
    // Plain arrows do nothing to the order.
    await press(block(el, 21), 'ArrowDown');
    expect(order(el)).toEqual([21, 22, 23]);
  });

  it('reorders by drag and drop', async () => {
    const { el } = await start();
    // Drop on the upper half of Welcome: before it.
    const up = vi.spyOn(block(el, 21), 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 100, 400, 40));
    drag(block(el, 23), { x: 5, y: 110 }, block(el, 21));
    expect(block(el, 21).classList.contains('drop-before')).toBe(true);
    expect(block(el, 23).classList.contains('being-dragged')).toBe(true);
    release({ x: 5, y: 110 });
    await settle();
    flushSync();
    expect(order(el)).toEqual([23, 21, 22]);
    up.mockRestore();
  });

  it('keeps the order when a drag is dropped outside the list or cancelled', async () => {
    const { el } = await start();
    drag(block(el, 23), { x: 900, y: 900 }, document.body);
    release({ x: 900, y: 900 });
    drag(block(el, 23), { x: 5, y: 5 }, block(el, 21));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    release({ x: 5, y: 5 });
    await settle();
    flushSync();
    expect(order(el)).toEqual([21, 22, 23]);
    expect($(el, '.drop-before, .drop-after, .being-dragged')).toBeNull();
  });

  it('lets a press on a block’s length field edit, not drag', async () => {
    const { el } = await start();
    drag(minutesOf(el, 23)!, { x: 5, y: 5 }, block(el, 21));
    release({ x: 5, y: 5 });
    await settle();
    flushSync();
    expect(order(el)).toEqual([21, 22, 23]);
  });

  it('applies the order and lengths as one re-timing', async () => {
    const { el, calls } = await start({ retime: () => null });
    await typeInto(minutesOf(el, 22), '45');
    await click($(block(el, 22), '[data-testid="block-up"]'));
    await typeInto($(el, '[data-testid="sequence-gap"]') as HTMLInputElement, '5');
    await click($(el, '[data-testid="sequence-apply"]'));
    expect(lastCall(calls, 'retime')?.args).toEqual({
      request: {
        day: '2024-11-18',
        room_id: 100,
        from: '09:00',
        order: [22, 21, 23],
        minutes: [
          [22, 45],
          [21, 30],
          [23, 60],
        ],
        gap_minutes: 5,
      },
    });
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
    // Reloaded from the backend (this mock did not change anything).
    expect(order(el)).toEqual([21, 22, 23]);
  });

  it('shows the backend’s refusal and keeps the edits', async () => {
    const message = 'Refused: “Briefing” would overrun the pinned “Lunch” at 12:30 by 10 min.';
    const { el } = await start({
      retime: () => {
        throw apiError('pin_overrun', message);
      },
    });
    await typeInto(minutesOf(el, 22), '190');
    await click($(block(el, 22), '[data-testid="block-up"]'));
    await click($(el, '[data-testid="sequence-apply"]'));
    expect($(el, '[data-testid="planner-error"]')?.textContent).toContain(message);
    expect(order(el)).toEqual([22, 21, 23]);
    expect(minutesOf(el, 22)?.value).toBe('190');
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('');
  });

  it('keeps unsaved edits when pinning reloads the day', async () => {
    const { el, calls } = await start({ set_pinned: () => day[0]!.session });
    await typeInto(minutesOf(el, 22), '50');
    await click($(block(el, 21), '[data-testid="block-pin"]'));
    expect(lastCall(calls, 'set_pinned')?.args).toEqual({ id: 21, pinned: true });
    expect(minutesOf(el, 22)?.value).toBe('50');
  });

  it('duplicates a block and sends one to the tray', async () => {
    const { el, calls } = await start({ duplicate_session: () => day[0]!.session, unschedule_session: () => day[0]!.session });
    await click($(block(el, 22), '[data-testid="block-duplicate"]'));
    expect(lastCall(calls, 'duplicate_session')?.args).toEqual({ id: 22 });
    await click($(block(el, 21), '[data-testid="block-unschedule"]'));
    expect(lastCall(calls, 'unschedule_session')?.args).toEqual({ id: 21 });
  });

  it('schedules a session from the tray at the end of the room’s day', async () => {
    const { el, calls } = await start({ move_session: () => waiting.session });
    const tray = $(el, '[data-testid="unscheduled-tray"]')!;
    expect($$(tray, '[data-testid="tray-item"]').map((i) => i.dataset.sessionId)).toEqual(['30']);
    await click($(tray, '[data-testid="schedule-here"]'));
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: 30, start: '2024-11-18T13:30:00', roomId: 100 });
  });

  it('schedules a session dropped from the tray', async () => {
    const { el, calls } = await start({ move_session: () => waiting.session });
    drag($(el, '[data-testid="tray-item"] .tray-title')!, { x: 5, y: 5 }, $(el, '[data-testid="sequence-list"]')!);
    release({ x: 5, y: 5 });
    await settle();
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: 30, start: '2024-11-18T13:30:00', roomId: 100 });
  });

  it('plans another room and day', async () => {
    const { el, calls } = await start();
    await choose($(el, '[data-testid="sequence-room"]'), '101');
    expect(lastCall(calls, 'sequence')?.args).toEqual({ day: '2024-11-18', roomId: 101 });
    expect(blocks(el)).toHaveLength(0);
    await choose($(el, '[data-testid="sequence-day"]'), '2024-11-19');
    expect(lastCall(calls, 'sequence')?.args).toEqual({ day: '2024-11-19', roomId: 101 });
    // An empty day starts at the plan's day start.
    expect($<HTMLInputElement>(el, '[data-testid="sequence-from"]')?.value).toBe('08:00');
  });

  it('inserts a break across all rooms', async () => {
    let refuse = true;
    const { el, calls } = await start({
      insert_break: () => {
        if (refuse) throw apiError('pin_overrun', 'Refused: “Welcome” would overrun the pinned “Lunch” at 12:30 by 5 min.');
        return [40, 41];
      },
    });
    await click($(el, '[data-testid="insert-break"]'));
    const form = $<HTMLFormElement>(document, 'form[data-testid="break-form"]')!;
    await typeInto($(form, '[name="at"]') as HTMLInputElement, '10:30');
    await typeInto($(form, '[name="minutes"]') as HTMLInputElement, '20');
    await click($(form, '[data-testid="break-save"]'));
    expect($(form, '[data-testid="form-error"]')?.textContent).toContain('would overrun the pinned “Lunch”');
    refuse = false;
    await click($(form, '[data-testid="break-save"]'));
    expect(lastCall(calls, 'insert_break')?.args).toEqual({
      request: { day: '2024-11-18', at: '10:30', minutes: 20, kind: 'break', title: 'Coffee break' },
    });
    expect($(document, 'form[data-testid="break-form"]')).toBeNull();
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
  });

  it('asks for whole minutes before sending a break', async () => {
    const { el, calls } = await start();
    await click($(el, '[data-testid="insert-break"]'));
    const form = $<HTMLFormElement>(document, 'form[data-testid="break-form"]')!;
    await typeInto($(form, '[name="minutes"]') as HTMLInputElement, 'a quarter');
    await click($(form, '[data-testid="break-save"]'));
    expect($(form, '[data-testid="error-minutes"]')?.textContent).toBe('Give the length in whole minutes, e.g. 15.');
    expect(calls.some((c) => c.cmd === 'insert_break')).toBe(false);
  });

  it('duplicates a day', async () => {
    const { el, calls } = await start({ duplicate_day: () => [50] });
    await click($(el, '[data-testid="duplicate-day"]'));
    const form = $<HTMLFormElement>(document, 'form[data-testid="duplicate-day-form"]')!;
    expect($<HTMLSelectElement>(form, '[name="to"]')?.value).toBe('2024-11-19');
    await click($(form, '[data-testid="duplicate-day-save"]'));
    expect(lastCall(calls, 'duplicate_day')?.args).toEqual({ from: '2024-11-18', to: '2024-11-19' });
    expect($(document, 'form[data-testid="duplicate-day-form"]')).toBeNull();
  });
});
