import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { Workspace } from '../plan/workspace.svelte';
import { backend, refusal, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, choose } from '../testing/dom';
import PageHost from '../testing/WorkspaceHost.svelte';
import StatsPage from './StatsPage.svelte';
import { attendance, copy, eventNamed, refusals, week, type Answers } from '../testing/sample';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function start(scenario: Partial<Answers> = {}, handlers: Record<string, Handler> = {}) {
  const calls: Call[] = [];
  mockIPC(backend({ ...sampleHandlers(scenario), ...handlers }, calls));
  const ws = new Workspace();
  ws.vocabulary = week.vocabulary;
  ws.overview = copy(scenario.overview ?? week.overview);
  const el = document.createElement('div');
  document.body.appendChild(el);
  app = mount(PageHost, { target: el, props: { ws, view: StatsPage } });
  await settle();
  flushSync();
  return { el, ws, calls };
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const statusCount = (el: ParentNode, key: string) =>
  text($(el, `[data-testid="stats-by-status"] tr[data-key="${key}"] [data-testid="status-delegations"]`));

describe('Statistics page', () => {
  it('shows the week: 17 members, 9 observers, categories as a chart and a table', async () => {
    const { el, calls } = await start();
    expect(calls.filter((c) => c.cmd === 'stats').map((c) => c.args.eventId)).toEqual([null]);
    expect(text($(el, '[data-testid="stats-headline"]'))).toBe('38 delegations · 4 people registered · 0 checked in');
    expect(statusCount(el, 'member')).toBe('17');
    expect(statusCount(el, 'observer')).toBe('9');
    const chart = $(el, '[data-testid="chart-categories"]')!;
    expect(chart.getAttribute('role')).toBe('img');
    expect(chart.getAttribute('aria-label')).toMatch(/^Delegations by category: Member state 13, Observer state 9, /);
    // The chart's numbers are on its bars, and in the table beside it.
    expect($$(chart, '[data-testid="chart-categories-value"]').map((v) => text(v))).toEqual(
      week.stats[0]!.answer.by_category.map((c) => String(c.delegations)),
    );
    expect($$(el, '[data-testid="stats-by-category"] tbody tr').length).toBe(8);
    expect($$(el, '[data-testid="stats-events"] tbody tr').length).toBe(3);
  });

  it('says what to do when no one is checked in, and that gender is never guessed', async () => {
    const { el } = await start();
    expect(text($(el, '[data-testid="stats-no-checkins"]'))).toBe(
      'No one is checked in yet — check people in at the Check-in desk.',
    );
    expect($(el, '[data-testid="chart-checkins"]')).toBeNull();
    // The sample records no one's gender: all its speakers are "not recorded".
    expect(text($(el, '[data-testid="stats-gender-unrecorded"]'))).toContain('No speaker’s gender is recorded yet');
    expect($(el, '[data-testid="chart-gender"]')?.getAttribute('aria-label')).toBe(
      'Speakers by gender: Not recorded 4 (100%).',
    );
  });

  it('draws check-ins by day once people are checked in', async () => {
    const { el } = await start(attendance);
    const chart = $(el, '[data-testid="chart-checkins"]')!;
    expect(chart.getAttribute('aria-label')).toMatch(/^People checked in by day: Mon 18 Nov 2, Tue 19 Nov 0/);
    const first = $(el, '[data-testid="stats-checkins"] tbody tr')!;
    expect($$(first, 'td').map((td) => text(td))).toEqual(['Mon 18 Nov', '2']);
  });

  it('asks for one event when it is chosen', async () => {
    const { el, calls } = await start();
    const annual = eventNamed('Annual Meeting');
    await choose($<HTMLSelectElement>(el, '[data-testid="stats-scope"]'), String(annual.id));
    expect(calls.filter((c) => c.cmd === 'stats').map((c) => c.args.eventId)).toEqual([null, annual.id]);
    expect(text($(el, '[data-testid="stats-scope-line"]'))).toMatch(/^10th Annual Meeting · /);
    // One event has no table of events.
    expect($(el, '[data-testid="stats-events"]')).toBeNull();
  });

  it('says when the statistics could not be worked out', async () => {
    const { el } = await start({}, { stats: refusal(refusals.personGone!) });
    expect(text($(el, '[data-testid="stats-load-error"]'))).toMatch(/^Could not work out the statistics: /);
  });
});
