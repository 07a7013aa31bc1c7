// The session form's "People and roles": a whole panel entered in the form,
// people not in the plan yet added from the picker, saved with the session.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SessionDialog from './SessionDialog.svelte';
import { newSessionForm } from './defaults';
import { backend, refusal, sampleHandlers, type Call, type Handler } from '../testing/backend';
import { $, $$, choose, click, press, typeInto } from '../testing/dom';
import { mountWithWorkspace, pickOption } from '../testing/mount';
import { boardSession, copy, personNamed, refusals, week } from '../testing/sample';
import { directoryWrites, pickerAnswers } from '../people/testing';
import { blankPersonForm } from '../people/records';
import type { RoleEntry_Serialize, SessionForm_Serialize } from '../ipc';

const { overview, vocabulary } = week;
const events = overview.events.map((e) => e.event);
const bell = personNamed('Ms Lynn Bell');
const awal = personNamed('Mr Caka Alverdi Awal');
const opening = boardSession('Opening remarks by the Senior Official Co-Chairs').entry.session;

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function open(initial: SessionForm_Serialize, sessionId: number | null, handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  const lauber = { form: { ...blankPersonForm(), given_name: 'Jürg', family_name: 'Lauber' }, organisation: '' };
  mockIPC(
    backend(
      {
        ...sampleHandlers(),
        ...directoryWrites(),
        ...pickerAnswers(lauber),
        save_session_with_roles: () => copy(opening),
        ...handlers,
      },
      calls,
    ),
  );
  const onsaved = vi.fn();
  const mounted = await mountWithWorkspace(SessionDialog, {
    sessionId,
    initial,
    events,
    rooms: overview.rooms,
    days: overview.days,
    vocabulary,
    onclose: vi.fn(),
    onsaved,
  });
  app = mounted.app;
  const form = $<HTMLFormElement>(mounted.el, 'form[data-testid="session-form"]')!;
  const section = $(form, '[data-testid="session-roles"]')!;
  return { form, section, calls, onsaved };
}

const rows = (section: ParentNode) => $$(section, '[data-testid="roles-row"]');
const row = (section: ParentNode, n: number) => rows(section)[n - 1]!;
const roleOf = (section: ParentNode) => rows(section).map((r) => $<HTMLSelectElement>(r, '[data-testid="roles-role"]')!.value);
const who = (section: ParentNode) =>
  rows(section).map((r) => $(r, '[data-testid="roles-who"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
const sent = (calls: Call[]) => calls.filter((c) => c.cmd === 'save_session_with_roles').pop()?.args;

async function addRow(section: ParentNode) {
  await click($(section, '[data-testid="roles-add"]'));
  const box = $<HTMLInputElement>(rows(section)[rows(section).length - 1]!, '[data-testid="roles-person"]')!;
  // The new row has the keyboard, in its person box.
  expect(document.activeElement).toBe(box);
  return box;
}

/** The row a pick in the last row opened: empty, its person box holding the keyboard. */
function openedRow(section: ParentNode) {
  const last = rows(section)[rows(section).length - 1]!;
  const box = $<HTMLInputElement>(last, '[data-testid="roles-person"]')!;
  expect(document.activeElement).toBe(box);
  return box;
}

describe('SessionDialog: people and roles', () => {
  it('enters a panel on a new session: add, add a new person inline, reorder, remove, then one save', async () => {
    const initial = { ...newSessionForm('2024-11-18', events, vocabulary.session_kinds), kind: 'panel' as const };
    const { form, section, calls, onsaved } = await open(initial, null);
    await typeInto($<HTMLInputElement>(form, '[name="title"]'), 'Panel II: Labour mobility');
    expect(section.textContent).toContain('No one yet');

    // A panel opens with its moderator, then its panellists.
    let box = await addRow(section);
    await typeInto(box, 'bell');
    await pickOption($(row(section, 1), '[data-testid="roles-person-option"]'));
    // A pick in the last row opens the next one: type the next name straight away.
    box = openedRow(section);
    await typeInto(box, 'awal');
    await pickOption($(row(section, 2), '[data-testid="roles-person-option"]'));
    expect(roleOf(section)).toEqual(['moderator', 'panellist', 'panellist']);

    // Someone the plan does not have yet, added from the picker without leaving the form.
    box = openedRow(section);
    await typeInto(box, 'Jürg Lauber');
    await press(box, 'ArrowDown');
    await press(box, 'Enter');
    expect($(form, '[data-testid="new-person"]')).not.toBeNull();
    await click($(form, '[data-testid="new-person-save"]'));
    expect(who(section)).toEqual(['Ms Lynn Bell (Australia)', 'Mr Caka Alverdi Awal (Indonesia)', 'Jürg Lauber', '']);

    // The row opened last is removed; the new person speaks before Mr Awal.
    await click($(row(section, 4), '[data-testid="roles-remove"]'));
    await click($(row(section, 3), '[data-testid="roles-up"]'));
    await typeInto($<HTMLInputElement>(row(section, 2), '[data-testid="roles-note"]'), ' Special Adviser ');
    expect(who(section)).toEqual(['Ms Lynn Bell (Australia)', 'Jürg Lauber', 'Mr Caka Alverdi Awal (Indonesia)']);

    await click($(form, '[data-testid="session-save"]'));
    expect(calls.some((c) => c.cmd === 'create_session')).toBe(false);
    const args = sent(calls)!;
    expect(args.id).toBeNull();
    expect((args.form as SessionForm_Serialize).title).toBe('Panel II: Labour mobility');
    expect(args.roles as RoleEntry_Serialize[]).toEqual([
      { role: 'moderator', person_id: bell.id, organisation_id: null, note: '', tentative: false, presence: 'in_person' },
      { role: 'panellist', person_id: 1000, organisation_id: null, note: 'Special Adviser', tentative: false, presence: 'in_person' },
      { role: 'panellist', person_id: awal.id, organisation_id: null, note: '', tentative: false, presence: 'in_person' },
    ]);
    expect(onsaved).toHaveBeenCalledOnce();
  });

  it('shows a saved session’s roles and saves them with it only once they were touched', async () => {
    const initial = copy(week.sessionFormBySession[opening.id]!);
    const { form, section, calls } = await open(initial, opening.id, {
      update_session: () => copy(opening),
    });
    const saved = week.sessionRolesBySession[opening.id]!;
    expect(rows(section)).toHaveLength(saved.length);
    expect(who(section)[0]).toContain('Ms Lynn Bell');

    // Only the title changed: the roles are left as saved.
    await typeInto($<HTMLInputElement>(form, '[name="title"]'), 'Opening remarks');
    await click($(form, '[data-testid="session-save"]'));
    expect(calls.some((c) => c.cmd === 'update_session')).toBe(true);
    expect(sent(calls)).toBeUndefined();

    // The co-chairs swap places: now the roles go with the session, in one step.
    await click($(row(section, 2), '[data-testid="roles-up"]'));
    await click($(form, '[data-testid="session-save"]'));
    const args = sent(calls)!;
    expect(args.id).toBe(opening.id);
    expect((args.roles as RoleEntry_Serialize[]).map((r) => r.person_id)).toEqual(
      [saved[1]!.person_id, saved[0]!.person_id],
    );
  });

  it('names who stands in for a holder, and saves the holder', async () => {
    const tharyat = personNamed('Mr Tri Tharyat');
    const agenda = copy(week.agenda);
    const entry = agenda.days.flatMap((d) => d.sessions).find((s) => s.session.id === opening.id)!;
    Object.assign(entry.roles.find((r) => r.person_id === tharyat.id)!, {
      person_id: awal.id,
      name: 'Mr Caka Alverdi Awal',
      replacing: 'Mr Tri Tharyat',
    });
    const { form, section, calls } = await open(copy(week.sessionFormBySession[opening.id]!), opening.id, {
      agenda: () => copy(agenda),
      update_session: () => copy(opening),
    });
    expect(who(section)[1]).toBe('Mr Caka Alverdi Awal (Indonesia) (replacing Mr Tri Tharyat)');
    await click($(row(section, 2), '[data-testid="roles-up"]'));
    await click($(form, '[data-testid="session-save"]'));
    expect((sent(calls)!.roles as RoleEntry_Serialize[]).map((r) => r.person_id)).toEqual([tharyat.id, bell.id]);
  });

  it('leaves the roles alone when they could not be read', async () => {
    const initial = copy(week.sessionFormBySession[opening.id]!);
    const { form, section, calls } = await open(initial, opening.id, {
      session_roles: refusal(refusals.rolesSessionGone!),
      update_session: () => copy(opening),
    });
    expect(section.textContent).toContain('Saving keeps the session’s roles as they are.');
    await click($(form, '[data-testid="session-save"]'));
    expect(calls.some((c) => c.cmd === 'update_session')).toBe(true);
    expect(sent(calls)).toBeUndefined();
  });

  it('marks the row the backend refused, and names it in the banner', async () => {
    const refused = refusals.roleNote!;
    const initial = copy(week.sessionFormBySession[opening.id]!);
    const { form, section, onsaved } = await open(initial, opening.id, {
      save_session_with_roles: refusal(refused),
    });
    await typeInto($<HTMLInputElement>(row(section, 2), '[data-testid="roles-note"]'), 'Senior Official');
    await click($(form, '[data-testid="session-save"]'));
    expect(onsaved).not.toHaveBeenCalled();
    expect($(row(section, 2), '[data-testid="roles-row-error"]')?.textContent).toBe(refused.error.fields[0]!.message);
    expect($(row(section, 1), '[data-testid="roles-row-error"]')).toBeNull();
    expect($(form, '[data-testid="form-error"]')?.textContent).toContain('Row 2');
  });

  it('starts rows with roles that fit the session', async () => {
    const initial = { ...newSessionForm('2024-11-18', events, vocabulary.session_kinds), kind: 'opening' as const };
    const { form, section } = await open(initial, null);
    await addRow(section);
    await addRow(section);
    expect(roleOf(section)).toEqual(['chair', 'speaker']);
    await choose($<HTMLSelectElement>(form, '[name="kind"]'), 'presentation');
    await addRow(section);
    expect(roleOf(section)).toEqual(['chair', 'speaker', 'speaker']);
  });
});
