// What a session row shows of its roles: the core's groups (agenda.rs,
// `role_groups`), as they are, for the sample week's sessions.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AgendaSession_Serialize } from '../ipc';
import { copy, week } from '../testing/sample';
import SessionRow from './SessionRow.svelte';

const sessions = (): AgendaSession_Serialize[] => [...week.agenda.days.flatMap((d) => d.sessions), ...week.agenda.unscheduled];

function session(title: string): AgendaSession_Serialize {
  const found = sessions().find((s) => s.session.title.startsWith(title));
  if (!found) throw new Error(`no session ${title} in the sample week`);
  return copy(found);
}

let mounted: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  document.body.innerHTML = '';
});

function roleLines(item: AgendaSession_Serialize): string[] {
  const el = document.createElement('div');
  document.body.appendChild(el);
  mounted = mount(SessionRow, { target: el, props: { item, kinds: week.vocabulary.session_kinds, onopen: () => {} } });
  flushSync();
  return [...el.querySelectorAll('.roles')].map((r) => r.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

describe('the roles of a session row', () => {
  it('shows each group with its label and people', () => {
    expect(roleLines(session('Opening remarks'))).toEqual(['Co-Chairs: Ms Lynn Bell (Australia); Mr Tri Tharyat (Indonesia)']);
    const panel = roleLines(session('Panel discussion'));
    expect(panel).toHaveLength(2);
    expect(panel[0]).toBe('Moderator: Bali Process Regional Support Office — moderator TBC, Australian Co-Manager');
    expect(panel[1]).toMatch(/^Panellists: Australia — panellist TBC; Indonesia — panellist TBC; /);
  });

  it('keeps a single person singular', () => {
    const item = session('Opening remarks');
    item.role_groups = [{ role: 'co_chair', label: 'Co-Chair', people: ['Australia — co-chair TBC'] }];
    expect(roleLines(item)).toEqual(['Co-Chair: Australia — co-chair TBC']);
  });

  it('shows a kind that comes again later as its own line, in the order sent', () => {
    const item = session('Opening remarks');
    item.role_groups = [
      { role: 'chair', label: 'Chair', people: ['H.E. Mr A'] },
      { role: 'co_chair', label: 'Co-Chairs', people: ['B', 'C'] },
      { role: 'chair', label: 'Chair', people: ['D'] },
    ];
    expect(roleLines(item)).toEqual(['Chair: H.E. Mr A', 'Co-Chairs: B; C', 'Chair: D']);
  });

  it('shows a session on its day without times as to be confirmed, with its tbc mark and link as text', () => {
    const item = session('Opening remarks');
    item.session.start = null;
    item.session.end = null;
    item.session.day = '2024-11-18';
    item.session.tentative = true;
    item.session.link = 'https://webcast.example.org/<b>live</b>';
    roleLines(item);
    const row = document.querySelector('[data-testid="session-row"]')!;
    expect(row.querySelector('.time')?.textContent?.trim()).toBe('Time to be confirmed');
    expect(row.querySelector('.tbc')?.textContent).toBe('tbc');
    const link = row.querySelector('.link')!;
    expect(link.textContent).toBe('https://webcast.example.org/<b>live</b>');
    expect(link.querySelector('b')).toBeNull();
  });

  it('shows a cancelled session with its badge, time and title struck through', () => {
    const item = session('A decade');
    roleLines(item);
    expect(document.querySelector('.cancelled-badge')).toBeNull();
    unmount(mounted!);
    mounted = null;
    document.body.innerHTML = '';
    item.cancelled = true;
    roleLines(item);
    const row = document.querySelector('[data-testid="session-row"]')!;
    expect(row.classList.contains('cancelled')).toBe(true);
    expect(row.querySelector('.cancelled-badge')?.textContent).toBe('Cancelled');
    expect(row.querySelector('.title')?.textContent).toBe(item.session.title);
  });

  it('shows a substitute with whom they replace, as the core words it', () => {
    const item = session('Opening remarks');
    item.role_groups = [
      { role: 'co_chair', label: 'Co-Chairs', people: ['Ms Lynn Bell (Australia)', 'Ms Kathryn Haigh (Australia), replacing Mr Tri Tharyat'] },
    ];
    expect(roleLines(item)).toEqual(['Co-Chairs: Ms Lynn Bell (Australia); Ms Kathryn Haigh (Australia), replacing Mr Tri Tharyat']);
  });

  it('shows no kind for a session of another kind', () => {
    const chips = (item: AgendaSession_Serialize) => {
      roleLines(item);
      return [...document.querySelectorAll('.chip')].map((c) => c.textContent?.trim());
    };
    const item = session('Opening remarks');
    expect(chips(item)).toEqual(['Opening']);
    unmount(mounted!);
    mounted = null;
    document.body.innerHTML = '';
    item.session.kind = 'other';
    expect(chips(item)).toEqual([]);
  });

  it('shows nothing without roles, and nothing on a break', () => {
    const item = session('Opening remarks');
    item.role_groups = [];
    expect(roleLines(item)).toEqual([]);
    const coffee = session('Coffee break');
    coffee.role_groups = [{ role: 'chair', label: 'Chair', people: ['Nobody'] }];
    expect(roleLines(coffee)).toEqual([]);
  });
});

describe('the groups the core sends', () => {
  const labelOf = (key: string) => week.vocabulary.roles.find((t) => t.key === key)!.label;

  it('hold every person once, in the order the roles were entered', () => {
    for (const s of sessions()) {
      expect(s.role_groups.flatMap((g) => g.people), s.session.title).toEqual(s.roles.map((r) => r.text));
      for (const [i, g] of s.role_groups.entries()) {
        expect(g.people.length).toBeGreaterThan(0);
        if (i > 0) expect(g.role, s.session.title).not.toBe(s.role_groups[i - 1]!.role);
      }
    }
  });

  it('are labelled with the vocabulary’s word, plural for several', () => {
    const groups = sessions().flatMap((s) => s.role_groups);
    expect(groups.some((g) => g.people.length === 1)).toBe(true);
    expect(groups.some((g) => g.people.length > 1)).toBe(true);
    for (const g of groups) {
      expect(g.label).toBe(g.people.length === 1 ? labelOf(g.role) : `${labelOf(g.role)}s`);
    }
  });
});
