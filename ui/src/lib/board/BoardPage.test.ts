import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, unmount, type mount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import BoardPage from './BoardPage.svelte';
import { apiError, backend, settle, type Call, type Handler } from '../testing/fixtures';
import { $, $$, choose, click, press, typeInto } from '../testing/dom';
import type { Board_Serialize, Conflict_Serialize } from '../ipc';
import {
  agendaWithBoard,
  bellItinerary,
  board,
  boardSessions,
  mountUnder,
  organisations,
  pickOption,
  searchPeople,
  speakingList,
  startedWorkspace,
} from './testing/fixtures';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

const doubleBooked: Conflict_Serialize = {
  kind: 'person_double_booked',
  message: 'Ms Lynn Bell is in two sessions at once: “Panel on recruitment” and “Closing”, Mon 18 Nov 10:00–10:30.',
  session_ids: [21, 24],
  event_id: null,
  key: 'person_double_booked:7:21,24',
  accepted: false,
};

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(
    backend(
      {
        board: () => board,
        search_people: searchPeople,
        assignment_conflicts: (args) => (args.personId === 7 && args.role === 'moderator' ? [doubleBooked] : []),
        itinerary: () => bellItinerary,
        ...handlers,
      },
      calls,
    ),
  );
  const ws = await startedWorkspace();
  const mounted = await mountUnder(ws, BoardPage);
  app = mounted.app;
  return { el: mounted.el, calls };
}

const cards = (el: ParentNode) => $$(el, '[data-testid="board-session"]');
const ids = (el: ParentNode) => cards(el).map((c) => Number(c.dataset.sessionId));
const card = (el: ParentNode, id: number) => {
  const found = $(el, `[data-testid="board-session"][data-session-id="${id}"]`);
  if (!found) throw new Error(`no card for session ${id}`);
  return found;
};
const roleOf = (c: HTMLElement) => $<HTMLSelectElement>(c, '[data-testid="board-role"]')!.value;
const last = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).pop();

async function pickPerson(c: HTMLElement, query: string, name: string) {
  await typeInto($<HTMLInputElement>(c, '[data-testid="board-person"]'), query);
  const option = $$(c, '[data-testid="board-person-option"]').find((o) => o.textContent?.includes(name));
  await pickOption(option);
}

describe('BoardPage', () => {
  it('shows the sessions that need people, what they need, and starts on the first need’s role', async () => {
    const { el } = await start();
    expect($(el, '[data-testid="board-page"]')).not.toBeNull();
    // "Needs people only" is on at first: the opening has all it needs.
    expect($<HTMLInputElement>(el, '[data-testid="board-needs-only"]')?.checked).toBe(true);
    expect(ids(el)).toEqual([21, 22, 23]);

    const panel = card(el, 21);
    expect($(panel, '[data-testid="board-needs"]')?.textContent).toBe('Needs a moderator, panellists');
    expect(roleOf(panel)).toBe('moderator');
    expect(roleOf(card(el, 22))).toBe('speaker');
    expect(roleOf(card(el, 23))).toBe('presenter');
    expect(panel.textContent).toContain('Mon 18 Nov, 10:00–11:00');
    expect(panel.textContent).toContain('Plenary Hall');
    expect(panel.textContent).toContain('Commemorative Dialogue');
    expect(card(el, 23).textContent).toContain('Unscheduled');
    // The planner's conflict naming the panel is shown on it.
    expect($(panel, '[data-testid="board-conflicts"]')?.textContent).toContain('Plenary Hall has two sessions at once');
    expect($(panel, '[data-testid="conflict-badge"]')).not.toBeNull();
    // Roles already given are listed in order.
    expect($(card(el, 22), '[data-testid="board-roles"]')?.textContent).toContain('Chair: Dr Siti Rahman (Indonesia)');
    // Only statements sessions have a speaking list.
    expect($(card(el, 22), '[data-testid="board-speaking"]')).not.toBeNull();
    expect($(panel, '[data-testid="board-speaking"]')).toBeNull();

    await click($(el, '[data-testid="board-needs-only"]'));
    expect(ids(el)).toEqual([20, 21, 22, 23]);
    const opening = card(el, 20);
    expect($(opening, '[data-testid="board-needs"]')).toBeNull();
    expect($(opening, '[data-testid="board-roles"]')?.textContent).toContain('Co-chair: Ms Lynn Bell (Australia)');
  });

  it('filters by event and by day', async () => {
    const { el } = await start();
    await choose($<HTMLSelectElement>(el, '[data-testid="board-event"]'), '11');
    expect(ids(el)).toEqual([22, 23]);
    await choose($<HTMLSelectElement>(el, '[data-testid="board-day"]'), 'unscheduled');
    expect(ids(el)).toEqual([23]);
    await choose($<HTMLSelectElement>(el, '[data-testid="board-day"]'), '2024-11-18');
    expect(ids(el)).toEqual([]);
    expect($(el, '[data-testid="board-empty"]')?.textContent).toContain('Show all sessions');
    await choose($<HTMLSelectElement>(el, '[data-testid="board-event"]'), '');
    expect(ids(el)).toEqual([21]);
  });

  it('asks what picking a person would clash with, and asks again for another role', async () => {
    const { el, calls } = await start();
    const panel = card(el, 21);
    await pickPerson(panel, 'bell', 'Ms Lynn Bell');

    expect(last(calls, 'assignment_conflicts')?.args).toEqual({ sessionId: 21, personId: 7, role: 'moderator' });
    const preview = $(panel, '[data-testid="board-preview"]')!;
    expect(preview.textContent).toContain(doubleBooked.message);
    expect(preview.classList.contains('clash')).toBe(true);
    // Nothing is written by a preview.
    expect(calls.some((c) => c.cmd === 'add_session_role')).toBe(false);

    await choose($<HTMLSelectElement>(panel, '[data-testid="board-role"]'), 'panellist');
    expect(last(calls, 'assignment_conflicts')?.args).toEqual({ sessionId: 21, personId: 7, role: 'panellist' });
    expect($(panel, '[data-testid="board-preview"]')?.textContent?.trim()).toBe('No clashes.');

    // Escape clears the proposal.
    await press($(panel, '[data-testid="board-assign"]')!, 'Escape');
    expect($(panel, '[data-testid="board-proposal"]')).toBeNull();
  });

  it('assigns the picked person in the chosen role and reloads the board', async () => {
    const filled: Board_Serialize = {
      ...board,
      sessions: boardSessions.map((s) => (s.entry.session.id === 21 ? { ...s, needs: s.needs.slice(1) } : s)),
    };
    let assigned = false;
    const { el, calls } = await start({
      add_session_role: () => {
        assigned = true;
        return null;
      },
      board: () => (assigned ? filled : board),
    });
    const panel = card(el, 21);
    await pickPerson(panel, 'rahman', 'Dr Siti Rahman');
    expect($(panel, '[data-testid="board-preview"]')?.textContent?.trim()).toBe('No clashes.');
    await click($(panel, '[data-testid="board-assign"]'));

    expect(last(calls, 'add_session_role')?.args).toEqual({
      sessionId: 21,
      entry: { role: 'moderator', person_id: 8, organisation_id: null, note: '' },
    });
    expect($(el, '[data-testid="board-status"]')?.textContent).toBe(
      'Assigned Dr Siti Rahman as moderator of “Panel on recruitment”.',
    );
    // The board reloaded: the panel now needs only panellists, and the role follows.
    expect($(card(el, 21), '[data-testid="board-needs"]')?.textContent).toBe('Needs panellists');
    expect(roleOf(card(el, 21))).toBe('panellist');
    expect($(card(el, 21), '[data-testid="board-proposal"]')).toBeNull();
  });

  it('shows a refused assignment on the card and keeps the proposal', async () => {
    const { el } = await start({
      add_session_role: () => {
        throw apiError('invalid', 'Dr Siti Rahman is already chair of “National statements”.', [
          { field: 'person_id', message: 'Dr Siti Rahman is already chair of “National statements”.' },
        ]);
      },
    });
    const statements = card(el, 22);
    await choose($<HTMLSelectElement>(statements, '[data-testid="board-role"]'), 'chair');
    await pickPerson(statements, 'rahman', 'Dr Siti Rahman');
    await click($(statements, '[data-testid="board-assign"]'));
    expect($(statements, '[data-testid="board-assign-error"]')?.textContent).toContain('already chair');
    expect($(statements, '[data-testid="board-proposal"]')?.textContent).toContain('Dr Siti Rahman');
  });

  it('lists people’s load and sorts it by name', async () => {
    const { el } = await start();
    const rows = () => $$(el, '[data-testid="board-load"]');
    expect(rows().map((r) => $(r, '[data-testid="board-load-text"]')?.textContent)).toEqual([
      '3 sessions: 2 panellist, 1 moderator',
      '1 session: 1 chair',
    ]);
    expect(rows()[0]?.textContent).toContain('Ms Lynn Bell');
    expect(rows()[0]?.textContent).toContain('Australia');
    await choose($<HTMLSelectElement>(el, '[data-testid="board-load-sort"]'), 'name');
    expect(rows().map((r) => Number(r.dataset.personId))).toEqual([8, 7]);
  });

  it('picks a person from the load list with Pick and “Assign here”', async () => {
    const { el, calls } = await start();
    const bell = $(el, '[data-testid="board-load"][data-person-id="7"]')!;
    expect($(card(el, 22), '[data-testid="board-assign-here"]')).toBeNull();
    await click($(bell, '[data-testid="board-pick"]'));
    expect($(bell, '[data-testid="board-pick"]')?.getAttribute('aria-pressed')).toBe('true');
    await click($(card(el, 22), '[data-testid="board-assign-here"]'));

    expect(last(calls, 'assignment_conflicts')?.args).toEqual({ sessionId: 22, personId: 7, role: 'speaker' });
    expect($(card(el, 22), '[data-testid="board-proposal"]')?.textContent).toContain('Ms Lynn Bell (Australia)');
    expect(document.activeElement).toBe($(card(el, 22), '[data-testid="board-assign"]'));
    // The held person is placed once.
    expect($(el, '[data-testid="board-assign-here"]')).toBeNull();
    expect($(el, '[data-testid="board-holding"]')).toBeNull();
  });

  it('picks a person dropped from the load list onto a card', async () => {
    const { el, calls } = await start();
    const rahman = $(el, '[data-testid="board-load"][data-person-id="8"] .load-main')!;
    rahman.dispatchEvent(new PointerEvent('pointerdown', { button: 0, clientX: 0, clientY: 0, bubbles: true }));
    window.dispatchEvent(new PointerEvent('pointermove', { clientX: 40, clientY: 0, bubbles: true }));
    await settle();
    flushSync();
    const target = card(el, 23);
    expect(target.classList.contains('drop-target')).toBe(true);
    target.dispatchEvent(new PointerEvent('pointerenter'));
    flushSync();
    expect(target.classList.contains('over')).toBe(true);
    target.dispatchEvent(new PointerEvent('pointerup', { clientX: 40, clientY: 0, bubbles: true }));
    await settle();
    flushSync();
    expect(last(calls, 'assignment_conflicts')?.args).toEqual({ sessionId: 23, personId: 8, role: 'presenter' });
    expect($(target, '[data-testid="board-proposal"]')?.textContent).toContain('Dr Siti Rahman');
    expect(target.classList.contains('drop-target')).toBe(false);
  });

  it('picks no one when the pointer is released over a card without carrying', async () => {
    const { el, calls } = await start();
    const target = card(el, 23);
    target.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    await settle();
    expect(last(calls, 'assignment_conflicts')).toBeUndefined();
    expect($(target, '[data-testid="board-proposal"]')).toBeNull();
  });

  it('shows a person’s sessions when their load row is clicked', async () => {
    const { el, calls } = await start();
    const bell = $(el, '[data-testid="board-load"][data-person-id="7"]')!;
    await click(bell);
    expect(last(calls, 'itinerary')?.args).toEqual({ personId: 7 });
    const entries = $$(el, '[data-testid="board-itinerary-entry"]').map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
    expect(entries).toEqual([
      'Mon 18 Nov, 09:00–09:30 Opening remarks Co-chair · Plenary Hall · Commemorative Dialogue',
      'Mon 18 Nov, 16:00–16:30 Closing Moderator · No room · Commemorative Dialogue',
    ]);
    // Pick does not toggle the list; clicking the row again closes it.
    await click($(bell, '[data-testid="board-pick"]'));
    expect($(el, '[data-testid="board-itinerary"]')).not.toBeNull();
    await click($(bell, '[data-testid="board-load-open"]'));
    expect($(el, '[data-testid="board-itinerary"]')).toBeNull();
  });

  it('opens the roles and speaking list dialogs for a session', async () => {
    const { el } = await start({
      session_roles: () => [],
      organisations: () => organisations,
      agenda: () => agendaWithBoard,
      speaking_list: () => speakingList,
    });
    await click($(card(el, 21), '[data-testid="board-edit-roles"]'));
    expect($(document.body, '[data-testid="roles-form"]')).not.toBeNull();
    expect(document.querySelector('dialog h2')?.textContent).toBe('Roles — Panel on recruitment');
    await click(Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Cancel'));
    expect($(document.body, '[data-testid="roles-form"]')).toBeNull();
    await click($(card(el, 22), '[data-testid="board-speaking"]'));
    expect($(document.body, '[data-testid="speaking-form"]')).not.toBeNull();
  });
});
