import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import { backend, settle, type Call, type Handler } from '../testing/backend';
import { $, click } from '../testing/dom';
import { files } from '../testing/sample';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function start(handlers: Record<string, Handler>) {
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

const current = (target: HTMLElement) => $(target, 'nav [aria-current="page"]')?.dataset.testid;

describe("each plan's window remembered", () => {
  it('shows the page the plan was left on, and keeps each page shown', async () => {
    const { target, calls } = await start({ restore_window: () => 'calendar' });
    expect(calls.find((c) => c.cmd === 'restore_window')?.args).toEqual({ path: files.planFile.path });
    expect(current(target)).toBe('nav-calendar');

    await click($(target, '[data-testid="nav-people"]'));
    expect(calls.filter((c) => c.cmd === 'remember_page').pop()?.args).toEqual({
      path: files.planFile.path,
      page: 'people',
    });
  });

  it('ignores a page it does not know', async () => {
    const { target } = await start({ restore_window: () => 'nowhere' });
    expect(current(target)).toBe('nav-overview');
  });
});
