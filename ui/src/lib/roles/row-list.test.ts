import { afterEach, describe, expect, it } from 'vitest';
import { tick } from 'svelte';
import { RowList } from './row-list.svelte';

type Row = { key: number; name: string };

afterEach(() => {
  document.body.innerHTML = '';
});

/** A list of rows a, b, c drawn as focusable elements with their buttons, as the dialogs draw them. */
function drawn() {
  const list = new RowList<Row>('u');
  list.rows = ['a', 'b', 'c'].map((name) => ({ key: list.key(), name }));
  for (const row of list.rows) {
    const li = document.createElement('li');
    li.id = `u-row-${row.key}`;
    li.tabIndex = -1;
    li.innerHTML = `<button type="button">${row.name}</button>`;
    document.body.appendChild(li);
  }
  return list;
}

describe('RowList', () => {
  it('gives each new row a key no row has had', () => {
    const list = new RowList<Row>('u');
    expect([list.key(), list.key(), list.key()]).toEqual([0, 1, 2]);
  });

  it('forgets the problem of one row only, and keeps the map when there is nothing to forget', () => {
    const list = new RowList<Row>('u');
    list.problems = new Map([
      [1, 'One.'],
      [2, 'Two.'],
    ]);
    const before = list.problems;
    list.forget(3);
    expect(list.problems).toBe(before);
    list.forget(1);
    expect([...list.problems]).toEqual([[2, 'Two.']]);
  });

  it('moves a row and keeps the focus where it was', async () => {
    const list = drawn();
    const button = document.querySelector<HTMLButtonElement>('#u-row-0 button')!;
    button.focus();
    await list.move(0, 1);
    expect(list.rows.map((r) => r.name)).toEqual(['b', 'a', 'c']);
    expect(document.activeElement).toBe(button);
  });

  it('leaves the list alone when a row cannot move that way', async () => {
    const list = drawn();
    await list.move(0, -1);
    await list.move(2, 1);
    expect(list.rows.map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });

  it('moves a row on Alt+Arrow keys only', async () => {
    const list = drawn();
    const plain = new KeyboardEvent('keydown', { key: 'ArrowUp', cancelable: true });
    list.onkey(plain, 2);
    expect(plain.defaultPrevented).toBe(false);
    const alt = new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true, cancelable: true });
    list.onkey(alt, 2);
    expect(alt.defaultPrevented).toBe(true);
    await tick();
    expect(list.rows.map((r) => r.name)).toEqual(['a', 'c', 'b']);
  });

  it('focuses inside a row, or the row itself', async () => {
    const list = drawn();
    await list.focusIn(1, 'button');
    expect(document.activeElement?.textContent).toBe('b');
    await list.focusIn(2, null);
    expect(document.activeElement?.id).toBe('u-row-2');
  });
});
