import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import App from '../../App.svelte';
import KioskDesk from './KioskDesk.svelte';
import { apiError, backend, recorded, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { loadedWorkspace, mountUnder } from '../testing/mount';
import { attendance, copy, eventNamed, files } from '../testing/sample';
import { $, $$, click, press, typeInto } from '../testing/dom';
import type { Answer } from '../ipc';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

// The Dialogue's first morning: Ms Lynn Bell and Ms Thị Hoà Nguyễn are in,
// Mr José Ramírez of IOM (jramirez@iom.example) is registered.
const dialogue = eventNamed('Commemorative Dialogue', attendance.overview);
const firstDay = recorded(attendance.desks, 'desk')({ eventId: dialogue.id, day: dialogue.first_day }) as Answer<'desk'>;
const PIN = '2468';

/**
 * A backend holding the kiosk lock as the real one does: the desk of the
 * Dialogue's first day, its check-ins kept, leaving only with PIN.
 */
function kioskBackend(locked: boolean) {
  let lock: Answer<'kiosk'> = locked
    ? { locked: true, event_id: dialogue.id, day: dialogue.first_day }
    : { locked: false, event_id: null, day: null };
  const desk = copy(firstDay);
  const handlers: Record<string, Handler> = {
    ...sampleHandlers(attendance),
    kiosk: () => copy(lock),
    startup: () => (lock.locked ? { plan: copy(files.planFile), opening: null, note: null } : copy(files.startup)),
    enter_kiosk: (args) => {
      lock = { locked: true, event_id: args.eventId as number, day: args.day as string };
      return copy(lock);
    },
    leave_kiosk: (args) => {
      if (args.pin !== PIN) throw apiError('wrong_pin', 'That PIN is not the one set for this kiosk (4 tries before a wait).');
      lock = { locked: false, event_id: null, day: null };
      return copy(lock);
    },
    desk: () => copy(desk),
    check_in: (args) => {
      const line = desk.lines.find((l) => l.person_id === args.personId);
      if (!line) throw apiError('not_found', 'no such person');
      line.present = args.present as boolean;
      desk.present += 1;
      return null;
    },
  };
  return handlers;
}

async function startApp(locked: boolean) {
  const calls: Call[] = [];
  mockWindows('main');
  mockIPC(backend(kioskBackend(locked), calls));
  const target = document.createElement('div');
  document.body.appendChild(target);
  app = mount(App, { target });
  await settle();
  flushSync();
  return { target, calls };
}

const called = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);
const search = (el: ParentNode) => $<HTMLInputElement>(el, '[data-testid="kiosk-search"]');
const people = (el: ParentNode) => $$(el, '[data-testid="kiosk-person"]');

async function typePin(el: ParentNode, pin: string) {
  for (const d of pin) await click($(el, `[data-testid="kiosk-digit-${d}"]`));
}

describe('a window reloaded while locked', () => {
  it('comes back as the kiosk alone: no pages, no menus, no shortcuts', async () => {
    const { target, calls } = await startApp(true);
    expect($(target, '[data-testid="kiosk"]')).not.toBeNull();
    expect(target.textContent).toContain(dialogue.title);
    for (const gone of ['nav-overview', 'nav-desk', 'problems-button', 'save-status']) {
      expect($(target, `[data-testid="${gone}"]`), gone).toBeNull();
    }
    expect($(target, 'nav')).toBeNull();
    expect($(target, '[aria-haspopup]')).toBeNull();
    // It asks only what a kiosk may ask.
    for (const cmd of ['check_plan', 'undo_state', 'plan_shown', 'open_at_start', 'recent_files']) {
      expect(called(calls, cmd), cmd).toEqual([]);
    }
    await press(search(target)!, 'z', { ctrlKey: true });
    await press(search(target)!, 'o', { ctrlKey: true });
    expect(called(calls, 'undo')).toEqual([]);
    expect(called(calls, 'plugin:dialog|open')).toEqual([]);
  });

  it('finds a person by email, asks, checks them in and greets them', async () => {
    const { target, calls } = await startApp(true);
    expect(people(target)).toEqual([]);
    await typeInto(search(target), 'jramirez@iom');
    const rows = people(target);
    expect(rows.map((r) => r.querySelector('.name')?.textContent)).toEqual(['Mr José Ramírez']);
    await click(rows[0]);
    expect($(target, '[data-testid="kiosk-confirm"] h2')?.textContent).toBe(
      'Check in Mr José Ramírez, International Organization for Migration (IOM)?',
    );
    await click($(target, '[data-testid="kiosk-check-in"]'));
    const [made] = called(calls, 'check_in');
    expect(made?.args).toEqual({
      eventId: dialogue.id,
      personId: Number(rows[0]!.dataset.personId),
      day: dialogue.first_day,
      present: true,
    });
    expect($(target, '[data-testid="kiosk-welcome"]')?.textContent).toContain('Welcome, Mr José Ramírez');
  });

  it('says so when someone already in taps their name, in their own script', async () => {
    const { target, calls } = await startApp(true);
    await typeInto(search(target), 'nguyen');
    const [hoa] = people(target);
    expect(hoa?.textContent).toContain('Ms Thị Hoà Nguyễn');
    expect(hoa?.textContent).toContain('Checked in');
    await click(hoa);
    expect($(target, '[data-testid="kiosk-welcome"]')?.textContent).toContain('Ms Thị Hoà Nguyễn is already checked in.');
    expect(called(calls, 'check_in')).toEqual([]);
  });

  it('leaves only with the PIN, back to the normal window out of full screen', async () => {
    const { target, calls } = await startApp(true);
    await click($(target, '[data-testid="kiosk-leave"]'));
    await typePin(target, '1357');
    await click($(target, '[data-testid="kiosk-pin-ok"]'));
    expect($(target, '[data-testid="kiosk-pin-error"]')?.textContent).toContain('That PIN is not the one set');
    expect($(target, '[data-testid="kiosk-pin-dots"]')?.textContent).toContain('0 digits typed');
    expect($(target, '[data-testid="kiosk"]')).not.toBeNull();
    await typePin(target, PIN);
    await click($(target, '[data-testid="kiosk-pin-ok"]'));
    expect($(target, '[data-testid="kiosk"]')).toBeNull();
    expect($(target, '[data-testid="nav-desk"]')).not.toBeNull();
    expect(called(calls, 'plugin:window|set_fullscreen').pop()?.args).toMatchObject({ value: false });
    expect(called(calls, 'check_plan').length).toBeGreaterThan(0);
  });
});

describe('Kiosk mode… on the desk page', () => {
  it('asks for a PIN twice, then locks the window as that desk, full screen', async () => {
    const { target, calls } = await startApp(false);
    await click($(target, '[data-testid="nav-desk"]'));
    await click($(target, '[data-testid="kiosk-open"]'));
    const form = $(target, '[data-testid="kiosk-form"]')!;
    expect(form.textContent).toContain(dialogue.title);
    await typeInto($(form, '[data-testid="kiosk-pin-new"]'), PIN);
    await typeInto($(form, '[data-testid="kiosk-pin-again"]'), '2469');
    await click($(form, '[data-testid="kiosk-enter"]'));
    expect($(form, '[data-testid="kiosk-form-error"]')?.textContent).toContain('The two PINs are not the same.');
    expect(called(calls, 'enter_kiosk')).toEqual([]);
    await typeInto($(form, '[data-testid="kiosk-pin-again"]'), PIN);
    await click($(form, '[data-testid="kiosk-enter"]'));
    expect(called(calls, 'enter_kiosk')[0]?.args).toEqual({ pin: PIN, eventId: dialogue.id, day: firstDay.day });
    expect(called(calls, 'plugin:window|set_fullscreen').pop()?.args).toMatchObject({ value: true });
    expect($(target, '[data-testid="kiosk"]')).not.toBeNull();
    expect($(target, '[data-testid="nav-desk"]')).toBeNull();
  });
});

describe('the welcome', () => {
  it('gives way to an empty search after a few seconds', async () => {
    mockWindows('main');
    mockIPC(backend(kioskBackend(true)));
    const ws = loadedWorkspace(copy(attendance.overview));
    ws.kiosk = { locked: true, event_id: dialogue.id, day: dialogue.first_day };
    const mounted = await mountUnder(ws, KioskDesk, { welcomeMs: 20 });
    app = mounted.app;
    const el = mounted.el;
    await typeInto(search(el), 'ramirez');
    await click(people(el)[0]);
    await click($(el, '[data-testid="kiosk-check-in"]'));
    expect($(el, '[data-testid="kiosk-welcome"]')).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 40));
    await settle();
    flushSync();
    expect($(el, '[data-testid="kiosk-welcome"]')).toBeNull();
    expect(search(el)?.value).toBe('');
    expect(document.activeElement).toBe(search(el));
  });
});

describe('a kiosk left alone', () => {
  it('clears a name typed and a question asked after a while', async () => {
    mockWindows('main');
    mockIPC(backend(kioskBackend(true)));
    const ws = loadedWorkspace(copy(attendance.overview));
    ws.kiosk = { locked: true, event_id: dialogue.id, day: dialogue.first_day };
    const mounted = await mountUnder(ws, KioskDesk, { idleMs: 200 });
    app = mounted.app;
    const el = mounted.el;
    await typeInto(search(el), 'ramirez');
    await click(people(el)[0]);
    expect($(el, '[data-testid="kiosk-confirm"]')).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await settle();
    flushSync();
    expect($(el, '[data-testid="kiosk-confirm"]')).toBeNull();
    expect(search(el)?.value).toBe('');
    expect(people(el)).toEqual([]);
  });
});
