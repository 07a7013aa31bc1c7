// The live speaking list: the national updates running, Indonesia with the
// floor and 3:20 left when asked, Bangladesh waiting, Australia spoken 5:20
// of 5 minutes (the speaking scenario).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import LiveSpeakingList from './LiveSpeakingList.svelte';
import AgendaPage from '../agenda/AgendaPage.svelte';
import { backend, sampleHandlers, type Call, type Handler } from '../testing/backend';
import { loadedWorkspace, mountPage, mountWithWorkspace } from '../testing/mount';
import { agendaSession, copy, speaking } from '../testing/sample';
import { $, $$, click, press } from '../testing/dom';
import type { Answer } from '../ipc';

type Live = Answer<'liveSpeakingList'>;

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
  vi.useRealTimers();
});

const running = (): Live => copy(Object.values(speaking.liveListBySession)[0]!);
const SESSION = running().session_id;

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockIPC(backend({ ...sampleHandlers(speaking), ...handlers }, calls));
  const mounted = await mountWithWorkspace(LiveSpeakingList, { sessionId: SESSION });
  app = mounted.app;
  return { el: mounted.el, calls };
}

const text = (el: ParentNode, testid: string) => $(el, `[data-testid="${testid}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

/** The answer after Next: Indonesia spoke, Bangladesh has the floor with 3:00. */
function afterNext(): Live {
  const l = running();
  const indonesia = { ...l.current!, spoke_end: '2024-11-19T10:22:00', spoken_seconds: 100 };
  const bangladesh = { ...l.waiting[0]!, spoke_start: '2024-11-19T10:22:00', spoken_seconds: 0 };
  return { ...l, current: bangladesh, remaining_seconds: 180, waiting: [], spoken: [...l.spoken, indonesia], waiting_minutes: 0 };
}

describe('the live speaking list', () => {
  it('shows who has the floor, who waits and who spoke', async () => {
    const { el, calls } = await start();
    expect(calls.find((c) => c.cmd === 'live_speaking_list')?.args).toEqual({ sessionId: SESSION, at: null });
    expect(text(el, 'live-current-delegation')).toBe('Indonesia');
    expect(text(el, 'live-countdown')).toBe('3:20');
    expect(text(el, 'live-next')).toBe('Next speaker: Bangladesh');
    expect($$(el, '[data-testid="live-waiting"]').map((r) => r.querySelector('.org')?.textContent)).toEqual(['Bangladesh']);
    expect(text(el, 'live-spoken')).toBe('10:15–10:20 Australia 5:20 of 5 min · 0:20 over');
    expect(document.activeElement).toBe($(el, '[data-testid="live-next"]'));
  });

  it('counts down every second and goes red past the budget', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { el } = await start();
    expect(text(el, 'live-countdown')).toBe('3:20');
    vi.advanceTimersByTime(1000);
    flushSync();
    expect(text(el, 'live-countdown')).toBe('3:19');
    vi.advanceTimersByTime(199_000);
    flushSync();
    expect(text(el, 'live-countdown')).toBe('0:00');
    expect($(el, '[data-testid="live-current"]')?.classList.contains('over')).toBe(false);
    vi.advanceTimersByTime(25_000);
    flushSync();
    expect(text(el, 'live-countdown')).toBe('+0:25 over');
    expect($(el, '[data-testid="live-current"]')?.classList.contains('over')).toBe(true);
  });

  it('asks again every 30 seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { calls } = await start();
    const reads = () => calls.filter((c) => c.cmd === 'live_speaking_list').length;
    const before = reads();
    vi.advanceTimersByTime(29_000);
    expect(reads()).toBe(before);
    vi.advanceTimersByTime(1000);
    expect(reads()).toBe(before + 1);
  });

  it('calls the next speaker from the button, N or Space, and not while typing', async () => {
    // The backend answers the list as the last action left it.
    let now = running();
    const { el, calls } = await start({
      live_speaking_list: () => copy(now),
      call_next_speaker: () => {
        now = afterNext();
        return copy(now);
      },
    });
    const nexts = () => calls.filter((c) => c.cmd === 'call_next_speaker');
    await click($(el, '[data-testid="live-next"]'));
    expect(nexts().map((c) => c.args)).toEqual([{ sessionId: SESSION, at: null }]);
    expect(text(el, 'live-current-delegation')).toBe('Bangladesh');
    expect(text(el, 'live-countdown')).toBe('3:00');
    expect($$(el, '[data-testid="live-spoken"]')).toHaveLength(2);
    await press($(el, '[data-testid="live-list"]')!, 'n');
    await press($(el, '.turns')!, ' ');
    expect(nexts()).toHaveLength(3);
    await press($(el, '[data-testid="live-add"] input')!, 'n');
    await press($(el, '[data-testid="live-list"]')!, 'n', { ctrlKey: true });
    expect(nexts()).toHaveLength(3);
  });

  it('gives the floor out of order, moves and adds delegations', async () => {
    const two = running();
    two.waiting.push({ ...two.waiting[0]!, slot_id: 99, organisation_id: 5, delegation: 'India' });
    const { el, calls } = await start({
      live_speaking_list: () => copy(two),
      move_speaker: () => copy(two),
      start_turn: () => copy(two),
      add_speaker: () => copy(two),
    });
    const rows = $$(el, '[data-testid="live-waiting"]');
    expect(rows.map((r) => r.dataset.slotId)).toEqual([String(two.waiting[0]!.slot_id), '99']);
    await click(rows[0]!.querySelector('[aria-label="Move Bangladesh down"]'));
    expect(calls.find((c) => c.cmd === 'move_speaker')?.args).toEqual({
      sessionId: SESSION,
      slotId: two.waiting[0]!.slot_id,
      to: 1,
      at: null,
    });
    expect((rows[0]!.querySelector('[aria-label="Move Bangladesh up"]') as HTMLButtonElement).disabled).toBe(true);
    await click($$(el, '[data-testid="live-speak-now"]')[1]);
    expect(calls.find((c) => c.cmd === 'start_turn')?.args).toEqual({ sessionId: SESSION, slotId: 99, at: null });
  });

  it('shows a refusal in one line and keeps the list', async () => {
    const { el } = await start({
      call_next_speaker: () => {
        throw { code: 'invalid', message: 'session: “National updates” is cancelled; restore it first.', fields: [] };
      },
    });
    await click($(el, '[data-testid="live-next"]'));
    expect(text(el, 'live-problem')).toContain('is cancelled; restore it first.');
    expect(text(el, 'live-current-delegation')).toBe('Indonesia');
  });
});

describe('an empty list', () => {
  it('fills from the delegations in protocol order and runs', async () => {
    const empty: Live = { ...running(), current: null, remaining_seconds: null, waiting: [], spoken: [], waiting_minutes: 0 };
    let now = empty;
    const slots = [{ organisation_id: 4, person_id: null, minutes: 3 }];
    const { el, calls } = await start({
      live_speaking_list: () => copy(now),
      suggest_speaking_list: () => copy(slots),
      set_speaking_list: () => {
        const l = running();
        now = { ...empty, waiting: [{ ...l.current!, spoke_start: null, spoken_seconds: null, minutes: 3 }], waiting_minutes: 3 };
        return null;
      },
    });
    expect(text(el, 'live-next')).toBe('Next speaker');
    expect(($(el, '[data-testid="live-next"]') as HTMLButtonElement).disabled).toBe(true);
    await click($(el, '[data-testid="live-fill"]'));
    expect(calls.find((c) => c.cmd === 'suggest_speaking_list')?.args).toEqual({ sessionId: SESSION, minutes: 3 });
    expect(calls.find((c) => c.cmd === 'set_speaking_list')?.args).toEqual({ sessionId: SESSION, slots });
    expect(text(el, 'live-next')).toBe('Call Indonesia');
    expect($(el, '[data-testid="live-fill"]')).toBeNull();
    expect(document.activeElement).toBe($(el, '[data-testid="live-next"]'));
  });
});

describe('Run speaking list on the agenda', () => {
  it('is offered on statements sessions only and opens the live list', async () => {
    const calls: Call[] = [];
    mockIPC(backend(sampleHandlers(speaking), calls));
    const mounted = await mountPage(AgendaPage, loadedWorkspace());
    app = mounted.app;
    const el = mounted.el;
    const buttons = $$(el, '[data-testid="run-speaking-list"]');
    expect(buttons.length).toBe(2);
    const updates = agendaSession('National updates').session;
    const note = $(el, `[data-testid="agenda-outcome"][data-session-id="${updates.id}"]`)!;
    await click(note.querySelector('[data-testid="run-speaking-list"]'));
    const dialog = $(document.body, '[data-testid="live-dialog"]');
    expect(dialog).not.toBeNull();
    expect(text(document.body, 'live-current-delegation')).toBe('Indonesia');
    expect(calls.some((c) => c.cmd === 'live_speaking_list' && c.args.sessionId === updates.id)).toBe(true);
    await click($(document.body, '[data-testid="live-close"]'));
    expect($(document.body, '[data-testid="live-dialog"]')).toBeNull();
  });
});
