import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import type { ErrorCode } from './lib/ipc';
import {
  ASK,
  agenda,
  answer,
  apiError,
  backend,
  deferred,
  planFile,
  settle,
  type Call,
  type Handler,
} from './lib/testing/fixtures';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  vi.useRealTimers();
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(backend(handlers, calls));
  const target = document.createElement('div');
  document.body.appendChild(target);
  app = mount(App, { target });
  await settle();
  flushSync();
  return { target, calls };
}

const $ = <T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T | null =>
  root.querySelector(selector) as T | null;
const $$ = <T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T[] =>
  Array.from(root.querySelectorAll(selector)) as T[];

/** The last call of `cmd`. */
const lastCall = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).pop();

async function click(el: HTMLElement | null | undefined) {
  if (!el) throw new Error('nothing to click');
  el.click();
  await settle();
  flushSync();
}

describe('App with a plan open', () => {
  it('shows the overview of the plan the backend opened', async () => {
    const { target, calls } = await start();
    expect($(target, '[data-testid="plan-title"]')?.textContent).toBe('Bangkok week');
    const cards = $$(target, '[data-testid="event-card"]');
    expect(cards.map((c) => c.querySelector('h3')?.textContent)).toEqual(['Commemorative Dialogue', 'Annual Meeting']);
    expect(cards[0]?.textContent).toContain('Senior Official Co-Chair: Ms Lynn Bell (Australia)');
    expect(cards[0]?.textContent).toContain('Co-Chair: Indonesia');
    expect(cards[0]?.textContent).toContain('17 Members · 9 Observers (including 5 civil society)');
    expect(cards[0]?.textContent).toContain('Monday 18 November 2024');
    expect($(target, '[data-testid="senior-officials"]')?.textContent).toContain('Australia, Indonesia');
    expect($$(target, '[data-testid="room-row"]')).toHaveLength(2);
    expect($(target, '[data-testid="time-zone"]')?.textContent).toBe('Times in Asia/Bangkok');
    expect($(target, '[data-testid="problem-count"]')?.textContent).toBe('1');
    expect(calls.find((c) => c.cmd === 'plugin:window|set_title')?.args).toMatchObject({
      value: 'Bangkok week — Bangkok week.plenary — Plenary',
    });
  });

  it('lists the problems on request', async () => {
    const { target } = await start();
    await click($(target, '[data-testid="problems-button"]'));
    expect($(target, '[data-testid="problems-panel"]')?.textContent).toContain('Annual Meeting has no co-chairs.');
  });

  it('shows every day of the agenda by default, with sessions in order', async () => {
    const { target, calls } = await start();
    await click($(target, '[data-testid="nav-agenda"]'));
    expect(lastCall(calls, 'agenda')?.args).toEqual({ day: null });
    const days = $$(target, '[data-testid="agenda-day"]');
    expect(days.map((d) => d.dataset.date)).toEqual(['2024-11-18', '2024-11-19']);
    expect(days[0]?.querySelector('h2')?.textContent).toBe('Monday 18 November 2024');
    const rows = $$(target, '[data-testid="session-row"]');
    expect(rows.map((r) => r.dataset.sessionId)).toEqual(['1', '2', '3']);
    expect(rows[0]?.textContent).toContain('09:00–09:30');
    expect(rows[0]?.textContent).toContain('Opening remarks');
    expect(rows[0]?.textContent).toContain('Co-Chairs: Ms Lynn Bell (Australia); Indonesia — co-chair TBC');
    expect(rows[0]?.textContent).toContain('Plenary Hall');
    expect(rows[1]?.classList.contains('pause')).toBe(true);
    expect($(target, '[role="tab"][aria-selected="true"]')?.textContent?.trim()).toBe('All days');
  });

  it('shows one day when its tab is chosen', async () => {
    const { target, calls } = await start();
    await click($(target, '[data-testid="nav-agenda"]'));
    await click($(target, '[data-testid="agenda-tab"][data-key="2024-11-19"]'));
    expect(lastCall(calls, 'agenda')?.args).toEqual({ day: '2024-11-19' });
    expect($$(target, '[data-testid="agenda-day"]').map((d) => d.dataset.date)).toEqual(['2024-11-19']);
  });

  it('edits a session from the agenda and says the change is saved', async () => {
    const session = agenda.days[0]!.sessions[0]!.session;
    const { target, calls } = await start({
      session_form: () => ({
        event_id: session.event_id,
        title: session.title,
        kind: session.kind,
        day: '2024-11-18',
        start_time: '09:00',
        end_time: '09:30',
        room_id: session.room_id,
        description: '',
        agenda_item: '1',
        outcome: '',
        notes: '',
      }),
      update_session: () => session,
    });
    await click($(target, '[data-testid="nav-agenda"]'));
    expect($(target, '[data-testid="save-status"]')?.textContent).toBe('');
    await click($(target, '[data-testid="session-row"][data-session-id="1"]'));
    const form = $<HTMLFormElement>(target, 'form[data-testid="session-form"]');
    expect($<HTMLInputElement>(form!, '[name="title"]')?.value).toBe('Opening remarks');
    const overviewLoads = calls.filter((c) => c.cmd === 'overview').length;
    await click($(form!, '[data-testid="session-save"]'));
    expect(calls.find((c) => c.cmd === 'update_session')?.args.id).toBe(1);
    expect($(target, 'form[data-testid="session-form"]')).toBeNull();
    expect($(target, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
    expect(calls.filter((c) => c.cmd === 'overview').length).toBe(overviewLoads + 1);
  });

  it('opens a new session on the selected day with that day’s event', async () => {
    const { target } = await start();
    await click($(target, '[data-testid="nav-agenda"]'));
    await click($(target, '[data-testid="agenda-tab"][data-key="2024-11-18"]'));
    await click($(target, '[data-testid="new-session"]'));
    const form = $<HTMLFormElement>(target, 'form[data-testid="session-form"]')!;
    expect($<HTMLInputElement>(form, '[name="day"]')?.value).toBe('2024-11-18');
    expect($<HTMLSelectElement>(form, '[name="event_id"]')?.selectedOptions[0]?.textContent).toBe('Dialogue');
  });

  it('moves and deletes a focused agenda row with the keyboard', async () => {
    const { target, calls } = await start({
      move_session: () => agenda.days[0]!.sessions[0]!.session,
      delete_session: () => null,
    });
    await click($(target, '[data-testid="nav-agenda"]'));
    const row = $(target, '[data-testid="session-row"][data-session-id="1"]')!;
    row.focus();
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: 1, start: '2024-11-18T09:05:00', roomId: null });
    expect($(target, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
    expect(document.activeElement).toBe($(target, '[data-testid="session-row"][data-session-id="1"]'));
    $(target, '[data-testid="session-row"][data-session-id="1"]')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true }),
    );
    await settle();
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: 1, start: '2024-11-17T09:00:00', roomId: null });
    $(target, '[data-testid="session-row"][data-session-id="1"]')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }),
    );
    await settle();
    flushSync();
    expect(lastCall(calls, 'delete_session')?.args).toEqual({ id: 1 });
    expect($(target, '[data-testid="notice"]')?.textContent).toContain('Deleted “Opening remarks”. Ctrl+Z to undo.');
  });

  it('has the plan pages in the sidebar', async () => {
    const { target } = await start();
    expect($$(target, 'nav[aria-label="Pages"] button').map((b) => [b.dataset.testid, b.textContent?.trim()])).toEqual([
      ['nav-overview', 'Overview'],
      ['nav-agenda', 'Agenda'],
      ['nav-calendar', 'Calendar'],
      ['nav-sequence', 'Sequence'],
      ['nav-board', 'Speakers'],
      ['nav-delegations', 'Delegations'],
      ['nav-people', 'People'],
      ['nav-desk', 'Check-in desk'],
      ['nav-import', 'Import attendees'],
      ['nav-print', 'Print'],
    ]);
  });

  it('edits the planner settings in the plan details', async () => {
    const { target, calls } = await start({
      plan_form: () => ({
        title: 'Bangkok week',
        convening_body: '',
        venue: '',
        city: '',
        time_zone: 'Asia/Bangkok',
        first_day: '2024-11-18',
        last_day: '2024-11-19',
        day_start: '08:00',
        day_end: '18:00',
        notes: '',
        snap_minutes: '5',
        changeover_minutes: '0',
      }),
      update_plan: () => planFile,
    });
    await click($(target, '[data-testid="edit-plan"]'));
    const form = $<HTMLFormElement>(document, 'form[data-testid="plan-form"]')!;
    const snap = $<HTMLInputElement>(form, '[name="snap_minutes"]')!;
    const changeover = $<HTMLInputElement>(form, '[name="changeover_minutes"]')!;
    expect(snap.value).toBe('5');
    expect(form.querySelector(`label[for="${snap.id}"]`)?.textContent).toBe('Snap to (minutes)');
    expect(form.querySelector(`label[for="${changeover.id}"]`)?.textContent).toBe('Changeover between rooms (minutes)');
    snap.value = '15';
    snap.dispatchEvent(new Event('input', { bubbles: true }));
    changeover.value = '10';
    changeover.dispatchEvent(new Event('input', { bubbles: true }));
    await click($(form, 'button[type="submit"]'));
    expect(lastCall(calls, 'update_plan')?.args.form).toMatchObject({ snap_minutes: '15', changeover_minutes: '10' });
  });

  it('opens a plan with Ctrl+O', async () => {
    const other = { path: '/plans/other.plenary', file_name: 'other.plenary', title: 'Other week' };
    const { target, calls } = await start({
      'plugin:dialog|open': () => other.path,
      open_plan: () => other,
    });
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', ctrlKey: true, bubbles: true }));
    await settle();
    flushSync();
    expect(calls.find((c) => c.cmd === 'open_plan')?.args).toEqual({ path: other.path });
    expect(lastCall(calls, 'plugin:window|set_title')?.args).toMatchObject({
      value: 'Other week — other.plenary — Plenary',
    });
    expect($(target, '.plan-ident-title')?.textContent).toBe('Other week');
  });
});

describe('File menu', () => {
  it('opens from the keyboard, moves with arrows and closes with Escape', async () => {
    const { target } = await start();
    const button = $<HTMLButtonElement>(target, '[data-testid="file-menu"]')!;
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    button.focus();
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await settle();
    flushSync();
    const menu = $(target, '[role="menu"]')!;
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = $$(menu, '[role="menuitem"]:not([aria-disabled="true"])');
    expect(items.map((i) => i.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'New plan…Ctrl+N',
      'Open…Ctrl+O',
      'Save a copy as…Ctrl+Shift+S',
      'Old week /plans/old.plenary',
    ]);
    expect(document.activeElement).toBe(items[0]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(document.activeElement).toBe(items[1]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    expect(document.activeElement).toBe(items[3]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    flushSync();
    expect($(target, '[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('offers to forget a recent plan that has gone', async () => {
    const { target, calls } = await start({
      open_plan: () => {
        throw apiError('missing_file', '/plans/old.plenary does not exist');
      },
      [ASK]: answer(true),
      forget_recent: () => [{ path: planFile.path, title: planFile.title }],
    });
    await click($(target, '[data-testid="file-menu"]'));
    const recent = $$(target, '[role="menuitem"]').find((i) => i.textContent?.includes('Old week'));
    await click(recent);
    expect(calls.find((c) => c.cmd === ASK)?.args.message).toContain('/plans/old.plenary does not exist.');
    expect(calls.find((c) => c.cmd === 'forget_recent')?.args).toEqual({ path: '/plans/old.plenary' });
    await click($(target, '[data-testid="file-menu"]'));
    expect($(target, '[role="menu"]')?.textContent).toContain('No other recent plans');
  });
});

describe('App without a plan', () => {
  it('shows the welcome screen with the reason and the recent files', async () => {
    const { target } = await start({
      startup: () => ({ plan: null, opening: { path: '/x/y.plenary', file_name: 'y.plenary' }, note: null }),
      open_at_start: () => {
        throw apiError('not_a_plan', '/x/y.plenary is not a Plenary plan');
      },
    });
    expect($(target, '[data-testid="open-error"]')?.textContent).toBe('/x/y.plenary is not a Plenary plan');
    expect($(target, '[data-testid="nav-overview"]')).toBeNull();
    const buttons = $$(target, '[data-testid="welcome"] button').map((b) => b.textContent?.trim());
    expect(buttons).toContain('New plan…');
    expect(buttons).toContain('Open…');
    expect($(target, '[data-testid="welcome"]')?.textContent).toContain('Old week');
  });

  it('creates a new plan: field errors keep the form open, then it opens', async () => {
    let attempts = 0;
    const created = { path: '/plans/Jakarta 2025.plenary', file_name: 'Jakarta 2025.plenary', title: 'Jakarta 2025' };
    const { target, calls } = await start({
      startup: () => ({ plan: null, opening: null, note: null }),
      'plugin:dialog|save': () => created.path,
      new_plan: () => {
        attempts += 1;
        if (attempts === 1) {
          throw apiError('invalid', 'Last day must not be before the first day.', [
            { field: 'last_day', message: 'Last day must not be before the first day.' },
          ]);
        }
        return created;
      },
    });
    await click($$(target, '[data-testid="welcome"] button').find((b) => b.textContent?.trim() === 'New plan…'));
    const form = $<HTMLFormElement>(document, 'form[data-testid="plan-form"]')!;
    const set = (name: string, value: string) => {
      const el = $<HTMLInputElement>(form, `[name="${name}"]`)!;
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    };
    set('title', 'Jakarta 2025');
    set('time_zone', 'Asia/Jakarta');
    set('first_day', '2025-03-10');
    set('last_day', '2025-03-01');
    await click($(form, 'button[type="submit"]'));
    expect(calls.find((c) => c.cmd === 'plugin:dialog|save')?.args).toMatchObject({
      options: { defaultPath: 'Jakarta 2025.plenary' },
    });
    expect($(form, '[data-testid="error-last_day"]')?.textContent).toBe('Last day must not be before the first day.');
    expect($<HTMLInputElement>(form, '[name="title"]')?.value).toBe('Jakarta 2025');

    set('last_day', '2025-03-12');
    await click($(form, 'button[type="submit"]'));
    // The path chosen the first time is used again.
    expect(calls.filter((c) => c.cmd === 'plugin:dialog|save')).toHaveLength(1);
    expect(lastCall(calls, 'new_plan')?.args).toMatchObject({
      path: created.path,
      form: { title: 'Jakarta 2025', last_day: '2025-03-12', day_start: '09:00' },
    });
    expect($(document, 'form[data-testid="plan-form"]')).toBeNull();
    expect($(target, '[data-testid="nav-overview"]')).not.toBeNull();
    expect($(target, '[data-testid="plan-title"]')).not.toBeNull();
  });
});

/** Run pending promises and fake timers up to `ms` from now, then draw. */
async function advance(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  flushSync();
}

/** Mounts the app with fake timers from the start (for the start-up open). */
async function startWithFakeTimers(handlers: Record<string, Handler>) {
  vi.useFakeTimers();
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(backend(handlers, calls));
  const target = document.createElement('div');
  document.body.appendChild(target);
  app = mount(App, { target });
  await advance();
  return { target, calls };
}

const slow = { path: '/plans/slow.plenary', file_name: 'slow.plenary', title: 'Slow week' };

describe('Opening a plan', () => {
  it('shows "Opening NAME…", offers Cancel after two seconds, and cancelling returns to the plan', async () => {
    const pending = deferred<typeof slow>();
    const { target, calls } = await start({
      'plugin:dialog|open': () => slow.path,
      open_plan: () => pending.promise,
    });
    vi.useFakeTimers();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', ctrlKey: true, bubbles: true }));
    await advance();
    expect($(target, '[data-testid="opening"]')?.textContent).toContain('Opening slow.plenary…');
    expect($(target, '[data-testid="plan-title"]')).toBeNull();
    expect($(target, '[data-testid="cancel-open"]')).toBeNull();
    await advance(1999);
    expect($(target, '[data-testid="cancel-open"]')).toBeNull();
    await advance(1);
    $(target, '[data-testid="cancel-open"]')!.click();
    await advance();
    expect(lastCall(calls, 'cancel_open')).toBeDefined();
    expect($(target, '[data-testid="opening"]')).toBeNull();
    expect($(target, '[data-testid="plan-title"]')?.textContent).toBe('Bangkok week');
    expect($(target, '[data-testid="notice"]')?.textContent).toContain(
      'Opening slow.plenary was cancelled. You are still working on Bangkok week.plenary.',
    );
    // The open finishing late changes nothing.
    pending.resolve(slow);
    await advance();
    expect($(target, '[data-testid="plan-title"]')?.textContent).toBe('Bangkok week');
    expect(calls.filter((c) => c.cmd === 'plan_shown').map((c) => c.args.path)).toEqual([planFile.path]);
  });

  it('shows the plan when the open finished before Cancel reached it', async () => {
    const pending = deferred<typeof slow>();
    const { target, calls } = await start({
      'plugin:dialog|open': () => slow.path,
      open_plan: () => pending.promise,
      cancel_open: () => false,
    });
    vi.useFakeTimers();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', ctrlKey: true, bubbles: true }));
    await advance(2000);
    $(target, '[data-testid="cancel-open"]')!.click();
    await advance();
    expect($(target, '[data-testid="opening"]')).not.toBeNull();
    pending.resolve(slow);
    await advance();
    expect($(target, '[data-testid="opening"]')).toBeNull();
    expect($(target, '.plan-ident-title')?.textContent).toBe('Slow week');
    expect(lastCall(calls, 'plan_shown')?.args).toEqual({ path: slow.path });
  });

  it('opens the start-up plan in the background, and Cancel goes to the welcome screen with a note', async () => {
    const pending = deferred<typeof slow>();
    const { target, calls } = await startWithFakeTimers({
      startup: () => ({ plan: null, opening: { path: slow.path, file_name: slow.file_name }, note: null }),
      open_at_start: () => pending.promise,
    });
    expect($(target, '[data-testid="opening"]')?.textContent).toContain('Opening slow.plenary…');
    await advance(2000);
    $(target, '[data-testid="cancel-open"]')!.click();
    await advance();
    expect($(target, '[data-testid="welcome"]')).not.toBeNull();
    expect($(target, '[data-testid="open-error"]')).toBeNull();
    expect($(target, '[data-testid="notice"]')?.textContent).toContain('Opening slow.plenary was cancelled.');
    expect($(target, '[data-testid="welcome"]')?.textContent).toContain('Old week');
    expect(calls.some((c) => c.cmd === 'plan_shown')).toBe(false);
  });

  it('starts on the welcome screen with the backend’s note when the last plan could not be opened', async () => {
    const note = 'Plenary did not reopen slow.plenary because it could not be opened last time.';
    const { target, calls } = await start({ startup: () => ({ plan: null, opening: null, note }) });
    expect($(target, '[data-testid="welcome"]')).not.toBeNull();
    expect($(target, '[data-testid="notice"]')?.textContent).toContain(note);
    expect($(target, '[data-testid="notice"]')?.getAttribute('role')).toBe('status');
    expect(calls.some((c) => c.cmd === 'open_at_start')).toBe(false);
  });

  it.each<[ErrorCode, string]>([
    ['not_a_plan', '/x/y.plenary is not a Plenary plan'],
    ['newer_version', '/x/y.plenary was made by a newer version of Plenary; update Plenary to open it'],
    ['missing_file', '/x/y.plenary does not exist'],
    ['damaged', '/x/y.plenary is damaged'],
  ])('shows a start-up failure (%s) as one line on the welcome screen', async (code, message) => {
    const { target } = await start({
      startup: () => ({ plan: null, opening: { path: '/x/y.plenary', file_name: 'y.plenary' }, note: null }),
      open_at_start: () => {
        throw apiError(code, message.replace('/x/y', '/x/two\nlines'));
      },
    });
    const line = $(target, '[data-testid="open-error"]')!;
    expect(line.dataset.code).toBe(code);
    expect(line.textContent).toBe(message.replace('/x/y', '/x/two lines'));
    expect($(target, '[data-testid="notice"]')).toBeNull();
  });

  it('a cancelled start-up open is a note, not an error', async () => {
    const { target } = await start({
      startup: () => ({ plan: null, opening: { path: slow.path, file_name: slow.file_name }, note: null }),
      open_at_start: () => {
        throw apiError('cancelled', 'Opening was cancelled.');
      },
    });
    expect($(target, '[data-testid="open-error"]')).toBeNull();
    expect($(target, '[data-testid="notice"]')?.textContent).toContain('Opening slow.plenary was cancelled.');
  });

  it('shows a failed open from the welcome screen there, in one line', async () => {
    const { target } = await start({
      startup: () => ({ plan: null, opening: null, note: null }),
      'plugin:dialog|open': () => '/x/new.plenary',
      open_plan: () => {
        throw apiError('newer_version', '/x/new.plenary was made by a newer version of Plenary');
      },
    });
    await click($$(target, '[data-testid="welcome"] button').find((b) => b.textContent?.trim() === 'Open…'));
    expect($(target, '[data-testid="open-error"]')?.textContent).toBe(
      '/x/new.plenary was made by a newer version of Plenary',
    );
    expect($(target, '[data-testid="welcome"]')).not.toBeNull();
  });
});
