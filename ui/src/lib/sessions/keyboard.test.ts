import { describe, expect, it } from 'vitest';
import { deletedMessage, sessionKeyAction } from './keyboard';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('sessionKeyAction', () => {
  it('moves by the snap step up and down, and by a day left and right', () => {
    expect(sessionKeyAction(press('ArrowUp'), 10)).toEqual({ kind: 'shift', minutes: -10 });
    expect(sessionKeyAction(press('ArrowDown'), 10)).toEqual({ kind: 'shift', minutes: 10 });
    expect(sessionKeyAction(press('ArrowLeft'), 10)).toEqual({ kind: 'shift', minutes: -1440 });
    expect(sessionKeyAction(press('ArrowRight'), 10)).toEqual({ kind: 'shift', minutes: 1440 });
  });

  it('falls back to 5 minutes without a snap step', () => {
    expect(sessionKeyAction(press('ArrowDown'), 0)).toEqual({ kind: 'shift', minutes: 5 });
  });

  it('shortens and lengthens by the snap step with Shift', () => {
    expect(sessionKeyAction(press('ArrowUp', { shiftKey: true }), 10)).toEqual({ kind: 'resize', minutes: -10 });
    expect(sessionKeyAction(press('ArrowDown', { shiftKey: true }), 10)).toEqual({ kind: 'resize', minutes: 10 });
  });

  it('opens with Enter and deletes with Delete', () => {
    expect(sessionKeyAction(press('Enter'), 5)).toEqual({ kind: 'open' });
    expect(sessionKeyAction(press('Delete'), 5)).toEqual({ kind: 'delete' });
  });

  it('takes Alt with the arrows where the plain arrows go from session to session', () => {
    expect(sessionKeyAction(press('ArrowUp', { altKey: true }), 10, 'alt-arrows')).toEqual({ kind: 'shift', minutes: -10 });
    expect(sessionKeyAction(press('ArrowRight', { altKey: true }), 10, 'alt-arrows')).toEqual({ kind: 'shift', minutes: 1440 });
    expect(sessionKeyAction(press('ArrowDown', { altKey: true, shiftKey: true }), 10, 'alt-arrows')).toEqual({
      kind: 'resize',
      minutes: 10,
    });
    expect(sessionKeyAction(press('ArrowUp'), 10, 'alt-arrows')).toBeNull();
    expect(sessionKeyAction(press('Delete'), 10, 'alt-arrows')).toEqual({ kind: 'delete' });
    expect(sessionKeyAction(press('Delete', { altKey: true }), 10, 'alt-arrows')).toBeNull();
  });

  it('leaves modified and other keys alone', () => {
    expect(sessionKeyAction(press('ArrowUp', { altKey: true }), 5)).toBeNull();
    expect(sessionKeyAction(press('ArrowUp', { ctrlKey: true }), 5)).toBeNull();
    expect(sessionKeyAction(press('ArrowLeft', { shiftKey: true }), 5)).toBeNull();
    expect(sessionKeyAction(press('Backspace'), 5)).toBeNull();
    expect(sessionKeyAction(press('a'), 5)).toBeNull();
  });

  it('says how to get a deleted session back', () => {
    expect(deletedMessage('Lunch')).toBe('Deleted “Lunch”. Ctrl+Z to undo.');
  });
});
