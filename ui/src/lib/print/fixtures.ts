// A stand-in print backend for the Print page's tests: pages that say which
// request made them, a list of published versions that grows when the
// programme is published, and the save dialog. Only tests import this module.
import type { Channel, Preview, PrintProgress, PublishedVersion } from '../ipc';
import type { PrintRequest } from './choices';
import type { Handler } from '../testing/fixtures';

/** The command behind pickPdfSavePath (the dialog plugin's save). */
export const SAVE = 'plugin:dialog|save';

export const PDF_PATH = '/home/desk/Print/Programme — Tue 19 Nov.pdf';

export const publishedBefore: PublishedVersion[] = [
  { n: 1, at: '2024-11-18T07:55:00' },
  { n: 2, at: '2024-11-19T08:30:00' },
];

/** One page as the backend would draw it: an A4 SVG document whose text names the request. */
export function svgPage(label: string, page: number, landscape = false): string {
  const [w, h] = landscape ? [841.89, 595.28] : [595.28, 841.89];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}pt" height="${h}pt" viewBox="0 0 ${w} ${h}">` +
    `<text x="40" y="60">${label} &amp; page ${page}</text></svg>`
  );
}

/** How many pages each document has in the fixture plan. */
const PAGES: Record<PrintRequest['kind'], number> = { programme: 3, participants: 2, speakers: 4, namecards: 5 };

/** The label written on a request's pages, so a test can tell whose pages are shown. */
export function pageLabel(request: PrintRequest): string {
  return [request.kind, request.day ?? 'week', request.variant, request.paper].join(' ');
}

export function previewFor(request: PrintRequest, versions: readonly PublishedVersion[] = []): Preview {
  const count = PAGES[request.kind];
  const latest = versions[versions.length - 1];
  return {
    pages: Array.from({ length: count }, (_, i) => svgPage(pageLabel(request), i + 1, request.kind === 'namecards')),
    stamp: latest && request.kind === 'programme' ? `Version ${latest.n} · 19 Nov 2024` : 'Draft · printed 19 Nov 2024 08:45',
    changes: request.changes_since !== null ? ['Opening remarks moved to 09:15', 'Coffee break now in the Foyer'] : [],
  };
}

/**
 * The print commands over a list of versions that publishing adds to
 * (through publish_programme or export_pdf with publish).
 */
export function printBackend(start: readonly PublishedVersion[] = publishedBefore) {
  const versions = [...start];
  const publish = (): PublishedVersion => {
    const version = { n: (versions[versions.length - 1]?.n ?? 0) + 1, at: '2024-11-19T09:10:00' };
    versions.push(version);
    return version;
  };
  const handlers: Record<string, Handler> = {
    print_preview: (args) => previewFor(args.request as PrintRequest, versions),
    published_versions: () => [...versions],
    publish_programme: () => publish(),
    export_pdf: (args) => {
      const request = args.request as PrintRequest;
      const version = args.publish ? publish().n : null;
      return { pages: PAGES[request.kind], bytes: 48_213, version };
    },
    print_window: () => null,
    [SAVE]: () => PDF_PATH,
  };
  return { handlers, versions };
}

/** A promise with its resolve and reject at hand, for answers that arrive late. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Deliver progress on a channel the way the Tauri runtime does (numbered messages). */
export function sendProgress(channel: Channel<PrintProgress>, index: number, progress: PrintProgress): void {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
    .__TAURI_INTERNALS__;
  internals.runCallback(channel.id, { index, message: progress });
}
