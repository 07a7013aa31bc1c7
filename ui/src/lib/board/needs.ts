// What a session still needs, as the board's Assign row understands it: the
// backend says it in words ("a moderator", "panellists"); the row starts on
// the role that fills the first of them.
import type { RoleKind, SessionKind } from '../ipc';

const ROLE_KEYS: readonly RoleKind[] = [
  'chair',
  'co_chair',
  'moderator',
  'panellist',
  'presenter',
  'speaker',
  'discussant',
  'rapporteur',
];

/** The role that fills a need, or null for words it does not recognise. */
export function roleForNeed(need: string): RoleKind | null {
  // "a moderator", "panellists", "a chair", "speakers", "a presenter", and
  // any later need worded the same way ("a rapporteur", "co-chairs").
  const word = need
    .trim()
    .toLowerCase()
    .replace(/^(a|an)\s+/, '')
    .replace(/s$/, '')
    .replace(/[\s-]+/g, '_');
  return ROLE_KEYS.find((k) => k === word) ?? null;
}

/** Roles most often added to a session of a kind that needs nothing more. */
const BY_KIND: Partial<Record<SessionKind, RoleKind>> = {
  panel: 'panellist',
  presentation: 'presenter',
};

/** The role the Assign row starts on: the first need's, else the usual one for the kind. */
export function defaultRole(needs: readonly string[], kind: SessionKind): RoleKind {
  for (const need of needs) {
    const role = roleForNeed(need);
    if (role) return role;
  }
  return BY_KIND[kind] ?? 'speaker';
}

/** "Needs a moderator, panellists"; empty when nothing is missing. */
export function needsText(needs: readonly string[]): string {
  return needs.length ? `Needs ${needs.join(', ')}` : '';
}
