// What a session still needs, as the board's Assign row uses it: each need
// comes from the backend with the role that fills it; the row starts on the
// first of them.
import type { Need, RoleKind, SessionKind } from '../ipc';

/** Roles most often added to a session of a kind that needs nothing more. */
const BY_KIND: Partial<Record<SessionKind, RoleKind>> = {
  panel: 'panellist',
  presentation: 'presenter',
};

/** The role the Assign row starts on: the first need's, else the usual one for the kind. */
export function defaultRole(needs: readonly Need[], kind: SessionKind): RoleKind {
  return needs[0]?.role ?? BY_KIND[kind] ?? 'speaker';
}

/** "Needs a moderator, panellists"; empty when nothing is missing. */
export function needsText(needs: readonly Need[]): string {
  return needs.length ? `Needs ${needs.map((n) => n.text).join(', ')}` : '';
}
