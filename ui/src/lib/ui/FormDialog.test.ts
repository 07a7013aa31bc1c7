import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import FormDialog from './FormDialog.svelte';
import { FormState } from '../forms/form-state.svelte';
import { ApiFailure } from '../ipc';
import { apiError, settle } from '../testing/backend';
import { $, click } from '../testing/dom';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
});

// Static fields: "b" is fine, "a" is marked as having a problem.
const fields = createRawSnippet(() => ({
  render: () => '<div><input name="b"><input name="a" aria-invalid="true"></div>',
}));
const extra = createRawSnippet(() => ({
  render: () => '<button type="button" data-testid="extra">Extra</button>',
}));

type Values = { a: string; b: string };

function open(action: (values: Values) => Promise<unknown>) {
  const form = new FormState<Values>({ a: '', b: '' });
  const onsaved = vi.fn();
  const onclose = vi.fn();
  app = mount(FormDialog<Values>, {
    target: document.body,
    props: {
      title: 'Thing',
      onclose,
      form,
      action,
      onsaved,
      testid: 'thing-form',
      errorTestid: 'form-error',
      saveLabel: 'Keep it',
      saveTestid: 'thing-save',
      children: fields,
      actions: extra,
    },
  });
  flushSync();
  const el = $<HTMLFormElement>(document.body, 'form[data-testid="thing-form"]');
  if (!el) throw new Error('form not rendered');
  return { form, el, onsaved, onclose };
}

async function submit(el: HTMLFormElement) {
  el.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await settle();
  flushSync();
}

describe('FormDialog', () => {
  it('lays out the fields, the extra buttons, Cancel and the submit button', async () => {
    const { el, onclose } = open(async () => {});
    expect(document.querySelector('dialog h2')?.textContent).toBe('Thing');
    expect($(el, '.dialog-body input[name="b"]')).not.toBeNull();
    const buttons = Array.from(el.querySelectorAll('footer button')).map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Extra', 'Cancel', 'Keep it']);
    expect($(el, '[data-testid="form-error"]')).toBeNull();
    await click(Array.from(el.querySelectorAll<HTMLButtonElement>('footer button')).find((b) => b.textContent === 'Cancel'));
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('runs the action with the values and reports success', async () => {
    const action = vi.fn(async () => {});
    const { el, form, onsaved } = open(action);
    form.values.b = 'typed';
    await submit(el);
    expect(action).toHaveBeenCalledWith({ a: '', b: 'typed' });
    expect(onsaved).toHaveBeenCalledOnce();
  });

  it('shows a refusal in the banner and focuses the first field with a problem', async () => {
    const { el, onsaved } = open(async () => {
      throw new ApiFailure(apiError('database', 'Someone else changed it.'));
    });
    expect((document.activeElement as HTMLInputElement | null)?.name).toBe('b');
    await submit(el);
    expect(onsaved).not.toHaveBeenCalled();
    expect($(el, '[data-testid="form-error"]')?.textContent).toBe('Someone else changed it.');
    expect((document.activeElement as HTMLInputElement | null)?.name).toBe('a');
  });

  it('keeps the submit button disabled while a save is in flight', async () => {
    let finish: () => void = () => {};
    const { el, onsaved } = open(() => new Promise<void>((resolve) => (finish = resolve)));
    const save = $<HTMLButtonElement>(el, '[data-testid="thing-save"]');
    await submit(el);
    expect(save?.disabled).toBe(true);
    finish();
    await settle();
    flushSync();
    expect(save?.disabled).toBe(false);
    expect(onsaved).toHaveBeenCalledOnce();
  });
});
