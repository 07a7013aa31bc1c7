// People in session roles, grouped for display:
// "Moderator: Bali Process Regional Support Office (Australian Co-Manager)"
// "Panellists: Australia; Indonesia; International Labour Organization"
import type { RoleKind, RoleView, Term } from '../ipc';
import { pluralise } from '../format/words';

export type RoleGroup = {
  role: RoleKind;
  /** The vocabulary label, pluralised when the group has several people. */
  label: string;
  people: string[];
};

/** "Ms Lynn Bell (Australia)", "Australia", "RSO (Australian Co-Manager)". */
export function personText(r: Pick<RoleView, 'name' | 'organisation' | 'note'>): string {
  const extra = [r.organisation ?? '', r.note].map((s) => s.trim()).filter(Boolean);
  return extra.length ? `${r.name} (${extra.join(', ')})` : r.name;
}

/**
 * Group roles by kind, in the vocabulary's order (chair, co-chair, moderator,
 * …), keeping the people in the order given. Kinds the vocabulary does not
 * know go last, labelled with their key.
 */
export function groupRoles(roles: readonly RoleView[], terms: readonly Term<RoleKind>[]): RoleGroup[] {
  const byRole = new Map<RoleKind, string[]>();
  for (const r of roles) {
    const list = byRole.get(r.role) ?? [];
    list.push(personText(r));
    byRole.set(r.role, list);
  }
  const order: RoleKind[] = terms.map((t) => t.key);
  for (const key of byRole.keys()) if (!order.includes(key)) order.push(key);
  const groups: RoleGroup[] = [];
  for (const role of order) {
    const people = byRole.get(role);
    if (!people) continue;
    const label = terms.find((t) => t.key === role)?.label ?? role;
    groups.push({ role, label: pluralise(label, people.length), people });
  }
  return groups;
}
