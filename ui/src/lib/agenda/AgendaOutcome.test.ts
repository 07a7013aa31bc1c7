// Outcome notes written from the agenda, under each substantive session.
import { afterEach, describe, expect, it } from 'vitest';
import { unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import AgendaPage from './AgendaPage.svelte';
import { backend, type Call, type Handler } from '../testing/backend';
import { loadedWorkspace, mountPage } from '../testing/mount';
import { agendaSession, copy, week } from '../testing/sample';
import { $, $$, click, press, typeInto } from '../testing/dom';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function start(handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockIPC(backend(handlers, calls));
  const mounted = await mountPage(AgendaPage, loadedWorkspace());
  app = mounted.app;
  return { el: mounted.el, calls };
}

const noteOf = (el: ParentNode, id: number) => $(el, `[data-testid="agenda-outcome"][data-session-id="${id}"]`);

describe('outcome notes on the agenda', () => {
  it('offers a note under substantive sessions only', async () => {
    const { el } = await start();
    const lunch = agendaSession('Lunch').session.id;
    const panel = agendaSession('Panel discussion').session.id;
    expect(noteOf(el, lunch)).toBeNull();
    expect(noteOf(el, panel)?.querySelector('[data-testid="agenda-outcome-open"]')?.textContent).toContain('Outcome…');
    expect($$(el, '[data-testid="agenda-outcome"]').length).toBeGreaterThan(5);
  });

  it('writes a note in place and shows it once saved', async () => {
    const panel = agendaSession('Panel discussion').session;
    const agenda = copy(week.agenda);
    let saved = '';
    const { el, calls } = await start({
      set_session_outcome: (args) => {
        saved = String(args.outcome);
        return { ...panel, outcome: saved };
      },
      agenda: () => {
        const answer = copy(agenda);
        for (const d of answer.days) for (const s of d.sessions) if (s.session.id === panel.id) s.session.outcome = saved;
        return answer;
      },
    });
    const note = () => noteOf(el, panel.id)!;
    await click(note().querySelector('[data-testid="agenda-outcome-open"]'));
    const area = $<HTMLTextAreaElement>(note(), '[data-testid="outcome-text"]')!;
    expect(document.activeElement).toBe(area);
    expect($(note(), 'label')?.textContent).toBe(`Outcome of “${panel.title}”`);
    await typeInto(area, 'Panellists agreed on three priorities.');
    await press(area, 'Enter', { ctrlKey: true });
    expect(calls.filter((c) => c.cmd === 'set_session_outcome').map((c) => c.args)).toEqual([
      { sessionId: panel.id, outcome: 'Panellists agreed on three priorities.' },
    ]);
    expect($(note(), '[data-testid="agenda-outcome-text"]')?.textContent).toBe('Outcome: Panellists agreed on three priorities.');
    expect(document.activeElement).toBe($(note(), '[data-testid="agenda-outcome-open"]'));
    expect(note().querySelector('[data-testid="agenda-outcome-open"]')?.textContent).toContain('Edit outcome');
  });

  it('closes with Escape when nothing was typed', async () => {
    const { el, calls } = await start();
    const id = agendaSession('Panel discussion').session.id;
    await click(noteOf(el, id)?.querySelector('[data-testid="agenda-outcome-open"]'));
    await press($(noteOf(el, id)!, '[data-testid="outcome-text"]')!, 'Escape');
    expect($(noteOf(el, id)!, '[data-testid="outcome-text"]')).toBeNull();
    expect(calls.some((c) => c.cmd === 'set_session_outcome')).toBe(false);
  });
});
