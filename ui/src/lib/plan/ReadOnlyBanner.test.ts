import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import { apiError, backend, settle, type Call, type Handler } from '../testing/backend';
import { $, click, press } from '../testing/dom';
import { files } from '../testing/sample';
import { FOLLOW_MS } from './workspace.svelte';

// A plan another program holds: the backend opened it read-only, saying why.
const reason = 'This plan is open in Plenary on pc-12 (process 4123, maria) since 14:02. Close it there to edit it here.';
const held = { ...files.planFile, read_only: reason };
const free = { ...files.planFile, read_only: null };

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  vi.useRealTimers();
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

const titles = (calls: Call[]) =>
  calls.filter((c) => c.cmd === 'plugin:window|set_title').map((c) => (c.args as { value: string }).value);

describe('a plan open read-only', () => {
  it('says why above the page and in the title, and shows a refused edit in the same words', async () => {
    const { target, calls } = await start({
      open_at_start: () => structuredClone(held),
      undo: () => {
        throw apiError('read_only', reason);
      },
    });
    const banner = $(target, '[data-testid="read-only-banner"]');
    expect(banner?.textContent).toContain(`Read only — ${reason}`);
    expect(titles(calls).pop()).toContain('Sample meeting week.plenary (read only) — Plenary');

    await press(document.body, 'z', { ctrlKey: true });
    expect(calls.some((c) => c.cmd === 'undo')).toBe(true);
    expect($(target, '[data-testid="notice"]')?.textContent).toContain(reason);
  });

  it('opens the plan again for editing with Try again once it is free', async () => {
    let holder: typeof held | typeof free = held;
    const { target, calls } = await start({
      open_at_start: () => structuredClone(held),
      open_plan: () => structuredClone(holder),
    });
    // Still held: the banner stays, and says so.
    await click($(target, '[data-testid="read-only-try-again"]'));
    expect(calls.filter((c) => c.cmd === 'open_plan').pop()?.args).toEqual({ path: files.planFile.path });
    expect($(target, '[data-testid="read-only-banner"]')).not.toBeNull();
    expect($(target, '[data-testid="notice"]')?.textContent).toContain('still open elsewhere');

    holder = free;
    await click($(target, '[data-testid="read-only-try-again"]'));
    expect($(target, '[data-testid="read-only-banner"]')).toBeNull();
    expect(titles(calls).pop()).not.toContain('(read only)');
    expect($(target, '[data-testid="plan-title"]')).not.toBeNull();
  });

  it('follows what the program holding the plan saves', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let revision = 7;
    const { calls } = await start({
      open_at_start: () => structuredClone(held),
      plan_revision: () => revision,
    });
    const overviews = () => calls.filter((c) => c.cmd === 'overview').length;
    await vi.advanceTimersByTimeAsync(FOLLOW_MS);
    await settle();
    const before = overviews();
    await vi.advanceTimersByTimeAsync(FOLLOW_MS);
    await settle();
    expect(overviews()).toBe(before);
    revision = 8;
    await vi.advanceTimersByTimeAsync(FOLLOW_MS);
    await settle();
    expect(overviews()).toBeGreaterThan(before);
  });
});
