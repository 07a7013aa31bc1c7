import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import EditMenu from './EditMenu.svelte';
import { backend, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, click, press } from '../testing/dom';
import { copy, planning } from '../testing/sample';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

// The sample week part-way through planning: its last step accepted a
// problem, and the one before edited the Regional Event's co-chairs.
const LAST = planning.undoState.undo!;
const EARLIER = planning.undo.undoState.undo!;

function target() {
  const el = document.createElement('div');
  document.body.appendChild(el);
  return el;
}

describe('EditMenu', () => {
  function open(undo: string | null, redo: string | null) {
    const el = target();
    const onhistory = vi.fn();
    const onchangelog = vi.fn();
    const onopen = vi.fn();
    app = mount(EditMenu, { target: el, props: { undoState: { undo, redo }, hasPlan: true, onhistory, onchangelog, onopen } });
    flushSync();
    return { el, onhistory, onchangelog, onopen };
  }

  it('names the step Undo would undo, and disables Redo when there is none', async () => {
    const { el, onhistory, onopen } = open(LAST, null);
    await click($(el, '[data-testid="menu-edit"]'));
    expect(onopen).toHaveBeenCalledOnce();
    const undo = $(el, '[data-testid="menu-undo"]')!;
    const redo = $(el, '[data-testid="menu-redo"]')!;
    expect(undo.textContent).toContain(`Undo ${LAST}`);
    expect(undo.getAttribute('aria-disabled')).toBeNull();
    expect(redo.textContent).toContain('Nothing to redo');
    expect(redo.getAttribute('aria-disabled')).toBe('true');
    // The first enabled item has focus; a disabled one does nothing.
    expect(document.activeElement).toBe(undo);
    await click(redo);
    expect(onhistory).not.toHaveBeenCalled();
    await click(undo);
    expect(onhistory).toHaveBeenCalledWith('undo');
    expect($(el, '[role="menu"]')).toBeNull();
  });

  it('offers Redo and the change log', async () => {
    const { el, onhistory, onchangelog } = open(null, LAST);
    await click($(el, '[data-testid="menu-edit"]'));
    expect($(el, '[data-testid="menu-undo"]')?.textContent).toContain('Nothing to undo');
    expect($(el, '[data-testid="menu-undo"]')?.getAttribute('aria-disabled')).toBe('true');
    await click($(el, '[data-testid="menu-redo"]'));
    expect(onhistory).toHaveBeenCalledWith('redo');
    await click($(el, '[data-testid="menu-edit"]'));
    await click($$(el, '[role="menuitem"]').find((i) => i.textContent?.includes('Change log')));
    expect(onchangelog).toHaveBeenCalledOnce();
  });

  it('moves between items with the arrow keys and closes with Escape', async () => {
    const { el } = open(EARLIER, LAST);
    const button = $(el, '[data-testid="menu-edit"]')!;
    button.focus();
    await press(button, 'ArrowDown');
    const menu = $(el, '[role="menu"]')!;
    expect(document.activeElement).toBe($(el, '[data-testid="menu-undo"]'));
    await press(menu, 'ArrowDown');
    expect(document.activeElement).toBe($(el, '[data-testid="menu-redo"]'));
    await press(menu, 'Escape');
    expect($(el, '[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});

describe('Undo and redo in the app', () => {
  async function start(handlers: Record<string, Handler> = {}) {
    const calls: Call[] = [];
    let undone = false;
    mockWindows('main');
    mockIPC(
      backend(
        {
          ...sampleHandlers(planning),
          undo_state: () => copy(undone ? planning.undo.undoState : planning.undoState),
          change_log: () => copy(undone ? planning.undo.changeLog : planning.changeLog),
          undo: () => {
            undone = true;
            return planning.undo.undo;
          },
          redo: () => {
            undone = false;
            return planning.undo.redo;
          },
          ...handlers,
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

  const count = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).length;

  it('undoes from the Edit menu, reloads and says all is saved', async () => {
    const { el, calls } = await start();
    await click($(el, '[data-testid="menu-edit"]'));
    expect($(el, '[data-testid="menu-undo"]')?.textContent).toContain(`Undo ${LAST}`);
    // Hovering anywhere on the item shows the whole step, however the menu cuts it.
    expect($(el, '[data-testid="menu-undo"]')?.getAttribute('title')).toBe(`Undo ${LAST}`);
    const loads = count(calls, 'check_plan');
    await click($(el, '[data-testid="menu-undo"]'));
    expect(count(calls, 'undo')).toBe(1);
    expect(count(calls, 'check_plan')).toBe(loads + 1);
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
    expect($(el, '[data-testid="notice"]')?.textContent).toContain(`Undone: ${planning.undo.undo}`);
    await click($(el, '[data-testid="menu-edit"]'));
    expect($(el, '[data-testid="menu-undo"]')?.textContent).toContain(`Undo ${EARLIER}`);
    expect($(el, '[data-testid="menu-redo"]')?.textContent).toContain(`Redo ${LAST}`);
  });

  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z and Ctrl+Y', async () => {
    const { el, calls } = await start();
    await press(document.body, 'z', { ctrlKey: true });
    expect(count(calls, 'undo')).toBe(1);
    await press(document.body, 'Z', { ctrlKey: true, shiftKey: true });
    expect(count(calls, 'redo')).toBe(1);
    await press(document.body, 'y', { ctrlKey: true });
    expect(count(calls, 'redo')).toBe(2);
    expect($(el, '[data-testid="save-status"]')?.textContent).toBe('All changes saved');
  });

  it('leaves Ctrl+Z to a text field', async () => {
    const { el, calls } = await start();
    const input = document.createElement('input');
    el.appendChild(input);
    input.focus();
    const event = await press(input, 'z', { ctrlKey: true });
    expect(count(calls, 'undo')).toBe(0);
    expect(event.defaultPrevented).toBe(false);
  });

  it('says when there is nothing to undo', async () => {
    const { el, calls } = await start({ undo: () => null });
    const loads = count(calls, 'overview');
    await press(document.body, 'z', { ctrlKey: true });
    expect($(el, '[data-testid="notice"]')?.textContent).toContain('Nothing to undo.');
    expect(count(calls, 'overview')).toBe(loads);
  });

  it('lists the change log newest first, marking undone steps', async () => {
    const { el, calls } = await start();
    await press(document.body, 'z', { ctrlKey: true });
    await click($(el, '[data-testid="menu-edit"]'));
    await click($$(el, '[role="menuitem"]').find((i) => i.textContent?.includes('Change log')));
    expect(calls.find((c) => c.cmd === 'change_log')?.args).toEqual({ limit: 200 });
    const log = $(document, '[data-testid="change-log"]')!;
    const steps = $$(log, '[data-testid="change-step"]');
    const [last, ...earlier] = planning.undo.changeLog;
    expect(last!.undone).toBe(true);
    expect(steps.map((s) => s.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      `16:30, 17 Nov ${last!.summary} undone`,
      ...earlier.map((step) => `16:30, 17 Nov ${step.summary}`),
    ]);
  });
});
