// What the inline "new person" and "new organisation" forms share. They sit
// inside another form, so they cannot be <form>s: Enter in one of their
// fields adds, Escape cancels, and neither reaches the form around them.

/** Enter (outside a select or a type-ahead) runs `add`; Escape runs `cancel`. */
export function inlineKey(e: KeyboardEvent, add: () => void, cancel: () => void): void {
  const target = e.target instanceof HTMLElement ? e.target : null;
  // A type-ahead inside (the organisation of a new person) keeps its own keys.
  if (target?.getAttribute('role') === 'combobox') return;
  if (e.key === 'Enter' && target?.tagName === 'INPUT') {
    e.preventDefault();
    e.stopPropagation();
    add();
  } else if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    cancel();
  }
}
