import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import type { ApiError } from './lib/ipc';
import {
  ASK,
  answer,
  backend,
  deferred,
  recorded,
  refusal,
  sampleHandlers,
  settle,
  type Call,
  type Handler,
} from './lib/testing/backend';
import { agendaSession, copy, files, planning, refusals, week } from './lib/testing/sample';

// The window launches on the sample week's copy; the Spring week was made since.
const planFile = files.planFile;
const title = week.overview.plan.title;
const [, spring] = files.recentFiles;
const opening = agendaSession('Opening remarks').session;

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
    expect(lastCall(calls, 'open_at_start')).toBeDefined();
    expect($(target, '[data-testid="plan-title"]')?.textContent).toBe(title);
    const cards = $$(target, '[data-testid="event-card"]');
    expect(cards.map((c) => c.querySelector('h3')?.textContent)).toEqual(week.overview.events.map((e) => e.event.title));
    expect(cards[0]?.textContent).toContain('Senior Official Co-Chair: Ms Lynn Bell (Australia)');
    expect(cards[0]?.textContent).toContain('Working Group Co-Chair: Mr Caka Alverdi Awal (Indonesia)');
    expect(cards[0]?.textContent).toContain('17 Members · 9 Observers · 11 Guests · 1 Secretariat (including 5 civil society)');
    expect(cards[0]?.textContent).toContain('Monday 18 November 2024');
    expect($(target, '[data-testid="senior-officials"]')?.textContent).toContain(
      'Australia, Bangladesh, Cambodia, Indonesia, Maldives, Sri Lanka',
    );
    expect($$(target, '[data-testid="room-row"]')).toHaveLength(2);
    expect($(target, '[data-testid="time-zone"]')?.textContent).toBe('Times in Asia/Bangkok');
    // The sample week checks clean.
    expect($(target, '[data-testid="problem-count"]')?.textContent).toBe('0');
    expect(calls.find((c) => c.cmd === 'plugin:window|set_title')?.args).toMatchObject({
      value: `${title} — Sample meeting week.plenary — Plenary`,
    });
  });

  it('counts and lists the problems on request', async () => {
    const { target } = await start(sampleHandlers(planning));
    expect($(target, '[data-testid="problem-count"]')?.textContent).toBe('2');
    await click($(target, '[data-testid="problems-button"]'));
    const panel = $(target, '[data-testid="problems-panel"]')!;
    for (const c of planning.conflictList.conflicts) expect(panel.textContent).toContain(c.message);
  });

  it('shows every day of the agenda by default, with sessions in order', async () => {
    const { target, calls } = await start();
    await click($(target, '[data-testid="nav-agenda"]'));
    expect(lastCall(calls, 'agenda')?.args).toEqual({ day: null });
    const days = $$(target, '[data-testid="agenda-day"]');
    expect(days.map((d) => d.dataset.date)).toEqual(['2024-11-18', '2024-11-19', '2024-11-20']);
    expect(days[0]?.querySelector('h2')?.textContent).toBe('Monday 18 November 2024');
    const rows = $$(target, '[data-testid="session-row"]');
    expect(rows.map((r) => Number(r.dataset.sessionId))).toEqual(
      week.agenda.days.flatMap((d) => d.sessions.map((s) => s.session.id)),
    );
    expect(rows[0]?.dataset.sessionId).toBe(String(opening.id));
    expect(rows[0]?.textContent).toContain('09:00–09:30');
    expect(rows[0]?.textContent).toContain(opening.title);
    expect(rows[0]?.textContent).toContain('Co-Chairs: Ms Lynn Bell (Australia); Mr Tri Tharyat (Indonesia)');
    expect(rows[0]?.textContent).toContain('Plenary Hall');
    // The coffee break is a pause.
    expect(rows.map((r) => r.classList.contains('pause')).slice(0, 4)).toEqual([false, false, true, false]);
    expect($(target, '[role="tab"][aria-selected="true"]')?.textContent?.trim()).toBe('All days');
  });

  it('shows one day when its tab is chosen', async () => {
    const { target, calls } = await start();
    await click($(target, '[data-testid="nav-agenda"]'));
    await click($(target, '[data-testid="agenda-tab"][data-key="2024-11-19"]'));
    expect(lastCall(calls, 'agenda')?.args).toEqual({ day: '2024-11-19' });
    expect($$(target, '[data-testid="agenda-day"]').map((d) => d.dataset.date)).toEqual(['2024-11-19']);
    expect($$(target, '[data-testid="session-row"]')).toHaveLength(week.agendaByDay['2024-11-19']!.days[0]!.sessions.length);
  });

  it('edits a session from the agenda and says the change is saved', async () => {
    const { target, calls } = await start({ update_session: () => copy(opening) });
    await click($(target, '[data-testid="nav-agenda"]'));
    expect($(target, '[data-testid="save-status"]')?.textContent).toBe('');
    await click($(target, `[data-testid="session-row"][data-session-id="${opening.id}"]`));
    expect(lastCall(calls, 'session_form')?.args).toEqual({ id: opening.id });
    const form = $<HTMLFormElement>(target, 'form[data-testid="session-form"]');
    expect($<HTMLInputElement>(form!, '[name="title"]')?.value).toBe(opening.title);
    expect($<HTMLInputElement>(form!, '[name="start_time"]')?.value).toBe('09:00');
    const overviewLoads = calls.filter((c) => c.cmd === 'overview').length;
    await click($(form!, '[data-testid="session-save"]'));
    expect(lastCall(calls, 'update_session')?.args).toEqual({ id: opening.id, form: week.sessionFormBySession[opening.id] });
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
    expect($<HTMLSelectElement>(form, '[name="event_id"]')?.selectedOptions[0]?.textContent).toBe('Commemorative Dialogue');
  });

  it('moves and deletes a focused agenda row with the keyboard', async () => {
    const { target, calls } = await start({
      move_session: (args) => ({ ...copy(opening), start: args.start }),
      delete_session: () => null,
    });
    await click($(target, '[data-testid="nav-agenda"]'));
    const row = () => $(target, `[data-testid="session-row"][data-session-id="${opening.id}"]`)!;
    row().focus();
    row().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    // The plan snaps to 5 minutes.
    expect(week.overview.plan.snap_minutes).toBe(5);
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: opening.id, start: '2024-11-18T09:05:00', roomId: null });
    expect($(target, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
    expect(document.activeElement).toBe(row());
    row().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true }));
    await settle();
    expect(lastCall(calls, 'move_session')?.args).toEqual({ id: opening.id, start: '2024-11-17T09:00:00', roomId: null });
    row().dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    expect(lastCall(calls, 'delete_session')?.args).toEqual({ id: opening.id });
    expect($(target, '[data-testid="notice"]')?.textContent).toContain(`Deleted “${opening.title}”. Ctrl+Z to undo.`);
  });

  it('closes the problems panel on Escape and hands the focus back to its button on Close', async () => {
    const { target } = await start(sampleHandlers(planning));
    const button = $(target, '[data-testid="problems-button"]')!;
    await click(button);
    const panel = $(target, '[data-testid="problems-panel"]')!;
    expect(document.activeElement).toBe(panel);
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    expect($(target, '[data-testid="problems-panel"]')).toBeNull();
    expect(document.activeElement).toBe(button);

    await click(button);
    await click($(target, '[data-testid="problems-close"]'));
    expect($(target, '[data-testid="problems-panel"]')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('announces the page shown and lets its notice go when another page is chosen', async () => {
    const { target } = await start({ delete_session: () => null });
    await click($(target, '[data-testid="nav-agenda"]'));
    expect($(target, '[data-testid="page-announcement"]')?.textContent).toBe('Agenda page');
    const row = $(target, `[data-testid="session-row"][data-session-id="${opening.id}"]`)!;
    row.focus();
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    expect($(target, '[data-testid="notice"]')).not.toBeNull();
    await click($(target, '[data-testid="nav-people"]'));
    expect($(target, '[data-testid="page-announcement"]')?.textContent).toBe('People page');
    expect($(target, '[data-testid="notice"]')).toBeNull();
  });

  it('shows the whole plan title on hover of the sidebar’s shortened one, and skips to the content', async () => {
    const { target } = await start();
    expect($(target, '[data-testid="sidebar-plan-title"]')?.getAttribute('title')).toBe(title);
    await click($(target, '[data-testid="skip-to-content"]'));
    expect(document.activeElement).toBe($(target, 'main#content'));
  });

  it('keeps the keyboard off the page body after an undo', async () => {
    const { target, calls } = await start({ ...sampleHandlers(planning), undo: () => planning.undo.undo });
    await click($(target, '[data-testid="nav-agenda"]'));
    const row = $(target, '[data-testid="session-row"]')!;
    row.focus();
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true }));
    await settle();
    flushSync();
    await settle();
    expect(lastCall(calls, 'undo')).toBeDefined();
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement).not.toBeNull();
  });

  it('has the plan pages in the sidebar', async () => {
    const { target } = await start();
    expect($$(target, 'nav[aria-label="Pages"] button').map((b) => [b.dataset.testid, b.textContent?.trim()])).toEqual([
      ['nav-overview', 'Overview'],
      ['nav-today', 'Today'],
      ['nav-agenda', 'Agenda'],
      ['nav-calendar', 'Calendar'],
      ['nav-sequence', 'Sequence'],
      ['nav-board', 'Speakers'],
      ['nav-delegations', 'Delegations'],
      ['nav-stats', 'Statistics'],
      ['nav-people', 'People'],
      ['nav-desk', 'Check-in desk'],
      ['nav-import', 'Import attendees'],
      ['nav-programme', 'Import programme'],
      ['nav-print', 'Print'],
      ['nav-summary', 'Summary'],
    ]);
  });

  it('opens the Today page on the run clock’s day, right after the Overview', async () => {
    const { target } = await start();
    await click($(target, '[data-testid="nav-today"]'));
    expect($(target, '[data-testid="today-page"] h1')?.textContent).toBe('Today');
    expect($(target, '[data-testid="today-now"]')?.textContent).toBe('Tuesday 19 November 2024, 10:40');
    expect($$(target, '[data-testid="today-room"]')).toHaveLength(2);
  });

  it('edits the planner settings in the plan details', async () => {
    const { target, calls } = await start({ update_plan: () => copy(planFile) });
    await click($(target, '[data-testid="edit-plan"]'));
    expect(lastCall(calls, 'plan_form')).toBeDefined();
    const form = $<HTMLFormElement>(document, 'form[data-testid="plan-form"]')!;
    const snap = $<HTMLInputElement>(form, '[name="snap_minutes"]')!;
    const changeover = $<HTMLInputElement>(form, '[name="changeover_minutes"]')!;
    expect(snap.value).toBe(week.planForm.snap_minutes);
    expect(changeover.value).toBe(week.planForm.changeover_minutes);
    expect(form.querySelector(`label[for="${snap.id}"]`)?.textContent).toBe('Snap to (minutes)');
    expect(form.querySelector(`label[for="${changeover.id}"]`)?.textContent).toBe('Changeover between rooms (minutes)');
    const call = $<HTMLInputElement>(form, '[name="call_minutes"]')!;
    expect(form.querySelector(`label[for="${call.id}"]`)?.textContent).toBe('Call time for speakers (minutes before)');
    snap.value = '15';
    snap.dispatchEvent(new Event('input', { bubbles: true }));
    changeover.value = '10';
    changeover.dispatchEvent(new Event('input', { bubbles: true }));
    call.value = '30';
    call.dispatchEvent(new Event('input', { bubbles: true }));
    await click($(form, 'button[type="submit"]'));
    expect(lastCall(calls, 'update_plan')?.args.form).toEqual({
      ...week.planForm,
      snap_minutes: '15',
      changeover_minutes: '10',
      call_minutes: '30',
    });
  });

  it('opens a new window with Ctrl+Shift+N and keeps its own plan', async () => {
    const { target, calls } = await start({ new_window: () => null });
    const title = $(target, '.plan-ident-title')?.textContent;
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'N', ctrlKey: true, shiftKey: true, bubbles: true }));
    await settle();
    flushSync();
    expect(calls.filter((c) => c.cmd === 'new_window')).toHaveLength(1);
    expect(calls.find((c) => c.cmd === 'open_plan')).toBeUndefined();
    expect($(target, '.plan-ident-title')?.textContent).toBe(title);
  });

  it('opens a plan with Ctrl+O', async () => {
    const { target, calls } = await start({
      'plugin:dialog|open': () => spring!.path,
      open_plan: recorded(files.openedPlans, 'open_plan'),
    });
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', ctrlKey: true, bubbles: true }));
    await settle();
    flushSync();
    expect(calls.find((c) => c.cmd === 'open_plan')?.args).toEqual({ path: spring!.path });
    expect(lastCall(calls, 'plugin:window|set_title')?.args).toMatchObject({
      value: 'Spring week — Spring week.plenary — Plenary',
    });
    expect($(target, '.plan-ident-title')?.textContent).toBe('Spring week');
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
      'New windowCtrl+Shift+N',
      'Open…Ctrl+O',
      'Save a copy as…Ctrl+Shift+S',
      'New plan from this plan…',
      'Import programme…',
      'Export…',
      'Restore from a backup…',
      'Hand over a copy…',
      'Merge a plan from the other team…',
      `Spring week ${spring!.path}`,
      'Close windowCtrl+W',
    ]);
    expect(document.activeElement).toBe(items[0]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(document.activeElement).toBe(items[1]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    expect(document.activeElement).toBe(items[11]);
    menu.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    flushSync();
    expect($(target, '[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('offers to forget a recent plan that has gone', async () => {
    const { target, calls } = await start({
      open_plan: refusal(files.refusals.gone!),
      [ASK]: answer(true),
      forget_recent: recorded(files.forgotten, 'forget_recent'),
    });
    await click($(target, '[data-testid="file-menu"]'));
    const recent = $$(target, '[role="menuitem"]').find((i) => i.textContent?.includes('Spring week'));
    await click(recent);
    expect(calls.find((c) => c.cmd === ASK)?.args.message).toContain(`${spring!.path} does not exist.`);
    expect(calls.find((c) => c.cmd === 'forget_recent')?.args).toEqual({ path: spring!.path });
    await click($(target, '[data-testid="file-menu"]'));
    expect($(target, '[role="menu"]')?.textContent).toContain('No other recent plans');
  });
});

describe('App without a plan', () => {
  const notAPlan = refusals.notAPlan!;
  const opening = { path: String(notAPlan.args.path), file_name: 'notes.plenary' };

  it('shows the welcome screen with the reason and the recent files', async () => {
    const { target } = await start({
      startup: () => ({ ...copy(files.startup), opening }),
      open_at_start: refusal(notAPlan),
    });
    expect($(target, '[data-testid="open-error"]')?.textContent).toBe(notAPlan.error.message);
    expect($(target, '[data-testid="nav-overview"]')).toBeNull();
    const buttons = $$(target, '[data-testid="welcome"] button').map((b) => b.textContent?.trim());
    expect(buttons).toContain('New plan…');
    expect(buttons).toContain('Open…');
    expect($(target, '[data-testid="welcome"]')?.textContent).toContain('Spring week');
  });

  it('creates a new plan: field errors keep the form open, then it opens', async () => {
    const [made] = files.newPlans;
    const form = made!.args.form as Record<string, string>;
    const { target, calls } = await start({
      startup: () => ({ ...copy(files.startup), opening: null }),
      'plugin:dialog|save': () => made!.args.path,
      new_plan: (args) => {
        const sent = args.form as Record<string, string>;
        if (String(sent.last_day) < String(sent.first_day)) throw copy(files.refusals.planDays!.error);
        return copy(made!.answer);
      },
    });
    await click($$(target, '[data-testid="welcome"] button').find((b) => b.textContent?.trim() === 'New plan…'));
    const dialog = $<HTMLFormElement>(document, 'form[data-testid="plan-form"]')!;
    const set = (name: string, value: string) => {
      const el = $<HTMLInputElement>(dialog, `[name="${name}"]`)!;
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    };
    set('title', form.title!);
    set('city', form.city!);
    set('time_zone', form.time_zone!);
    set('first_day', form.first_day!);
    set('last_day', '2025-03-01');
    await click($(dialog, 'button[type="submit"]'));
    expect(calls.find((c) => c.cmd === 'plugin:dialog|save')?.args).toMatchObject({
      options: { defaultPath: 'Spring week.plenary' },
    });
    const problem = files.refusals.planDays!.error.fields[0]!;
    expect(problem.field).toBe('last_day');
    expect($(dialog, '[data-testid="error-last_day"]')?.textContent).toBe(problem.message);
    expect($<HTMLInputElement>(dialog, '[name="title"]')?.value).toBe('Spring week');

    set('last_day', form.last_day!);
    await click($(dialog, 'button[type="submit"]'));
    // The path chosen the first time is used again.
    expect(calls.filter((c) => c.cmd === 'plugin:dialog|save')).toHaveLength(1);
    expect(lastCall(calls, 'new_plan')?.args).toMatchObject({
      path: made!.args.path,
      form: { title: 'Spring week', first_day: '2025-03-03', last_day: '2025-03-05', day_start: '09:00' },
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

// The Spring week, as opening it answers, for opens that take their time.
const slow = files.openedPlans[0]!.answer;

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
    expect($(target, '[data-testid="opening"]')?.textContent).toContain('Opening Spring week.plenary…');
    expect($(target, '[data-testid="plan-title"]')).toBeNull();
    expect($(target, '[data-testid="cancel-open"]')).toBeNull();
    await advance(1999);
    expect($(target, '[data-testid="cancel-open"]')).toBeNull();
    await advance(1);
    $(target, '[data-testid="cancel-open"]')!.click();
    await advance();
    expect(lastCall(calls, 'cancel_open')).toBeDefined();
    expect($(target, '[data-testid="opening"]')).toBeNull();
    expect($(target, '[data-testid="plan-title"]')?.textContent).toBe(title);
    expect($(target, '[data-testid="notice"]')?.textContent).toContain(
      `Opening Spring week.plenary was cancelled. You are still working on ${planFile.file_name}.`,
    );
    // The open finishing late changes nothing.
    pending.resolve(slow);
    await advance();
    expect($(target, '[data-testid="plan-title"]')?.textContent).toBe(title);
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
    expect($(target, '.plan-ident-title')?.textContent).toBe('Spring week');
    expect(lastCall(calls, 'plan_shown')?.args).toEqual({ path: slow.path });
  });

  it('opens the start-up plan in the background, and Cancel goes to the welcome screen with a note', async () => {
    const pending = deferred<typeof slow>();
    const { target, calls } = await startWithFakeTimers({
      open_at_start: () => pending.promise,
    });
    expect($(target, '[data-testid="opening"]')?.textContent).toContain(`Opening ${planFile.file_name}…`);
    await advance(2000);
    $(target, '[data-testid="cancel-open"]')!.click();
    await advance();
    expect($(target, '[data-testid="welcome"]')).not.toBeNull();
    expect($(target, '[data-testid="open-error"]')).toBeNull();
    expect($(target, '[data-testid="notice"]')?.textContent).toContain(`Opening ${planFile.file_name} was cancelled.`);
    expect($(target, '[data-testid="welcome"]')?.textContent).toContain('Spring week');
    expect(calls.some((c) => c.cmd === 'plan_shown')).toBe(false);
  });

  it('starts on the welcome screen with the backend’s note when the last plan could not be opened', async () => {
    const note = files.startupAfterHang.note!;
    expect(note).toBe(`Plenary did not reopen ${planFile.file_name} because it could not be opened last time.`);
    const { target, calls } = await start({ startup: () => copy(files.startupAfterHang) });
    expect($(target, '[data-testid="welcome"]')).not.toBeNull();
    expect($(target, '[data-testid="notice"]')?.textContent).toContain(note);
    expect($(target, '[data-testid="notice"]')?.getAttribute('role')).toBe('status');
    expect(calls.some((c) => c.cmd === 'open_at_start')).toBe(false);
  });

  it.each<[string, ApiError]>([
    ['not a plan', refusals.notAPlan!.error],
    ['from a newer Plenary', refusals.newerVersion!.error],
    ['gone', refusals.missingFile!.error],
    ['damaged', refusals.damaged!.error],
  ])('shows a start-up failure (%s) as one line on the welcome screen', async (_what, error) => {
    // The file's name has a line break in it.
    const twoLines = { ...error, message: error.message.replace('~/', '~/two\nlines ') };
    const { target } = await start({ open_at_start: refusal({ error: twoLines }) });
    const line = $(target, '[data-testid="open-error"]')!;
    expect(line.dataset.code).toBe(error.code);
    expect(line.textContent).toBe(error.message.replace('~/', '~/two lines '));
    expect($(target, '[data-testid="notice"]')).toBeNull();
  });

  it('a cancelled start-up open is a note, not an error', async () => {
    const { target } = await start({ open_at_start: refusal({ error: files.cancelled }) });
    expect($(target, '[data-testid="open-error"]')).toBeNull();
    expect($(target, '[data-testid="notice"]')?.textContent).toContain(`Opening ${planFile.file_name} was cancelled.`);
  });

  it('shows a failed open from the welcome screen there, in one line', async () => {
    const newer = refusals.newerVersion!;
    const { target } = await start({
      startup: () => ({ ...copy(files.startup), opening: null }),
      'plugin:dialog|open': () => newer.args.path,
      open_plan: refusal(newer),
    });
    await click($$(target, '[data-testid="welcome"] button').find((b) => b.textContent?.trim() === 'Open…'));
    expect($(target, '[data-testid="open-error"]')?.textContent).toBe(newer.error.message);
    expect($(target, '[data-testid="welcome"]')).not.toBeNull();
  });
});
