import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import CopyPlanDialog from './CopyPlanDialog.svelte';
import { apiError, backend, settle, type Call } from '../testing/backend';
import { week } from '../testing/sample';
import type { Answer } from '../ipc';

const SAVE = 'plugin:dialog|save';
const PATH = '/plans/Week 2025.plenary';
const title = week.overview.plan.title;
// What copy_plan answers (the core's test makes the same message).
const made: Answer<'copyPlan'> = {
  title: 'Week 2025',
  first_day: '2025-11-17',
  last_day: '2025-11-19',
  sessions: 35,
  message: 'Made “Week 2025” (17–19 Nov 2025) with 35 sessions, each 364 days later.',
};

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

function open() {
  const target = document.createElement('div');
  document.body.appendChild(target);
  const ondone = vi.fn();
  app = mount(CopyPlanDialog, { target, props: { title, onclose: vi.fn(), ondone } });
  flushSync();
  const form = target.querySelector<HTMLFormElement>('form[data-testid="copy-plan-form"]')!;
  const type = (name: string, value: string) => {
    const input = form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const save = async () => {
    form.querySelector<HTMLButtonElement>('[data-testid="copy-plan-save"]')!.click();
    await settle();
    flushSync();
  };
  return { target, form, type, save, ondone };
}

describe('New plan from this plan', () => {
  it('asks where, makes the plan on the day typed, and hands it on to open', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ [SAVE]: () => PATH, copy_plan: () => made }, calls));
    const { form, type, save, ondone } = open();
    expect(form.querySelector<HTMLInputElement>('[name="title"]')!.value).toBe(title);
    type('title', 'Week 2025');
    type('first_day', '17 Nov 2025');
    await save();
    expect(calls.find((c) => c.cmd === 'copy_plan')?.args).toEqual({
      path: PATH,
      firstDay: '17 Nov 2025',
      title: 'Week 2025',
    });
    expect(ondone).toHaveBeenCalledWith(PATH, made);
  });

  it('shows a refused first day under its field and keeps what was typed', async () => {
    const problem = 'First day "17 Nov" has no year; give the year, or the plan\'s days.';
    mockIPC(
      backend({
        [SAVE]: () => PATH,
        copy_plan: () => {
          throw apiError('invalid', `first_day: ${problem}`, [{ field: 'first_day', message: problem }]);
        },
      }),
    );
    const { target, form, type, save, ondone } = open();
    type('first_day', '17 Nov');
    await save();
    expect(target.textContent).toContain(problem);
    expect(form.querySelector<HTMLInputElement>('[name="first_day"]')!.value).toBe('17 Nov');
    expect(ondone).not.toHaveBeenCalled();
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ [SAVE]: () => null }, calls));
    const { type, save, ondone } = open();
    type('first_day', '2025-11-17');
    await save();
    expect(calls.some((c) => c.cmd === 'copy_plan')).toBe(false);
    expect(ondone).not.toHaveBeenCalled();
  });
});
