// Keyboard movement among a list of items (menu items, tabs): which index
// gets focus for a key press. Pure, so menus and tab lists share it.
import { fold } from '../format/fold';

export type Orientation = 'vertical' | 'horizontal';

/**
 * The index to focus after `key` when `current` of `count` items has focus,
 * or null when the key does not move focus. Movement wraps around; Home and
 * End go to the ends. `current` may be -1 (nothing focused yet).
 */
export function nextIndex(
  key: string,
  current: number,
  count: number,
  orientation: Orientation = 'vertical',
): number | null {
  if (count <= 0) return null;
  const forward = orientation === 'vertical' ? 'ArrowDown' : 'ArrowRight';
  const back = orientation === 'vertical' ? 'ArrowUp' : 'ArrowLeft';
  switch (key) {
    case forward:
      return current < 0 ? 0 : (current + 1) % count;
    case back:
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * Index of the first item after `current` whose label starts with the typed
 * character, ignoring case and accents as every search does ("e" finds
 * "Élysée"), wrapping; null if none.
 */
export function typeahead(char: string, current: number, labels: readonly string[]): number | null {
  if (char.length !== 1 || !/\S/.test(char)) return null;
  const wanted = fold(char);
  for (let step = 1; step <= labels.length; step++) {
    const i = (current + step + labels.length) % labels.length;
    if (fold((labels[i] ?? '').trim()).startsWith(wanted)) return i;
  }
  return null;
}
