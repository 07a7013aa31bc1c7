import { describe, expect, it } from 'vitest';
import { copy, planning, printing, week } from '../testing/sample';
import {
  DEFAULT_CHOICES,
  buildRequest,
  canPublish,
  controlsFor,
  defaultFileName,
  effectiveDay,
  isLandscape,
  isLarge,
  kept,
  latestVersion,
  newestFirst,
  noEventLabel,
  pageRule,
  pagesText,
  progressText,
  publishQuestion,
  publishedAt,
  reportCsvName,
  safeFileName,
  savedText,
  versionLabel,
  type Choices,
  type NamingContext,
  type PrintKind,
} from './choices';

const choices = (over: Partial<Choices> = {}): Choices => ({ ...DEFAULT_CHOICES, ...over });

describe('controlsFor', () => {
  it.each<[PrintKind, string[]]>([
    ['programme', ['day', 'event', 'variant', 'changes', 'markTbc', 'descriptions', 'positions', 'issue']],
    ['participants', ['event', 'withCounts']],
    ['speakers', ['day', 'event', 'markTbc']],
    ['namecards', ['event', 'perPerson', 'fitEach', 'acronyms']],
    ['glance', ['day', 'event', 'markTbc']],
    ['doors', ['day', 'event', 'markTbc']],
    ['summary', []],
    ['report', ['day']],
  ])('%s shows %j', (kind, shown) => {
    const controls = controlsFor(kind);
    expect(Object.keys(controls).filter((k) => controls[k as keyof typeof controls])).toEqual(shown);
  });
});

describe('buildRequest', () => {
  const everything = choices({
    day: '2024-11-19',
    eventId: 11,
    paper: 'letter',
    variant: 'internal',
    changesSince: 2,
    perPerson: true,
    fitEach: true,
    acronyms: true,
    withCounts: true,
    descriptions: false,
    positions: false,
    status: ' Provisional ',
    issued: '2024-11-15',
  });
  // What only the programme's title block and options take: left as printed by default elsewhere.
  const plain = { descriptions: true, positions: true, status: '', issued: null, attendance: 'registered' };

  it.each<[PrintKind, object]>([
    [
      'programme',
      {
        day: '2024-11-19',
        event_id: 11,
        variant: 'internal',
        changes_since: 2,
        per_person: false,
        fit_each: false,
        acronyms: false,
        with_counts: false,
        mark_tbc: true,
        descriptions: false,
        positions: false,
        status: 'Provisional',
        issued: '2024-11-15',
        attendance: 'registered',
      },
    ],
    [
      'participants',
      {
        day: null,
        event_id: 11,
        variant: 'public',
        changes_since: null,
        per_person: false,
        fit_each: false,
        acronyms: false,
        with_counts: true,
        mark_tbc: false,
        ...plain,
      },
    ],
    [
      'speakers',
      {
        day: '2024-11-19',
        event_id: 11,
        variant: 'public',
        changes_since: null,
        per_person: false,
        fit_each: false,
        acronyms: false,
        with_counts: false,
        mark_tbc: true,
        ...plain,
      },
    ],
    [
      'namecards',
      {
        day: null,
        event_id: 11,
        variant: 'public',
        changes_since: null,
        per_person: true,
        fit_each: true,
        acronyms: true,
        with_counts: false,
        mark_tbc: false,
        ...plain,
      },
    ],
  ])('sends only what applies to %s', (kind, expected) => {
    expect(buildRequest({ ...everything, kind })).toEqual({ kind, paper: 'letter', ...expected });
  });

  it('sends the defaults as a public whole-week A4 programme with counts off and tbc marked', () => {
    expect(buildRequest(DEFAULT_CHOICES)).toEqual({
      kind: 'programme',
      day: null,
      event_id: null,
      paper: 'a4',
      variant: 'public',
      changes_since: null,
      per_person: false,
      fit_each: false,
      acronyms: false,
      with_counts: false,
      mark_tbc: true,
      descriptions: true,
      positions: true,
      status: '',
      issued: null,
      attendance: 'registered',
    });
  });

  it("sends the summary for the whole week with the Summary page's attendance", () => {
    const sent = buildRequest(choices({ kind: 'summary', day: '2024-11-19', eventId: 11, attendance: 'checked_in' }));
    expect(sent).toMatchObject({ kind: 'summary', day: null, event_id: null, attendance: 'checked_in' });
  });

  it('sends no issue date that is not a date, and at most the status line the backend takes', () => {
    expect(buildRequest(choices({ issued: '15/11/2024' })).issued).toBeNull();
    const long = '🗓'.repeat(100);
    const sent = buildRequest(choices({ status: long })).status;
    expect([...sent]).toHaveLength(80);
    expect(sent).toBe('🗓'.repeat(80));
  });

  it('sends one size for all name cards and their names unless asked otherwise', () => {
    const cards = buildRequest(choices({ kind: 'namecards' }));
    expect([cards.fit_each, cards.acronyms]).toEqual([false, false]);
    const asked = buildRequest(choices({ kind: 'namecards', fitEach: true, acronyms: true }));
    expect([asked.fit_each, asked.acronyms]).toEqual([true, true]);
  });

  it('leaves the tbc marks off the programme when unticked', () => {
    expect(buildRequest(choices({ markTbc: false })).mark_tbc).toBe(false);
  });

  it('sends the day, event and tbc marks for the day at a glance and the door sheets', () => {
    for (const kind of ['glance', 'doors'] as const) {
      expect(buildRequest(choices({ kind, day: '2024-11-19', eventId: 11, perPerson: true, fitEach: true }))).toMatchObject({
        kind,
        day: '2024-11-19',
        event_id: 11,
        per_person: false,
        fit_each: false,
        mark_tbc: true,
      });
    }
  });

  it('leaves the counts off the participants list when unticked', () => {
    expect(buildRequest(choices({ kind: 'participants', withCounts: false })).with_counts).toBe(false);
  });
});

describe('canPublish', () => {
  it.each<[PrintKind, 'public' | 'internal', boolean]>([
    ['programme', 'public', true],
    ['programme', 'internal', false],
    ['participants', 'public', false],
    ['speakers', 'public', false],
    ['namecards', 'public', false],
  ])('%s (%s) -> %s', (kind, variant, expected) => {
    expect(canPublish({ kind, variant })).toBe(expected);
  });
});

describe('noEventLabel', () => {
  it.each<[PrintKind, string | null, string]>([
    ['programme', 'Commemorative Dialogue', 'All events'],
    ['speakers', null, 'All events'],
    ['participants', 'Commemorative Dialogue', 'First event (Commemorative Dialogue)'],
    ['namecards', null, 'First event'],
  ])('%s with first event %j -> %s', (kind, first, expected) => {
    expect(noEventLabel(kind, first)).toBe(expected);
  });
});

describe('effectiveDay', () => {
  const days = ['2024-11-18', '2024-11-19'];
  it.each<[string | null | undefined, string, string | null]>([
    [undefined, '2024-11-19', '2024-11-19'],
    [undefined, '2024-12-01', null],
    [null, '2024-11-19', null],
    ['2024-11-18', '2024-11-19', '2024-11-18'],
    ['2024-11-25', '2024-11-19', null],
  ])('chosen %j on %s -> %j', (chosen, today, expected) => {
    expect(effectiveDay(chosen, days, today)).toBe(expected);
  });
});

describe('kept', () => {
  it.each<[number | null, number[], number | null]>([
    [2, [1, 2, 3], 2],
    [4, [1, 2, 3], null],
    [null, [1], null],
  ])('%j among %j -> %j', (chosen, available, expected) => {
    expect(kept(chosen, available)).toBe(expected);
  });
});

describe('versions', () => {
  // Versions 1 to 3 of the sample's programme, out of order.
  const [first, second, third] = printing.publishedAfter;
  const versions = [first!, third!, second!];

  it.each<[string, string]>([
    ['2024-11-19T08:30:00', '19 Nov 2024 08:30'],
    ['2024-01-05T23:59:59', '5 Jan 2024 23:59'],
    ['2024-13-05T10:00:00', '2024-13-05T10:00:00'],
    ['yesterday', 'yesterday'],
  ])('publishedAt(%s) -> %s', (at, expected) => {
    expect(publishedAt(at)).toBe(expected);
  });

  it('labels a version with its number and when it was published', () => {
    expect(versionLabel(second!)).toBe('Version 2 — 19 Nov 2024 08:30');
  });

  it.each<[typeof versions, number]>([
    [[], 0],
    [versions, 3],
  ])('latestVersion of %j -> %d', (list, expected) => {
    expect(latestVersion(list)).toBe(expected);
  });

  it('lists the newest first without reordering the original', () => {
    expect(newestFirst(versions).map((v) => v.n)).toEqual([3, 2, 1]);
    expect(versions.map((v) => v.n)).toEqual([1, 3, 2]);
  });
});

describe('wording', () => {
  it.each<[number, string]>([
    [1, '1 page'],
    [12, '12 pages'],
  ])('pagesText(%d) -> %s', (n, expected) => {
    expect(pagesText(n)).toBe(expected);
  });

  it.each<[number, string, number | null, string]>([
    [12, '/home/desk/Programme.pdf', null, 'Saved 12 pages to /home/desk/Programme.pdf'],
    [1, 'C:\\Print\\Cards.pdf', null, 'Saved 1 page to C:\\Print\\Cards.pdf'],
    [4, '/tmp/p.pdf', 3, 'Saved 4 pages to /tmp/p.pdf as version 3'],
  ])('savedText(%d, %s, %j)', (pages, path, version, expected) => {
    expect(savedText(pages, path, version)).toBe(expected);
  });

  it.each<[{ stage: string; done: number; total: number } | null, string]>([
    [null, 'Laying out the pages…'],
    [{ stage: 'Laying out pages', done: 3, total: 12 }, 'Laying out pages (3 of 12)…'],
    [{ stage: 'Writing the PDF', done: 0, total: 0 }, 'Writing the PDF…'],
    [{ stage: '', done: 0, total: 0 }, 'Laying out the pages…'],
  ])('progressText(%j)', (progress, expected) => {
    expect(progressText(progress, 'Laying out the pages…')).toBe(expected);
  });
});

describe('file names', () => {
  // The sample's events, the Annual Meeting without a short name.
  const [dialogue, annual] = week.overview.events.map((e) => copy(e.event));
  annual!.short_name = '';
  const context: NamingContext = { planTitle: 'Bangkok week', events: [dialogue!, annual!], publishAs: null };

  it.each<[string, Partial<Choices>, Partial<NamingContext>, string]>([
    ['the programme of a day', { day: '2024-11-19' }, {}, 'Programme — Tue 19 Nov.pdf'],
    ['the whole week', {}, {}, 'Programme — Bangkok week.pdf'],
    ['one event', { eventId: dialogue!.id, day: '2024-11-18' }, {}, 'Programme — Commemorative Dialogue — Mon 18 Nov.pdf'],
    ['an event without a short name', { eventId: annual!.id }, {}, 'Programme — 10th Annual Meeting.pdf'],
    ['the run of show', { variant: 'internal', day: '2024-11-19' }, {}, 'Run of show — Tue 19 Nov.pdf'],
    ['a publish', { day: '2024-11-19' }, { publishAs: 3 }, 'Programme — Tue 19 Nov — version 3.pdf'],
    ['no publish of the run of show', { variant: 'internal' }, { publishAs: 3 }, 'Run of show — Bangkok week.pdf'],
    ['the list (first event)', { kind: 'participants', day: '2024-11-19' }, {}, 'List of participants — Commemorative Dialogue.pdf'],
    ['name cards of an event', { kind: 'namecards', eventId: annual!.id }, {}, 'Name cards — 10th Annual Meeting.pdf'],
    ['briefings of a day', { kind: 'speakers', day: '2024-11-18' }, {}, 'Speaker briefings — Mon 18 Nov.pdf'],
    ['a day at a glance', { kind: 'glance', day: '2024-11-19' }, {}, 'Day at a glance — Tue 19 Nov.pdf'],
    ['door sheets of the week', { kind: 'doors' }, {}, 'Room door sheets — Bangkok week.pdf'],
    ['the summary', { kind: 'summary', day: '2024-11-19' }, {}, "Co-Chairs' Summary — Bangkok week.pdf"],
    ['the day report', { kind: 'report', day: '2024-11-19', eventId: annual!.id }, {}, 'Day report — Tue 19 Nov.pdf'],
    ['unsafe characters', {}, { planTitle: 'Q4/2024: "Week" <draft>?' }, 'Programme — Q4-2024 Week draft.pdf'],
    ['a blank title', {}, { planTitle: '   ' }, 'Programme.pdf'],
  ])('names %s', (_, over, ctx, expected) => {
    expect(defaultFileName(choices(over), { ...context, ...ctx })).toBe(expected);
  });

  it('names the day report\'s CSV by its day', () => {
    expect(reportCsvName('2024-11-19')).toBe('Day report — Tue 19 Nov.csv');
  });

  it.each<[string, string]>([
    ['a/b\\c:d', 'a-b-c d'],
    ['..hidden', 'hidden'],
    ['trailing dots...', 'trailing dots'],
    ['tab\there\u0007bell', 'tab here bell'],
    ['///', 'Print'],
    ['Week 3/', 'Week 3'],
    ['', 'Print'],
  ])('safeFileName(%j) -> %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });

  it('keeps names to a length every file system accepts', () => {
    expect(safeFileName('x'.repeat(300))).toHaveLength(120);
  });
});

describe('paper', () => {
  // How the core's pages begin: A4 and US Letter, both upright.
  const head = (paper: 'a4' | 'letter') => printing.previews.find((p) => p.args.request && (p.args.request as { paper: string }).paper === paper)!.answer.head;
  const turned = head('a4').replace(/viewBox="0 0 ([\d.]+) ([\d.]+)" width="([\d.]+pt)" height="([\d.]+pt)"/, 'viewBox="0 0 $2 $1" width="$4" height="$3"');
  it.each<[string, boolean]>([
    [head('a4'), false],
    [head('letter'), false],
    [turned, true],
    ["<svg viewBox='0 0 842 595'>", true],
    ['not an svg', false],
  ])('isLandscape(%s) -> %s', (svg, expected) => {
    expect(isLandscape(svg)).toBe(expected);
  });

  it.each<['a4' | 'letter', boolean, string]>([
    ['a4', false, '@page { size: A4; margin: 0; }'],
    ['letter', false, '@page { size: letter; margin: 0; }'],
    ['a4', true, '@page { size: A4 landscape; margin: 0; }'],
  ])('pageRule(%s, %s)', (paper, landscape, expected) => {
    expect(pageRule(paper, landscape)).toBe(expected);
  });

  // A day at a glance of many rooms: A3 (or Tabloid) landscape.
  it.each<[string, boolean]>([
    [head('a4'), false],
    [turned, false],
    ["<svg viewBox='0 0 1190.55 841.89'>", true],
    ["<svg width='1224pt' height='792pt'>", true],
    ['not an svg', false],
  ])('isLarge(%s) -> %s', (svg, expected) => {
    expect(isLarge(svg)).toBe(expected);
  });

  it.each<['a4' | 'letter', string]>([
    ['a4', '@page { size: A3 landscape; margin: 0; }'],
    ['letter', '@page { size: ledger landscape; margin: 0; }'],
  ])('pageRule(%s) of a large sheet', (paper, expected) => {
    expect(pageRule(paper, true, true)).toBe(expected);
  });
});

describe('publishQuestion', () => {
  it('asks with the backend\'s sentence, and is null without problems', () => {
    expect(publishQuestion(planning.publishProblems, 4)).toBe(`${planning.publishProblems}. Publish the programme as version 4 anyway?`);
    expect(publishQuestion(week.publishProblems, 1)).toBeNull();
  });
});
