import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import HallView from './HallView.svelte';
import { apiError, backend, recorded, settle, type Call } from '../testing/backend';
import { copy, week } from '../testing/sample';
import type { Answer } from '../ipc';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

const plenaryHall = week.overview.rooms.find((r) => r.name === 'Plenary Hall');
if (!plenaryHall) throw new Error('the sample has a Plenary Hall');
const morning = recorded(week.hall, 'hall')({ roomId: plenaryHall.id, at: '2024-11-19 09:10' }) as Answer<'hall'>;
const evening = recorded(week.hall, 'hall')({ roomId: plenaryHall.id, at: '2024-11-19 18:00' }) as Answer<'hall'>;

async function show(calls: Call[], answers: () => Answer<'hall'>) {
  mockIPC(backend({ hall: () => copy(answers()), close_hall: () => null }, calls), { shouldMockEvents: true });
  const el = document.createElement('div');
  document.body.appendChild(el);
  app = mount(HallView, { target: el, props: { roomId: plenaryHall!.id } });
  await settle();
  flushSync();
  return el;
}

const text = (el: HTMLElement, id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

describe('the hall display', () => {
  it('shows the session now, its chairs, the time left and what is next', async () => {
    const el = await show([], () => morning);
    expect(text(el, 'hall-room')).toBe('Plenary Hall');
    expect(text(el, 'hall-now-title')).toBe('Opening and adoption of the agenda');
    expect(text(el, 'hall-chairs')).toContain('Co-Chairs');
    expect(text(el, 'hall-left')).toBe('5:00 left');
    expect(text(el, 'hall-next-time')).toBe('09:15');
    expect(el.querySelector('button')).toBeNull();
  });

  it('reads again when the plan changes in any window', async () => {
    let answer = morning;
    const calls: Call[] = [];
    const el = await show(calls, () => answer);
    answer = evening;
    await emit('plan-changed');
    await settle();
    flushSync();
    expect(calls.filter((c) => c.cmd === 'hall')).toHaveLength(2);
    expect(text(el, 'hall-done')).toBe('No more sessions in this room today');
    expect(el.querySelector('[data-testid="hall-next"]')).toBeNull();
  });

  it('shows nothing stale when its room can no longer be read', async () => {
    let failing = false;
    const el = await show([], () => {
      if (failing) throw apiError('invalid', 'Room: no room with id 1', [{ field: 'room', message: 'no room with id 1' }]);
      return morning;
    });
    failing = true;
    await emit('plan-changed');
    await settle();
    flushSync();
    expect(el.querySelector('[data-testid="hall-now"]')).toBeNull();
    expect(text(el, 'hall-problem')).toContain('no room');
  });

  it('closes only on Ctrl+Shift+Q, not on Escape', async () => {
    const calls: Call[] = [];
    await show(calls, () => morning);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'q', ctrlKey: true, bubbles: true }));
    await settle();
    expect(calls.some((c) => c.cmd === 'close_hall')).toBe(false);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Q', ctrlKey: true, shiftKey: true, bubbles: true }));
    await settle();
    expect(calls.some((c) => c.cmd === 'close_hall')).toBe(true);
  });
});

describe('a chair as the hall names them', () => {
  it('gives the designation and the delegation after the name', async () => {
    const named = copy(morning);
    const group = named.current?.chairs[0];
    if (!group) throw new Error('the morning has co-chairs');
    group.people = [
      { name: 'Ms Lynn Bell', designation: 'Ambassador', organisation: 'Australia', text: '' },
      { name: 'Mr Tri Tharyat', designation: '', organisation: 'Indonesia', text: '' },
    ];
    const el = await show([], () => named);
    const people = [...el.querySelectorAll('[data-testid="hall-chairs"] .person')].map((p) => p.textContent?.trim());
    expect(people).toEqual(['Ms Lynn Bell, Ambassador (Australia)', 'Mr Tri Tharyat (Indonesia)']);
  });
});
