import { afterEach, describe, expect, it, vi } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import OrganisationPicker from './OrganisationPicker.svelte';
import { backend, sampleHandlers, type Call } from '../testing/backend';
import { $, $$, choose, click, press, typeInto } from '../testing/dom';
import { mountWithWorkspace, pickOption } from '../testing/mount';
import { directory } from '../testing/sample';
import { directoryWrites } from './testing';
import type { Organisation } from '../ipc';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function open() {
  const calls: Call[] = [];
  mockIPC(backend({ ...sampleHandlers(directory), ...directoryWrites() }, calls));
  const onpick = vi.fn<(o: Organisation) => void>();
  const mounted = await mountWithWorkspace(OrganisationPicker, { organisations: directory.organisations, onpick, testid: 'org' });
  app = mounted.app;
  return { el: mounted.el, box: $<HTMLInputElement>(mounted.el, '[data-testid="org"]')!, calls, onpick };
}

describe('OrganisationPicker', () => {
  it('adds an organisation named as typed, with its category, and picks it', async () => {
    const { el, box, calls, onpick } = await open();
    await typeInto(box, 'Mexico');
    expect($$(el, '[role="option"]').map((o) => o.textContent?.trim())).toEqual(['Add “Mexico”…']);
    await press(box, 'Enter');
    const name = $<HTMLInputElement>(el, '[data-testid="new-organisation"] [name="name"]')!;
    expect(name.value).toBe('Mexico');
    expect(document.activeElement).toBe(name);
    await choose($<HTMLSelectElement>(el, '[data-testid="new-organisation-category"]'), 'member_state');
    await click($(el, '[data-testid="new-organisation-save"]'));
    expect(calls.find((c) => c.cmd === 'create_organisation')?.args.form).toMatchObject({
      name: 'Mexico',
      category: 'member_state',
    });
    expect(onpick.mock.calls[0]![0]).toMatchObject({ id: 1000, name: 'Mexico' });
    // Found from then on, though the caller's list is as it was.
    await typeInto(box, 'mexi');
    await pickOption($(el, '[data-testid="org-option"]'));
    expect(onpick.mock.calls[1]![0]).toMatchObject({ id: 1000 });
  });

  it('goes back to the box with the text kept on Escape', async () => {
    const { el, box, calls } = await open();
    await typeInto(box, 'Mexico');
    await pickOption($(el, '[data-testid="org-create"]'));
    await press($<HTMLInputElement>(el, '[data-testid="new-organisation"] [name="name"]')!, 'Escape');
    expect($(el, '[data-testid="new-organisation"]')).toBeNull();
    expect(box.value).toBe('Mexico');
    expect(document.activeElement).toBe(box);
    expect(calls.some((c) => c.cmd === 'create_organisation')).toBe(false);
  });
});
