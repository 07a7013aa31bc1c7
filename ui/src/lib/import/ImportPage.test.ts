import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ImportPage from './ImportPage.svelte';
import { loadedWorkspace, mountPage } from '../testing/mount';
import { backend, recorded, refusal, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, choose, click, typeInto } from '../testing/dom';
import { copy, eventNamed, importing, refusals } from '../testing/sample';
import type { Channel, ImportProgress, ImportSummary } from '../ipc';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

// tests/fixtures/registrants.csv into the sample week's Commemorative
// Dialogue: a person to add, one whose registration changes, one already up
// to date, and one with a bad email.
const [auto, , noEmail] = importing.previews;
const CSV_PATH = String(auto!.args.path);
const dialogue = eventNamed('Commemorative Dialogue');
const AUTO = auto!.answer.mapping;

/** Deliver progress on a channel the way the Tauri runtime does (numbered messages). */
function sendProgress(channel: Channel<ImportProgress>, index: number, progress: ImportProgress): void {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
    .__TAURI_INTERNALS__;
  internals.runCallback(channel.id, { index, message: progress });
}

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockIPC(
    backend(
      {
        import_preview: recorded(importing.previews, 'import_preview', [importing.refusals.twoColumnsOneField!]),
        import_attendees: recorded(importing.imports, 'import_attendees'),
        ...handlers,
      },
      calls,
    ),
  );
  const mounted = await mountPage(ImportPage, loadedWorkspace());
  app = mounted.app;
  return { el: mounted.el, calls, ws: mounted.ws };
}

/** Step 1 done: the path typed and Preview pressed. */
async function previewed(handlers: Record<string, Handler> = {}) {
  const started = await start(handlers);
  await typeInto($<HTMLInputElement>(started.el, '[data-testid="import-path"]'), CSV_PATH);
  await click($(started.el, '[data-testid="import-preview"]'));
  return started;
}

const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);
const maps = (el: ParentNode) => $$<HTMLSelectElement>(el, '[data-testid="import-map"]');
const confirm = (el: ParentNode) => $<HTMLButtonElement>(el, '[data-testid="import-confirm"]')!;
const actions = (el: ParentNode) => $$(el, '[data-testid="import-row"]').map((r) => r.dataset.action);

describe('Import page', () => {
  it('previews with automatic mapping and shows how the file was read', async () => {
    const { el, calls } = await previewed();
    expect(el.querySelector('[data-testid="import-page"]')).not.toBeNull();
    expect(callsOf(calls, 'import_preview').map((c) => c.args)).toEqual([{ path: CSV_PATH, eventId: dialogue.id, mapping: null }]);
    expect($(el, '[data-testid="import-format"]')?.textContent).toContain('UTF-8, semicolon-separated; 5 columns');

    // One select per column, in column order, pre-filled and labelled from the vocabulary.
    expect(maps(el).map((s) => s.value)).toEqual(AUTO);
    const labels = maps(el).map((s) => s.selectedOptions[0]?.textContent?.trim());
    expect(labels).toEqual(['Given name', 'Family name', 'Email', 'Organisation', 'Registration']);
    expect($$(el, '.mapping tbody label').map((l) => l.textContent)).toEqual(auto!.answer.headers);

    expect(actions(el)).toEqual(['create', 'update', 'unchanged', 'error']);
    const errorRow = $$(el, '[data-testid="import-row"]')[3]!;
    expect(errorRow.textContent).toContain('5');
    expect(errorRow.textContent).toContain('Row 5: Email "ray.diaz@" is not a valid email address.');
    expect($(el, '[data-testid="import-totals"]')?.textContent).toBe(
      '1 to create · 1 to update · 1 unchanged · 1 with an error',
    );
    expect(confirm(el).textContent?.trim()).toBe('Import 2 people');
    // Nothing is written by a preview.
    expect(callsOf(calls, 'import_attendees')).toHaveLength(0);
  });

  it('re-runs the preview with the edited mapping when a column is changed', async () => {
    const { el, calls } = await previewed();
    await choose(maps(el)[2]!, 'ignore');
    expect(callsOf(calls, 'import_preview').pop()?.args).toEqual(noEmail!.args);
    expect(maps(el)[2]?.value).toBe('ignore');
    // Without emails, the fourth row is a new person too.
    expect(actions(el)).toEqual(['create', 'update', 'unchanged', 'create']);
    expect(confirm(el).textContent?.trim()).toBe('Import 3 people');
    expect(confirm(el).disabled).toBe(false);
  });

  it('keeps Import disabled while rows have errors until "Skip rows with errors" is ticked', async () => {
    const { el } = await previewed();
    expect(confirm(el).disabled).toBe(true);
    expect($(el, '[data-testid="import-blocked"]')?.textContent).toContain('1 row has an error');

    const skip = $<HTMLInputElement>(el, '[data-testid="import-skip-invalid"]')!;
    await click(skip);
    expect(skip.checked).toBe(true);
    expect(confirm(el).disabled).toBe(false);
    expect($(el, '[data-testid="import-blocked"]')).toBeNull();

    await click(skip);
    expect(confirm(el).disabled).toBe(true);
  });

  it('filters the rows to those with errors', async () => {
    const { el } = await previewed();
    await click($(el, '[data-testid="import-only-errors"]'));
    expect(actions(el)).toEqual(['error']);
    await click($(el, '[data-testid="import-only-errors"]'));
    expect(actions(el)).toHaveLength(4);
  });

  it('imports with the mapping, shows progress from the channel, then the summary', async () => {
    let channel: Channel<ImportProgress> | undefined;
    let finish: ((s: ImportSummary) => void) | undefined;
    const [made] = importing.imports;
    const { el, calls } = await previewed({
      import_attendees: (args) => {
        channel = args.progress as Channel<ImportProgress>;
        return new Promise<ImportSummary>((resolve) => (finish = resolve));
      },
    });
    await choose(maps(el)[2]!, 'ignore');
    await click(confirm(el));

    const sent = callsOf(calls, 'import_attendees')[0]?.args;
    expect(sent).toMatchObject(made!.args);
    expect(channel).toBeDefined();
    expect($(el, '[data-testid="import-progress"]')).not.toBeNull();

    sendProgress(channel!, 0, { done: 1, total: 3 });
    sendProgress(channel!, 1, { done: 2, total: 3 });
    flushSync();
    const bar = $<HTMLProgressElement>(el, '[data-testid="import-progress"]')!;
    expect(Number(bar.getAttribute('value'))).toBe(2);
    expect(Number(bar.getAttribute('max'))).toBe(3);
    expect(confirm(el).disabled).toBe(true);

    const overviewsBefore = callsOf(calls, 'overview').length;
    finish!(copy(made!.answer));
    await settle();
    flushSync();

    expect($(el, '[data-testid="import-summary"]')?.textContent).toBe('Created 2, updated 1, unchanged 1.');
    expect($(el, '[data-testid="import-progress"]')).toBeNull();
    // The workspace reloads after the import, as after any edit.
    expect(callsOf(calls, 'overview').length).toBeGreaterThan(overviewsBefore);

    await click($(el, '[data-testid="import-again"]'));
    expect($<HTMLInputElement>(el, '[data-testid="import-path"]')?.value).toBe('');
    expect($(el, '[data-testid="import-summary"]')).toBeNull();
    expect(maps(el)).toHaveLength(0);
  });

  it('shows a refused import in an alert and keeps the file and the mapping', async () => {
    // The file was cut down to three columns after it was previewed.
    const refused = importing.refusals.fileChanged!;
    const { el } = await previewed({ import_attendees: refusal(refused) });
    await choose(maps(el)[4]!, 'ignore');
    await click($(el, '[data-testid="import-skip-invalid"]'));
    await click(confirm(el));

    expect($(el, '[data-testid="import-error"]')?.textContent).toContain(refused.error.message);
    expect($<HTMLInputElement>(el, '[data-testid="import-path"]')?.value).toBe(CSV_PATH);
    expect(maps(el).map((s) => s.value)).toEqual(['given_name', 'family_name', 'email', 'organisation', 'ignore']);
    expect($(el, '[data-testid="import-summary"]')).toBeNull();
    expect(confirm(el).disabled).toBe(false);
  });

  it('shows a file that cannot be read and keeps the path', async () => {
    const unreadable = refusals.importMissingFile!;
    const { el } = await previewed({ import_preview: refusal(unreadable) });
    expect($(el, '[data-testid="import-error"]')?.textContent).toContain(unreadable.error.message);
    expect($<HTMLInputElement>(el, '[data-testid="import-path"]')?.value).toBe(CSV_PATH);
    expect($(el, '[data-testid="import-confirm"]')).toBeNull();
  });

  it('will not import a preview made for another path until it is previewed again', async () => {
    const edited = importing.previews.find((p) => p.args.path !== CSV_PATH)!;
    const { el, calls } = await previewed();
    await choose(maps(el)[2]!, 'ignore');
    expect(confirm(el).disabled).toBe(false);
    await typeInto($<HTMLInputElement>(el, '[data-testid="import-path"]'), String(edited.args.path));
    expect($(el, '[data-testid="import-stale"]')).not.toBeNull();
    expect(confirm(el).disabled).toBe(true);
    await click($(el, '[data-testid="import-preview"]'));
    expect(callsOf(calls, 'import_preview').pop()?.args).toEqual(edited.args);
    expect($(el, '[data-testid="import-stale"]')).toBeNull();
    expect(maps(el)).toHaveLength(edited.answer.headers.length);
  });

  it('previews again with the edited mapping after undo or redo changes the plan', async () => {
    const { el, calls, ws } = await previewed();
    await choose(maps(el)[2]!, 'ignore');
    const before = callsOf(calls, 'import_preview').length;
    await ws.changed();
    await settle();
    flushSync();
    const after = callsOf(calls, 'import_preview');
    expect(after).toHaveLength(before + 1);
    expect(after.pop()?.args).toEqual(noEmail!.args);
  });

  it('will not import with a mapping whose preview was refused', async () => {
    const refused = importing.refusals.twoColumnsOneField!;
    const { el } = await previewed();
    await choose(maps(el)[2]!, 'ignore');
    expect(confirm(el).disabled).toBe(false);
    await choose(maps(el)[1]!, 'given_name');
    expect($(el, '[data-testid="import-error"]')?.textContent).toContain(refused.error.message);
    expect(maps(el)[1]?.value).toBe('given_name');
    expect(confirm(el).disabled).toBe(true);
  });

  it('says so and disables Import when nothing would change', async () => {
    // The same file once it has been imported.
    const [again] = importing.previewsAfterImport;
    expect(again!.answer.unchanged).toBe(4);
    const { el } = await previewed({ import_preview: () => copy(again!.answer) });
    expect(confirm(el).disabled).toBe(true);
    expect($(el, '[data-testid="import-blocked"]')?.textContent).toContain('Nothing would change');
    expect($(el, '[data-testid="import-skip-invalid"]')).toBeNull();
  });
});
