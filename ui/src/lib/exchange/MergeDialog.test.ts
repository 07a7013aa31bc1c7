import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, unmount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import MergeDialog from './MergeDialog.svelte';
import HandoverDialog from './HandoverDialog.svelte';
import { apiError, backend, settle, type Call } from '../testing/backend';
import { mountWithWorkspace } from '../testing/mount';
import type { Answer } from '../ipc';

const OPEN = 'plugin:dialog|open';
const SAVE = 'plugin:dialog|save';
const THEIRS = '/mail/indonesia.plenary';

// What merge_preview answers for one clash of each sort a person settles.
const preview: Answer<'mergePreview'> = {
  ours_team: 'Australia team',
  theirs_team: 'Indonesia team',
  added: ['Session “Side event: oceans”'],
  changed: ['Session “Panel I”', 'Session “Opening”'],
  deleted: [],
  ours_changed: 2,
  clean: 2,
  clashes: [
    {
      n: 1,
      kind: 'field',
      record: 'Session “Panel I”',
      field: 'Room',
      ours: 'Plenary Hall',
      theirs: 'Meeting Room 2',
      editable: false,
    },
    {
      n: 2,
      kind: 'field',
      record: 'Session “Opening”',
      field: 'Title',
      ours: 'Opening of the week',
      theirs: 'Opening ceremony',
      editable: true,
    },
  ],
  nothing_new: false,
};

let app: ReturnType<typeof import('svelte').mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function openMerge(handlers: Parameters<typeof backend>[0], calls: Call[] = []) {
  mockIPC(backend({ [OPEN]: () => THEIRS, merge_preview: () => structuredClone(preview), ...handlers }, calls));
  const onclose = vi.fn();
  const mounted = await mountWithWorkspace(MergeDialog, { onclose });
  app = mounted.app;
  const el = mounted.el;
  const click = async (testid: string, within: ParentNode = el) => {
    within.querySelector<HTMLElement>(`[data-testid="${testid}"]`)!.click();
    await settle();
    flushSync();
  };
  const mergeButton = () => el.querySelector<HTMLButtonElement>('[data-testid="merge-save"]')!;
  const clash = (n: number) => el.querySelector<HTMLElement>(`[data-testid="merge-clash"][data-n="${n}"]`)!;
  return { ...mounted, onclose, click, mergeButton, clash };
}

describe('Merge a plan from the other team', () => {
  it('shows each clash side by side and enables Merge once all are settled, sending the typed value', async () => {
    const calls: Call[] = [];
    const merged = { step: 'Merged from Indonesia team: 1 added, 2 changed', added: 1, changed: 2, deleted: 0 };
    const { el, ws, onclose, click, mergeButton, clash } = await openMerge({ merge_plan: () => merged }, calls);
    expect(mergeButton().disabled).toBe(true);
    await click('merge-choose');
    expect(calls.find((c) => c.cmd === 'merge_preview')?.args).toEqual({ path: THEIRS });
    expect(el.textContent).toContain('Room: Plenary Hall (yours, Australia team) / Meeting Room 2 (Indonesia team)');
    expect(el.textContent).toContain('2 clashes still to decide.');
    // The room is not free text: no way to type it.
    expect(clash(1).querySelector('[data-testid="take-edited"]')).toBeNull();
    await click('take-theirs', clash(1));
    expect(mergeButton().disabled).toBe(true);
    await click('take-edited', clash(2));
    expect(mergeButton().disabled).toBe(true);
    const input = clash(2).querySelector<HTMLInputElement>('[data-testid="edited-value"]')!;
    input.value = 'Opening of the ministerial week';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(mergeButton().disabled).toBe(false);
    expect(calls.some((c) => c.cmd === 'merge_plan')).toBe(false);
    await click('merge-save');
    expect(calls.find((c) => c.cmd === 'merge_plan')?.args).toEqual({
      path: THEIRS,
      resolutions: [
        { clash: 1, take: 'theirs', value: null },
        { clash: 2, take: 'edited', value: 'Opening of the ministerial week' },
      ],
    });
    expect(ws.notice?.text).toBe('Merged from Indonesia team: 1 added, 2 changed. Edit › Undo (Ctrl+Z) takes it back.');
    expect(onclose).toHaveBeenCalled();
  });

  it('shows a refused file in one line and merges nothing', async () => {
    const calls: Call[] = [];
    const refusal = 'indonesia.plenary is a copy of a different plan: there is no common base to merge from.';
    const { el, click, mergeButton } = await openMerge(
      {
        merge_preview: () => {
          throw apiError('invalid', refusal);
        },
      },
      calls,
    );
    await click('merge-choose');
    expect(el.querySelector('[data-testid="merge-error"]')?.textContent).toBe(refusal);
    expect(mergeButton().disabled).toBe(true);
    expect(calls.some((c) => c.cmd === 'merge_plan')).toBe(false);
  });

  it('reads a pasted path once the field is left', async () => {
    const calls: Call[] = [];
    const { el } = await openMerge({}, calls);
    const input = el.querySelector<HTMLInputElement>('[data-testid="merge-path"]')!;
    input.value = '/mail/other.plenary';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    flushSync();
    expect(calls.filter((c) => c.cmd === 'merge_preview').map((c) => c.args)).toEqual([{ path: '/mail/other.plenary' }]);
    expect(el.querySelectorAll('[data-testid="merge-clash"]')).toHaveLength(2);
  });

  it('cannot merge into a plan open only for reading', async () => {
    const { el, ws, mergeButton } = await openMerge({});
    ws.file = { ...ws.file!, read_only: 'Another program has it open.' };
    flushSync();
    expect(el.querySelector('[data-testid="merge-refused"]')).not.toBeNull();
    expect(el.querySelector<HTMLButtonElement>('[data-testid="merge-choose"]')!.disabled).toBe(true);
    expect(mergeButton().disabled).toBe(true);
  });
});

describe('Hand over a copy', () => {
  it('names this copy the first time, then writes the other team’s copy where chosen', async () => {
    const calls: Call[] = [];
    const path = '/mail/Week (Indonesia team).plenary';
    mockIPC(backend({ team: () => '', set_team: () => null, [SAVE]: () => path, handover: () => null }, calls));
    const onclose = vi.fn();
    const mounted = await mountWithWorkspace(HandoverDialog, { onclose });
    app = mounted.app;
    const { el, ws } = mounted;
    const type = (testid: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`[data-testid="${testid}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    expect(el.querySelector<HTMLInputElement>('[data-testid="handover-path"]')!.placeholder).toBe(
      'Choose where to save, or paste a path',
    );
    type('handover-team', 'Indonesia team');
    type('handover-own-team', 'Australia team');
    flushSync();
    el.querySelector<HTMLButtonElement>('[data-testid="handover-save"]')!.click();
    await settle();
    flushSync();
    expect(calls.find((c) => c.cmd === 'set_team')?.args).toEqual({ name: 'Australia team' });
    expect(calls.find((c) => c.cmd === 'handover')?.args).toEqual({ path, team: 'Indonesia team' });
    expect(ws.notice?.text).toContain(`Wrote Indonesia team's copy to ${path}.`);
    expect(onclose).toHaveBeenCalled();
  });

  it('does not ask for this copy’s team once it has one', async () => {
    mockIPC(backend({ team: () => 'Australia team' }));
    const mounted = await mountWithWorkspace(HandoverDialog, { onclose: vi.fn() });
    app = mounted.app;
    expect(mounted.el.querySelector('[data-testid="handover-own-team"]')).toBeNull();
    expect(mounted.el.textContent).toContain('This copy is Australia team\'s.');
  });
});
