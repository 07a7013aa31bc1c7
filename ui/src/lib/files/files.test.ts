import { describe, expect, it } from 'vitest';
import { copyFileName, planFileName } from './file-name';
import { shortcutFor } from './shortcuts';
import { baseName } from './actions';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps Ctrl+N, Ctrl+Shift+N, Ctrl+O and Ctrl+Shift+S', () => {
    expect(shortcutFor(press('n', { ctrlKey: true }))).toBe('new');
    expect(shortcutFor(press('N', { ctrlKey: true, shiftKey: true }))).toBe('new-window');
    expect(shortcutFor(press('w', { ctrlKey: true }))).toBe('close-window');
    expect(shortcutFor(press('w', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFor(press('o', { ctrlKey: true }))).toBe('open');
    expect(shortcutFor(press('S', { ctrlKey: true, shiftKey: true }))).toBe('save-copy');
    expect(shortcutFor(press('o', { metaKey: true }))).toBe('open');
  });

  it('ignores plain keys and other combinations', () => {
    expect(shortcutFor(press('n'))).toBeNull();
    expect(shortcutFor(press('s', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('O', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutFor(press('o', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});

describe('planFileName', () => {
  it('derives the name from the title', () => {
    expect(planFileName('Bangkok week 2024')).toBe('Bangkok week 2024.plenary');
  });

  it('removes characters that are not allowed in file names', () => {
    expect(planFileName('WG/TIP: 2024?')).toBe('WG TIP 2024.plenary');
    expect(planFileName('..hidden')).toBe('hidden.plenary');
  });

  it('falls back for an empty title', () => {
    expect(planFileName('   ')).toBe('Untitled plan.plenary');
  });
});

describe('copyFileName', () => {
  it('adds "copy" before the extension', () => {
    expect(copyFileName('week.plenary')).toBe('week copy.plenary');
    expect(copyFileName('notes')).toBe('notes copy.plenary');
  });
});

describe('baseName', () => {
  it('names the file of a path in either style', () => {
    expect(baseName('/plans/week.plenary')).toBe('week.plenary');
    expect(baseName('C:\\Plans\\week.plenary')).toBe('week.plenary');
    expect(baseName('week.plenary')).toBe('week.plenary');
  });
});
