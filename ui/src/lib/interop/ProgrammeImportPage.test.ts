import { afterEach, describe, expect, it } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ProgrammeImportPage from './ProgrammeImportPage.svelte';
import { loadedWorkspace, mountUnder } from '../testing/mount';
import { backend, recorded, settle, type Call } from '../testing/backend';
import { $, $$, choose, click, typeInto } from '../testing/dom';
import { programme } from '../testing/sample';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

// tests/fixtures/side-programme.csv into the sample week.
const PATH = String(programme.programmePreviews[0]!.args.path);

async function previewed() {
  const calls: Call[] = [];
  let imported = 0;
  mockIPC(
    backend(
      {
        programme_preview: recorded(programme.programmePreviews, 'programme_preview'),
        import_programme: recorded(programme.imports, 'import_programme'),
      },
      calls,
    ),
  );
  const ws = loadedWorkspace();
  const mounted = await mountUnder(ws, ProgrammeImportPage, { onimported: () => imported++ });
  app = mounted.app;
  await typeInto($<HTMLInputElement>(mounted.el, '[data-testid="programme-path"]'), PATH);
  await click($(mounted.el, '[data-testid="programme-preview"]'));
  await settle();
  return { el: mounted.el, calls, imported: () => imported };
}

describe('the programme import page', () => {
  it('shows how the file was read and writes nothing yet', async () => {
    const { el, calls } = await previewed();
    expect($(el, '[data-testid="programme-summary"]')?.textContent).toContain('3 sessions');
    expect($$(el, '[data-testid="programme-row"]')).toHaveLength(3);
    expect($$(el, '[data-testid="programme-column"]')).toHaveLength(7);
    expect(calls.some((c) => c.cmd === 'import_programme')).toBe(false);
  });

  it('previews again when a column is read as another field, then imports that', async () => {
    const { el, calls, imported } = await previewed();
    const lead = $$<HTMLSelectElement>(el, '[data-testid="programme-column"]')[5]!;
    await choose(lead, 'moderator');
    await settle();
    const last = calls.filter((c) => c.cmd === 'programme_preview').pop();
    expect((last?.args.request as { columns: string[] }).columns[5]).toBe('moderator');
    expect($(el, '[data-testid="programme-row"]')?.textContent).toContain('Moderator: Ms Siriporn Chaiyasit');
    await click($(el, '[data-testid="programme-confirm"]'));
    await settle();
    expect(calls.filter((c) => c.cmd === 'import_programme')).toHaveLength(1);
    expect(imported()).toBe(1);
  });
});
