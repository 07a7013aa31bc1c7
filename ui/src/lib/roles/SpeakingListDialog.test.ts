import { afterEach, describe, expect, it, vi } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import SpeakingListDialog from './SpeakingListDialog.svelte';
import { ASK, answer, backend, recorded, refusal, sampleHandlers, type Call, type Handler } from '../testing/backend';
import { $, $$, click, press, typeInto } from '../testing/dom';
import type { SlotEntry_Serialize } from '../ipc';
import { mountUnder, pickOption, startedWorkspace } from '../testing/mount';
import { boardSession, copy, organisationNamed, personNamed, refusals, speaking, week } from '../testing/sample';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

// The national updates of the Annual Meeting, 10:15–11:30 (75 minutes),
// with its first three turns saved: Australia with Ms Lynn
// Bell speaking, Indonesia, then Bangladesh for 3 minutes.
const session = boardSession('National updates').entry.session;
const suggested = week.suggestedListBySession[session.id]!;
const bell = personNamed('Ms Lynn Bell');
const haigh = personNamed('Ms Kathryn Haigh');
const australia = organisationNamed('Australia');
const bangladesh = organisationNamed('Bangladesh');
const thailand = organisationNamed('Thailand');
const turnTimes = recorded(speaking.turnTimes, 'turn_times');
const suggest = recorded(speaking.suggestions, 'suggest_speaking_list');
/** The budget line the backend words for `minutes`. */
const budget = (minutes: number[]) => speaking.turnTimes.find((t) => t.args.minutes!.toString() === minutes.toString())!.answer.budget.message;

const suggestedNames = suggested.map((slot) => week.organisations.find((o) => o.id === slot.organisation_id)!.name);

async function open(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(
    backend(
      {
        ...sampleHandlers(),
        speaking_list: () => copy(speaking.speakingList),
        turn_times: turnTimes,
        set_speaking_list: () => null,
        suggest_speaking_list: suggest,
        ...handlers,
      },
      calls,
    ),
  );
  const ws = await startedWorkspace();
  const onclose = vi.fn();
  const onsaved = vi.fn();
  const mounted = await mountUnder(ws, SpeakingListDialog, { sessionId: session.id, title: session.title, onclose, onsaved });
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
    expect(calls.filter((c) => c.cmd === 'turn_times').pop()?.args).toEqual({ sessionId: session.id, minutes: [5, 5, 3] });
    expect(orgs(form)).toEqual(['Australia', 'Indonesia', 'Bangladesh']);
    expect(starts(form)).toEqual(['10:15', '10:20', '10:25']);
    expect($(row(form, 1), '[data-testid="speaking-speaker"]')?.textContent).toBe('Ms Lynn Bell');
    expect(budgetLine(form).textContent).toBe(budget([5, 5, 3]));
    expect(budgetLine(form).textContent).toBe('13 of 75 minutes used; 62 minutes left.');
    expect(budgetLine(form).classList.contains('over')).toBe(false);
    expect(document.activeElement).toBe(row(form, 1));
  });

  it('asks the backend again while editing, in red when over', async () => {
    const { form, calls } = await open();
    await typeInto(minutesOf(form, 1), '60');
    expect(starts(form)).toEqual(['10:15', '11:15', '11:20']);
    expect(budgetLine(form).textContent).toBe(budget([60, 5, 3]));
    await typeInto(minutesOf(form, 2), '15');
    expect(calls.filter((c) => c.cmd === 'turn_times').pop()?.args).toEqual({ sessionId: session.id, minutes: [60, 15, 3] });
    expect(budgetLine(form).textContent).toBe(budget([60, 15, 3]));
    expect(budgetLine(form).textContent).toContain('3 minutes over');
    expect(budgetLine(form).classList.contains('over')).toBe(true);
    // A blank box counts as nothing until it is filled in.
    await typeInto(minutesOf(form, 3), '');
    expect(calls.filter((c) => c.cmd === 'turn_times').pop()?.args).toEqual({ sessionId: session.id, minutes: [60, 15, 0] });
  });

  it('saves the turns in the order shown', async () => {
    const { form, calls, onsaved } = await open();
    // Bangladesh up with its button, Australia down with Alt+ArrowDown.
    await click($(row(form, 3), '[data-testid="speaking-up"]'));
    expect(orgs(form)).toEqual(['Australia', 'Bangladesh', 'Indonesia']);
    expect(starts(form)).toEqual(['10:15', '10:20', '10:23']);
    row(form, 1).focus();
    await press(row(form, 1), 'ArrowDown', { altKey: true });
    expect(orgs(form)).toEqual(['Bangladesh', 'Australia', 'Indonesia']);
    expect(document.activeElement).toBe(row(form, 2));
    // Plain arrows leave the order alone.
    await press(row(form, 2), 'ArrowDown');
    expect(orgs(form)[1]).toBe('Australia');

    // Thailand joins at the end, with a speaker; Indonesia goes.
    await typeInto($<HTMLInputElement>(form, '[data-testid="speaking-add"]'), 'Thai');
    await pickOption($(form, '[data-testid="speaking-add-option"]'));
    await typeInto($<HTMLInputElement>(row(form, 4), '[data-testid="speaking-person"]'), 'haigh');
    await pickOption($(row(form, 4), '[data-testid="speaking-person-option"]'));
    await click($(row(form, 3), '[data-testid="speaking-remove"]'));
    expect(orgs(form)).toEqual(['Bangladesh', 'Australia', 'Thailand']);

    await click($(form, '[data-testid="speaking-save"]'));
    expect(calls.filter((c) => c.cmd === 'set_speaking_list').pop()?.args.sessionId).toBe(session.id);
    expect(sentSlots(calls)).toEqual([
      { organisation_id: bangladesh.id, person_id: null, minutes: 3 },
      { organisation_id: australia.id, person_id: bell.id, minutes: 5 },
      { organisation_id: thailand.id, person_id: haigh.id, minutes: 5 },
    ]);
    expect(onsaved).toHaveBeenCalledOnce();
  });

  it('does not offer a delegation already on the list', async () => {
    const { form } = await open();
    await typeInto($<HTMLInputElement>(form, '[data-testid="speaking-add"]'), 'ind');
    const offered = $$(form, '[data-testid="speaking-add-option"]').map((o) => o.textContent);
    expect(offered.some((t) => t?.includes('India'))).toBe(true);
    expect(offered.some((t) => t?.includes('Indonesia'))).toBe(false);
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
        { ...sampleHandlers(), [ASK]: answer(true), turn_times: turnTimes, suggest_speaking_list: suggest },
        calls,
      ),
    );
    await click($(form, '[data-testid="speaking-fill"]'));
    expect(calls.filter((c) => c.cmd === 'suggest_speaking_list').pop()?.args).toEqual({ sessionId: session.id, minutes: 4 });
    expect(orgs(form)).toEqual(suggestedNames);
    // The co-chairs (Australia, Indonesia) chair the session and are left out; the rest by short name.
    expect(orgs(form)).not.toContain('Australia');
    expect(orgs(form).slice(0, 3)).toEqual(['Bangladesh', 'India', 'Malaysia']);
    // Nobody is registered for the Annual Meeting yet, so no turn names a speaker.
    expect(text(form, 'speaking-speaker').every((t) => t === '')).toBe(true);
    expect(starts(form).slice(0, 3)).toEqual(['10:15', '10:19', '10:23']);
    expect(budgetLine(form).textContent).toBe(budget(suggested.map(() => 4)));
  });

  it('fills an empty list without asking', async () => {
    // The sample's list, as it is: no turns yet.
    const { form, calls } = await open({ speaking_list: () => copy(week.speakingListBySession[session.id]!) });
    expect(rows(form)).toHaveLength(0);
    expect($(form, '[data-testid="speaking-fill-minutes"]') as HTMLInputElement).toHaveProperty('value', '3');
    await click($(form, '[data-testid="speaking-fill"]'));
    expect(calls.some((c) => c.cmd === ASK)).toBe(false);
    expect(orgs(form)).toEqual(suggestedNames);
  });

  it('shows a refused turn on its row and keeps the list', async () => {
    const refused = refusals.turnMinutes!;
    const problem = refused.error.fields.find((f) => f.field === 'slots.1')!.message;
    const { form, onsaved } = await open({ set_speaking_list: refusal(refused) });
    await typeInto(minutesOf(form, 2), '');
    await click($(form, '[data-testid="speaking-save"]'));
    expect(onsaved).not.toHaveBeenCalled();
    expect($(row(form, 2), '[data-testid="speaking-row-error"]')?.textContent).toBe(problem);
    expect($(row(form, 1), '[data-testid="speaking-row-error"]')).toBeNull();
    expect(rows(form)).toHaveLength(3);
    expect(document.activeElement).toBe(minutesOf(form, 2));
  });
});
