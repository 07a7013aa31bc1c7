import { describe, expect, it } from 'vitest';
import { wrapSelection } from './markup-edit';

describe('wrapSelection', () => {
  it('wraps the selected words in bold or italic marks and keeps them selected', () => {
    expect(wrapSelection('Members endorsed the plan.', 8, 16, '**')).toEqual({
      text: 'Members **endorsed** the plan.',
      start: 10,
      end: 18,
    });
    expect(wrapSelection('Members endorsed the plan.', 21, 25, '*')).toEqual({
      text: 'Members endorsed the *plan*.',
      start: 22,
      end: 26,
    });
  });

  it('leaves selected spaces outside the marks', () => {
    expect(wrapSelection('a word here', 1, 7, '**').text).toBe('a **word** here');
  });

  it('puts a pair of marks at the caret', () => {
    expect(wrapSelection('Text', 4, 4, '**')).toEqual({ text: 'Text****', start: 6, end: 6 });
  });

  it('unwraps a selection already in the marks', () => {
    expect(wrapSelection('a **word** here', 4, 8, '**')).toEqual({ text: 'a word here', start: 2, end: 6 });
    expect(wrapSelection('a *word* here', 3, 7, '*')).toEqual({ text: 'a word here', start: 2, end: 6 });
  });

  it('italic inside bold adds marks rather than eating the bold', () => {
    expect(wrapSelection('**bold**', 2, 6, '*').text).toBe('***bold***');
  });

  it('takes a selection made backwards', () => {
    expect(wrapSelection('one two', 7, 4, '*').text).toBe('one *two*');
  });
});
