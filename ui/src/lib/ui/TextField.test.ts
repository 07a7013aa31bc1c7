import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import TextField from './TextField.svelte';
import { FormState } from '../forms/form-state.svelte';
import { $, typeInto } from '../testing/dom';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
});

type Values = { venue: string; notes: string; seats: number };

function open(props: Omit<Parameters<typeof TextField<Values, 'venue' | 'notes'>>[1], 'form'>) {
  const form = new FormState<Values>({ venue: 'Hall A', notes: '', seats: 0 });
  app = mount(TextField<Values, 'venue' | 'notes'>, { target: document.body, props: { form, ...props } });
  flushSync();
  return form;
}

describe('TextField', () => {
  it('ties the label, hint and error to the input and writes typed text into the form', async () => {
    const form = open({ name: 'venue', label: 'Venue', hint: 'Where it takes place.', placeholder: 'Hall' });
    const input = $<HTMLInputElement>(document.body, 'input[name="venue"]')!;
    expect(input.type).toBe('text');
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect(input.placeholder).toBe('Hall');
    expect(input.value).toBe('Hall A');
    expect($(document.body, 'label')?.getAttribute('for')).toBe(input.id);
    expect($(document.body, 'label')?.textContent).toBe('Venue');
    expect(input.getAttribute('aria-describedby')).toBe(`${input.id}-hint`);
    expect(input.getAttribute('aria-invalid')).toBeNull();

    await typeInto(input, 'Hall B');
    expect(form.values.venue).toBe('Hall B');

    form.errors = { venue: 'Too vague.' };
    flushSync();
    const error = $(document.body, '[data-testid="error-venue"]');
    expect(error?.textContent).toBe('Too vague.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(`${error?.id} ${input.id}-hint`);
  });

  it('renders a textarea with the given rows when multiline', async () => {
    const form = open({ name: 'notes', label: 'Notes', multiline: true, rows: 2 });
    const area = $<HTMLTextAreaElement>(document.body, 'textarea[name="notes"]')!;
    expect(area.getAttribute('rows')).toBe('2');
    expect($(document.body, 'input')).toBeNull();
    await typeInto(area, 'Bring badges.');
    expect(form.values.notes).toBe('Bring badges.');
  });

  it('only accepts the names of string values', () => {
    const form = new FormState<Values>({ venue: '', notes: '', seats: 0 });
    // @ts-expect-error seats is a number, which no text control can edit.
    const props: Parameters<typeof TextField<Values, 'seats'>>[1] = { form, name: 'seats', label: 'Seats' };
    expect(props.name).toBe('seats');
  });
});
