import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import WhenReading from './WhenReading.svelte';
import DatePicker from './DatePicker.svelte';
import SessionDialog from '../sessions/SessionDialog.svelte';
import { backend, settle, type Call } from '../testing/backend';
import { copy, eventNamed, week } from '../testing/sample';
import type { Answer } from '../ipc';

// What read_when answers for the sample week (the core's own cases in
// forms::tests read the same texts the same way).
const readings: Record<string, Answer<'readWhen'>> = {
  '19 Nov|1 pm|14.30': { reading: 'Tue 19 Nov 2024, 13:00–14:30', problem: null },
  '19 Nov|25:00|': {
    reading: 'Tue 19 Nov 2024',
    problem: 'Start "25:00" is not a time (use 13:00, 13h00 or 1 pm).',
  },
};

function readWhen(args: Record<string, unknown>) {
  const t = args.text as { day: string; start: string; end: string };
  const found = readings[`${t.day}|${t.start}|${t.end}`];
  return found ? copy(found) : { reading: '', problem: null };
}

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

function place(component: any, props: Record<string, unknown>): HTMLElement {
  const target = document.createElement('div');
  document.body.appendChild(target);
  app = mount(component, { target, props });
  flushSync();
  return target;
}

describe('WhenReading', () => {
  it('shows how the form reads what was typed', async () => {
    const calls: Call[] = [];
    mockIPC(backend({ read_when: readWhen }, calls));
    const el = place(WhenReading, { day: '19 Nov', start: '1 pm', end: '14.30', delay: 0 });
    await settle();
    flushSync();
    expect(el.querySelector('[data-testid="when-read"]')?.textContent).toBe('Tue 19 Nov 2024, 13:00–14:30');
    expect(calls.find((c) => c.cmd === 'read_when')?.args).toEqual({
      text: { day: '19 Nov', last_day: '', start: '1 pm', end: '14.30' },
    });
  });

  it('shows the problem Save would report instead of a reading', async () => {
    mockIPC(backend({ read_when: readWhen }));
    const el = place(WhenReading, { day: '19 Nov', start: '25:00', delay: 0 });
    await settle();
    flushSync();
    expect(el.querySelector('[data-testid="when-problem"]')?.textContent).toBe(
      'Start "25:00" is not a time (use 13:00, 13h00 or 1 pm).',
    );
    expect(el.querySelector('[data-testid="when-read"]')).toBeNull();
  });

  it('shows nothing while nothing is typed', async () => {
    mockIPC(backend({ read_when: readWhen }));
    const el = place(WhenReading, { day: '', delay: 0 });
    await settle();
    flushSync();
    expect(el.querySelector('[data-testid="when-reading"]')?.textContent?.trim()).toBe('');
  });
});

describe('DatePicker', () => {
  it('hands back the picked day and nothing before', async () => {
    const onpick = vi.fn();
    const el = place(DatePicker, { label: 'Day', value: '19 Nov', min: '2024-11-18', max: '2024-11-20', onpick });
    expect(el.querySelector('input[type="date"]')).toBeNull();
    el.querySelector<HTMLButtonElement>('[data-testid="date-pick"]')!.click();
    flushSync();
    const input = el.querySelector<HTMLInputElement>('[data-testid="date-pick-input"]')!;
    expect(input.min).toBe('2024-11-18');
    expect(onpick).not.toHaveBeenCalled();
    input.value = '2024-11-19';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(onpick).toHaveBeenCalledWith('2024-11-19');
    expect(el.querySelector('input[type="date"]')).toBeNull();
  });
});

describe('the session dialog', () => {
  it('keeps what was typed, reads it below, and writes a picked day into the field', async () => {
    mockIPC(backend({ read_when: readWhen }));
    const dialogue = eventNamed('Commemorative Dialogue');
    const { overview, vocabulary } = week;
    const el = place(SessionDialog, {
      sessionId: null,
      initial: {
        event_id: dialogue.id,
        title: 'Panel',
        kind: 'panel',
        day: '',
        start_time: '',
        end_time: '',
        room_id: null,
        description: '',
        agenda_item: '',
        outcome: '',
        notes: '',
      },
      events: overview.events.map((e) => e.event),
      rooms: overview.rooms,
      days: overview.days,
      vocabulary,
      onclose: vi.fn(),
      onsaved: vi.fn(),
    });
    const type = (name: string, value: string) => {
      const input = el.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    type('day', '19 Nov');
    type('start_time', '1 pm');
    type('end_time', '14.30');
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, 250));
    await settle();
    flushSync();
    expect(el.querySelector('[data-testid="when-read"]')?.textContent).toBe('Tue 19 Nov 2024, 13:00–14:30');
    expect(el.querySelector<HTMLInputElement>('[name="start_time"]')!.value).toBe('1 pm');
    el.querySelector<HTMLButtonElement>('[data-testid="date-pick"]')!.click();
    flushSync();
    const picker = el.querySelector<HTMLInputElement>('[data-testid="date-pick-input"]')!;
    picker.value = '2024-11-18';
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(el.querySelector<HTMLInputElement>('[name="day"]')!.value).toBe('2024-11-18');
  });
});
