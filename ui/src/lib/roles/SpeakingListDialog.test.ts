import { afterEach, describe, expect, it, vi } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import SpeakingListDialog from './SpeakingListDialog.svelte';
import { ASK, answer, apiError, backend, type Call, type Handler } from '../testing/fixtures';
import { $, $$, click, press, typeInto } from '../testing/dom';
import type { SlotEntry_Serialize } from '../ipc';
import {
  mountUnder,
  organisations,
  pickOption,
  roster,
  searchPeople,
  speakingList,
  startedWorkspace,
  turnTimes,
} from '../board/testing/fixtures';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function open(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(
    backend(
      {
        speaking_list: () => speakingList,
        turn_times: turnTimes,
        organisations: () => organisations,
        search_people: searchPeople,
        set_speaking_list: () => null,
        roster: () => roster,
        suggest_speaking_list: (args) => [
          { organisation_id: 1, person_id: 7, minutes: args.minutes },
          { organisation_id: 4, person_id: 12, minutes: args.minutes },
          { organisation_id: 2, person_id: null, minutes: args.minutes },
        ],
        ...handlers,
      },
      calls,
    ),
  );
  const ws = await startedWorkspace();
  const onclose = vi.fn();
  const onsaved = vi.fn();
  const mounted = await mountUnder(ws, SpeakingListDialog, { sessionId: 22, title: 'National statements', onclose, onsaved });
  app = mounted.app;
  const form = $<HTMLFormElement>(document.body, 'form[data-testid="speaking-form"]');
  if (!form) throw new Error('speaking form not rendered');
  return { form, calls, onsaved };
}

const rows = (form: ParentNode) => $$(form, '[data-testid="speaking-row"]');
const row = (form: ParentNode, n: number) => {
  const r = rows(form)[n - 1];
  if (!r) throw new Error(`no row ${n}`);
  return r;
};
const text = (form: ParentNode, testid: string) =>
  rows(form).map((r) => $(r, `[data-testid="${testid}"]`)?.textContent?.trim() ?? '');
const orgs = (form: ParentNode) => text(form, 'speaking-organisation');
const starts = (form: ParentNode) => text(form, 'speaking-start');
const budgetLine = (form: ParentNode) => $(form, '[data-testid="speaking-budget"]')!;
const minutesOf = (form: ParentNode, n: number) => $<HTMLInputElement>(row(form, n), '[data-testid="speaking-minutes"]');
const sentSlots = (calls: Call[]) =>
  calls.filter((c) => c.cmd === 'set_speaking_list').pop()?.args.slots as SlotEntry_Serialize[] | undefined;

describe('SpeakingListDialog', () => {
  it('shows the turns with the backend’s start times and budget', async () => {
    const { form, calls } = await open();
    expect(calls.filter((c) => c.cmd === 'turn_times').pop()?.args).toEqual({ sessionId: 22, minutes: [5, 5, 3] });
    expect(orgs(form)).toEqual(['Australia', 'Indonesia', 'International Organization for Migration']);
    expect(starts(form)).toEqual(['09:00', '09:05', '09:10']);
    expect($(row(form, 1), '[data-testid="speaking-speaker"]')?.textContent).toBe('Ms Lynn Bell');
    expect(budgetLine(form).textContent).toBe('13 of 60 minutes');
    expect(budgetLine(form).classList.contains('over')).toBe(false);
    expect(document.activeElement).toBe(row(form, 1));
  });

  it('asks the backend again while editing, in red when over', async () => {
    const { form, calls } = await open();
    await typeInto(minutesOf(form, 1), '50');
    expect(starts(form)).toEqual(['09:00', '09:50', '09:55']);
    expect(budgetLine(form).textContent).toBe('58 of 60 minutes');
    await typeInto(minutesOf(form, 2), '10');
    expect(calls.filter((c) => c.cmd === 'turn_times').pop()?.args).toEqual({ sessionId: 22, minutes: [50, 10, 3] });
    expect(budgetLine(form).textContent).toBe('63 of 60 minutes');
    expect(budgetLine(form).classList.contains('over')).toBe(true);
    // A blank box counts as nothing until it is filled in.
    await typeInto(minutesOf(form, 3), '');
    expect(calls.filter((c) => c.cmd === 'turn_times').pop()?.args).toEqual({ sessionId: 22, minutes: [50, 10, 0] });
  });

  it('saves the turns in the order shown', async () => {
    const { form, calls, onsaved } = await open();
    // IOM up with its button, Australia down with Alt+ArrowDown.
    await click($(row(form, 3), '[data-testid="speaking-up"]'));
    expect(orgs(form)).toEqual(['Australia', 'International Organization for Migration', 'Indonesia']);
    expect(starts(form)).toEqual(['09:00', '09:05', '09:08']);
    row(form, 1).focus();
    await press(row(form, 1), 'ArrowDown', { altKey: true });
    expect(orgs(form)).toEqual(['International Organization for Migration', 'Australia', 'Indonesia']);
    expect(document.activeElement).toBe(row(form, 2));
    // Plain arrows leave the order alone.
    await press(row(form, 2), 'ArrowDown');
    expect(orgs(form)[1]).toBe('Australia');

    // Thailand joins at the end, with a speaker; Indonesia goes.
    await typeInto($<HTMLInputElement>(form, '[data-testid="speaking-add"]'), 'Thai');
    await pickOption($(form, '[data-testid="speaking-add-option"]'));
    await typeInto($<HTMLInputElement>(row(form, 4), '[data-testid="speaking-person"]'), 'okoro');
    await pickOption($(row(form, 4), '[data-testid="speaking-person-option"]'));
    await click($(row(form, 3), '[data-testid="speaking-remove"]'));
    expect(orgs(form)).toEqual(['International Organization for Migration', 'Australia', 'Thailand']);

    await click($(form, '[data-testid="speaking-save"]'));
    expect(calls.filter((c) => c.cmd === 'set_speaking_list').pop()?.args.sessionId).toBe(22);
    expect(sentSlots(calls)).toEqual([
      { organisation_id: 3, person_id: null, minutes: 3 },
      { organisation_id: 1, person_id: 7, minutes: 5 },
      { organisation_id: 4, person_id: 9, minutes: 5 },
    ]);
    expect(onsaved).toHaveBeenCalledOnce();
  });

  it('does not offer a delegation already on the list', async () => {
    const { form } = await open();
    await typeInto($<HTMLInputElement>(form, '[data-testid="speaking-add"]'), 'a');
    const offered = $$(form, '[data-testid="speaking-add-option"]').map((o) => o.textContent);
    expect(offered.some((t) => t?.includes('Thailand'))).toBe(true);
    expect(offered.some((t) => t?.includes('Australia'))).toBe(false);
  });

  it('fills from the delegations only after asking, when the list has turns', async () => {
    const { form, calls } = await open({ [ASK]: answer(false) });
    await typeInto($<HTMLInputElement>(form, '[data-testid="speaking-fill-minutes"]'), '4');
    await click($(form, '[data-testid="speaking-fill"]'));
    expect(calls.find((c) => c.cmd === ASK)?.args.message).toContain('Replace the 3 turns');
    expect(calls.some((c) => c.cmd === 'suggest_speaking_list')).toBe(false);
    expect(orgs(form)).toHaveLength(3);

    mockIPC(
      backend(
        {
          [ASK]: answer(true),
          roster: () => roster,
          turn_times: turnTimes,
          suggest_speaking_list: (args) => [
            { organisation_id: 1, person_id: 7, minutes: args.minutes },
            { organisation_id: 4, person_id: 12, minutes: args.minutes },
            { organisation_id: 2, person_id: null, minutes: args.minutes },
          ],
        },
        calls,
      ),
    );
    await click($(form, '[data-testid="speaking-fill"]'));
    expect(calls.filter((c) => c.cmd === 'suggest_speaking_list').pop()?.args).toEqual({ sessionId: 22, minutes: 4 });
    expect(orgs(form)).toEqual(['Australia', 'Thailand', 'Indonesia']);
    expect(text(form, 'speaking-speaker')).toEqual(['Ms Lynn Bell', 'Mr Somchai Chai', '']);
    expect(starts(form)).toEqual(['09:00', '09:04', '09:08']);
    expect(budgetLine(form).textContent).toBe('12 of 60 minutes');
  });

  it('fills an empty list without asking', async () => {
    const { form, calls } = await open({ speaking_list: () => ({ ...speakingList, turns: [] }) });
    expect($(form, '[data-testid="speaking-fill-minutes"]') as HTMLInputElement).toHaveProperty('value', '3');
    await click($(form, '[data-testid="speaking-fill"]'));
    expect(calls.some((c) => c.cmd === ASK)).toBe(false);
    expect(orgs(form)).toEqual(['Australia', 'Thailand', 'Indonesia']);
  });

  it('shows a refused turn on its row and keeps the list', async () => {
    const problem = 'Row 2: a turn is 1 to 600 minutes, not 0.';
    const { form, onsaved } = await open({
      set_speaking_list: () => {
        throw apiError('invalid', problem, [{ field: 'slots.1', message: problem }]);
      },
    });
    await typeInto(minutesOf(form, 2), '');
    await click($(form, '[data-testid="speaking-save"]'));
    expect(onsaved).not.toHaveBeenCalled();
    expect($(row(form, 2), '[data-testid="speaking-row-error"]')?.textContent).toBe(problem);
    expect($(row(form, 1), '[data-testid="speaking-row-error"]')).toBeNull();
    expect(rows(form)).toHaveLength(3);
    expect(document.activeElement).toBe(minutesOf(form, 2));
  });
});
