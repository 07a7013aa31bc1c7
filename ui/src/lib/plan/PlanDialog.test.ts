import { afterEach, describe, expect, it, vi } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PlanDialog from './PlanDialog.svelte';
import { backend, sampleHandlers, type Call } from '../testing/backend';
import { $, click } from '../testing/dom';
import { mountWithWorkspace } from '../testing/mount';
import { copy, files, week } from '../testing/sample';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

describe('PlanDialog', () => {
  it('turns the panel-of-one-gender check on, off by default', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ ...sampleHandlers(), update_plan: () => copy(files.planFile) }, calls));
    const ondone = vi.fn();
    const mounted = await mountWithWorkspace(PlanDialog, {
      mode: 'edit',
      initial: copy(week.planForm),
      timeZones: [],
      onclose: vi.fn(),
      ondone,
    });
    app = mounted.app;
    const check = $<HTMLInputElement>(mounted.el, '[data-testid="plan-check-panel-gender"]')!;
    expect(check.checked).toBe(false);
    expect(check.closest('label')?.textContent).toContain('Flag panels whose speakers are all of one gender');
    await click(check);
    await click($(mounted.el, 'form[data-testid="plan-form"] button[type="submit"]'));
    expect(calls.filter((c) => c.cmd === 'update_plan').pop()?.args.form).toMatchObject({ check_panel_gender: true });
    expect(ondone).toHaveBeenCalledOnce();
  });
});
