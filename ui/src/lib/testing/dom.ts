// Small DOM helpers for component and flow tests. Only tests import this module.
import { flushSync } from 'svelte';
import { settle } from './backend';

export const $ = <T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T | null =>
  root.querySelector(selector) as T | null;

export const $$ = <T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T[] =>
  Array.from(root.querySelectorAll(selector)) as T[];

/** Click and let the app settle. */
export async function click(el: Element | null | undefined): Promise<void> {
  if (!(el instanceof HTMLElement)) throw new Error('nothing to click');
  el.click();
  await settle();
  flushSync();
}

/** Press a key on `target` (it bubbles) and let the app settle. */
export async function press(
  target: EventTarget,
  key: string,
  mods: Partial<Pick<KeyboardEventInit, 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>> = {},
): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...mods });
  target.dispatchEvent(event);
  await settle();
  flushSync();
  return event;
}

/** Type into an input (fires "input") and let the app settle. */
export async function typeInto(el: HTMLInputElement | HTMLTextAreaElement | null, value: string): Promise<void> {
  if (!el) throw new Error('nothing to type into');
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  await settle();
  flushSync();
}

/** Choose an option of a select (fires "change") and let the app settle. */
export async function choose(el: HTMLSelectElement | null, value: string): Promise<void> {
  if (!el) throw new Error('nothing to choose in');
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
  flushSync();
}
