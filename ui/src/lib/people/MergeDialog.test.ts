import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, unmount, type mount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import MergeDialog from './MergeDialog.svelte';
import type { MergeSubject } from './records';
import { backend, refusal, sampleHandlers, settle, type Call, type Handler } from '../testing/backend';
import { $, $$, click, press, typeInto } from '../testing/dom';
import { mountWithWorkspace } from '../testing/mount';
import { directory, organisationNamed, personNamed, week } from '../testing/sample';
import { directoryWrites } from './testing';

// The directories with a second record of Ms Lynn Bell (a phone number and
// a note, no organisation) and of IOM.
const { people, organisations } = directory;
const bell = personNamed('Ms Lynn Bell', people);
const bellTwin = personNamed('Lynn Bell', people);
const iom = organisationNamed('International Organization for Migration', organisations);
const iomTwin = organisationNamed('Intl Organization for Migration', organisations);

let app: ReturnType<typeof mount> | undefined;

afterEach(() => {
  if (app) unmount(app);
  app = undefined;
  document.body.innerHTML = '';
  clearMocks();
});

async function open(subject: MergeSubject, handlers: Record<string, Handler> = {}, known = people) {
  const calls: Call[] = [];
  mockIPC(backend({ ...sampleHandlers(directory), ...directoryWrites(), ...handlers }, calls));
  const onclose = vi.fn();
  const onmerged = vi.fn();
  const mounted = await mountWithWorkspace(MergeDialog, {
    subject,
    people: known,
    organisations,
    categories: week.vocabulary.categories,
    onclose,
    onmerged,
  });
  app = mounted.app;
  const dialog = $(mounted.el, '[data-testid="merge-dialog"]');
  if (!dialog) throw new Error('merge dialog not rendered');
  return { ...mounted, dialog, calls, onclose, onmerged };
}

async function pick(dialog: HTMLElement, text: string, option: (label: string) => boolean) {
  await typeInto($<HTMLInputElement>(dialog, '[data-testid="merge-picker"]'), text);
  const found = $$(dialog, '[data-testid="merge-picker-option"]').find((o) => option(o.textContent ?? ''));
  if (!found) throw new Error(`no option for ${text}`);
  found.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
  await settle();
  flushSync();
}

const confirm = (dialog: HTMLElement) => $<HTMLButtonElement>(dialog, '[data-testid="merge-confirm"]')!;
const keepRadio = (dialog: HTMLElement, id: number) =>
  $<HTMLInputElement>(dialog, `[data-testid="merge-keep"][data-id="${id}"]`)!;
const merges = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

/** The "After merging" column, by field label. */
function result(dialog: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tr of $$(dialog, 'tbody tr')) {
    out[$(tr, 'th')?.textContent ?? ''] = $(tr, '[data-testid="merge-result"]')?.textContent ?? '';
  }
  return out;
}

describe('MergeDialog', () => {
  it('cannot merge until the duplicate is picked', async () => {
    const { dialog } = await open({ kind: 'person', record: bell });
    expect(confirm(dialog).disabled).toBe(true);
    expect(dialog.textContent).toContain('Which person is a duplicate of Ms Lynn Bell?');
    expect($(dialog, 'table')).toBeNull();
  });

  it('shows both people side by side and keeps the one merged from by default', async () => {
    const { dialog, calls, onmerged, ws } = await open({ kind: 'person', record: bell });
    await pick(dialog, 'lynn', (label) => !label.startsWith('Ms'));
    const heads = $$(dialog, 'thead th').map((th) => th.textContent?.trim());
    expect(heads.slice(1)).toEqual(['Keep Ms Lynn Bell', 'Keep Lynn Bell', 'After merging']);
    expect(keepRadio(dialog, bell.id).checked).toBe(true);
    expect(keepRadio(dialog, bellTwin.id).checked).toBe(false);
    // Blank fields of the kept record are filled from the other.
    expect(result(dialog)).toMatchObject({
      Honorific: 'Ms',
      Position: bell.position,
      Organisation: 'Australia',
      Phone: '+61 2 6261 1111',
      Notes: 'From the registration list',
    });
    const explain = $(dialog, '[data-testid="merge-explain"]')!.textContent ?? '';
    expect(explain).toContain('Session roles, registrations, check-ins, delegation entries');
    expect(explain).toContain('Blank fields of the kept record are filled from the other one');
    expect(explain).toContain('Undo (Ctrl+Z) reverses the whole merge');

    const revision = ws.revision;
    await click(confirm(dialog));
    expect(merges(calls, 'merge_people')).toEqual([{ keep: bell.id, drop: bellTwin.id }]);
    expect(onmerged).toHaveBeenCalledWith(bell.id);
    expect(ws.revision).toBeGreaterThan(revision);
  });

  it('keeps the other record when the user chooses it', async () => {
    const { dialog, calls, onmerged } = await open({ kind: 'person', record: bell });
    await pick(dialog, 'lynn', (label) => !label.startsWith('Ms'));
    keepRadio(dialog, bellTwin.id).click();
    flushSync();
    expect(keepRadio(dialog, bellTwin.id).checked).toBe(true);
    expect(confirm(dialog).textContent?.trim()).toBe('Merge into Lynn Bell');
    // Now the twin's own values stand and Bell's fill its blanks.
    expect(result(dialog)).toMatchObject({ Honorific: 'Ms', Phone: '+61 2 6261 1111', Email: bell.email });
    await click(confirm(dialog));
    expect(merges(calls, 'merge_people')).toEqual([{ keep: bellTwin.id, drop: bell.id }]);
    expect(onmerged).toHaveBeenCalledWith(bellTwin.id);
  });

  it('loads the full record of a duplicate the list does not hold yet', async () => {
    const { dialog, calls } = await open({ kind: 'person', record: bell }, {}, [bell]);
    await pick(dialog, 'lynn', (label) => !label.startsWith('Ms'));
    expect(calls.some((c) => c.cmd === 'people')).toBe(true);
    expect(result(dialog).Phone).toBe('+61 2 6261 1111');
  });

  it('refuses the record it started from as its own duplicate', async () => {
    const { dialog } = await open({ kind: 'person', record: bell });
    await pick(dialog, 'lynn', (label) => label.startsWith('Ms'));
    expect($(dialog, '[data-testid="form-error"]')?.textContent).toContain('That is the person you started from');
    expect(confirm(dialog).disabled).toBe(true);
  });

  it('merges organisations in the chosen direction', async () => {
    const { dialog, calls } = await open({ kind: 'organisation', record: iomTwin });
    await pick(dialog, 'iom', (label) => label.includes('IOM'));
    expect(result(dialog)).toMatchObject({
      Name: iomTwin.name,
      Acronym: 'IOM',
      'Official name': 'International Organization for Migration',
      Category: 'International organisation',
    });
    expect($(dialog, '[data-testid="merge-explain"]')?.textContent).toContain('People, session roles, delegation entries');
    keepRadio(dialog, iom.id).click();
    flushSync();
    await click(confirm(dialog));
    expect(merges(calls, 'merge_organisations')).toEqual([{ keep: iom.id, drop: iomTwin.id }]);
    expect(merges(calls, 'merge_people')).toEqual([]);
  });

  it('shows a refusal and stays open', async () => {
    // The duplicate was deleted elsewhere meanwhile.
    const gone = directory.refusals.mergeGone!;
    expect(gone.args).toEqual({ keep: iom.id, drop: iomTwin.id });
    const { dialog, onmerged } = await open({ kind: 'organisation', record: iom }, { merge_organisations: refusal(gone) });
    await pick(dialog, 'migration', (label) => label.startsWith('Intl'));
    await click(confirm(dialog));
    expect($(dialog, '[data-testid="form-error"]')?.textContent).toBe(gone.error.message);
    expect(onmerged).not.toHaveBeenCalled();
    expect(confirm(dialog).disabled).toBe(false);
  });

  it('closes on Escape from the search box: its list first, then the dialog, asking once a duplicate is chosen', async () => {
    const { dialog, onclose } = await open({ kind: 'person', record: bell });
    const picker = $<HTMLInputElement>(dialog, '[data-testid="merge-picker"]')!;
    await typeInto(picker, 'lynn');
    await press(picker, 'Escape');
    expect(picker.getAttribute('aria-expanded')).toBe('false');
    expect(onclose).not.toHaveBeenCalled();
    await press(picker, 'Escape');
    expect(onclose).toHaveBeenCalledOnce();

    await pick(dialog, 'lynn', (label) => !label.startsWith('Ms'));
    await press(picker, 'Escape');
    expect($(document.body, '[data-testid="discard-question"]')?.textContent).toContain(
      'Close without merging “Ms Lynn Bell” and “Lynn Bell”?',
    );
    await click($(document.body, '[data-testid="discard-changes"]'));
    expect(onclose).toHaveBeenCalledTimes(2);
  });
});
