import { describe, expect, it } from 'vitest';
import { historyShortcut, isTextEntry } from './shortcuts';
import { redoLabel, stepTime, undoLabel } from './steps';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

function element(html: string): Element {
  const host = document.createElement('div');
  host.innerHTML = html;
  return host.firstElementChild!;
}

describe('undo and redo shortcuts', () => {
  const body = document.body;

  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z or Ctrl+Y (Cmd too)', () => {
    expect(historyShortcut(key('z', { ctrlKey: true }), body)).toBe('undo');
    expect(historyShortcut(key('Z', { ctrlKey: true, shiftKey: true }), body)).toBe('redo');
    expect(historyShortcut(key('y', { ctrlKey: true }), body)).toBe('redo');
    expect(historyShortcut(key('z', { metaKey: true }), body)).toBe('undo');
  });

  it('ignores other keys and combinations', () => {
    expect(historyShortcut(key('z'), body)).toBeNull();
    expect(historyShortcut(key('z', { ctrlKey: true, altKey: true }), body)).toBeNull();
    expect(historyShortcut(key('y', { ctrlKey: true, shiftKey: true }), body)).toBeNull();
    expect(historyShortcut(key('x', { ctrlKey: true }), body)).toBeNull();
  });

  it('leaves the keys to text fields, for their own text undo', () => {
    for (const html of [
      '<input type="text">',
      '<input>',
      '<input type="number">',
      '<input type="search">',
      '<textarea></textarea>',
      '<select><option>a</option></select>',
      '<div contenteditable="true"></div>',
    ]) {
      expect(isTextEntry(element(html)), html).toBe(true);
      expect(historyShortcut(key('z', { ctrlKey: true }), element(html)), html).toBeNull();
      expect(historyShortcut(key('y', { ctrlKey: true }), element(html)), html).toBeNull();
    }
  });

  it('still works from buttons, checkboxes and calendar events', () => {
    for (const html of ['<button>Save</button>', '<input type="checkbox">', '<article tabindex="0"></article>']) {
      expect(isTextEntry(element(html)), html).toBe(false);
      expect(historyShortcut(key('z', { ctrlKey: true }), element(html)), html).toBe('undo');
    }
    expect(historyShortcut(key('z', { ctrlKey: true }), null)).toBe('undo');
  });
});

describe('history wording', () => {
  it('formats when a step was made', () => {
    expect(stepTime('2024-11-18T10:45:12.123456')).toBe('10:45, 18 Nov');
    expect(stepTime('2025-01-05T08:03:00')).toBe('08:03, 5 Jan');
    expect(stepTime('yesterday')).toBe('yesterday');
  });

  it('names the step in the menu, or says there is nothing to do', () => {
    expect(undoLabel('Moved “Panel” from Mon 18 Nov 10:45 to 11:00')).toBe(
      'Undo Moved “Panel” from Mon 18 Nov 10:45 to 11:00',
    );
    expect(undoLabel(null)).toBe('Nothing to undo');
    expect(redoLabel('Deleted “Lunch”')).toBe('Redo Deleted “Lunch”');
    expect(redoLabel(undefined)).toBe('Nothing to redo');
  });
});
