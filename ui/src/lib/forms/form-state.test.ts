import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../ipc';
import { FormState, SubmitCancelled, fieldErrors, focusFirstInvalid, generalError } from './form-state.svelte';

const invalid = (fields: { field: string; message: string }[]) => ({
  code: 'invalid' as const,
  message: fields.map((f) => f.message).join(' '),
  fields,
});

describe('fieldErrors', () => {
  it('maps field problems by field name', () => {
    expect(
      fieldErrors(
        invalid([
          { field: 'title', message: 'Title is required.' },
          { field: 'end_time', message: 'End must be after start.' },
        ]),
      ),
    ).toEqual({ title: 'Title is required.', end_time: 'End must be after start.' });
  });

  it('joins several problems with one field', () => {
    expect(
      fieldErrors(
        invalid([
          { field: 'day', message: 'Day is required.' },
          { field: 'day', message: 'Use YYYY-MM-DD.' },
        ]),
      ),
    ).toEqual({ day: 'Day is required. Use YYYY-MM-DD.' });
  });

  it('is empty for errors without fields', () => {
    expect(fieldErrors({ code: 'io', message: 'Disk full', fields: [] })).toEqual({});
  });
});

describe('generalError', () => {
  const known = ['title', 'day'];

  it('needs no banner when every problem has a field on the form', () => {
    expect(generalError(invalid([{ field: 'title', message: 'Title is required.' }]), known)).toBeNull();
  });

  it('shows problems with fields the form does not display', () => {
    expect(
      generalError(
        invalid([
          { field: 'title', message: 'Title is required.' },
          { field: 'colour', message: 'Colour is unknown.' },
        ]),
        known,
      ),
    ).toBe('Colour is unknown.');
  });

  it('shows the message of any other error', () => {
    expect(generalError({ code: 'not_found', message: 'No session with id 4 in this plan', fields: [] }, known)).toBe(
      'No session with id 4 in this plan',
    );
    expect(generalError({ code: 'invalid', message: 'Something is off', fields: [] }, known)).toBe('Something is off');
  });
});

describe('FormState', () => {
  type Values = { title: string; day: string };
  const initial: Values = { title: 'Opening', day: '2024-11-18' };

  it('copies the initial values and knows its fields', () => {
    const form = new FormState(initial);
    form.values.title = 'Changed';
    expect(initial.title).toBe('Opening');
    expect(form.fields).toEqual(['title', 'day']);
    expect(form.failed).toBe(false);
  });

  it('passes a plain snapshot of the values to the action and reports success', async () => {
    const form = new FormState(initial);
    form.values.day = '2024-11-19';
    let seen: Values | null = null;
    const ok = await form.submit(async (values) => {
      seen = values;
    });
    expect(ok).toBe(true);
    expect(seen).toEqual({ title: 'Opening', day: '2024-11-19' });
    expect(form.submitting).toBe(false);
  });

  it('places field problems, keeps the values and clears them on the next success', async () => {
    const form = new FormState(initial);
    form.values.title = '';
    const ok = await form.submit(async () => {
      throw new ApiFailure(invalid([{ field: 'title', message: 'Title is required.' }]));
    });
    expect(ok).toBe(false);
    expect(form.error('title')).toBe('Title is required.');
    expect(form.error('day')).toBeNull();
    expect(form.general).toBeNull();
    expect(form.failed).toBe(true);
    expect(form.values.title).toBe('');

    expect(await form.submit(async () => undefined)).toBe(true);
    expect(form.errors).toEqual({});
    expect(form.failed).toBe(false);
  });

  it('shows other errors as a general message', async () => {
    const form = new FormState(initial);
    await form.submit(async () => {
      throw new ApiFailure({ code: 'database', message: 'The plan file could not be written', fields: [] });
    });
    expect(form.general).toBe('The plan file could not be written');
    expect(form.errors).toEqual({});

    await form.submit(async () => {
      throw new Error('IPC failed');
    });
    expect(form.general).toBe('IPC failed');
  });

  it('stays as it is when the action is cancelled', async () => {
    const form = new FormState(initial);
    form.fail(new ApiFailure(invalid([{ field: 'day', message: 'Bad day.' }])));
    const ok = await form.submit(async () => {
      throw new SubmitCancelled();
    });
    expect(ok).toBe(false);
    expect(form.error('day')).toBe('Bad day.');
    expect(form.general).toBeNull();
  });

  it('tracks submitting and ignores a second submit meanwhile', async () => {
    const form = new FormState(initial);
    let release!: () => void;
    const first = form.submit(() => new Promise<void>((resolve) => (release = resolve)));
    expect(form.submitting).toBe(true);
    expect(await form.submit(async () => undefined)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(form.submitting).toBe(false);
  });
});

describe('focusFirstInvalid', () => {
  it('focuses the first control marked invalid', () => {
    const root = document.createElement('form');
    root.innerHTML = '<input name="a"><input name="b" aria-invalid="true"><input name="c" aria-invalid="true">';
    document.body.appendChild(root);
    focusFirstInvalid(root);
    expect((document.activeElement as HTMLInputElement | null)?.name).toBe('b');
    root.remove();
  });

  it('focuses the input of a group marked invalid when it comes first', () => {
    const root = document.createElement('form');
    root.innerHTML =
      '<input name="a"><div role="group" data-invalid="true"><button type="button">Clear</button><input name="pick"></div>' +
      '<input name="c" aria-invalid="true">';
    document.body.appendChild(root);
    focusFirstInvalid(root);
    expect((document.activeElement as HTMLInputElement | null)?.name).toBe('pick');
    root.remove();
  });
});
