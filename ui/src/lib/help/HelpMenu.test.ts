import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import HelpMenu from './HelpMenu.svelte';
import { apiError, backend, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, click, press } from '../testing/dom';
import { files } from '../testing/sample';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
  vi.unstubAllGlobals();
});

function target() {
  const el = document.createElement('div');
  document.body.appendChild(el);
  return el;
}

const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim();

describe('HelpMenu', () => {
  it('offers the log folder and About, by click and by keyboard', async () => {
    const el = target();
    const onlogfolder = vi.fn();
    const onabout = vi.fn();
    app = mount(HelpMenu, { target: el, props: { onlogfolder, onabout } });
    flushSync();
    const button = $(el, '[data-testid="menu-help"]')!;
    expect(button.textContent).toContain('Help');
    await click(button);
    expect($$(el, '[role="menuitem"]').map(text)).toEqual(['Open log folder', 'About Plenary…']);
    await click($(el, '[data-testid="menu-about"]'));
    expect(onabout).toHaveBeenCalledOnce();
    expect($(el, '[role="menu"]')).toBeNull();

    button.focus();
    await press(button, 'ArrowDown');
    expect(document.activeElement).toBe($(el, '[data-testid="menu-log-folder"]'));
    await click(document.activeElement);
    expect(onlogfolder).toHaveBeenCalledOnce();
  });
});

describe('Help in the app', () => {
  async function start(handlers: Record<string, Handler> = {}) {
    const calls: Call[] = [];
    mockWindows('main');
    mockIPC(backend(handlers, calls));
    const el = target();
    app = mount(App, { target: el });
    await settle();
    flushSync();
    return { el, calls };
  }

  async function choose(el: HTMLElement, item: string) {
    await click($(el, '[data-testid="menu-help"]'));
    await click($(el, `[data-testid="${item}"]`));
  }

  it('shows the version, the file format, the open file and the licences in About', async () => {
    const { el } = await start();
    await choose(el, 'menu-about');
    const about = $(document, '[data-testid="about"]')!;
    expect(text($(about, '[data-testid="about-version"]'))).toBe(files.about.version);
    expect(text($(about, '[data-testid="about-schema"]'))).toBe(`version ${files.about.schema_version}`);
    expect(text($(about, '[data-testid="about-file"]'))).toBe(files.about.file);
    expect(text($(about, '[data-testid="about-log-folder"]'))).toBe(files.about.log_folder);
    const rows = $$(about, '[data-testid="about-licences"] tbody tr').map((row) =>
      $$(row, 'th, td')
        .map(text)
        .join(' | '),
    );
    expect(rows[0]).toBe('Plenary | MIT | this application');
    expect(rows).toHaveLength(files.about.licences.length);
    expect(rows).toContain('Typst | Apache-2.0 | printed documents and PDFs');
    // The dialog's heading names it for a screen reader.
    expect(text($(document, 'dialog h2'))).toBe('About Plenary');
  });

  it('says when a plan is open in an older file format, and when none is open', async () => {
    const older = { ...files.about, file_schema_version: 12 };
    const { el } = await start({ about: () => older });
    await choose(el, 'menu-about');
    expect(text($(document, '[data-testid="about-schema"]'))).toBe(`version ${older.schema_version} (this file: 12)`);
    await click($$(document, 'dialog button').find((b) => b.textContent === 'Close'));
    expect($(document, '[data-testid="about"]')).toBeNull();

    app && unmount(app);
    document.body.innerHTML = '';
    const none = { ...files.about, file: null, file_schema_version: null, log_folder: null };
    const again = await start({ about: () => none });
    await choose(again.el, 'menu-about');
    expect(text($(document, '[data-testid="about-file"]'))).toBe('No plan is open.');
    expect($(document, '[data-testid="about-log-folder"]')).toBeNull();
  });

  it('opens the log folder, or shows its path to copy when it cannot', async () => {
    const path = '/home/ana/.local/share/org.plenary.app/logs';
    let opened = true;
    const { el, calls } = await start({ open_log_folder: () => ({ path, opened }) });
    await choose(el, 'menu-log-folder');
    expect(calls.filter((c) => c.cmd === 'open_log_folder')).toHaveLength(1);
    expect(text($(el, '[data-testid="notice"]'))).toContain(`The log folder is open in the file manager: ${path}`);
    expect($(document, '[data-testid="log-folder"]')).toBeNull();

    opened = false;
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await choose(el, 'menu-log-folder');
    const dialog = $(document, '[data-testid="log-folder"]')!;
    expect($<HTMLInputElement>(dialog, '[data-testid="log-folder-path"]')!.value).toBe(path);
    await click($(dialog, '[data-testid="log-folder-copy"]'));
    expect(writeText).toHaveBeenCalledWith(path);
    expect(text($(dialog, '[role="status"]'))).toBe('Copied.');
  });

  it('says why when the log folder cannot be found', async () => {
    const { el } = await start({
      open_log_folder: () => {
        throw apiError('io', 'The log has not started.');
      },
    });
    await choose(el, 'menu-log-folder');
    const notice = $(el, '[data-testid="notice"]')!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(text(notice)).toContain('The log has not started.');
  });
});
