import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PersonDialog from './PersonDialog.svelte';
import { backend, refusal, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, click, typeInto } from '../testing/dom';
import { mountWithWorkspace } from '../testing/mount';
import { directory, organisationNamed, personNamed, refusals } from '../testing/sample';
import { directoryWrites } from './testing';
import { blankPersonForm, personForm } from './records';
import type { PersonForm_Serialize } from '../ipc';

const { organisations } = directory;
const tharyat = personNamed('Mr Tri Tharyat', directory.people);
const iom = organisationNamed('International Organization for Migration', organisations);

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function open(initial: PersonForm_Serialize, personId: number | null = null, handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockIPC(backend({ ...sampleHandlers(directory), ...directoryWrites(), ...handlers }, calls));
  const onclose = vi.fn();
  const onsaved = vi.fn();
  const mounted = await mountWithWorkspace(PersonDialog, { personId, initial, organisations, onclose, onsaved });
  app = mounted.app;
  const form = $<HTMLFormElement>(mounted.el, 'form[data-testid="person-form"]');
  if (!form) throw new Error('person form not rendered');
  return { ...mounted, form, calls, onclose, onsaved };
}

const control = (form: HTMLFormElement, name: string) => {
  const el = $<HTMLInputElement>(form, `[name="${name}"]`);
  if (!el) throw new Error(`no control named ${name}`);
  return el;
};

async function pickOrganisation(form: HTMLFormElement, text: string, name: string) {
  await typeInto($<HTMLInputElement>(form, '[data-testid="person-organisation"]'), text);
  const option = $$(form, '[data-testid="person-organisation-option"]').find((o) => o.textContent?.includes(name));
  if (!option) throw new Error(`no option ${name}`);
  option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
  await settle();
  flushSync();
}

describe('PersonDialog', () => {
  it('has a control for every form field, and suggests honorifics while taking any', async () => {
    const { form } = await open(blankPersonForm());
    for (const name of ['honorific', 'given_name', 'family_name', 'position', 'email', 'phone', 'notes']) {
      expect($(form, `[name="${name}"]`), name).not.toBeNull();
    }
    const honorific = control(form, 'honorific');
    const list = document.getElementById(honorific.getAttribute('list')!);
    expect(list?.tagName).toBe('DATALIST');
    expect($$<HTMLOptionElement>(list!, 'option').map((o) => o.value)).toEqual(['H.E.', 'Ambassador', 'Dr', 'Ms', 'Mr']);
    // Free text: nothing restricts it to the suggestions.
    expect(honorific.tagName).toBe('INPUT');
    expect(honorific.getAttribute('pattern')).toBeNull();
    expect($(form, '[data-testid="person-organisation-chosen"]')).toBeNull();
    expect(form.textContent).toContain('No organisation.');
  });

  it('creates a person with what was typed and the organisation picked', async () => {
    const { form, calls, onsaved, ws } = await open(blankPersonForm());
    await typeInto(control(form, 'honorific'), 'Her Royal Highness');
    await typeInto(control(form, 'given_name'), 'Ada');
    await typeInto(control(form, 'family_name'), 'Okafor');
    await typeInto(control(form, 'email'), 'ada@example.org');
    await pickOrganisation(form, 'iom', 'International Organization for Migration');
    expect($(form, '[data-testid="person-organisation-chosen"]')?.textContent).toContain(
      'International Organization for Migration (IOM)',
    );
    const revision = ws.revision;
    await click($(form, '[data-testid="person-save"]'));
    expect(calls.filter((c) => c.cmd === 'create_person').pop()?.args.form).toEqual({
      honorific: 'Her Royal Highness',
      given_name: 'Ada',
      family_name: 'Okafor',
      position: '',
      organisation_id: iom.id,
      email: 'ada@example.org',
      phone: '',
      notes: '',
      gender: null,
    });
    expect(onsaved).toHaveBeenCalledOnce();
    // Saved through the workspace: it reloads, so pages showing people do too.
    expect(ws.revision).toBeGreaterThan(revision);
  });

  it('records a gender only when one is chosen, "Not recorded" first', async () => {
    const { form, calls } = await open(personForm(tharyat), tharyat.id);
    const gender = $<HTMLSelectElement>(form, '[data-testid="person-gender"]')!;
    expect(gender.value).toBe('');
    expect($$<HTMLOptionElement>(gender, 'option').map((o) => o.textContent)).toEqual([
      'Not recorded',
      'Woman',
      'Man',
      'Another gender',
    ]);
    expect(form.textContent).toContain('never guessed from a name or title');
    gender.value = 'man';
    gender.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    await click($(form, '[data-testid="person-save"]'));
    expect(calls.filter((c) => c.cmd === 'update_person').pop()?.args.form).toMatchObject({ gender: 'man' });
  });

  it('shows an “invalid” answer next to its fields and keeps every value typed', async () => {
    const refused = refusals.personForm!;
    const { form, onsaved } = await open(blankPersonForm(), null, { create_person: refusal(refused) });
    await typeInto(control(form, 'honorific'), 'Dr');
    await typeInto(control(form, 'email'), 'ada@');
    await typeInto(control(form, 'notes'), 'Arrives Monday');
    await click($(form, '[data-testid="person-save"]'));

    expect(onsaved).not.toHaveBeenCalled();
    const problem = (field: string) => refused.error.fields.find((f) => f.field === field)!.message;
    const family = control(form, 'family_name');
    const familyError = $(form, '[data-testid="error-family_name"]');
    expect(familyError?.textContent).toBe(problem('family_name'));
    expect(family.getAttribute('aria-invalid')).toBe('true');
    expect(family.getAttribute('aria-describedby')?.split(' ')).toContain(familyError?.id);
    expect(family.nextElementSibling).toBe(familyError);
    expect($(form, '[data-testid="error-email"]')?.textContent).toBe(problem('email'));
    expect($(form, '[data-testid="error-honorific"]')).toBeNull();

    expect(control(form, 'honorific').value).toBe('Dr');
    expect(control(form, 'email').value).toBe('ada@');
    expect(control(form, 'notes').value).toBe('Arrives Monday');
    expect(document.activeElement).toBe(family);
    expect($(form, '[data-testid="form-error"]')).toBeNull();
  });

  it('places an organisation problem beside the picker and focuses it', async () => {
    // The organisation chosen was deleted elsewhere meanwhile.
    const refused = refusals.personOrganisationGone!;
    const { form } = await open(personForm(tharyat), tharyat.id, { update_person: refusal(refused) });
    await click($(form, '[data-testid="person-save"]'));
    const error = $(form, '[data-testid="error-organisation_id"]')!;
    expect(error.textContent).toBe(refused.error.fields[0]!.message);
    const group = error.closest('[role="group"]')!;
    expect(group.getAttribute('aria-describedby')).toBe(error.id);
    expect(document.activeElement).toBe($(form, '[data-testid="person-organisation"]'));
  });

  it('clears the organisation', async () => {
    const { form, calls } = await open(personForm(tharyat), tharyat.id);
    expect($(form, '[data-testid="person-organisation-chosen"]')?.textContent).toContain('Indonesia');
    await click($(form, '[data-testid="person-organisation-clear"]'));
    expect($(form, '[data-testid="person-organisation-chosen"]')).toBeNull();
    expect(document.activeElement).toBe($(form, '[data-testid="person-organisation"]'));
    await click($(form, '[data-testid="person-save"]'));
    const sent = calls.filter((c) => c.cmd === 'update_person').pop()?.args;
    expect(sent).toMatchObject({ id: tharyat.id, form: { organisation_id: null, family_name: 'Tharyat' } });
  });

  it('shows other errors in a banner', async () => {
    // The person was deleted elsewhere meanwhile.
    const gone = refusals.personGone!;
    const { form } = await open(gone.args.form as PersonForm_Serialize, gone.args.id as number, { update_person: refusal(gone) });
    await click($(form, '[data-testid="person-save"]'));
    expect($(form, '[data-testid="form-error"]')?.textContent).toBe(gone.error.message);
    expect(control(form, 'family_name').value).toBe('Ortiz');
  });

  it('closes on Cancel and on Escape without saving', async () => {
    const { el, form, calls, onclose } = await open(blankPersonForm());
    $$<HTMLButtonElement>(form, 'button').find((b) => b.textContent === 'Cancel')!.click();
    expect(onclose).toHaveBeenCalledTimes(1);
    el.querySelector('dialog')!.dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(onclose).toHaveBeenCalledTimes(2);
    expect(calls.some((c) => c.cmd === 'create_person')).toBe(false);
  });
});
