import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, unmount, type mount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import BoardPage from './BoardPage.svelte';
import { backend, recorded, refusal, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, choose, click, press, typeInto } from '../testing/dom';
import { mountUnder, pickOption, startedWorkspace } from '../testing/mount';
import { boardSession, copy, personNamed, planning, refusals } from '../testing/sample';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

// The sample week's board part-way through planning: the opening of the
// Dialogue has its co-chairs; the panel lacks its moderator (accepted); the
// national updates (moved onto by the workstream updates, which Ms Kathryn
// Haigh chairs) and the shared experiences need a chair and speakers; the
// fora discussion and the awareness discussion, not yet given a time, a chair.
const { board } = planning;
const session = (title: string) => boardSession(title, board).entry.session;
const opening = session('Opening remarks by the Senior Official Co-Chairs');
const panel = session('Panel discussion');
const updates = session('National updates');
const fora = session('Collaboration with regional fora');
const shared = session('Shared experiences');
const awareness = session('Discussion: what makes a successful awareness campaign');
const bell = personNamed('Ms Lynn Bell');
const tharyat = personNamed('Mr Tri Tharyat');
const haigh = personNamed('Ms Kathryn Haigh');
const clash = boardSession('National updates', board).conflicts[0]!;

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(
    backend(
      {
        ...sampleHandlers(planning),
        assignment_conflicts: recorded(planning.assignmentConflicts, 'assignment_conflicts'),
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
    expect(ids(el)).toEqual([panel.id, updates.id, fora.id, shared.id, awareness.id]);

    const first = card(el, updates.id);
    expect($(first, '[data-testid="board-needs"]')?.textContent).toBe('Needs a chair, speakers');
    expect(roleOf(first)).toBe('chair');
    expect(first.textContent).toContain('Tue 19 Nov, 10:15–11:30');
    expect(first.textContent).toContain('Plenary Hall');
    expect(first.textContent).toContain(boardSession('National updates', board).entry.event_title);
    expect(card(el, awareness.id).textContent).toContain('Unscheduled');
    // The planner's conflict naming the session is shown on it, badged while open.
    expect(clash.kind).toBe('room_double_booked');
    expect($(first, '[data-testid="board-conflicts"]')?.textContent).toContain(clash.message);
    expect($(first, '[data-testid="conflict-badge"]')).not.toBeNull();
    // The panel's missing moderator is accepted: listed, not badged.
    expect($(card(el, panel.id), '[data-testid="board-conflicts"]')?.textContent).toContain('has no moderator');
    expect($(card(el, panel.id), '[data-testid="conflict-badge"]')).toBeNull();
    expect($(first, '[data-testid="board-roles"]')).toBeNull();
    // Roles already given are listed in order, an organisation's too.
    expect($(card(el, fora.id), '[data-testid="board-roles"]')?.textContent).toContain(
      'Presenter: Bali Process Regional Support Office',
    );
    // Any session where statements may be made has a speaking list, not only statements.
    expect($(first, '[data-testid="board-speaking"]')).not.toBeNull();
    expect($(card(el, fora.id), '[data-testid="board-speaking"]')).not.toBeNull();

    await click($(el, '[data-testid="board-needs-only"]'));
    expect(ids(el)).toEqual(board.sessions.map((s) => s.entry.session.id));
    const full = card(el, opening.id);
    expect($(full, '[data-testid="board-needs"]')).toBeNull();
    expect($(full, '[data-testid="board-roles"]')?.textContent).toContain('Co-Chair: Ms Lynn Bell (Australia)');
    // Nothing missing: the role usually added to a presentation.
    const presentation = board.sessions.find((s) => s.entry.session.kind === 'presentation')!.entry.session;
    expect(roleOf(card(el, presentation.id))).toBe('presenter');
  });

  it('filters by event and by day', async () => {
    const { el } = await start();
    await choose($<HTMLSelectElement>(el, '[data-testid="board-event"]'), String(shared.event_id));
    expect(ids(el)).toEqual([shared.id, awareness.id]);
    await choose($<HTMLSelectElement>(el, '[data-testid="board-day"]'), 'unscheduled');
    expect(ids(el)).toEqual([awareness.id]);
    await choose($<HTMLSelectElement>(el, '[data-testid="board-day"]'), '2024-11-19');
    expect(ids(el)).toEqual([]);
    expect($(el, '[data-testid="board-empty"]')?.textContent).toContain('Show all sessions');
    await choose($<HTMLSelectElement>(el, '[data-testid="board-event"]'), '');
    expect(ids(el)).toEqual([updates.id, fora.id]);
  });

  it('asks what picking a person would clash with, and asks again for another role', async () => {
    const { el, calls } = await start();
    const first = card(el, updates.id);
    await pickPerson(first, 'haigh', 'Ms Kathryn Haigh');

    // She chairs the workstream updates, moved onto this session's time.
    expect(last(calls, 'assignment_conflicts')?.args).toEqual({ sessionId: updates.id, personId: haigh.id, role: 'chair' });
    const preview = $(first, '[data-testid="board-preview"]')!;
    expect(preview.textContent).toContain('Ms Kathryn Haigh is in two sessions at once');
    expect(preview.classList.contains('clash')).toBe(true);
    // Nothing is written by a preview.
    expect(calls.some((c) => c.cmd === 'add_session_role')).toBe(false);

    await choose($<HTMLSelectElement>(first, '[data-testid="board-role"]'), 'speaker');
    expect(last(calls, 'assignment_conflicts')?.args).toEqual({ sessionId: updates.id, personId: haigh.id, role: 'speaker' });
    expect($(first, '[data-testid="board-preview"]')?.textContent).toContain('Ms Kathryn Haigh is in two sessions at once');

    // Escape clears the proposal; someone free that morning has no clash.
    await press($(first, '[data-testid="board-assign"]')!, 'Escape');
    expect($(first, '[data-testid="board-proposal"]')).toBeNull();
    await pickPerson(first, 'bell', 'Ms Lynn Bell');
    expect(last(calls, 'assignment_conflicts')?.args).toEqual({ sessionId: updates.id, personId: bell.id, role: 'speaker' });
    expect($(first, '[data-testid="board-preview"]')?.textContent?.trim()).toBe('No clashes.');
    expect($(first, '[data-testid="board-preview"]')?.classList.contains('clash')).toBe(false);
  });

  it('assigns the picked person in the chosen role and reloads the board', async () => {
    let assigned = false;
    // What the backend answers once the chair is given.
    const filled = copy(board);
    const s = filled.sessions.find((x) => x.entry.session.id === updates.id)!;
    s.needs = s.needs.filter((n) => n.role !== 'chair');
    const { el, calls } = await start({
      add_session_role: () => {
        assigned = true;
        return null;
      },
      board: () => copy(assigned ? filled : board),
    });
    const first = card(el, updates.id);
    await pickPerson(first, 'tharyat', 'Mr Tri Tharyat');
    expect($(first, '[data-testid="board-preview"]')?.textContent?.trim()).toBe('No clashes.');
    await click($(first, '[data-testid="board-assign"]'));

    expect(last(calls, 'add_session_role')?.args).toEqual({
      sessionId: updates.id,
      entry: { role: 'chair', person_id: tharyat.id, organisation_id: null, note: '' },
    });
    expect($(el, '[data-testid="board-status"]')?.textContent).toBe(
      `Assigned Mr Tri Tharyat as chair of “${updates.title}”.`,
    );
    // The board reloaded: the session now needs only speakers, and the role follows.
    expect($(card(el, updates.id), '[data-testid="board-needs"]')?.textContent).toBe('Needs speakers');
    expect(roleOf(card(el, updates.id))).toBe('speaker');
    expect($(card(el, updates.id), '[data-testid="board-proposal"]')).toBeNull();
  });

  it('shows a refused assignment on the card and keeps the proposal', async () => {
    // Ms Lynn Bell already co-chairs the opening.
    const refused = refusals.assignedTwice!;
    const { el } = await start({ add_session_role: refusal(refused) });
    await click($(el, '[data-testid="board-needs-only"]'));
    const target = card(el, opening.id);
    await choose($<HTMLSelectElement>(target, '[data-testid="board-role"]'), 'co_chair');
    await pickPerson(target, 'bell', 'Ms Lynn Bell');
    await click($(target, '[data-testid="board-assign"]'));
    expect($(target, '[data-testid="board-assign-error"]')?.textContent).toContain(refused.error.message);
    expect($(target, '[data-testid="board-proposal"]')?.textContent).toContain('Ms Lynn Bell');
  });

  it('lists people’s load and sorts it by family name', async () => {
    const { el } = await start();
    const rows = () => $$(el, '[data-testid="board-load"]');
    expect(rows().map((r) => $(r, '[data-testid="board-load-text"]')?.textContent)).toEqual([
      '2 sessions: 1 chair, 1 speaker',
      '1 session: 1 speaker',
      '1 session: 1 co-chair',
      '1 session: 1 co-chair',
    ]);
    expect(rows()[0]?.textContent).toContain('Ms Kathryn Haigh');
    expect(rows()[0]?.textContent).toContain('Australia');
    await choose($<HTMLSelectElement>(el, '[data-testid="board-load-sort"]'), 'name');
    expect(rows().map((r) => Number(r.dataset.personId))).toEqual(
      ['Mr Caka Alverdi Awal', 'Ms Lynn Bell', 'Ms Kathryn Haigh', 'Mr Tri Tharyat'].map((n) => personNamed(n).id),
    );
  });

  it('picks a person from the load list with Pick and “Assign here”', async () => {
    const { el, calls } = await start();
    const row = $(el, `[data-testid="board-load"][data-person-id="${bell.id}"]`)!;
    expect($(card(el, shared.id), '[data-testid="board-assign-here"]')).toBeNull();
    await click($(row, '[data-testid="board-pick"]'));
    expect($(row, '[data-testid="board-pick"]')?.getAttribute('aria-pressed')).toBe('true');
    await click($(card(el, shared.id), '[data-testid="board-assign-here"]'));

    expect(last(calls, 'assignment_conflicts')?.args).toEqual({ sessionId: shared.id, personId: bell.id, role: 'chair' });
    expect($(card(el, shared.id), '[data-testid="board-proposal"]')?.textContent).toContain('Ms Lynn Bell (Australia)');
    expect(document.activeElement).toBe($(card(el, shared.id), '[data-testid="board-assign"]'));
    // The held person is placed once.
    expect($(el, '[data-testid="board-assign-here"]')).toBeNull();
    expect($(el, '[data-testid="board-holding"]')).toBeNull();
  });

  it('picks a person dropped from the load list onto a card', async () => {
    const { el, calls } = await start();
    const from = $(el, `[data-testid="board-load"][data-person-id="${tharyat.id}"] .load-main`)!;
    from.dispatchEvent(new PointerEvent('pointerdown', { button: 0, clientX: 0, clientY: 0, bubbles: true }));
    window.dispatchEvent(new PointerEvent('pointermove', { clientX: 40, clientY: 0, bubbles: true }));
    await settle();
    flushSync();
    const target = card(el, awareness.id);
    expect(target.classList.contains('drop-target')).toBe(true);
    target.dispatchEvent(new PointerEvent('pointerenter'));
    flushSync();
    expect(target.classList.contains('over')).toBe(true);
    target.dispatchEvent(new PointerEvent('pointerup', { clientX: 40, clientY: 0, bubbles: true }));
    await settle();
    flushSync();
    expect(last(calls, 'assignment_conflicts')?.args).toEqual({ sessionId: awareness.id, personId: tharyat.id, role: 'chair' });
    expect($(target, '[data-testid="board-proposal"]')?.textContent).toContain('Mr Tri Tharyat');
    expect(target.classList.contains('drop-target')).toBe(false);
  });

  it('picks no one when the pointer is released over a card without carrying', async () => {
    const { el, calls } = await start();
    const target = card(el, awareness.id);
    target.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    await settle();
    expect(last(calls, 'assignment_conflicts')).toBeUndefined();
    expect($(target, '[data-testid="board-proposal"]')).toBeNull();
  });

  it('shows a person’s sessions when their load row is clicked', async () => {
    const { el, calls } = await start();
    const row = $(el, `[data-testid="board-load"][data-person-id="${haigh.id}"]`)!;
    await click(row);
    expect(last(calls, 'itinerary')?.args).toEqual({ personId: haigh.id });
    const entries = $$(el, '[data-testid="board-itinerary-entry"]').map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
    const [decade, workstreams] = planning.itineraryByPerson[haigh.id]!;
    expect(entries).toEqual([
      `Mon 18 Nov, 09:30–10:15 ${decade!.session.title} Speaker · Plenary Hall · ${decade!.event_title}`,
      `Tue 19 Nov, 10:15–11:00 ${workstreams!.session.title} Chair · Plenary Hall · ${workstreams!.event_title}`,
    ]);
    // Pick does not toggle the list; clicking the row again closes it.
    await click($(row, '[data-testid="board-pick"]'));
    expect($(el, '[data-testid="board-itinerary"]')).not.toBeNull();
    await click($(row, '[data-testid="board-load-open"]'));
    expect($(el, '[data-testid="board-itinerary"]')).toBeNull();
  });

  it('opens the roles and speaking list dialogs for a session', async () => {
    const { el } = await start();
    await click($(card(el, fora.id), '[data-testid="board-edit-roles"]'));
    expect($(document.body, '[data-testid="roles-form"]')).not.toBeNull();
    expect(document.querySelector('dialog h2')?.textContent).toBe(`Roles — ${fora.title}`);
    await click(Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Cancel'));
    expect($(document.body, '[data-testid="roles-form"]')).toBeNull();
    await click($(card(el, updates.id), '[data-testid="board-speaking"]'));
    expect($(document.body, '[data-testid="speaking-form"]')).not.toBeNull();
  });
});
