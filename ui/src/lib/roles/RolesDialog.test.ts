import { afterEach, describe, expect, it, vi } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import RolesDialog from './RolesDialog.svelte';
import { apiError, backend, refusal, sampleHandlers, type Call, type Handler } from '../testing/backend';
import { $, $$, choose, click, press, typeInto } from '../testing/dom';
import type { RoleEntry_Serialize, SessionRole_Serialize } from '../ipc';
import { mountUnder, pickOption, startedWorkspace } from '../testing/mount';
import { forgetAllDrafts } from '../forms/drafts';
import { attendance, boardSession, copy, organisationNamed, personNamed, refusals, week } from '../testing/sample';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
  forgetAllDrafts();
});

const session = boardSession('Opening remarks by the Senior Official Co-Chairs').entry.session;
const bell = personNamed('Ms Lynn Bell');
const awal = personNamed('Mr Caka Alverdi Awal');
const indonesia = organisationNamed('Indonesia');
const iom = organisationNamed('International Organization for Migration');
const thailand = organisationNamed('Thailand');

/**
 * The opening's co-chairs as the sample has them, Ms Lynn Bell then Mr Tri
 * Tharyat, except that Indonesia's is not known yet.
 */
function openingRoles(): SessionRole_Serialize[] {
  const roles = copy(week.sessionRolesBySession[session.id]!);
  roles[1] = { ...roles[1]!, person_id: null, organisation_id: indonesia.id, note: 'Senior Official' };
  return roles;
}

async function open(handlers: Record<string, Handler> = {}, sessionId = session.id) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(
    backend(
      {
        ...sampleHandlers(),
        session_roles: () => openingRoles(),
        set_session_roles: () => null,
        ...handlers,
      },
      calls,
    ),
  );
  const ws = await startedWorkspace();
  const onclose = vi.fn();
  const onsaved = vi.fn();
  const mounted = await mountUnder(ws, RolesDialog, { sessionId, title: 'Opening remarks', onclose, onsaved });
  app = mounted.app;
  const form = $<HTMLFormElement>(document.body, 'form[data-testid="roles-form"]');
  if (!form) throw new Error('roles form not rendered');
  return { form, calls, onclose, onsaved };
}

const rows = (form: ParentNode) => $$(form, '[data-testid="roles-row"]');
const row = (form: ParentNode, n: number) => {
  const r = rows(form)[n - 1];
  if (!r) throw new Error(`no row ${n}`);
  return r;
};
const who = (form: ParentNode) => rows(form).map((r) => $(r, '[data-testid="roles-who"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
const sentRoles = (calls: Call[]) =>
  calls.filter((c) => c.cmd === 'set_session_roles').pop()?.args.roles as RoleEntry_Serialize[] | undefined;

async function save(form: HTMLFormElement) {
  await click($(form, '[data-testid="roles-save"]'));
}

describe('RolesDialog', () => {
  it('shows the session’s roles in order, with names and organisation-only rows', async () => {
    const { form } = await open();
    expect(document.querySelector('dialog h2')?.textContent).toBe('Roles — Opening remarks');
    expect(who(form)).toEqual(['Ms Lynn Bell (Australia)', 'Indonesia — speaker TBC']);
    expect(rows(form).map((r) => $<HTMLSelectElement>(r, '[data-testid="roles-role"]')?.value)).toEqual(['co_chair', 'co_chair']);
    expect($<HTMLInputElement>(row(form, 2), '[data-testid="roles-note"]')?.value).toBe('Senior Official');
    // Once loaded, the first row has the keyboard.
    expect(document.activeElement).toBe($(row(form, 1), '[data-testid="roles-role"]'));
  });

  it('saves the whole ordered list, including an organisation-only row', async () => {
    const { form, calls, onsaved } = await open();

    // A moderator, named by search.
    await click($(form, '[data-testid="roles-add"]'));
    await choose($<HTMLSelectElement>(row(form, 3), '[data-testid="roles-role"]'), 'moderator');
    await typeInto($<HTMLInputElement>(row(form, 3), '[data-testid="roles-person"]'), 'awal');
    await pickOption($(row(form, 3), '[data-testid="roles-person-option"]'));
    await typeInto($<HTMLInputElement>(row(form, 3), '[data-testid="roles-note"]'), 'as DWG Co-Chair');

    // IOM will send a speaker; who is not known yet.
    await click($(form, '[data-testid="roles-add"]'));
    await choose($<HTMLSelectElement>(row(form, 4), '[data-testid="roles-role"]'), 'speaker');
    await choose($<HTMLSelectElement>(row(form, 4), '[data-testid="roles-mode"]'), 'organisation');
    await typeInto($<HTMLInputElement>(row(form, 4), '[data-testid="roles-organisation"]'), 'IOM');
    await pickOption($(row(form, 4), '[data-testid="roles-organisation-option"]'));
    expect(who(form)).toEqual([
      'Ms Lynn Bell (Australia)',
      'Indonesia — speaker TBC',
      'Mr Caka Alverdi Awal (Indonesia)',
      'IOM — speaker TBC',
    ]);

    // The moderator goes first: a button press, then Alt+ArrowUp from a box in the row.
    await click($(row(form, 3), '[data-testid="roles-up"]'));
    const note = $<HTMLInputElement>(row(form, 2), '[data-testid="roles-note"]')!;
    note.focus();
    await press(note, 'ArrowUp', { altKey: true });
    expect(who(form)).toEqual([
      'Mr Caka Alverdi Awal (Indonesia)',
      'Ms Lynn Bell (Australia)',
      'Indonesia — speaker TBC',
      'IOM — speaker TBC',
    ]);
    // The keyboard stays where it was.
    expect(document.activeElement).toBe(note);
    // IOM up past Indonesia, then Indonesia goes.
    await press(row(form, 4), 'ArrowUp', { altKey: true });
    await click($(row(form, 4), '[data-testid="roles-remove"]'));
    expect(who(form)).toEqual(['Mr Caka Alverdi Awal (Indonesia)', 'Ms Lynn Bell (Australia)', 'IOM — speaker TBC']);

    await save(form);
    expect(calls.filter((c) => c.cmd === 'set_session_roles').pop()?.args.sessionId).toBe(session.id);
    const confirmed = { tentative: false, presence: 'in_person' };
    expect(sentRoles(calls)).toEqual([
      { role: 'moderator', person_id: awal.id, organisation_id: null, note: 'as DWG Co-Chair', ...confirmed },
      { role: 'co_chair', person_id: bell.id, organisation_id: null, note: '', ...confirmed },
      { role: 'speaker', person_id: null, organisation_id: iom.id, note: '', ...confirmed },
    ]);
    expect(onsaved).toHaveBeenCalledOnce();
  });

  it('shows a backend problem with "roles.1" on row 2 and keeps every row', async () => {
    const refused = refusals.roleNote!;
    const { field, message: problem } = refused.error.fields[0]!;
    expect(field).toBe('roles.1');
    const { form, calls, onsaved } = await open({ set_session_roles: refusal(refused) });
    await click($(form, '[data-testid="roles-add"]'));
    await save(form);

    expect(onsaved).not.toHaveBeenCalled();
    expect(sentRoles(calls)).toHaveLength(3);
    expect(rows(form)).toHaveLength(3);
    expect($(row(form, 1), '[data-testid="roles-row-error"]')).toBeNull();
    expect($(row(form, 2), '[data-testid="roles-row-error"]')?.textContent).toBe(problem);
    expect($(row(form, 3), '[data-testid="roles-row-error"]')).toBeNull();
    // Placed on its row, so no banner; the row's role box has the focus and names the problem.
    expect($(form, '[data-testid="form-error"]')).toBeNull();
    const select = $<HTMLSelectElement>(row(form, 2), '[data-testid="roles-role"]')!;
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(select);
    expect(who(form)).toEqual(['Ms Lynn Bell (Australia)', 'Indonesia — speaker TBC', '']);
    expect($<HTMLInputElement>(row(form, 2), '[data-testid="roles-note"]')?.value).toBe('Senior Official');

    // The message moves with its row.
    await click($(row(form, 2), '[data-testid="roles-up"]'));
    expect($(row(form, 1), '[data-testid="roles-row-error"]')?.textContent).toBe(problem);
  });

  it('shows other refusals in a banner', async () => {
    // The session was deleted elsewhere meanwhile.
    const gone = refusals.rolesSessionGone!;
    const { form } = await open({ session_roles: () => [], set_session_roles: refusal(gone) }, gone.args.sessionId as number);
    await save(form);
    expect($(form, '[data-testid="form-error"]')?.textContent).toBe(gone.error.message);
  });

  it('names the speaker of an organisation-only row, keeping the organisation', async () => {
    const { form, calls } = await open();
    await click($(row(form, 2), '[data-testid="roles-name-speaker"]'));
    await typeInto($<HTMLInputElement>(row(form, 2), '[data-testid="roles-person"]'), 'awal');
    await pickOption($(row(form, 2), '[data-testid="roles-person-option"]'));
    expect(who(form)[1]).toBe('Mr Caka Alverdi Awal (Indonesia)');
    await save(form);
    expect(sentRoles(calls)?.[1]).toEqual({
      role: 'co_chair',
      person_id: awal.id,
      organisation_id: indonesia.id,
      note: 'Senior Official',
      tentative: false,
      presence: 'in_person',
    });
  });

  it('sends a row marked to be confirmed and how the person takes part', async () => {
    const { form, calls } = await open();
    await click($<HTMLInputElement>(row(form, 1), '[data-testid="roles-tentative"]'));
    await choose($<HTMLSelectElement>(row(form, 1), '[data-testid="roles-presence"]'), 'video_message');
    await save(form);
    expect(sentRoles(calls)?.[0]).toMatchObject({ tentative: true, presence: 'video_message' });
    expect(sentRoles(calls)?.[1]).toMatchObject({ tentative: false, presence: 'in_person' });
  });
});

describe('RolesDialog: co-hosts of the session', () => {
  it('lists the session’s co-hosts and saves additions and removals at once', async () => {
    // Thailand co-hosts the whole event, IOM only this session.
    const cohosts = attendance.cohostsByEvent[session.event_id]!;
    expect(cohosts.map((c) => [c.session_id, c.organisation_id])).toEqual([
      [null, thailand.id],
      [session.id, iom.id],
    ]);
    const { form, calls } = await open({ event_cohosts: () => copy(cohosts), set_cohosts: () => null });
    const section = $(form, '[data-testid="session-cohosts"]')!;
    const chips = () => $$(section, '[data-testid="session-cohost"]').map((c) => c.textContent?.replace('×', '').trim());
    // Only the session's own co-host, not the event's, named with its acronym.
    expect(chips()).toEqual(['International Organization for Migration (IOM)']);

    await typeInto($(section, '[data-testid="session-cohost-picker"]'), 'Thai');
    await pickOption($(section, '[data-testid="session-cohost-picker-option"]'));
    const sent = calls.filter((c) => c.cmd === 'set_cohosts').pop()!.args;
    expect(sent).toEqual({ eventId: session.event_id, sessionId: session.id, organisations: [iom.id, thailand.id] });
    expect(chips()).toEqual(['International Organization for Migration (IOM)', 'Thailand']);

    await click($(section, 'button[aria-label="Remove International Organization for Migration (IOM) as co-host"]'));
    expect(calls.filter((c) => c.cmd === 'set_cohosts').pop()!.args.organisations).toEqual([thailand.id]);
    // The keyboard stays in the list: on the chip that took the removed one's place.
    expect(document.activeElement).toBe($(section, '[data-testid="session-cohost-remove"]'));
  });

  describe('before losing what was typed', () => {
    const question = () => $(document.body, '[data-testid="discard-question"]');

    it('closes on Escape at once when no row changed', async () => {
      const { form, onclose } = await open();
      await press(document.activeElement ?? form, 'Escape');
      expect(question()).toBeNull();
      expect(onclose).toHaveBeenCalledOnce();
    });

    it('closes a picker’s list on the first Escape and asks, naming the roles, on the second', async () => {
      const { form, onclose } = await open();
      await click($(form, '[data-testid="roles-add"]'));
      const picker = $<HTMLInputElement>(row(form, 3), '[data-testid="roles-person"]')!;
      await typeInto(picker, 'awal');
      expect(picker.getAttribute('aria-expanded')).toBe('true');

      await press(picker, 'Escape');
      expect(picker.getAttribute('aria-expanded')).toBe('false');
      expect(question()).toBeNull();

      await press(picker, 'Escape');
      expect(onclose).not.toHaveBeenCalled();
      expect(question()?.textContent).toContain('Discard the changes to the roles of “Opening remarks”?');
      await click($(document.body, '[data-testid="keep-editing"]'));
      expect(question()).toBeNull();
      expect(document.activeElement).toBe(picker);
      expect(rows(form)).toHaveLength(3);
    });

    it('brings back discarded rows when the roles of the same session are opened again', async () => {
      const first = await open();
      const note = $<HTMLInputElement>(row(first.form, 2), '[data-testid="roles-note"]')!;
      await typeInto(note, 'Senior Official, to be confirmed');
      await press(note, 'Escape');
      await click($(document.body, '[data-testid="discard-changes"]'));
      expect(first.onclose).toHaveBeenCalledOnce();
      unmount(app!);
      app = undefined;

      const again = await open();
      expect($<HTMLInputElement>(row(again.form, 2), '[data-testid="roles-note"]')?.value).toBe('Senior Official');
      await click($(again.form, '[data-testid="restore-draft"]'));
      expect($<HTMLInputElement>(row(again.form, 2), '[data-testid="roles-note"]')?.value).toBe(
        'Senior Official, to be confirmed',
      );
      // Rows added after a restore get keys of their own.
      await click($(again.form, '[data-testid="roles-add"]'));
      expect(new Set(rows(again.form).map((r) => r.id)).size).toBe(3);
    });
  });
});

describe('RolesDialog: someone standing in', () => {
  const tharyat = personNamed('Mr Tri Tharyat');

  /** The agenda as it reads once Mr Caka Alverdi Awal replaces Mr Tri Tharyat in the opening. */
  function substitutedAgenda() {
    const agenda = copy(week.agenda);
    const entry = agenda.days.flatMap((d) => d.sessions).find((s) => s.session.id === session.id)!;
    const role = entry.roles.find((r) => r.person_id === tharyat.id)!;
    Object.assign(role, { person_id: awal.id, name: 'Mr Caka Alverdi Awal', replacing: 'Mr Tri Tharyat' });
    return agenda;
  }

  const sampleRoles = () => copy(week.sessionRolesBySession[session.id]!);

  it('shows the substitute with whom they replace, and keeps the holder in the saved list', async () => {
    const { form, calls } = await open({ session_roles: sampleRoles, agenda: substitutedAgenda });
    expect(who(form)).toEqual(['Ms Lynn Bell (Australia)', 'Mr Caka Alverdi Awal (Indonesia) (replacing Mr Tri Tharyat)']);
    await save(form);
    expect(sentRoles(calls)?.map((r) => r.person_id)).toEqual([bell.id, tharyat.id]);
  });

  it('Replace… picks a person, asks, and substitutes them as one step', async () => {
    let replaced = false;
    const { form, calls } = await open({
      session_roles: sampleRoles,
      agenda: () => (replaced ? substitutedAgenda() : copy(week.agenda)),
      substitute: () => {
        replaced = true;
        return null;
      },
    });
    expect($(row(form, 1), '[data-testid="roles-replace"]')).not.toBeNull();
    await click($(row(form, 2), '[data-testid="roles-replace"]'));
    await typeInto($<HTMLInputElement>(row(form, 2), '[data-testid="roles-replace-person"]'), 'awal');
    await pickOption($(row(form, 2), '[data-testid="roles-replace-person-option"]'));
    expect($(row(form, 2), '[data-testid="roles-replace-question"]')?.textContent?.trim()).toBe(
      'Mr Caka Alverdi Awal replaces Mr Tri Tharyat in “Opening remarks”, as one step you can undo.',
    );
    expect(calls.filter((c) => c.cmd === 'substitute')).toEqual([]);
    await click($(row(form, 2), '[data-testid="roles-replace-confirm"]'));
    expect(calls.filter((c) => c.cmd === 'substitute').map((c) => c.args)).toEqual([
      { sessionId: session.id, replace: tharyat.id, withPerson: awal.id },
    ]);
    expect(who(form)[1]).toBe('Mr Caka Alverdi Awal (Indonesia) (replacing Mr Tri Tharyat)');
    expect($(form, '[data-testid="roles-replace-form"]')).toBeNull();
    // Only who stands in changed: nothing to save, nothing to discard.
    expect(calls.filter((c) => c.cmd === 'set_session_roles')).toEqual([]);
  });

  it('replaces the substitute, not the holder, when someone already stands in', async () => {
    const { form, calls } = await open({ session_roles: sampleRoles, agenda: substitutedAgenda, substitute: () => null });
    await click($(row(form, 2), '[data-testid="roles-replace"]'));
    await typeInto($<HTMLInputElement>(row(form, 2), '[data-testid="roles-replace-person"]'), 'tharyat');
    await pickOption($(row(form, 2), '[data-testid="roles-replace-person-option"]'));
    await click($(row(form, 2), '[data-testid="roles-replace-confirm"]'));
    expect(calls.filter((c) => c.cmd === 'substitute').map((c) => c.args)).toEqual([
      { sessionId: session.id, replace: awal.id, withPerson: tharyat.id },
    ]);
  });

  it('says in one line why a substitute is refused, and keeps the choice', async () => {
    const { form } = await open({
      session_roles: sampleRoles,
      substitute: () => {
        throw apiError('invalid', 'Ms Lynn Bell already has a role in “Opening remarks”.', [
          { field: 'with', message: 'Ms Lynn Bell already has a role in “Opening remarks”.' },
        ]);
      },
    });
    await click($(row(form, 2), '[data-testid="roles-replace"]'));
    await typeInto($<HTMLInputElement>(row(form, 2), '[data-testid="roles-replace-person"]'), 'bell');
    await pickOption($(row(form, 2), '[data-testid="roles-replace-person-option"]'));
    await click($(row(form, 2), '[data-testid="roles-replace-confirm"]'));
    expect($(row(form, 2), '[data-testid="roles-replace-error"]')?.textContent).toBe(
      'Ms Lynn Bell already has a role in “Opening remarks”.',
    );
    expect($(row(form, 2), '[data-testid="roles-replace-confirm"]')).not.toBeNull();
  });

  it('offers Replace… only for people saved in the session', async () => {
    const { form } = await open({ session_roles: sampleRoles });
    await click($(form, '[data-testid="roles-add"]'));
    await typeInto($<HTMLInputElement>(row(form, 3), '[data-testid="roles-person"]'), 'awal');
    await pickOption($(row(form, 3), '[data-testid="roles-person-option"]'));
    expect($(row(form, 3), '[data-testid="roles-replace"]')).toBeNull();
  });
});
