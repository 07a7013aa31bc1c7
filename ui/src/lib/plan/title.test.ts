import { describe, expect, it } from 'vitest';
import { windowTitle } from './title';

describe('windowTitle', () => {
  it('names the plan, the file and the app with em dashes', () => {
    expect(windowTitle({ title: 'Bangkok week', file_name: 'bangkok.plenary' })).toBe(
      'Bangkok week \u2014 bangkok.plenary \u2014 Plenary',
    );
  });

  it('is just the app name without a plan', () => {
    expect(windowTitle(null)).toBe('Plenary');
  });

  it('says when the plan is open only for reading', () => {
    expect(
      windowTitle({ title: 'Bangkok week', file_name: 'bangkok.plenary', read_only: 'This plan is open in Plenary.' }),
    ).toBe('Bangkok week \u2014 bangkok.plenary (read only) \u2014 Plenary');
  });

  it('skips an empty title', () => {
    expect(windowTitle({ title: '  ', file_name: 'x.plenary' })).toBe('x.plenary \u2014 Plenary');
  });
});
