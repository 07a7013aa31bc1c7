import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import FormDialog from './FormDialog.svelte';
import { FormState } from '../forms/form-state.svelte';
import { ApiFailure } from '../ipc';
import { apiError, settle } from '../testing/backend';
import { $, click, press } from '../testing/dom';
import { forgetAllDrafts } from '../forms/drafts';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  forgetAllDrafts();
});

// Static fields: "b" is fine, "a" is marked as having a problem.
const fields = createRawSnippet(() => ({
  render: () => '<div><input name="b"><input name="a" aria-invalid="true"></div>',
}));
const extra = createRawSnippet(() => ({
  render: () => '<button type="button" data-testid="extra">Extra</button>',
}));

type Values = { a: string; b: string };

function open(action: (values: Values) => Promise<unknown>, initial: Values = { a: '', b: '' }) {
  const form = new FormState<Values>(initial);
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

  describe('before losing what was typed', () => {
    const cancelButton = (el: HTMLElement) =>
      Array.from(el.querySelectorAll<HTMLButtonElement>('footer button')).find((b) => b.textContent === 'Cancel');
    const question = () => $(document.body, '[data-testid="discard-question"]');

    it('closes at once on Escape or Cancel when nothing changed', async () => {
      const { el, onclose } = open(async () => {});
      await press(el.querySelector('input')!, 'Escape');
      expect(question()).toBeNull();
      expect(onclose).toHaveBeenCalledOnce();
      await click(cancelButton(el));
      expect(onclose).toHaveBeenCalledTimes(2);
    });

    it('asks on Escape when a value changed, naming the record, and keeps editing on a second Escape', async () => {
      const { el, form, onclose } = open(async () => {}, { a: '', b: 'Panel I' });
      form.values.a = 'typed';
      flushSync();
      const field = el.querySelector<HTMLInputElement>('input[name="a"]')!;
      field.focus();
      await press(field, 'Escape');
      expect(onclose).not.toHaveBeenCalled();
      expect(question()?.textContent).toContain('Discard what you typed in “Thing”?');
      expect(document.activeElement?.getAttribute('data-testid')).toBe('keep-editing');
      await press(document.activeElement!, 'Escape');
      expect(question()).toBeNull();
      expect(onclose).not.toHaveBeenCalled();
      expect(document.activeElement).toBe(field);
      expect(form.values.a).toBe('typed');
    });

    it('asks on Cancel and closes only when told to discard', async () => {
      const { el, form, onclose } = open(async () => {});
      form.values.b = 'typed';
      flushSync();
      await click(cancelButton(el));
      expect(onclose).not.toHaveBeenCalled();
      await click($(document.body, '[data-testid="discard-changes"]'));
      expect(onclose).toHaveBeenCalledOnce();
    });

    it('offers what was discarded when the same dialog opens again on the same record', async () => {
      const first = open(async () => {});
      first.form.values.b = 'half a sentence';
      flushSync();
      await click(cancelButton(first.el));
      await click($(document.body, '[data-testid="discard-changes"]'));
      unmount(app!);
      app = undefined;

      const again = open(async () => {});
      expect(again.form.values.b).toBe('');
      await click($(again.el, '[data-testid="restore-draft"]'));
      expect(again.form.values.b).toBe('half a sentence');
      expect($(again.el, '[data-testid="draft-notice"]')).toBeNull();
    });

    it('offers no draft for another record, nor after a save', async () => {
      const first = open(async () => {});
      first.form.values.b = 'typed';
      flushSync();
      await click(cancelButton(first.el));
      await click($(document.body, '[data-testid="discard-changes"]'));
      unmount(app!);

      const other = open(async () => {}, { a: 'x', b: '' });
      expect($(other.el, '[data-testid="draft-notice"]')).toBeNull();
      unmount(app!);

      const same = open(async () => {});
      await click($(same.el, '[data-testid="restore-draft"]'));
      await submit(same.el);
      unmount(app!);
      app = undefined;

      const after = open(async () => {});
      expect($(after.el, '[data-testid="draft-notice"]')).toBeNull();
    });

    it('returns the focus to what opened the dialog', async () => {
      const opener = document.createElement('button');
      document.body.append(opener);
      opener.focus();
      open(async () => {});
      expect(document.activeElement).not.toBe(opener);
      unmount(app!);
      app = undefined;
      expect(document.activeElement).toBe(opener);
    });
  });
});
