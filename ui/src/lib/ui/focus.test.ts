import { afterEach, describe, expect, it } from 'vitest';
import { markFocus, restoreFocus } from './focus';

afterEach(() => {
  document.body.innerHTML = '';
});

function page(html: string): { main: HTMLElement } {
  document.body.innerHTML = `<main tabindex="-1">${html}</main>`;
  return { main: document.querySelector('main')! };
}

describe('restoreFocus', () => {
  it('leaves the focus on an element that is still there', () => {
    const { main } = page('<button data-testid="row" data-id="4">A</button>');
    const button = main.querySelector('button')!;
    button.focus();
    const mark = markFocus();
    restoreFocus(mark, main);
    expect(document.activeElement).toBe(button);
  });

  it('moves the focus to the redrawn element of the same record', () => {
    const { main } = page('<button data-testid="row" data-id="4">A</button><button data-testid="row" data-id="5">B</button>');
    main.querySelector<HTMLElement>('[data-id="5"]')!.focus();
    const mark = markFocus();
    main.innerHTML = '<button data-testid="row" data-id="4">A</button><button data-testid="row" data-id="5">B again</button>';
    restoreFocus(mark, main);
    expect(document.activeElement?.textContent).toBe('B again');
  });

  it('moves the focus to the redrawn calendar event or agenda row of the same session', () => {
    const { main } = page('<article data-testid="cal-event" data-session-id="12" tabindex="0">Panel</article>');
    main.querySelector<HTMLElement>('article')!.focus();
    const mark = markFocus();
    main.innerHTML =
      '<article data-testid="cal-event" data-session-id="11" tabindex="-1">Opening</article><article data-testid="cal-event" data-session-id="12" tabindex="-1">Panel, moved</article>';
    restoreFocus(mark, main);
    expect(document.activeElement?.textContent).toBe('Panel, moved');
  });

  it('finds a redrawn element by its id', () => {
    const { main } = page('<input id="note-7">');
    main.querySelector('input')!.focus();
    const mark = markFocus();
    main.innerHTML = '<input id="note-7" value="again">';
    restoreFocus(mark, main);
    expect((document.activeElement as HTMLInputElement).value).toBe('again');
  });

  it('falls back to the content area when the record is gone, never to the body', () => {
    const { main } = page('<button data-testid="row" data-id="4">A</button>');
    main.querySelector('button')!.focus();
    const mark = markFocus();
    main.innerHTML = '<p>No rows</p>';
    restoreFocus(mark, main);
    expect(document.activeElement).toBe(main);
  });
});
