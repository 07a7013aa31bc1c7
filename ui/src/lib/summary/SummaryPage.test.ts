import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import SummaryPage from './SummaryPage.svelte';
import { backend, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { loadedWorkspace, mountPage } from '../testing/mount';
import { copy, files, summary as edited, week } from '../testing/sample';
import { $, $$, click, press, typeInto } from '../testing/dom';
import type { Answer } from '../ipc';
import { remembered } from './remembered.svelte';
import { paperChoice } from '../print/paper-choice.svelte';

type Summary = Answer<'summary'>;

const SAVE = 'plugin:dialog|save';
let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  remembered.source = 'registered';
  paperChoice.paper = null;
  clearMocks();
});

/**
 * The sample week, or the summary scenario (opening rewritten, the
 * Dialogue's section changed under its edit). `edits` are the edit
 * commands with the summary each answers, which `summary` answers too from
 * then on, as the backend would.
 */
async function start(
  handlers: Record<string, Handler> = {},
  answer: Summary = week.summaryBySource.registered!,
  edits: Record<string, Summary> = {},
) {
  const calls: Call[] = [];
  let current = copy(answer);
  const read = sampleHandlers({ summaryBySource: { ...copy(week.summaryBySource) } }).summary!;
  const editHandlers = Object.fromEntries(
    Object.entries(edits).map(([cmd, after]) => [
      cmd,
      () => {
        current = copy(after);
        return copy(after);
      },
    ]),
  );
  const summary: Handler = (args) => (args.source === 'registered' ? copy(current) : read(args));
  mockIPC(backend({ summary, ...editHandlers, ...handlers }, calls));
  const mounted = await mountPage(SummaryPage, loadedWorkspace());
  app = mounted.app;
  return { el: mounted.el, calls, ws: mounted.ws };
}

const sectionEl = (el: ParentNode, key: string) => $(el, `[data-testid="summary-section"][data-key="${key}"]`)!;
const callsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd);
const dialogueKey = edited.summary.sections.find((s) => s.state === 'plan_changed')!.key;

describe('Summary page', () => {
  it('shows the draft with its heading, where each text comes from, the passages left and the annex', async () => {
    const { el } = await start();
    const s = week.summaryBySource.registered!;
    expect($(el, 'h1')?.textContent).toBe("Co-Chairs' Summary");
    expect($(el, '[data-testid="summary-meeting"]')?.textContent).toBe(s.meeting);
    expect($(el, '[data-testid="summary-place"]')?.textContent).toBe('Bangkok, 18–20 November 2024');
    expect($(el, '[data-testid="placeholder-count"]')?.textContent).toBe(`${s.placeholders} passages for the rapporteur`);
    const sections = $$(el, '[data-testid="summary-section"]');
    expect(sections.map((x) => x.dataset.key)).toEqual(s.sections.map((x) => x.key));
    expect(sections.every((x) => x.querySelector('[data-testid="section-state"]')?.textContent === 'From the plan')).toBe(true);
    expect($$(el, 'mark[data-placeholder]')).toHaveLength(s.placeholders);
    expect($(el, '[data-testid="summary-annex"] h2')?.textContent).toMatch(/^Annex: list of participants — \d+ delegations, \d+ people$/);
    expect($(el, '[data-testid="source-registered"]')).toHaveProperty('checked', true);
  });

  it('renders bold and italic from the backend’s runs, and user text never as markup', async () => {
    const answer = copy(edited.summary);
    const opening = answer.sections[0]!;
    opening.paragraphs.push([{ text: '<img src=x onerror=alert(1)>', bold: false, italic: true, placeholder: false }]);
    const { el } = await start({}, answer);
    const body = sectionEl(el, 'opening');
    expect(body.querySelector('strong')?.textContent).toBe('Bangkok');
    expect(body.querySelector('[data-testid="section-state"]')?.textContent).toBe('Edited');
    expect(body.querySelector('img')).toBeNull();
    expect(body.querySelector('em')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('edits a section: Bold wraps the selection, Save sends the text and shows the summary answered', async () => {
    const after = copy(edited.summary);
    const { el, calls } = await start({}, undefined, { save_summary_section: after });
    const attendance = sectionEl(el, 'attendance');
    await click(attendance.querySelector('[data-testid="section-edit"]'));
    const area = $<HTMLTextAreaElement>(attendance, '[data-testid="section-text"]')!;
    expect(document.activeElement).toBe(area);
    await typeInto(area, 'Members attended.');
    area.setSelectionRange(0, 7);
    await click(attendance.querySelector('[data-testid="editor-bold"]'));
    expect(area.value).toBe('**Members** attended.');
    area.setSelectionRange(12, 20);
    await press(area, 'i', { ctrlKey: true });
    expect(area.value).toBe('**Members** *attended*.');
    await press(area, 'Enter', { ctrlKey: true });
    expect(callsOf(calls, 'save_summary_section').map((c) => c.args)).toEqual([
      { source: 'registered', key: 'attendance', text: '**Members** *attended*.' },
    ]);
    // The editor closed on the summary the backend answered, and the undo state was re-read.
    expect(sectionEl(el, 'opening').querySelector('strong')?.textContent).toBe('Bangkok');
    expect($(sectionEl(el, 'attendance'), '[data-testid="section-editor"]')).toBeNull();
    expect(callsOf(calls, 'undo_state').length).toBeGreaterThan(0);
  });

  it('asks before Escape discards typed text, and cancels at once when nothing was typed', async () => {
    const { el, calls } = await start();
    const opening = sectionEl(el, 'opening');
    await click(opening.querySelector('[data-testid="section-edit"]'));
    let area = $<HTMLTextAreaElement>(opening, '[data-testid="section-text"]')!;
    await press(area, 'Escape');
    expect($(opening, '[data-testid="section-editor"]')).toBeNull();

    await click(opening.querySelector('[data-testid="section-edit"]'));
    area = $<HTMLTextAreaElement>(opening, '[data-testid="section-text"]')!;
    await typeInto(area, 'Something new');
    await press(area, 'Escape');
    expect($(opening, '[data-testid="discard-question"]')?.textContent).toContain('Discard the changes to the opening paragraph?');
    await click($(opening, '[data-testid="keep-editing"]'));
    expect(area.value).toBe('Something new');
    await press(area, 'Escape');
    await click($(opening, '[data-testid="discard-changes"]'));
    expect($(opening, '[data-testid="section-editor"]')).toBeNull();
    expect(document.activeElement).toBe($(opening, '[data-testid="section-edit"]'));
    expect(callsOf(calls, 'save_summary_section')).toHaveLength(0);
  });

  it('shows a section the plan changed under its edit side by side, with what changed, and takes or keeps', async () => {
    const { el, calls } = await start({}, edited.summary, {
      take_summary_draft: week.summaryBySource.registered!,
      keep_summary_edit: edited.summary,
    });
    const s = sectionEl(el, dialogueKey);
    expect(s.dataset.state).toBe('plan_changed');
    expect($(s, '[data-testid="section-state"]')?.textContent).toBe('Plan changed');
    expect($(s, '[data-testid="plan-now"]')?.textContent).toContain('The Co-Chairs recalled ten years of cooperation.');
    expect($(s, '[data-testid="your-text"] em')?.textContent).toBe('Commemorative Dialogue');
    const added = $$(s, '[data-testid="plan-diff"] ins').map((x) => x.textContent).join('|');
    expect(added).toContain('recalled ten years of cooperation.');
    expect($(el, '[data-testid="plan-changed-count"]')?.textContent).toContain('1 section changed');
    await click($(s, '[data-testid="keep-mine"]'));
    await click($(sectionEl(el, dialogueKey), '[data-testid="take-plan"]'));
    expect(callsOf(calls, 'keep_summary_edit').map((c) => c.args)).toEqual([{ source: 'registered', key: dialogueKey }]);
    expect(callsOf(calls, 'take_summary_draft').map((c) => c.args)).toEqual([{ source: 'registered', key: dialogueKey }]);
  });

  it('offers "Use the plan\'s text" for an edited section', async () => {
    const { el, calls } = await start({}, edited.summary, { take_summary_draft: week.summaryBySource.registered! });
    await click($(sectionEl(el, 'opening'), '[data-testid="use-plan"]'));
    expect(callsOf(calls, 'take_summary_draft').map((c) => c.args)).toEqual([{ source: 'registered', key: 'opening' }]);
    expect($(sectionEl(el, 'opening'), '[data-testid="section-state"]')?.textContent).toBe('From the plan');
  });

  it('reads the summary again after Undo, showing the section as it was', async () => {
    let undone = false;
    const { el, ws } = await start({
      undo: () => {
        undone = true;
        return 'Edited the opening paragraph of the summary';
      },
      summary: () => copy(undone ? week.summaryBySource.registered! : edited.summary),
    });
    ws.file = copy(files.planFile);
    expect($(sectionEl(el, 'opening'), '[data-testid="section-state"]')?.textContent).toBe('Edited');
    await ws.history('undo');
    await settle();
    flushSync();
    expect($(sectionEl(el, 'opening'), '[data-testid="section-state"]')?.textContent).toBe('From the plan');
    expect(sectionEl(el, 'opening').querySelector('strong')).toBeNull();
  });

  it('counts those checked in when asked, and remembers the choice', async () => {
    const { el, calls } = await start();
    await click($(el, '[data-testid="source-checked_in"]'));
    const asked = callsOf(calls, 'summary');
    expect(asked[asked.length - 1]?.args).toEqual({ source: 'checked_in' });
    expect($(el, '[data-testid="placeholder-count"]')?.textContent).toBe(
      `${week.summaryBySource.checked_in!.placeholders} passages for the rapporteur`,
    );
    unmount(app!);
    app = undefined;
    const again = await start();
    expect(callsOf(again.calls, 'summary')[0]?.args).toEqual({ source: 'checked_in' });
  });

  it('goes to each passage for the rapporteur in turn', async () => {
    const { el } = await start();
    const marks = $$(el, 'mark[data-placeholder]');
    await click($(el, '[data-testid="next-passage"]'));
    expect(document.activeElement).toBe(marks[0]);
    await click($(el, '[data-testid="next-passage"]'));
    expect(document.activeElement).toBe(marks[1]);
  });

  it('saves an outcome note from an event section', async () => {
    const { el, calls } = await start({ set_session_outcome: () => null }, edited.summary);
    const s = sectionEl(el, dialogueKey);
    const field = $(s, '[data-testid="outcome-field"]')!;
    await typeInto($<HTMLTextAreaElement>(field, '[data-testid="outcome-text"]'), 'Members agreed.');
    await click($(field, '[data-testid="outcome-save"]'));
    expect(callsOf(calls, 'set_session_outcome').map((c) => c.args)).toEqual([
      { sessionId: Number(field.dataset.sessionId), outcome: 'Members agreed.' },
    ]);
    // The draft is read again after the note.
    expect(callsOf(calls, 'summary').length).toBeGreaterThan(1);
  });

  it('exports Word under the plan’s title on the Print page’s paper, and says what was written', async () => {
    paperChoice.paper = 'letter';
    const path = '/out/Week — Co-Chairs’ Summary.docx';
    const { el, calls } = await start({
      [SAVE]: () => path,
      export_summary: () => ({ bytes: 14_336, pages: null, placeholders: 17, warnings: [] }),
    });
    await click($(el, '[data-testid="export-docx"]'));
    const save = callsOf(calls, SAVE)[0]?.args.options as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(save.defaultPath).toBe(`${week.summaryBySource.registered!.meeting} — Co-Chairs' Summary.docx`);
    expect(save.filters[0]?.extensions).toEqual(['docx']);
    expect(callsOf(calls, 'export_summary').map((c) => c.args)).toEqual([
      { request: { format: 'docx', source: 'registered', paper: 'letter' }, path },
    ]);
    const notice = $(el, '[data-testid="summary-export-notice"]')!;
    expect(notice.textContent).toContain('Wrote Week — Co-Chairs’ Summary.docx (14 KB).');
    expect(notice.textContent).toContain('17 passages are still for the rapporteur');
    expect(notice.classList.contains('warning')).toBe(true);
  });

  it('shows why an export failed, and writes nothing when the dialog is cancelled', async () => {
    const { el, calls } = await start({
      [SAVE]: () => '/out/s.pdf',
      export_summary: () => {
        throw { code: 'io', message: 'Could not write /out/s.pdf: permission denied.', fields: [] };
      },
    });
    await click($(el, '[data-testid="export-pdf"]'));
    expect($(el, '[data-testid="summary-export-notice"]')?.textContent).toContain('permission denied');
    expect($(el, '[data-testid="summary-export-notice"]')?.getAttribute('role')).toBe('alert');
    const cancelled = await start({ [SAVE]: () => null });
    await click($(cancelled.el, '[data-testid="export-markdown"]'));
    expect(callsOf(cancelled.calls, 'export_summary')).toHaveLength(0);
    expect(callsOf(calls, 'export_summary')).toHaveLength(1);
  });
});
