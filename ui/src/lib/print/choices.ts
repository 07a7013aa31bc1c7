// What the Print page's controls mean: which of them apply to which
// document, the request sent to the backend, the wording of versions and
// counts, and the file name offered when a PDF is saved. Kept pure so the
// rules can be tested without mounting the page.
import { formatDayShort, isDate } from '../format/time';
import { countOf } from '../format/words';
import type { AttendanceSource, PublishedVersion } from '../ipc';

export type PrintKind = 'programme' | 'participants' | 'speakers' | 'namecards' | 'glance' | 'doors' | 'summary' | 'report';
export type Paper = 'a4' | 'letter';
export type Variant = 'public' | 'internal';

/**
 * What printPreview and exportPdf are asked for, every field given (the
 * generated type may mark them optional); the page passes it straight to
 * the commands, so the compiler keeps the two in step.
 */
export type PrintRequest = {
  kind: PrintKind;
  day: string | null;
  event_id: number | null;
  paper: Paper;
  variant: Variant;
  changes_since: number | null;
  per_person: boolean;
  fit_each: boolean;
  acronyms: boolean;
  with_counts: boolean;
  mark_tbc: boolean;
  descriptions: boolean;
  positions: boolean;
  status: string;
  issued: string | null;
  attendance: AttendanceSource;
};

/** The longest status line the backend takes ("Provisional", "Rev.1"). */
export const STATUS_MAX = 80;

/** What the user has picked, with every control's value kept even when it does not apply. */
export type Choices = {
  kind: PrintKind;
  /** "YYYY-MM-DD", or null for the whole week. */
  day: string | null;
  eventId: number | null;
  paper: Paper;
  variant: Variant;
  /** Mark changes since this published version; null for none. */
  changesSince: number | null;
  perPerson: boolean;
  /** Name cards: each card as large as it fits, not one size for all. */
  fitEach: boolean;
  /** Name cards: an organisation's acronym where one is set. */
  acronyms: boolean;
  withCounts: boolean;
  /** Mark tentative sessions and roles "tbc". */
  markTbc: boolean;
  /** The programme with each session's description. */
  descriptions: boolean;
  /** The programme with people's positions beside their names. */
  positions: boolean;
  /** The title block's status line, as typed: "Provisional", "Rev.1". */
  status: string;
  /** "YYYY-MM-DD" of the title block's "Issued …", or null. */
  issued: string | null;
  /** The summary: who counts as having attended (the Summary page's choice). */
  attendance: AttendanceSource;
};

export const DEFAULT_CHOICES: Choices = {
  kind: 'programme',
  day: null,
  eventId: null,
  paper: 'a4',
  variant: 'public',
  changesSince: null,
  perPerson: false,
  fitEach: false,
  acronyms: false,
  withCounts: true,
  markTbc: true,
  descriptions: true,
  positions: true,
  status: '',
  issued: null,
  attendance: 'registered',
};

export const KINDS: readonly { key: PrintKind; label: string }[] = [
  { key: 'programme', label: 'Programme' },
  { key: 'participants', label: 'List of participants' },
  { key: 'speakers', label: 'Speaker briefings' },
  { key: 'namecards', label: 'Name cards' },
  { key: 'glance', label: 'Day at a glance' },
  { key: 'doors', label: 'Room door sheets' },
  { key: 'summary', label: "Co-Chairs' Summary" },
  { key: 'report', label: 'Day report' },
];

export const PAPERS: readonly { key: Paper; label: string }[] = [
  { key: 'a4', label: 'A4' },
  { key: 'letter', label: 'US Letter' },
];

export const VARIANTS: readonly { key: Variant; label: string }[] = [
  { key: 'public', label: 'Public' },
  { key: 'internal', label: 'Internal run of show' },
];

/** Which controls mean something for a document; the others are hidden and not sent. */
export type Controls = {
  day: boolean;
  event: boolean;
  variant: boolean;
  changes: boolean;
  perPerson: boolean;
  fitEach: boolean;
  acronyms: boolean;
  withCounts: boolean;
  markTbc: boolean;
  descriptions: boolean;
  positions: boolean;
  /** The status line and issue date of the title block. */
  issue: boolean;
};

const NONE = { descriptions: false, positions: false, issue: false };
const CONTROLS: Record<PrintKind, Controls> = {
  programme: {
    day: true,
    event: true,
    variant: true,
    changes: true,
    perPerson: false,
    fitEach: false,
    acronyms: false,
    withCounts: false,
    markTbc: true,
    descriptions: true,
    positions: true,
    issue: true,
  },
  participants: { day: false, event: true, variant: false, changes: false, perPerson: false, fitEach: false, acronyms: false, withCounts: true, markTbc: false, ...NONE },
  speakers: { day: true, event: true, variant: false, changes: false, perPerson: false, fitEach: false, acronyms: false, withCounts: false, markTbc: true, ...NONE },
  namecards: { day: false, event: true, variant: false, changes: false, perPerson: true, fitEach: true, acronyms: true, withCounts: false, markTbc: false, ...NONE },
  glance: { day: true, event: true, variant: false, changes: false, perPerson: false, fitEach: false, acronyms: false, withCounts: false, markTbc: true, ...NONE },
  doors: { day: true, event: true, variant: false, changes: false, perPerson: false, fitEach: false, acronyms: false, withCounts: false, markTbc: true, ...NONE },
  // The whole week, as the Summary page has it.
  summary: { day: false, event: false, variant: false, changes: false, perPerson: false, fitEach: false, acronyms: false, withCounts: false, markTbc: false, ...NONE },
  // Every room and event of a day (the whole week: a sheet a day).
  report: { day: true, event: false, variant: false, changes: false, perPerson: false, fitEach: false, acronyms: false, withCounts: false, markTbc: false, ...NONE },
};

export function controlsFor(kind: PrintKind): Controls {
  return CONTROLS[kind];
}

/**
 * Lists and name cards are always for one event (the backend takes the
 * first when none is chosen); the programme and briefings can cover all.
 */
export function needsOneEvent(kind: PrintKind): boolean {
  return kind === 'participants' || kind === 'namecards';
}

/** The wording of the event select's empty choice. */
export function noEventLabel(kind: PrintKind, firstEventTitle: string | null): string {
  if (!needsOneEvent(kind)) return 'All events';
  return firstEventTitle ? `First event (${firstEventTitle})` : 'First event';
}

/** Only the public programme is published: it is the document handed out and reprinted. */
export function canPublish(choices: Pick<Choices, 'kind' | 'variant'>): boolean {
  return choices.kind === 'programme' && choices.variant === 'public';
}

/** The request for the backend: controls that do not apply are sent empty, so they cannot change the pages. */
export function buildRequest(choices: Choices): PrintRequest {
  const applies = controlsFor(choices.kind);
  return {
    kind: choices.kind,
    day: applies.day ? choices.day : null,
    event_id: applies.event ? choices.eventId : null,
    paper: choices.paper,
    variant: applies.variant ? choices.variant : 'public',
    changes_since: applies.changes ? choices.changesSince : null,
    per_person: applies.perPerson && choices.perPerson,
    fit_each: applies.fitEach && choices.fitEach,
    acronyms: applies.acronyms && choices.acronyms,
    with_counts: applies.withCounts && choices.withCounts,
    mark_tbc: applies.markTbc && choices.markTbc,
    // Descriptions and positions print unless the programme leaves them out.
    descriptions: !applies.descriptions || choices.descriptions,
    positions: !applies.positions || choices.positions,
    // Whole characters: the backend counts them, and refuses a longer line.
    status: applies.issue ? [...choices.status.trim()].slice(0, STATUS_MAX).join('') : '',
    issued: applies.issue && choices.issued !== null && isDate(choices.issued) ? choices.issued : null,
    attendance: choices.attendance,
  };
}

/**
 * The day the page opens on: today when the meeting is running (the
 * programme is reprinted every morning), otherwise the whole week. A chosen
 * day that is no longer in the plan falls back to the whole week.
 */
export function effectiveDay(chosen: string | null | undefined, days: readonly string[], today: string): string | null {
  if (chosen === undefined) return days.includes(today) ? today : null;
  return chosen !== null && days.includes(chosen) ? chosen : null;
}

/** A chosen event or version that has gone (deleted, undone) counts as none. */
export function kept<T>(chosen: T | null, available: readonly T[]): T | null {
  return chosen !== null && available.includes(chosen) ? chosen : null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** "2024-11-19T08:30:00" -> "19 Nov 2024 08:30"; anything else is shown as written. */
export function publishedAt(at: string): string {
  const m = STAMP.exec(at);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return at;
  return `${Number(m[3])} ${month} ${m[1]} ${m[4]}:${m[5]}`;
}

/** "Version 2 — 19 Nov 2024 08:30". */
export function versionLabel(version: PublishedVersion): string {
  return `Version ${version.n} — ${publishedAt(version.at)}`;
}

/** The newest published version number, 0 when nothing has been published. */
export function latestVersion(versions: readonly PublishedVersion[]): number {
  return versions.reduce((max, v) => Math.max(max, v.n), 0);
}

/** Newest first, the order a "changes since" choice is usually made in. */
export function newestFirst(versions: readonly PublishedVersion[]): PublishedVersion[] {
  return [...versions].sort((a, b) => b.n - a.n);
}

/** "1 page", "12 pages". */
export function pagesText(count: number): string {
  return countOf(count, 'page');
}

/** What the status line says after a PDF is written. */
export function savedText(pages: number, path: string, version: number | null): string {
  return `Saved ${pagesText(pages)} to ${path}${version !== null ? ` as version ${version}` : ''}`;
}

/** The line beside the progress bar: "Laying out pages (3 of 12)…". */
export function progressText(progress: { stage: string; done: number; total: number } | null, idle: string): string {
  if (!progress) return idle;
  const stage = progress.stage.trim() || idle.replace(/…$/, '');
  return progress.total > 0 ? `${stage} (${progress.done} of ${progress.total})…` : `${stage}…`;
}

/** A name the file systems of all three desktops accept: no separators, reserved or control characters. */
export function safeFileName(name: string, fallback = 'Print'): string {
  const cleaned = name
    .replace(/[\\/]/g, '-')
    .replace(/[:*?"<>|\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/^[.\s-]+/, '')
    .replace(/[.\s-]+$/, '')
    .slice(0, 120)
    .trim();
  return cleaned || fallback;
}

/** The parts of the plan a file name can mention. */
export type NamingContext = {
  planTitle: string;
  events: readonly { id: number; title: string; short_name: string }[];
  /** The version this export will publish, if it publishes. */
  publishAs: number | null;
};

function documentName(choices: Choices): string {
  if (choices.kind === 'programme') return choices.variant === 'internal' ? 'Run of show' : 'Programme';
  return KINDS.find((k) => k.key === choices.kind)?.label ?? 'Print';
}

/**
 * The name offered in the save dialog, e.g. "Programme — Tue 19 Nov.pdf":
 * the document, then the event and the day it covers (the plan's title
 * when it covers everything), then the version it publishes.
 */
export function defaultFileName(choices: Choices, context: NamingContext): string {
  const request = buildRequest(choices);
  const parts = [documentName(choices)];
  const event =
    request.event_id !== null
      ? context.events.find((e) => e.id === request.event_id)
      : needsOneEvent(choices.kind)
        ? context.events[0]
        : undefined;
  if (event) parts.push(event.short_name.trim() || event.title);
  if (request.day !== null) parts.push(isDate(request.day) ? formatDayShort(request.day) : request.day);
  if (parts.length === 1 && context.planTitle.trim()) parts.push(context.planTitle);
  if (context.publishAs !== null && canPublish(choices)) parts.push(`version ${context.publishAs}`);
  return `${safeFileName(parts.join(' — '))}.pdf`;
}

/**
 * The name offered when the day report is saved as CSV: "Day report — Tue 19 Nov.csv".
 * The CSV is one day's rows, so it needs a day.
 */
export function reportCsvName(day: string): string {
  return `${safeFileName(`Day report — ${isDate(day) ? formatDayShort(day) : day}`)}.csv`;
}

/** A previewed page's size in points, read from its root <svg> (width and height, else its viewBox). */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  let width = parseFloat(attr('width') ?? '');
  let height = parseFloat(attr('height') ?? '');
  if (!(width > 0 && height > 0)) {
    const box = (attr('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
    width = box[2] ?? NaN;
    height = box[3] ?? NaN;
  }
  return width > 0 && height > 0 ? { width, height } : { width: NaN, height: NaN };
}

/**
 * The orientation of a previewed page, read from its root <svg> size, so
 * the sheet asked of the printer turns with it (name cards and the day at a
 * glance are landscape).
 */
export function isLandscape(svg: string): boolean {
  const { width, height } = svgSize(svg);
  return width > height;
}

/** Whether a previewed page is a large sheet (A3 or Tabloid, a day at a glance of many rooms): its long side is over 1,000 pt. */
export function isLarge(svg: string): boolean {
  const { width, height } = svgSize(svg);
  return Math.max(width, height) > 1000;
}

/** The @page rule for printing the previewed images edge to edge, one per sheet. */
export function pageRule(paper: Paper, landscape: boolean, large = false): string {
  const size = large ? (paper === 'letter' ? 'ledger' : 'A3') : paper === 'letter' ? 'letter' : 'A4';
  return `@page { size: ${size}${landscape ? ' landscape' : ''}; margin: 0; }`;
}

/**
 * The question asked before publishing while the plan has problems, from the
 * backend's sentence (`publish_problems`: those not accepted, how many and
 * the first); null when there are none.
 */
export function publishQuestion(problems: string | null, version: number): string | null {
  return problems === null ? null : `${problems}. Publish the programme as version ${version} anyway?`;
}
