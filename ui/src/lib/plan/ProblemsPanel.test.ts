import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import ProblemsPanel from './ProblemsPanel.svelte';
import { backend, sampleHandlers, settle, type Call } from '../testing/backend';
import { $, $$, click } from '../testing/dom';
import { copy, planning } from '../testing/sample';
import type { Conflict_Serialize } from '../ipc';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

// The sample week part-way through planning: the workstream updates moved
// onto the national updates' room and time, the Regional Event without
// co-chairs (both open), and the panel without a moderator (accepted).
const problems = planning.conflictList.conflicts;
const kind = (k: Conflict_Serialize['kind']) => problems.find((c) => c.kind === k)!;
const clash = kind('room_double_booked');
const cochairs = kind('event_without_cochairs');
const noModerator = kind('panel_without_moderator');

function target() {
  const el = document.createElement('div');
  document.body.appendChild(el);
  return el;
}

describe('ProblemsPanel', () => {
  function open(conflicts: Conflict_Serialize[]) {
    const el = target();
    const onshow = vi.fn();
    const onaccept = vi.fn();
    const onclose = vi.fn();
    app = mount(ProblemsPanel, { target: el, props: { id: 'p', conflicts, onshow, onaccept, onclose } });
    flushSync();
    return { el, onshow, onaccept, onclose };
  }

  it('lists open problems first and accepted ones, greyed, under their own heading', () => {
    const { el } = open([noModerator, clash, cochairs]);
    const entries = $$(el, '[data-testid="conflict-entry"]');
    expect(entries.map((e) => e.dataset.key)).toEqual([clash.key, cochairs.key, noModerator.key]);
    expect(entries.map((e) => e.classList.contains('accepted'))).toEqual([false, false, true]);
    const accepted = $(el, '[data-testid="accepted-conflicts"]')!;
    expect(accepted.previousElementSibling?.textContent).toBe('Accepted');
    expect(accepted.textContent).toContain(noModerator.message);
    expect($(el, 'header')?.textContent).toContain('2 open problems, 1 accepted');
  });

  it('shows the first session of a problem, and only where there is one', async () => {
    const { el, onshow } = open([clash, cochairs]);
    const [first, second] = $$(el, '[data-testid="conflict-entry"]');
    expect($(second!, '[data-testid="conflict-show"]')).toBeNull();
    await click($(first!, '[data-testid="conflict-show"]'));
    expect(onshow).toHaveBeenCalledWith(clash.session_ids[0]);
  });

  it('accepts an open problem and re-opens an accepted one', async () => {
    const { el, onaccept } = open([clash, noModerator]);
    const buttons = $$(el, '[data-testid="conflict-accept"]');
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['Accept', 'Undo accept']);
    await click(buttons[0]);
    expect(onaccept).toHaveBeenLastCalledWith(clash.key, true);
    await click(buttons[1]);
    expect(onaccept).toHaveBeenLastCalledWith(noModerator.key, false);
  });

  it('says how many more were found than listed', () => {
    const el = target();
    const noop = vi.fn();
    app = mount(ProblemsPanel, {
      target: el,
      props: { id: 'p', conflicts: [clash], unlisted: 4498500, onshow: noop, onaccept: noop, onclose: noop },
    });
    flushSync();
    expect($$(el, '[data-testid="conflict-entry"]')).toHaveLength(1);
    expect($(el, '[data-testid="unlisted-conflicts"]')?.textContent).toBe('and 4,498,500 more.');
  });

  it('says when every problem was accepted', () => {
    const { el } = open([noModerator]);
    expect(el.textContent).toContain('No open problems');
    expect($$(el, '[data-testid="conflict-entry"]')).toHaveLength(1);
  });
});

describe('Problems in the app', () => {
  async function start() {
    const calls: Call[] = [];
    let current = planning.conflictList;
    mockWindows('main');
    mockIPC(
      backend(
        {
          ...sampleHandlers(planning),
          check_plan: () => copy(current),
          set_conflict_accepted: (args) => {
            expect(args).toEqual(planning.accepted.args);
            current = planning.accepted.conflictList;
            return null;
          },
        },
        calls,
      ),
    );
    const el = target();
    app = mount(App, { target: el });
    await settle();
    flushSync();
    return { el, calls };
  }

  it('counts only open problems and keeps an accepted one listed', async () => {
    const { el, calls } = await start();
    expect($(el, '[data-testid="problem-count"]')?.textContent).toBe('2');
    await click($(el, '[data-testid="problems"]'));
    const entry = $$(el, '[data-testid="conflict-entry"]').find((e) => e.dataset.key === clash.key)!;
    await click($(entry, '[data-testid="conflict-accept"]'));
    expect(calls.find((c) => c.cmd === 'set_conflict_accepted')?.args).toEqual({ key: clash.key, accepted: true });
    expect($(el, '[data-testid="problem-count"]')?.textContent).toBe('1');
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
    const accepted = $(el, '[data-testid="accepted-conflicts"]')!;
    expect(accepted.textContent).toContain(clash.message);
    expect(accepted.textContent).toContain(noModerator.message);
  });

  it('badges agenda rows of sessions in open problems only', async () => {
    const { el } = await start();
    await click($(el, '[data-testid="nav-agenda"]'));
    const badged = $$(el, '[data-testid="session-row"]')
      .filter((r) => $(r, '[data-testid="conflict-badge"]'))
      .map((r) => Number(r.dataset.sessionId));
    // The panel is only in the accepted problem.
    expect(badged.sort()).toEqual([...clash.session_ids].sort());
    expect(badged).not.toContain(noModerator.session_ids[0]);
    const badge = $(el, `[data-testid="session-row"][data-session-id="${clash.session_ids[0]}"] [data-testid="conflict-badge"]`)!;
    expect(badge.textContent).toBe('!');
    expect(badge.getAttribute('title')).toBe(clash.message);
  });

  it('“Show” switches to the agenda, focuses the session and highlights it', async () => {
    const { el } = await start();
    const [first] = clash.session_ids;
    // On another day of the agenda, where the session is not shown.
    await click($(el, '[data-testid="nav-agenda"]'));
    await click($(el, '[data-testid="agenda-tab"][data-key="2024-11-18"]'));
    expect($(el, `[data-testid="session-row"][data-session-id="${first}"]`)).toBeNull();
    await click($(el, '[data-testid="problems"]'));
    const entry = $$(el, '[data-testid="conflict-entry"]').find((e) => e.dataset.key === clash.key)!;
    await click($(entry, '[data-testid="conflict-show"]'));
    await settle();
    flushSync();
    expect($(el, '[data-testid="nav-agenda"]')?.getAttribute('aria-current')).toBe('page');
    const row = $(el, `[data-testid="session-row"][data-session-id="${first}"]`);
    expect(row).not.toBeNull();
    expect(document.activeElement).toBe(row);
    expect(row?.classList.contains('highlighted')).toBe(true);
    expect($(el, '[role="tab"][aria-selected="true"]')?.textContent?.trim()).toBe('All days');
  });

  it('“Show” from another page opens the agenda there', async () => {
    const { el } = await start();
    await click($(el, '[data-testid="problems"]'));
    const entry = $$(el, '[data-testid="conflict-entry"]').find((e) => e.dataset.key === clash.key)!;
    await click($(entry, '[data-testid="conflict-show"]'));
    await settle();
    flushSync();
    expect(document.activeElement).toBe($(el, `[data-testid="session-row"][data-session-id="${clash.session_ids[0]}"]`));
  });
});
