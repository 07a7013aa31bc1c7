import { afterEach, describe, expect, it, vi } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PersonPicker from './PersonPicker.svelte';
import { backend, refusal, sampleHandlers, type Call, type Handler } from '../testing/backend';
import { $, $$, choose, click, press, typeInto } from '../testing/dom';
import { mountWithWorkspace, pickOption } from '../testing/mount';
import { directory, refusals } from '../testing/sample';
import { blankPersonForm } from './records';
import { directoryWrites, pickerAnswers } from './testing';
import type { PersonForm_Serialize, PersonHit } from '../ipc';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

/** "H.E. Mr Jürg Lauber, Permanent Representative, Ministry of Labour (MOL)", as the core reads it. */
const lauber = {
  form: {
    ...blankPersonForm(),
    honorific: 'H.E. Mr',
    given_name: 'Jürg',
    family_name: 'Lauber',
    position: 'Permanent Representative',
  },
  organisation: 'Ministry of Labour (MOL)',
};

async function open(handlers: Record<string, Handler> = {}, form: PersonForm_Serialize = lauber.form) {
  const calls: Call[] = [];
  mockIPC(
    backend(
      { ...sampleHandlers(directory), ...directoryWrites(), ...pickerAnswers({ ...lauber, form }), ...handlers },
      calls,
    ),
  );
  const onpick = vi.fn<(p: PersonHit) => void>();
  const mounted = await mountWithWorkspace(PersonPicker, { onpick, testid: 'who' });
  app = mounted.app;
  const box = $<HTMLInputElement>(mounted.el, '[data-testid="who"]')!;
  return { el: mounted.el, box, calls, onpick };
}

const options = (el: ParentNode) => $$(el, '[role="option"]').map((o) => o.textContent?.replace(/\s+/g, ' ').trim());
const field = (el: ParentNode, name: string) => $<HTMLInputElement>(el, `[data-testid="new-person"] [name="${name}"]`)!;

describe('PersonPicker', () => {
  it('offers adding what was typed as the last option, reachable by the keyboard', async () => {
    const { el, box } = await open();
    await typeInto(box, 'Bell');
    // Not an exact match ("Ms Lynn Bell"), so adding comes after it.
    expect(options(el)).toEqual(['Ms Lynn Bell — Australia', 'Add “Bell”…']);
    await press(box, 'ArrowDown');
    expect($(el, '[data-testid="who-create"]')?.getAttribute('aria-selected')).toBe('true');
    await press(box, 'Enter');
    expect($(el, '[data-testid="new-person"]')).not.toBeNull();
  });

  it('offers no adding when a match reads exactly as typed', async () => {
    const { el, box } = await open();
    await typeInto(box, 'ms lynn bell');
    expect(options(el)).toEqual(['Ms Lynn Bell — Australia']);
  });

  it('prefills the new person from what was typed, and Cancel goes back to the box with the text kept', async () => {
    const { el, box, calls, onpick } = await open();
    await typeInto(box, 'H.E. Mr Jürg Lauber, Permanent Representative, Ministry of Labour (MOL)');
    await pickOption($(el, '[data-testid="who-create"]'));
    expect(calls.find((c) => c.cmd === 'person_prefill')?.args.typed).toBe(
      'H.E. Mr Jürg Lauber, Permanent Representative, Ministry of Labour (MOL)',
    );
    expect(['honorific', 'given_name', 'family_name', 'position'].map((n) => field(el, n).value)).toEqual([
      'H.E. Mr',
      'Jürg',
      'Lauber',
      'Permanent Representative',
    ]);
    expect(document.activeElement).toBe(field(el, 'given_name'));

    await click($(el, '[data-testid="new-person-cancel"]'));
    expect($(el, '[data-testid="new-person"]')).toBeNull();
    expect(box.value).toBe('H.E. Mr Jürg Lauber, Permanent Representative, Ministry of Labour (MOL)');
    expect(document.activeElement).toBe(box);
    expect(calls.some((c) => c.cmd === 'create_person')).toBe(false);
    expect(onpick).not.toHaveBeenCalled();
  });

  it('adds the person, with a new organisation, and picks them', async () => {
    const { el, box, calls, onpick } = await open();
    await typeInto(box, 'Jürg Lauber');
    await press(box, 'ArrowDown');
    await press(box, 'Enter');

    // The organisation read from the text is not in the plan: add it here too.
    await click($(el, '[data-testid="new-person-add-organisation"]'));
    const orgName = $<HTMLInputElement>(el, '[data-testid="new-organisation"] [name="name"]')!;
    expect(orgName.value).toBe('Ministry of Labour (MOL)');
    await typeInto(orgName, 'Ministry of Labour');
    await typeInto($<HTMLInputElement>(el, '[data-testid="new-organisation"] [name="acronym"]'), 'MOL');
    await choose($<HTMLSelectElement>(el, '[data-testid="new-organisation-category"]'), 'member_state');
    await click($(el, '[data-testid="new-organisation-save"]'));
    const org = calls.find((c) => c.cmd === 'create_organisation')?.args.form as Record<string, string>;
    expect([org.name, org.acronym, org.category]).toEqual(['Ministry of Labour', 'MOL', 'member_state']);
    expect($(el, '[data-testid="new-person-organisation"]')?.textContent).toContain('Ministry of Labour (MOL)');

    // Enter in a field adds the person, without submitting a form around the picker.
    await press(field(el, 'family_name'), 'Enter');
    const sent = calls.find((c) => c.cmd === 'create_person')?.args.form as PersonForm_Serialize;
    expect(sent).toMatchObject({ honorific: 'H.E. Mr', given_name: 'Jürg', family_name: 'Lauber', organisation_id: 1000 });
    expect(onpick).toHaveBeenCalledOnce();
    expect(onpick.mock.calls[0]![0]).toMatchObject({ id: 1000, name: 'H.E. Mr Jürg Lauber', acronym: 'MOL' });
    expect($(el, '[data-testid="new-person"]')).toBeNull();
    expect(box.value).toBe('');
  });

  it('keeps the new person’s form open with the backend’s problem under its field', async () => {
    const refused = refusals.personForm!;
    const { el, box, onpick } = await open({ create_person: refusal(refused) }, { ...lauber.form, given_name: '', family_name: '' });
    await typeInto(box, 'x');
    await pickOption($(el, '[data-testid="who-create"]'));
    await click($(el, '[data-testid="new-person-save"]'));
    const problem = refused.error.fields.find((f) => f.field === 'family_name')!.message;
    expect($(el, '[data-testid="new-person"] [data-testid="error-family_name"]')?.textContent).toBe(problem);
    expect(onpick).not.toHaveBeenCalled();
  });
});
