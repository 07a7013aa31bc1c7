// Keeping the keyboard's place across a redraw (undo, redo): pages redraw
// their rows from the backend's new answer, so the focused element may be
// replaced by a new one for the same record. Focus then goes to that one,
// else to `fallback`, never to <body>.

export type FocusMark = {
  el: HTMLElement | null;
  id: string;
  testid: string;
  /** The data attribute naming the record ("data-session-id") and its value. */
  attribute: string;
  record: string;
};

/** The data attributes by which rows, events and cards name their record. */
const RECORD_KEYS = ['sessionId', 'personId', 'orgId', 'id', 'key'] as const;

const attributeOf = (key: string) => `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** What is focused now, and how to find its successor. */
export function markFocus(active: Element | null = document.activeElement): FocusMark {
  const el = active instanceof HTMLElement && active !== document.body ? active : null;
  const key = RECORD_KEYS.find((k) => el?.dataset[k] !== undefined);
  return {
    el,
    id: el?.id ?? '',
    testid: el?.dataset.testid ?? '',
    attribute: key ? attributeOf(key) : '',
    record: key ? (el?.dataset[key] ?? '') : '',
  };
}

function successor(mark: FocusMark, root: ParentNode): HTMLElement | null {
  if (mark.id) {
    const byId = document.getElementById(mark.id);
    if (byId && root.contains(byId)) return byId;
  }
  if (mark.testid && mark.attribute) {
    const quoted = (v: string) => v.replace(/["\\]/g, '\\$&');
    return root.querySelector<HTMLElement>(
      `[data-testid="${quoted(mark.testid)}"][${mark.attribute}="${quoted(mark.record)}"]`,
    );
  }
  return null;
}

/**
 * After a redraw: leave focus where it is if it is still somewhere real;
 * else focus the element that stands for the same record; else `fallback`.
 */
export function restoreFocus(mark: FocusMark, fallback: HTMLElement | null, root: ParentNode = document): void {
  const now = document.activeElement;
  if (now instanceof HTMLElement && now !== document.body && now.isConnected) return;
  if (mark.el?.isConnected) {
    mark.el.focus();
    return;
  }
  const next = successor(mark, root);
  if (next) next.focus();
  else fallback?.focus();
}
