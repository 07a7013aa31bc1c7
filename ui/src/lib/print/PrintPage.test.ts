import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import PrintPage from './PrintPage.svelte';
import { paperChoice } from './paper-choice.svelte';
import { remembered } from '../summary/remembered.svelte';
import { DEFAULT_CHOICES, buildRequest, type PrintRequest } from './choices';
import { loadedWorkspace, mountPage } from '../testing/mount';
import { ASK, answer, backend, deferred, recorded, refusal, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, choose, click, typeInto } from '../testing/dom';
import { copy, eventNamed, planning, printing, week } from '../testing/sample';
import type { Channel, Preview, PrintProgress, PublishedVersion } from '../ipc';

const DATA_URL = 'data:image/svg+xml;charset=utf-8,';

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  // The paper picked is kept for the window's life (the Summary page follows it).
  paperChoice.paper = null;
  clearMocks();
});

// The sample week with versions 1 and 2 of its programme published and a
// change since; previews printed at 08:45 on 19 November, exports at 09:10.

/** The command behind pickPdfSavePath (the dialog plugin's save). */
const SAVE = 'plugin:dialog|save';
/** Where the user saves PDFs. */
const PDF_PATH = '~/Print/Programme.pdf';

/** The label on a request's stand-in pages, so a test can tell whose pages are shown. */
function pageLabel(request: PrintRequest): string {
  return [request.kind, request.day ?? 'week', request.event_id ?? 'all', request.variant, request.paper].join(' ');
}

/**
 * What print_preview answers for `request`: the recorded stamp and changes,
 * and as many pages as were laid out, each the first page's real opening
 * tag around a line naming the request (the real pages are too large to keep).
 */
function previewFor(request: PrintRequest): Preview {
  const { head, pages, ...rest } = recorded(printing.previews, 'print_preview')({ request }) as (typeof printing.previews)[number]['answer'];
  const page = (n: number) => `${head}<text x="40" y="60">${pageLabel(request)} &amp; page ${n}</text></svg>`;
  return { ...rest, pages: Array.from({ length: pages }, (_, i) => page(i + 1)) };
}

/**
 * The print commands over the published versions, which publishing (by
 * publish_programme or export_pdf) takes to the three recorded after it.
 */
function printBackend(start: readonly PublishedVersion[] = printing.publishedVersions) {
  let versions = copy(start);
  const publish = () => (versions = copy(printing.publishedAfter));
  const handlers: Record<string, Handler> = {
    print_preview: (args) => previewFor(args.request as PrintRequest),
    published_versions: () => copy(versions),
    publish_programme: () => {
      publish();
      return copy(printing.published);
    },
    export_pdf: (args) => {
      const exported = recorded(printing.exports, 'export_pdf')(args) as { pages: number; version: number | null };
      if (args.publish) publish();
      // The file's size is not recorded; the page does not show it.
      return { ...exported, bytes: 0 };
    },
    print_window: () => null,
    [SAVE]: () => PDF_PATH,
  };
  return { handlers };
}

/** Deliver progress on a channel the way the Tauri runtime does (numbered messages). */
function sendProgress(channel: Channel<PrintProgress>, index: number, progress: PrintProgress): void {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
    .__TAURI_INTERNALS__;
  internals.runCallback(channel.id, { index, message: progress });
}

async function start(handlers: Record<string, Handler> = {}, versions: readonly PublishedVersion[] = printing.publishedVersions) {
  const calls: Call[] = [];
  const print = printBackend(versions);
  // Kept as one object so a test can swap a command's answer half-way.
  const routes = { ...print.handlers, ...handlers };
  mockIPC(backend(routes, calls));
  const mounted = await mountPage(PrintPage, loadedWorkspace());
  app = mounted.app;
  return { el: mounted.el, ws: mounted.ws, calls, routes };
}

const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);
const requests = (calls: Call[]) => callsOf(calls, 'print_preview').map((c) => c.args.request as PrintRequest);
const images = (el: ParentNode) => $$<HTMLImageElement>(el, '[data-testid="print-page-image"]');
/** The SVG documents shown, decoded back from their data: URLs. */
const shownPages = (el: ParentNode) =>
  images(el).map((img) => {
    const src = img.getAttribute('src') ?? '';
    expect(src.startsWith(DATA_URL)).toBe(true);
    return decodeURIComponent(src.slice(DATA_URL.length));
  });
const select = (el: ParentNode, id: string) => $<HTMLSelectElement>(el, `[data-testid="print-${id}"]`);
const text = (el: ParentNode, id: string) => $(el, `[data-testid="print-${id}"]`)?.textContent?.trim();
const optionLabels = (s: HTMLSelectElement | null) => Array.from(s?.options ?? []).map((o) => o.textContent?.trim());
const last = <T>(list: readonly T[]): T | undefined => list[list.length - 1];
const programme: PrintRequest = buildRequest(DEFAULT_CHOICES);

const annual = eventNamed('Annual Meeting');
const stamp = 'Draft · printed 19 Nov 2024 08:45';

describe('Print page', () => {
  it('opens on the public programme for the whole week and shows each page as a data: image', async () => {
    const { el, calls } = await start();
    expect($(el, '[data-testid="print-page"]')).not.toBeNull();
    expect(requests(calls)).toEqual([programme]);

    const expected = previewFor(programme);
    expect(shownPages(el)).toEqual(expected.pages);
    expect(images(el).map((img) => img.alt)).toEqual(['Page 1 of 3', 'Page 2 of 3', 'Page 3 of 3']);
    expect(text(el, 'count')).toBe('3 pages');
    expect(text(el, 'stamp')).toBe(stamp);
    // The markup is only ever an image source, never part of the page.
    expect(el.querySelector('svg, text')).toBeNull();

    expect(optionLabels(select(el, 'kind'))).toEqual([
      'Programme',
      'List of participants',
      'Speaker briefings',
      'Name cards',
      'Day at a glance',
      'Room door sheets',
      "Co-Chairs' Summary",
      'Day report',
    ]);
    expect(optionLabels(select(el, 'day'))).toEqual(['Whole week', 'Mon 18 Nov', 'Tue 19 Nov', 'Wed 20 Nov']);
    expect(optionLabels(select(el, 'event'))).toEqual(['All events', ...week.overview.events.map((e) => e.event.title)]);
    expect(optionLabels(select(el, 'paper'))).toEqual(['A4', 'US Letter']);
    expect(optionLabels(select(el, 'variant'))).toEqual(['Public', 'Internal run of show']);
  });

  it('asks for the right pages when the document changes, with only the controls that apply', async () => {
    const { el, calls } = await start();
    await choose(select(el, 'day'), '2024-11-19');
    expect(images(el)).toHaveLength(2);
    await choose(select(el, 'kind'), 'participants');

    expect(last(requests(calls))).toEqual({
      kind: 'participants',
      day: null,
      event_id: null,
      paper: 'a4',
      variant: 'public',
      changes_since: null,
      per_person: false,
      fit_each: false,
      acronyms: false,
      with_counts: true,
      mark_tbc: false,
      descriptions: true,
      positions: true,
      status: '',
      issued: null,
      attendance: 'registered',
    });
    expect(select(el, 'day')).toBeNull();
    expect(select(el, 'variant')).toBeNull();
    expect(select(el, 'changes')).toBeNull();
    expect(select(el, 'event')?.options[0]?.textContent).toBe(`First event (${week.overview.events[0]!.event.title})`);
    expect(images(el)).toHaveLength(2);
    expect(shownPages(el)[0]).toContain('participants week all public a4');

    await click($(el, '[data-testid="print-with-counts"]'));
    expect(last(requests(calls))).toMatchObject({ kind: 'participants', with_counts: false });

    await choose(select(el, 'kind'), 'namecards');
    // One card a delegation.
    expect(images(el)).toHaveLength(week.rosterByEvent[week.overview.events[0]!.event.id]!.delegations.length);
    // Tent cards are landscape sheets, and the printer is asked for them so.
    expect(Array.from(document.head.querySelectorAll('style[data-print-page]')).map((s) => s.textContent)).toEqual([
      '@media print { @page { size: A4 landscape; margin: 0; } }',
    ]);
    await choose(select(el, 'event'), String(annual.id));
    await click($(el, '[data-testid="print-per-person"]'));
    expect(last(requests(calls))).toEqual({
      kind: 'namecards',
      day: null,
      event_id: annual.id,
      paper: 'a4',
      variant: 'public',
      changes_since: null,
      per_person: true,
      fit_each: false,
      acronyms: false,
      with_counts: false,
      mark_tbc: false,
      descriptions: true,
      positions: true,
      status: '',
      issued: null,
      attendance: 'registered',
    });
    await click($(el, '[data-testid="print-fit-each"]'));
    await click($(el, '[data-testid="print-acronyms"]'));
    expect(last(requests(calls))).toMatchObject({ kind: 'namecards', fit_each: true, acronyms: true });

    // The day chosen for the programme comes back with it.
    await choose(select(el, 'kind'), 'speakers');
    expect(last(requests(calls))).toMatchObject({ kind: 'speakers', day: '2024-11-19', event_id: annual.id });
  });

  it("prints the Co-Chairs' Summary for the whole week, counting attendance as the Summary page does", async () => {
    remembered.source = 'checked_in';
    try {
      const { el, calls } = await start();
      await choose(select(el, 'day'), '2024-11-19');
      await choose(select(el, 'kind'), 'summary');
      expect(last(requests(calls))).toMatchObject({ kind: 'summary', day: null, event_id: null, attendance: 'checked_in' });
      expect(select(el, 'day')).toBeNull();
      expect(select(el, 'event')).toBeNull();
      expect(select(el, 'variant')).toBeNull();
    } finally {
      remembered.source = 'registered';
    }
  });

  it("offers the day report for a chosen day, previews it and exports its CSV through the save dialog", async () => {
    const csvPath = '~/Reports/Day report — Tue 19 Nov.csv';
    const { el, calls, ws } = await start({ [SAVE]: () => csvPath, export_day_report: () => 8 });
    await choose(select(el, 'kind'), 'report');
    expect(optionLabels(select(el, 'kind'))).toContain('Day report');
    // The whole week prints a sheet a day; the CSV is one day's rows.
    expect(last(requests(calls))).toMatchObject({ kind: 'report', day: null, event_id: null });
    expect(select(el, 'event')).toBeNull();
    const csv = $(el, '[data-testid="print-export-csv"]');
    expect(csv?.getAttribute('aria-disabled')).toBe('true');
    await click(csv);
    expect(callsOf(calls, 'export_day_report')).toHaveLength(0);

    await choose(select(el, 'day'), '2024-11-19');
    expect(last(requests(calls))).toMatchObject({ kind: 'report', day: '2024-11-19' });
    await settle();
    expect(shownPages(el)[0]).toContain('report 2024-11-19 all public a4');
    await click($(el, '[data-testid="print-export-csv"]'));
    await settle();
    expect(last(callsOf(calls, SAVE))?.args).toMatchObject({ options: { defaultPath: 'Day report — Tue 19 Nov.csv' } });
    expect(callsOf(calls, 'export_day_report')[0]?.args).toEqual({ day: '2024-11-19', path: csvPath });
    expect(ws.notice?.text).toBe(`Saved 8 sessions to ${csvPath}`);
  });

  it('lets the programme leave out descriptions and positions and carry a status line and issue date', async () => {
    const { el, calls } = await start();
    await click($(el, '[data-testid="print-descriptions"]'));
    await click($(el, '[data-testid="print-positions"]'));
    await typeInto($<HTMLInputElement>(el, '[data-testid="print-status"]'), 'Rev.1');
    await typeInto($<HTMLInputElement>(el, '[data-testid="print-issued"]'), '2024-11-15');
    expect(last(requests(calls))).toEqual({
      ...programme,
      descriptions: false,
      positions: false,
      status: 'Rev.1',
      issued: '2024-11-15',
    });

    // Other documents have no such options, and send none.
    await choose(select(el, 'kind'), 'speakers');
    expect($(el, '[data-testid="print-descriptions"]')).toBeNull();
    expect($(el, '[data-testid="print-status"]')).toBeNull();
    expect(last(requests(calls))).toMatchObject({ descriptions: true, positions: true, status: '', issued: null });
  });

  it('marks changes since a published version, listed newest first', async () => {
    const { el, calls } = await start();
    expect(optionLabels(select(el, 'changes'))).toEqual([
      'None',
      'Version 2 — 19 Nov 2024 08:30',
      'Version 1 — 18 Nov 2024 07:55',
    ]);
    await choose(select(el, 'changes'), '2');
    expect(last(requests(calls))).toMatchObject({ kind: 'programme', changes_since: 2 });
    const [change] = previewFor(last(requests(calls))!).changes;
    expect(change).toContain('“Coffee break”');
    expect($(el, '[data-testid="print-changes-list"]')?.textContent).toContain(change);
  });

  it('drops a preview that answers after a newer one', async () => {
    const pending: { request: PrintRequest; answer: ReturnType<typeof deferred<Preview>> }[] = [];
    const { el } = await start();
    mockIPC(
      backend({
        ...printBackend().handlers,
        print_preview: (args) => {
          const answer = deferred<Preview>();
          pending.push({ request: args.request as PrintRequest, answer });
          return answer.promise;
        },
      }),
    );
    await choose(select(el, 'kind'), 'participants');
    await choose(select(el, 'kind'), 'speakers');
    expect(pending.map((p) => p.request.kind)).toEqual(['participants', 'speakers']);

    pending[1]!.answer.resolve(previewFor(pending[1]!.request));
    await settle();
    flushSync();
    pending[0]!.answer.resolve(previewFor(pending[0]!.request));
    await settle();
    flushSync();

    const n = previewFor(pending[1]!.request).pages.length;
    expect(n).toBeGreaterThan(1);
    expect(images(el)).toHaveLength(n);
    expect(shownPages(el).every((svg) => svg.includes(pageLabel(pending[1]!.request)))).toBe(true);
    expect(images(el)[0]?.alt).toBe(`Page 1 of ${n}`);
  });

  it('shows the progress sent on the channel while the pages are laid out', async () => {
    let channel: Channel<PrintProgress> | undefined;
    const answer = deferred<Preview>();
    const { el } = await start();
    mockIPC(
      backend({
        ...printBackend().handlers,
        print_preview: (args) => {
          channel = args.progress as Channel<PrintProgress>;
          return answer.promise;
        },
      }),
    );
    await choose(select(el, 'paper'), 'letter');
    expect(channel).toBeDefined();
    sendProgress(channel!, 0, { stage: 'Laying out', done: 0, total: 1 });
    sendProgress(channel!, 1, { stage: 'Drawing', done: 2, total: 3 });
    flushSync();
    const bar = $<HTMLProgressElement>(el, '[data-testid="print-progress"]')!;
    expect(Number(bar.getAttribute('value'))).toBe(2);
    expect(Number(bar.getAttribute('max'))).toBe(3);
    expect(text(el, 'stage')).toBe('Drawing (2 of 3)…');

    answer.resolve(previewFor({ ...programme, paper: 'letter' }));
    await settle();
    flushSync();
    expect($(el, '[data-testid="print-progress"]')).toBeNull();
    expect($(el, '[data-print-sheets]')?.getAttribute('data-paper')).toBe('letter');
    expect(Array.from(document.head.querySelectorAll('style[data-print-page]')).map((s) => s.textContent)).toEqual([
      '@media print { @page { size: letter; margin: 0; } }',
    ]);
  });

  it('shows a refused preview in an alert and keeps the pages it had', async () => {
    const refused = printing.refusals.marksOnList!;
    const { el, calls } = await start({
      print_preview: (args) => {
        const request = args.request as PrintRequest;
        if (request.kind === 'speakers') throw copy(refused.error);
        return previewFor(request);
      },
    });
    const before = shownPages(el);
    await choose(select(el, 'kind'), 'speakers');

    expect(last(requests(calls))?.kind).toBe('speakers');
    expect(text(el, 'error')).toBe(refused.error.message);
    expect(shownPages(el)).toEqual(before);
    expect(images(el).map((img) => img.alt)).toEqual(['Page 1 of 3', 'Page 2 of 3', 'Page 3 of 3']);
    expect($(el, '[data-testid="print-stale"]')).not.toBeNull();

    await choose(select(el, 'kind'), 'programme');
    expect($(el, '[data-testid="print-error"]')).toBeNull();
    expect($(el, '[data-testid="print-stale"]')).toBeNull();
  });

  it('lays the pages out again after the plan changes', async () => {
    const { ws, calls } = await start();
    expect(requests(calls)).toHaveLength(1);
    await ws.changed();
    await settle();
    flushSync();
    expect(requests(calls)).toEqual([programme, programme]);
    expect(callsOf(calls, 'published_versions')).toHaveLength(2);
  });

  it('offers publishing only for the public programme, as the next version', async () => {
    const { el } = await start();
    const publish = () => $(el, '[data-testid="print-publish"]');
    expect(publish()).not.toBeNull();
    expect(publish()?.closest('label')?.textContent?.trim()).toBe('Publish as version 3');
    expect(el.textContent).toContain('Stamps “Version 3” and the date on every page and keeps a copy');

    await choose(select(el, 'variant'), 'internal');
    expect(publish()).toBeNull();
    await choose(select(el, 'variant'), 'public');
    expect(publish()).not.toBeNull();
    for (const kind of ['participants', 'speakers', 'namecards']) {
      await choose(select(el, 'kind'), kind);
      expect(publish(), kind).toBeNull();
    }
  });

  it('counts versions from 1 when nothing has been published', async () => {
    const { el } = await start({}, []);
    expect($(el, '[data-testid="print-publish"]')?.closest('label')?.textContent?.trim()).toBe('Publish as version 1');
    expect(optionLabels(select(el, 'changes'))).toEqual(['None']);
  });

  it('lists above the pages the text that would print as empty boxes', async () => {
    const { el } = await start();
    expect($(el, '[data-testid="print-warnings"]')).toBeNull();

    const warning =
      'Session “Panel I” (people): no font has “प”, “्”, “र”, “ि”, “य” and 1 more; they would print as empty boxes.';
    const withWarning = await start({
      print_preview: (args) => ({ ...previewFor(args.request as PrintRequest), warnings: [warning] }),
    });
    const shown = $(withWarning.el, '[data-testid="print-warnings"]');
    expect(shown?.getAttribute('role')).toBe('status');
    expect(Array.from(shown?.querySelectorAll('li') ?? []).map((li) => li.textContent)).toEqual([warning]);
    // Above the pages, which are still shown.
    const sheets = $(withWarning.el, '[data-print-sheets]');
    expect(shown!.compareDocumentPosition(sheets!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(images(withWarning.el)).toHaveLength(3);
  });

  it('exports a PDF to the chosen path and says where it went', async () => {
    const { el, ws, calls } = await start();
    await choose(select(el, 'day'), '2024-11-19');
    await click($(el, '[data-testid="print-export"]'));

    const save = callsOf(calls, SAVE)[0]?.args.options as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(save.defaultPath).toBe('Programme — Tue 19 Nov.pdf');
    expect(save.filters[0]?.extensions).toEqual(['pdf']);
    expect(callsOf(calls, 'export_pdf').map((c) => ({ ...c.args, progress: undefined }))).toEqual([
      { request: { ...programme, day: '2024-11-19' }, path: PDF_PATH, publish: false, progress: undefined },
    ]);
    expect(ws.notice).toEqual({ tone: 'info', text: `Saved 2 pages to ${PDF_PATH}` });
    expect(callsOf(calls, 'overview')).toHaveLength(0);
  });

  it('publishes with the export when ticked, then offers the next version', async () => {
    const { el, ws, calls } = await start();
    await click($(el, '[data-testid="print-publish"]'));
    await click($(el, '[data-testid="print-export"]'));

    const save = callsOf(calls, SAVE)[0]?.args.options as { defaultPath: string };
    expect(save.defaultPath).toBe(`Programme — ${week.overview.plan.title} — version 3.pdf`);
    expect(callsOf(calls, 'export_pdf')[0]?.args).toMatchObject({ request: programme, path: PDF_PATH, publish: true });
    expect(ws.notice?.text).toBe(`Saved 3 pages to ${PDF_PATH} as version 3`);
    // A publish is an edit: the workspace reloads and the versions are read again.
    expect(callsOf(calls, 'overview').length).toBeGreaterThan(0);
    expect(callsOf(calls, 'published_versions').length).toBeGreaterThanOrEqual(2);
    const publish = $<HTMLInputElement>(el, '[data-testid="print-publish"]')!;
    expect(publish.checked).toBe(false);
    expect(publish.closest('label')?.textContent?.trim()).toBe('Publish as version 4');
    expect(optionLabels(select(el, 'changes'))[1]).toBe('Version 3 — 19 Nov 2024 09:10');
  });

  it('asks before publishing a plan with problems, naming how many, and publishes only on yes', async () => {
    // Two problems open, one accepted (not counted).
    const problems = { publish_problems: () => planning.publishProblems };
    const question =
      'The plan has 2 problems ("Regional Event on Trafficking into online scam centres: Enhancing community awareness through partnership" has no co-chairs). Publish the programme as version 3 anyway?';

    const declined = await start({ ...problems, [ASK]: answer(false) });
    await click($(declined.el, '[data-testid="print-publish"]'));
    await click($(declined.el, '[data-testid="print-export"]'));
    expect(callsOf(declined.calls, ASK)[0]?.args.message).toBe(question);
    expect(callsOf(declined.calls, SAVE)).toHaveLength(0);
    expect(callsOf(declined.calls, 'export_pdf')).toHaveLength(0);
    await click($(declined.el, '[data-testid="print-print"]'));
    expect(callsOf(declined.calls, ASK)).toHaveLength(2);
    expect(callsOf(declined.calls, 'publish_programme')).toHaveLength(0);
    expect(callsOf(declined.calls, 'print_window')).toHaveLength(0);
    unmount(app!);

    const agreed = await start({ ...problems, [ASK]: answer(true) });
    await click($(agreed.el, '[data-testid="print-publish"]'));
    await click($(agreed.el, '[data-testid="print-export"]'));
    expect(callsOf(agreed.calls, ASK)).toHaveLength(1);
    expect(callsOf(agreed.calls, 'export_pdf')[0]?.args).toMatchObject({ publish: true });
  });

  it('does not ask when nothing is published or the plan has no problems', async () => {
    const { el, calls } = await start();
    const checks = () => callsOf(calls, 'publish_problems').length;
    const before = checks();
    await click($(el, '[data-testid="print-export"]'));
    expect(checks()).toBe(before);
    await click($(el, '[data-testid="print-publish"]'));
    await click($(el, '[data-testid="print-export"]'));
    expect(checks()).toBeGreaterThan(before);
    expect(callsOf(calls, ASK)).toHaveLength(0);
    expect(callsOf(calls, 'export_pdf').map((c) => c.args.publish)).toEqual([false, true]);
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const { el, ws, calls } = await start({ [SAVE]: () => null });
    await click($(el, '[data-testid="print-export"]'));
    expect(callsOf(calls, SAVE)).toHaveLength(1);
    expect(callsOf(calls, 'export_pdf')).toHaveLength(0);
    expect(ws.notice).toBeNull();
  });

  it('shows a refused export in the alert', async () => {
    // The plan file itself chosen as the PDF.
    const refused = printing.refusals.pdfOverPlan!;
    const { el, ws } = await start({ [SAVE]: () => refused.args.path, export_pdf: refusal(refused) });
    await click($(el, '[data-testid="print-export"]'));
    expect(text(el, 'error')).toBe(refused.error.message);
    expect(ws.notice).toBeNull();
    expect(images(el)).toHaveLength(3);
  });

  it('prints the previewed pages through the system dialog', async () => {
    const { el, calls } = await start();
    await click($(el, '[data-testid="print-print"]'));
    expect(callsOf(calls, 'print_window')).toHaveLength(1);
    expect(callsOf(calls, 'publish_programme')).toHaveLength(0);
    expect(requests(calls)).toHaveLength(1);
  });

  it('publishes first when ticked, then prints pages laid out again', async () => {
    const { el, ws, calls } = await start();
    await click($(el, '[data-testid="print-publish"]'));
    await click($(el, '[data-testid="print-print"]'));

    const order = calls.map((c) => c.cmd).filter((cmd) => ['publish_programme', 'print_preview', 'print_window'].includes(cmd));
    expect(order).toEqual(['print_preview', 'publish_programme', 'print_preview', 'print_window']);
    expect(ws.notice?.text).toBe(`Published the programme as version ${printing.published.n}.`);
    expect(text(el, 'stamp')).toBe(previewFor(programme).stamp);
    expect($<HTMLInputElement>(el, '[data-testid="print-publish"]')?.checked).toBe(false);
  });

  it('waits for the new pages before opening the print dialog', async () => {
    const { el, calls, routes } = await start();
    const answer = deferred<Preview>();
    let asked: PrintRequest | undefined;
    routes.print_preview = (args) => {
      asked = args.request as PrintRequest;
      return answer.promise;
    };
    await click($(el, '[data-testid="print-publish"]'));
    await click($(el, '[data-testid="print-print"]'));

    expect(callsOf(calls, 'publish_programme')).toHaveLength(1);
    expect(asked).toEqual(programme);
    expect(callsOf(calls, 'print_window')).toHaveLength(0);
    expect($(el, '[data-testid="print-progress"]')).not.toBeNull();

    answer.resolve(previewFor(asked!));
    await settle();
    flushSync();
    expect(text(el, 'stamp')).toBe(stamp);
    expect(callsOf(calls, 'print_window')).toHaveLength(1);
  });

  it('does not print when the pages for the choices cannot be laid out', async () => {
    // The plan's days changed, and the day chosen is no longer one of them.
    const refused = printing.refusals.dayOutside!;
    const { el, calls, routes } = await start();
    routes.print_preview = refusal(refused);
    await choose(select(el, 'day'), '2024-11-18');
    expect(text(el, 'error')).toBe(refused.error.message);
    const before = requests(calls).length;
    await click($(el, '[data-testid="print-print"]'));
    // Print asks once more, in case the refusal has since been dealt with, then gives up.
    expect(requests(calls)).toHaveLength(before + 1);
    expect(text(el, 'error')).toBe(refused.error.message);
    expect(callsOf(calls, 'print_window')).toHaveLength(0);
  });
});
