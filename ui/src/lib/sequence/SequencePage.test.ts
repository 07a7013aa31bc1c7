import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import { backend, recorded, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, choose, click, press, typeInto } from '../testing/dom';
import { agendaSession, copy, planning } from '../testing/sample';
import type { RetimePreview } from '../ipc';

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

// The sample week part-way through planning. The Dialogue's morning in the
// Plenary Hall: the opening (09:00–09:30), the review of the decade
// (09:30–10:15) and the panel, pinned at 10:45–12:30. The awareness
// discussion waits in the tray.
const { agenda, overview } = planning;
const [foyer, hall] = overview.rooms;
const opening = agendaSession('Opening remarks', agenda).session.id;
const decade = agendaSession('A decade', agenda).session.id;
const panel = agendaSession('Panel discussion', agenda).session.id;
const [waiting] = agenda.unscheduled;
/** The request the page sends for the Dialogue's morning in the hall. */
const morning = (order: number[], minutes: number[], from = '09:00', gap = 0) => ({
  request: {
    day: '2024-11-18',
    room_id: hall!.id,
    from,
    order,
    minutes: order.map((id, i) => [id, minutes[i]]),
    gap_minutes: gap,
  },
});

/** The App on the Sequence page, showing the Dialogue's morning in the Plenary Hall (or the first room). */
async function start(handlers: Record<string, Handler> = {}, room = hall!) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(
    backend(
      {
        ...sampleHandlers(planning),
        preview_retime: recorded(planning.retimePreviews, 'preview_retime'),
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
  if (room !== foyer) await choose($(el, '[data-testid="sequence-room"]'), String(room.id));
  return { el, calls };
}

const blocks = (el: ParentNode) => $$(el, '[data-testid="sequence-block"]');
const order = (el: ParentNode) => blocks(el).map((b) => Number(b.dataset.sessionId));
const times = (el: ParentNode) => blocks(el).map((b) => $(b, '[data-testid="block-time"]')?.textContent);
const block = (el: ParentNode, id: number) => $(el, `[data-testid="sequence-block"][data-session-id="${id}"]`)!;
const minutesOf = (el: ParentNode, id: number) => $<HTMLInputElement>(block(el, id), '[data-testid="block-minutes"]');
const lastCall = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).pop();

describe('Sequence page', () => {
  it('shows the first room’s first day in time order, at its saved times, proposing nothing until an edit', async () => {
    const { el, calls } = await start({}, foyer!);
    expect(lastCall(calls, 'sequence')?.args).toEqual({ day: '2024-11-18', roomId: foyer!.id });
    const coffee = agendaSession('Coffee break', agenda).session.id;
    const lunch = agendaSession('Lunch', agenda).session.id;
    expect(order(el)).toEqual([coffee, lunch]);
    // Lunch keeps its saved time: nothing was edited, so nothing is proposed.
    expect(times(el)).toEqual(['10:15–10:45', '12:30–13:30']);
    expect(block(el, lunch).textContent).not.toContain('was');
    expect(lastCall(calls, 'preview_retime')).toBeUndefined();
    expect($<HTMLButtonElement>(el, '[data-testid="sequence-apply"]')?.disabled).toBe(true);
    expect($<HTMLInputElement>(el, '[data-testid="sequence-from"]')?.value).toBe('10:15');
    // Laid end to end once From is edited (here to the same start), lunch would follow the coffee break at once.
    await typeInto($(el, '[data-testid="sequence-from"]') as HTMLInputElement, '10:15');
    await settle();
    flushSync();
    expect(lastCall(calls, 'preview_retime')).toBeDefined();
    expect(times(el)).toEqual(['10:15–10:45', '10:45–11:45']);
    expect(block(el, lunch).textContent).toContain('was 12:30–13:30');

    await choose($(el, '[data-testid="sequence-room"]'), String(hall!.id));
    expect(lastCall(calls, 'sequence')?.args).toEqual({ day: '2024-11-18', roomId: hall!.id });
    expect(order(el)).toEqual([opening, decade, panel]);
    expect(times(el)).toEqual(['09:00–09:30', '09:30–10:15', '10:45–12:30']);
    expect($<HTMLInputElement>(el, '[data-testid="sequence-from"]')?.value).toBe('09:00');
    expect($(block(el, panel), '[data-testid="block-pin"]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('previews new lengths, gaps and a later start with the backend’s ripple', async () => {
    const { el, calls } = await start();
    await typeInto(minutesOf(el, opening), '45');
    await settle();
    flushSync();
    expect(lastCall(calls, 'preview_retime')?.args).toEqual(morning([opening, decade, panel], [45, 45, 105]));
    expect(times(el)).toEqual(['09:00–09:45', '09:45–10:30', '10:45–12:30']);
    expect(block(el, opening).textContent).toContain('was 09:00–09:30');
    await typeInto($(el, '[data-testid="sequence-gap"]') as HTMLInputElement, '10');
    expect(times(el)).toEqual(['09:00–09:45', '09:55–10:40', '10:45–12:30']);
    await typeInto($(el, '[data-testid="sequence-from"]') as HTMLInputElement, '09:30');
    await settle();
    flushSync();
    expect(lastCall(calls, 'preview_retime')?.args).toEqual(morning([opening, decade, panel], [45, 45, 105], '09:30', 10));
    expect(times(el)).toEqual(['09:30–10:15', '10:25–11:10', '10:45–12:30']);
    expect($(el, '[data-testid="ripple-warning"]')?.textContent).toContain('would overrun the pinned');
    // Nothing is written by a preview.
    expect(lastCall(calls, 'retime')).toBeUndefined();
  });

  it('keeps the last preview while a length is not a number', async () => {
    const { el, calls } = await start();
    const asked = calls.filter((c) => c.cmd === 'preview_retime').length;
    await typeInto(minutesOf(el, opening), '');
    await settle();
    flushSync();
    expect(calls.filter((c) => c.cmd === 'preview_retime')).toHaveLength(asked);
    expect(times(el)).toEqual(['09:00–09:30', '09:30–10:15', '10:45–12:30']);
    expect($<HTMLButtonElement>(el, '[data-testid="sequence-apply"]')?.disabled).toBe(true);
  });

  it('warns before applying an order that runs into a pin', async () => {
    const { el, calls } = await start();
    expect($(el, '[data-testid="ripple-warning"]')).toBeNull();
    await typeInto(minutesOf(el, decade), '120');
    await settle();
    flushSync();
    const sent = morning([opening, decade, panel], [30, 120, 105]);
    expect(lastCall(calls, 'preview_retime')?.args).toEqual(sent);
    const preview = recorded(planning.retimePreviews, 'preview_retime')(sent) as RetimePreview;
    const [overrun] = preview.overruns;
    expect(overrun).toContain('would overrun the pinned “Panel discussion');
    expect($(el, '[data-testid="ripple-warning"]')?.textContent).toContain(`Applying will be refused: ${overrun}.`);
  });

  it('reorders with the buttons and with Alt+Arrow keys, keeping focus on the block', async () => {
    const { el } = await start();
    await click($(block(el, opening), '[data-testid="block-down"]'));
    expect(order(el)).toEqual([decade, opening, panel]);
    expect(document.activeElement).toBe(block(el, opening));
    await press(block(el, opening), 'ArrowDown', { altKey: true });
    expect(order(el)).toEqual([decade, panel, opening]);
    await press(block(el, opening), 'ArrowUp', { altKey: true });
    await press(block(el, opening), 'ArrowUp', { altKey: true });
    expect(order(el)).toEqual([opening, decade, panel]);
    expect(document.activeElement).toBe(block(el, opening));
    // Plain arrows do nothing to the order.
    await press(block(el, opening), 'ArrowDown');
    expect(order(el)).toEqual([opening, decade, panel]);
  });

  it('reorders by drag and drop', async () => {
    const { el } = await start();
    // Drop on the upper half of the opening: before it.
    const up = vi.spyOn(block(el, opening), 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 100, 400, 40));
    drag(block(el, panel), { x: 5, y: 110 }, block(el, opening));
    expect(block(el, opening).classList.contains('drop-before')).toBe(true);
    expect(block(el, panel).classList.contains('being-dragged')).toBe(true);
    release({ x: 5, y: 110 });
    await settle();
    flushSync();
    expect(order(el)).toEqual([panel, opening, decade]);
    // The pinned panel keeps its start; the others follow it.
    expect(times(el)).toEqual(['10:45–12:30', '12:30–13:00', '13:00–13:45']);
    up.mockRestore();
  });

  it('keeps the order when a drag is dropped outside the list or cancelled', async () => {
    const { el } = await start();
    drag(block(el, panel), { x: 900, y: 900 }, document.body);
    release({ x: 900, y: 900 });
    drag(block(el, panel), { x: 5, y: 5 }, block(el, opening));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    release({ x: 5, y: 5 });
    await settle();
    flushSync();
    expect(order(el)).toEqual([opening, decade, panel]);
    expect($(el, '.drop-before, .drop-after, .being-dragged')).toBeNull();
  });

  it('lets a press on a block’s length field edit, not drag', async () => {
    const { el } = await start();
    drag(minutesOf(el, panel)!, { x: 5, y: 5 }, block(el, opening));
    release({ x: 5, y: 5 });
    await settle();
    flushSync();
    expect(order(el)).toEqual([opening, decade, panel]);
  });

  it('applies the order and lengths as one re-timing', async () => {
    const { el, calls } = await start({ retime: recorded(planning.retimes, 'retime') });
    await typeInto(minutesOf(el, decade), '50');
    await click($(block(el, decade), '[data-testid="block-up"]'));
    await typeInto($(el, '[data-testid="sequence-gap"]') as HTMLInputElement, '5');
    expect(times(el)).toEqual(['09:00–09:50', '09:55–10:25', '10:45–12:30']);
    await click($(el, '[data-testid="sequence-apply"]'));
    expect(lastCall(calls, 'retime')?.args).toEqual(morning([decade, opening, panel], [50, 30, 105], '09:00', 5));
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
    // Reloaded from the backend (this mock did not change anything).
    expect(order(el)).toEqual([opening, decade, panel]);
  });

  it('shows the backend’s refusal and keeps the edits', async () => {
    const refused = planning.refusals.retimeOverrun!;
    const { el } = await start({ retime: recorded([], 'retime', [refused]) });
    await typeInto(minutesOf(el, decade), '190');
    await click($(block(el, decade), '[data-testid="block-up"]'));
    await click($(el, '[data-testid="sequence-apply"]'));
    expect($(el, '[data-testid="planner-error"]')?.textContent).toContain(refused.error.message);
    expect(order(el)).toEqual([decade, opening, panel]);
    expect(minutesOf(el, decade)?.value).toBe('190');
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('');
  });

  it('keeps unsaved edits when pinning reloads the day', async () => {
    const { el, calls } = await start({ set_pinned: (args) => ({ ...copy(agendaSession('Opening remarks', agenda).session), pinned: args.pinned }) });
    await typeInto(minutesOf(el, decade), '50');
    await click($(block(el, opening), '[data-testid="block-pin"]'));
    expect(lastCall(calls, 'set_pinned')?.args).toEqual({ id: opening, pinned: true });
    expect(minutesOf(el, decade)?.value).toBe('50');
  });

  it('duplicates a block and sends one to the tray', async () => {
    const session = (id: number) => () => copy(agenda.days[0]!.sessions.find((s) => s.session.id === id)!.session);
    const { el, calls } = await start({ duplicate_session: session(decade), unschedule_session: session(opening) });
    await click($(block(el, decade), '[data-testid="block-duplicate"]'));
    expect(lastCall(calls, 'duplicate_session')?.args).toEqual({ id: decade });
    await click($(block(el, opening), '[data-testid="block-unschedule"]'));
    expect(lastCall(calls, 'unschedule_session')?.args).toEqual({ id: opening });
  });

  it('copies a block to the same time on the next day', async () => {
    const panelSession = copy(agenda.days[0]!.sessions.find((s) => s.session.id === panel)!.session);
    const { el, calls } = await start({ copy_to_next_day: () => ({ ...panelSession, id: 999 }) });
    await click($(block(el, panel), '[data-testid="block-tomorrow"]'));
    expect(lastCall(calls, 'copy_to_next_day')?.args).toEqual({ id: panel });
  });

  it('schedules a session from the tray at the end of the room’s day', async () => {
    const { el, calls } = await start({ move_session: () => copy(waiting!.session) });
    const tray = $(el, '[data-testid="unscheduled-tray"]')!;
    expect($$(tray, '[data-testid="tray-item"]').map((i) => Number(i.dataset.sessionId))).toEqual([waiting!.session.id]);
    await click($(tray, '[data-testid="schedule-here"]'));
    // After the pinned panel, which ends the morning at 12:30.
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: waiting!.session.id, start: '2024-11-18T12:30:00', roomId: hall!.id });
  });

  it('puts the day’s sessions whose time is to be confirmed in the tray, first', async () => {
    // The Dialogue's closing, kept on Monday without its times.
    const answer = copy(agenda);
    const monday = answer.days.find((d) => d.date === '2024-11-18')!;
    const closing = monday.sessions[monday.sessions.length - 1]!;
    closing.session.day = '2024-11-18';
    closing.session.start = null;
    closing.session.end = null;
    const { el } = await start({ agenda: () => answer });
    const tray = $(el, '[data-testid="unscheduled-tray"]')!;
    expect($$(tray, '[data-testid="tray-item"]').map((i) => Number(i.dataset.sessionId))).toEqual([
      closing.session.id,
      waiting!.session.id,
    ]);
  });

  it('schedules a session dropped from the tray', async () => {
    const { el, calls } = await start({ move_session: () => copy(waiting!.session) });
    drag($(el, '[data-testid="tray-item"] .tray-title')!, { x: 5, y: 5 }, $(el, '[data-testid="sequence-list"]')!);
    release({ x: 5, y: 5 });
    await settle();
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: waiting!.session.id, start: '2024-11-18T12:30:00', roomId: hall!.id });
  });

  it('does not carry a gap typed for one room’s day over to another', async () => {
    const { el, calls } = await start({ retime: recorded(planning.retimes, 'retime') });
    await typeInto($(el, '[data-testid="sequence-gap"]') as HTMLInputElement, '10');
    expect($<HTMLButtonElement>(el, '[data-testid="sequence-apply"]')?.disabled).toBe(false);
    await choose($(el, '[data-testid="sequence-room"]'), String(foyer!.id));
    expect($<HTMLInputElement>(el, '[data-testid="sequence-gap"]')?.value).toBe('0');
    expect($<HTMLButtonElement>(el, '[data-testid="sequence-apply"]')?.disabled).toBe(true);
    await choose($(el, '[data-testid="sequence-room"]'), String(hall!.id));
    await typeInto(minutesOf(el, decade), '50');
    await click($(el, '[data-testid="sequence-apply"]'));
    expect(lastCall(calls, 'retime')?.args).toEqual(morning([opening, decade, panel], [30, 50, 105]));
  });

  it('plans another room and day', async () => {
    const { el, calls } = await start();
    await choose($(el, '[data-testid="sequence-room"]'), String(foyer!.id));
    expect(lastCall(calls, 'sequence')?.args).toEqual({ day: '2024-11-18', roomId: foyer!.id });
    expect(blocks(el)).toHaveLength(2);
    await choose($(el, '[data-testid="sequence-day"]'), '2024-11-19');
    expect(lastCall(calls, 'sequence')?.args).toEqual({ day: '2024-11-19', roomId: foyer!.id });
    expect(blocks(el)).toHaveLength(3);
    expect($<HTMLInputElement>(el, '[data-testid="sequence-from"]')?.value).toBe('10:00');
  });

  it('starts an empty day at the plan’s day start', async () => {
    const { el } = await start({ sequence: () => [] });
    expect(blocks(el)).toHaveLength(0);
    expect($<HTMLInputElement>(el, '[data-testid="sequence-from"]')?.value).toBe('08:00');
  });

  it('inserts a break across all rooms', async () => {
    const refused = planning.refusals.breakOverrun!;
    const [accepted] = planning.breaks;
    const { el, calls } = await start({ insert_break: recorded(planning.breaks, 'insert_break', [refused]) });
    await click($(el, '[data-testid="insert-break"]'));
    const form = $<HTMLFormElement>(document, 'form[data-testid="break-form"]')!;
    await typeInto($(form, '[name="at"]') as HTMLInputElement, '10:30');
    await typeInto($(form, '[name="minutes"]') as HTMLInputElement, '20');
    await click($(form, '[data-testid="break-save"]'));
    expect(lastCall(calls, 'insert_break')?.args).toEqual(refused.args);
    expect($(form, '[data-testid="form-error"]')?.textContent).toContain(refused.error.message);
    await typeInto($(form, '[name="at"]') as HTMLInputElement, '10:15');
    await typeInto($(form, '[name="minutes"]') as HTMLInputElement, '15');
    await click($(form, '[data-testid="break-save"]'));
    expect(lastCall(calls, 'insert_break')?.args).toEqual(accepted!.args);
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
    const { el, calls } = await start({ duplicate_day: recorded(planning.dayCopies, 'duplicate_day') });
    await click($(el, '[data-testid="duplicate-day"]'));
    const form = $<HTMLFormElement>(document, 'form[data-testid="duplicate-day-form"]')!;
    expect($<HTMLSelectElement>(form, '[name="to"]')?.value).toBe('2024-11-19');
    await click($(form, '[data-testid="duplicate-day-save"]'));
    expect(lastCall(calls, 'duplicate_day')?.args).toEqual({ from: '2024-11-18', to: '2024-11-19' });
    expect($(document, 'form[data-testid="duplicate-day-form"]')).toBeNull();
  });
});
