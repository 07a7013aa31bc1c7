import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SessionDialog from './SessionDialog.svelte';
import { newSessionForm } from './defaults';
import { ASK, answer, backend, refusal, settle, type Call } from '../testing/backend';
import { forgetAllDrafts } from '../forms/drafts';
import { agendaSession, copy, eventNamed, planning, refusals, week } from '../testing/sample';
import type { SessionForm_Serialize } from '../ipc';

const { overview, vocabulary } = week;
const events = overview.events.map((e) => e.event);
const dialogue = eventNamed('Commemorative Dialogue');
// The Annual Meeting's opening, 09:00–09:15 in the Plenary Hall.
const adoption = agendaSession('Opening and adoption of the agenda').session;
const adoptionForm = () => copy(week.sessionFormBySession[adoption.id]!);

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
  forgetAllDrafts();
});

function open(initial: SessionForm_Serialize, sessionId: number | null = null) {
  const target = document.createElement('div');
  document.body.appendChild(target);
  const onclose = vi.fn();
  const onsaved = vi.fn();
  app = mount(SessionDialog, {
    target,
    props: {
      sessionId,
      initial,
      events,
      rooms: overview.rooms,
      days: overview.days,
      vocabulary,
      onclose,
      onsaved,
    },
  });
  flushSync();
  const form = target.querySelector<HTMLFormElement>('form[data-testid="session-form"]');
  if (!form) throw new Error('session form not rendered');
  return { target, form, onclose, onsaved };
}

function control(form: HTMLFormElement, name: string): HTMLInputElement {
  const el = form.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no control named ${name}`);
  return el;
}

function type(form: HTMLFormElement, name: string, value: string) {
  const el = control(form, name);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

async function save(form: HTMLFormElement) {
  form.querySelector<HTMLButtonElement>('[data-testid="session-save"]')!.click();
  await settle();
  flushSync();
}

describe('SessionDialog', () => {
  it('has a control for every session form field, named by its key', () => {
    const { form } = open(newSessionForm('2024-11-18', events, vocabulary.session_kinds));
    for (const name of [
      'event_id',
      'title',
      'kind',
      'day',
      'start_time',
      'end_time',
      'room_id',
      'agenda_item',
      'description',
      'outcome',
      'notes',
    ]) {
      expect(form.querySelector(`[name="${name}"]`), name).not.toBeNull();
    }
    expect(control(form, 'day').value).toBe('2024-11-18');
    expect(control(form, 'start_time').getAttribute('placeholder')).toBe('HH:MM');
    // The only event on 18 November is chosen for a new session that day.
    expect((control(form, 'event_id') as unknown as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(dialogue.short_name);
    // Kind labels come from the vocabulary.
    const kinds = Array.from(form.querySelectorAll('select[name="kind"] option')).map((o) => o.textContent);
    expect(kinds).toContain('Statements / tour de table');
  });

  it('shows field errors under their fields and keeps what was typed', async () => {
    const calls: Call[] = [];
    const refused = refusals.sessionForm!;
    mockIPC(backend({ create_session: refusal(refused) }, calls));
    const { form, onsaved } = open(newSessionForm('2024-11-18', events));
    type(form, 'start_time', '10:00');
    type(form, 'end_time', '09:00');
    type(form, 'description', 'Keep me');
    await save(form);

    expect(onsaved).not.toHaveBeenCalled();
    const sent = calls.find((c) => c.cmd === 'create_session')?.args.form as SessionForm_Serialize;
    const asked = refused.args.form as SessionForm_Serialize;
    expect(sent).toMatchObject({ event_id: asked.event_id, day: asked.day, start_time: asked.start_time, end_time: asked.end_time });

    const problem = (field: string) => refused.error.fields.find((f) => f.field === field)!.message;
    const titleError = form.querySelector('[data-testid="error-title"]');
    const endError = form.querySelector('[data-testid="error-end_time"]');
    expect(titleError?.textContent).toBe(problem('title'));
    expect(endError?.textContent).toBe(problem('end_time'));
    expect(form.querySelector('[data-testid="error-start_time"]')).toBeNull();

    // Each message sits in its field, right after the control, and describes it.
    const end = control(form, 'end_time');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(end.getAttribute('aria-describedby')?.split(' ')).toContain(endError?.id);
    expect(end.nextElementSibling).toBe(endError);
    expect(end.closest('.field')?.classList.contains('has-error')).toBe(true);
    expect(control(form, 'start_time').getAttribute('aria-invalid')).toBeNull();

    // Nothing typed is lost, and the first invalid field has focus.
    expect(end.value).toBe('09:00');
    expect(control(form, 'start_time').value).toBe('10:00');
    expect(control(form, 'description').value).toBe('Keep me');
    expect(document.activeElement).toBe(control(form, 'title'));
    // All problems are placed next to fields, so there is no banner.
    expect(form.querySelector('[data-testid="form-error"]')).toBeNull();
  });

  it('shows other errors in a banner', async () => {
    // The session was deleted meanwhile.
    const gone = refusals.sessionGone!;
    mockIPC(backend({ update_session: refusal(gone) }));
    const { form } = open(copy(gone.args.form) as SessionForm_Serialize, gone.args.id as number);
    await save(form);
    expect(form.querySelector('[data-testid="form-error"]')?.textContent).toBe(gone.error.message);
    expect(control(form, 'title').value).toBe('Lunch');
  });

  it('updates an existing session and reports success', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ update_session: (args) => ({ ...copy(adoption), title: (args.form as SessionForm_Serialize).title }) }, calls));
    const { form, onsaved } = open(adoptionForm(), adoption.id);
    const room = form.querySelector<HTMLSelectElement>('select[name="room_id"]')!;
    expect(room.selectedOptions[0]?.textContent).toBe('Plenary Hall');
    type(form, 'title', 'Adoption of the agenda');
    await save(form);
    expect(onsaved).toHaveBeenCalledOnce();
    const sent = calls.find((c) => c.cmd === 'update_session')?.args;
    expect(sent?.id).toBe(adoption.id);
    expect(sent?.form).toEqual({ ...adoptionForm(), title: 'Adoption of the agenda' });
  });

  it('says when the session will be unscheduled', () => {
    const { form } = open(newSessionForm(null, []));
    expect(form.querySelector('.schedule-hint')?.textContent).toContain('unscheduled');
    type(form, 'day', '2024-11-18');
    flushSync();
    expect(form.querySelector('.schedule-hint strong')?.textContent).toBe('time to be confirmed');
    type(form, 'start_time', '09:00');
    flushSync();
    expect(form.querySelector('.schedule-hint strong')).toBeNull();
  });

  it('sends a tentative session with its webcast link', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ create_session: (args) => ({ ...copy(adoption), title: (args.form as SessionForm_Serialize).title }) }, calls));
    const { form } = open(newSessionForm('2024-11-18', events));
    type(form, 'title', 'Keynote addresses');
    form.querySelector<HTMLInputElement>('[data-testid="session-tentative"]')!.click();
    type(form, 'link', 'https://webtv.example.org/live');
    await save(form);
    const sent = calls.find((c) => c.cmd === 'create_session')?.args.form as SessionForm_Serialize;
    expect(sent).toMatchObject({ tentative: true, link: 'https://webtv.example.org/live', start_time: '' });
  });

  it('deletes only after confirmation', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ [ASK]: answer(false), delete_session: () => null }, calls));
    const { form, onsaved } = open(adoptionForm(), adoption.id);
    const del = Array.from(form.querySelectorAll('button')).find((b) => b.textContent?.startsWith('Delete'))!;
    del.click();
    await settle();
    expect(calls.some((c) => c.cmd === 'delete_session')).toBe(false);
    expect(calls.find((c) => c.cmd === ASK)?.args.message).toContain(adoption.title);

    mockIPC(backend({ [ASK]: answer(true), delete_session: () => null }, calls));
    del.click();
    await settle();
    expect(calls.find((c) => c.cmd === 'delete_session')?.args).toEqual({ id: adoption.id });
    expect(onsaved).toHaveBeenCalledOnce();
  });

  it('closes on Cancel and on Escape without saving', () => {
    const { target, form, onclose } = open(newSessionForm(null, []));
    Array.from(form.querySelectorAll('button')).find((b) => b.textContent === 'Cancel')!.click();
    expect(onclose).toHaveBeenCalledTimes(1);
    target.querySelector('dialog')!.dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(onclose).toHaveBeenCalledTimes(2);
  });

  it('duplicates and unschedules a saved session', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ duplicate_session: () => copy(adoption), unschedule_session: () => copy(adoption) }, calls));
    const { form, onsaved } = open(adoptionForm(), adoption.id);
    form.querySelector<HTMLButtonElement>('[data-testid="session-duplicate"]')!.click();
    await settle();
    expect(calls.find((c) => c.cmd === 'duplicate_session')?.args).toEqual({ id: adoption.id });
    form.querySelector<HTMLButtonElement>('[data-testid="session-unschedule"]')!.click();
    await settle();
    expect(calls.find((c) => c.cmd === 'unschedule_session')?.args).toEqual({ id: adoption.id });
    expect(onsaved).toHaveBeenCalledTimes(2);
  });

  it('copies a saved session to the same time tomorrow', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ copy_to_next_day: () => ({ ...copy(adoption), id: 999 }) }, calls));
    const { form, onsaved } = open(adoptionForm(), adoption.id);
    form.querySelector<HTMLButtonElement>('[data-testid="session-tomorrow"]')!.click();
    await settle();
    expect(calls.find((c) => c.cmd === 'copy_to_next_day')?.args).toEqual({ id: adoption.id });
    expect(onsaved).toHaveBeenCalledTimes(1);
  });

  it('offers neither for a new session, and no Unschedule for an unscheduled one', () => {
    const { form } = open(newSessionForm('2024-11-18', []));
    expect(form.querySelector('[data-testid="session-duplicate"]')).toBeNull();
    unmount(app!);
    app = undefined;
    // The awareness discussion, unscheduled part-way through planning.
    const [waiting] = planning.agenda.unscheduled;
    const again = open(copy(planning.sessionFormBySession[waiting!.session.id]!), waiting!.session.id);
    expect(control(again.form, 'day').value).toBe('');
    expect(again.form.querySelector('[data-testid="session-duplicate"]')).not.toBeNull();
    expect(again.form.querySelector('[data-testid="session-unschedule"]')).toBeNull();
  });
});
