// The sequence planner's state: which room's day is shown, the day as saved
// and the working copy being edited, the backend's preview of that copy
// (preview_retime, which writes nothing), the tray, and the edits the page
// sends. Times shown are the backend's: the saved sessions' starts and ends
// until the user edits something, then the preview's placed starts and ends.
import {
  call,
  commands,
  describeError,
  type AgendaSession_Serialize,
  type RetimePreview,
  type SessionForm_Serialize,
} from '../ipc';
import type { Workspace } from '../plan/workspace.svelte';
import { conflictsBySession } from '../plan/conflicts';
import { hourMinute } from '../format/time';
import { clockMinutes, joinWall } from '../calendar/floating';
import { computerTimeZone, zoneNotice } from '../calendar/zone';
import { isDayOnly } from '../calendar/events';
import { moveItem } from '../ui/lists';
import {
  draftFrom,
  endOfDay,
  firstStart,
  isDirty,
  isLength,
  mergeDraft,
  placedSpans,
  retimeRequest,
  savedSpan,
  type DraftBlock,
} from './draft';

/** What is being dragged: a block of the list, or a session from the tray. */
export type Drag = { source: 'block' | 'tray'; id: number };

export class SequenceState {
  readonly #ws: Workspace;

  chosenDay: string | null = $state(null);
  chosenRoom: number | null = $state(null);
  /** The sequence as saved, and the working copy being edited. */
  saved: DraftBlock[] = $state.raw([]);
  draft: DraftBlock[] = $state.raw([]);
  from = $state('');
  fromEdited = $state(false);
  gap = $state(0);
  /** The gap was typed for this room's day; another day or room starts again at none. */
  gapEdited = $state(false);
  tray: AgendaSession_Serialize[] = $state.raw([]);
  loading = $state(true);
  loadError: string | null = $state(null);
  /** The backend's refusal (or another failed edit), shown until the next success. */
  error: string | null = $state(null);
  busy = $state(false);
  dialog: 'break' | 'duplicate-day' | null = $state(null);
  editing: { id: number; initial: SessionForm_Serialize } | null = $state.raw(null);
  drag: Drag | null = $state.raw(null);
  /** Where a drop would land: an index into the list (length = at the end). */
  dropAt: number | null = $state(null);
  /** The backend's ripple of the working copy; the last one stays while a field is being corrected. */
  preview: RetimePreview | null = $state.raw(null);

  #loadedFor = '';
  /** Take the next load as it is (after Apply, or another day or room). */
  #resetNext = true;
  #request = 0;
  #previewRequest = 0;

  readonly overview = $derived.by(() => this.#ws.overview);
  readonly days = $derived(this.overview?.days ?? []);
  readonly rooms = $derived(this.overview?.rooms ?? []);
  readonly kinds = $derived.by(() => this.#ws.vocabulary?.session_kinds ?? []);
  readonly day = $derived(
    this.chosenDay && this.days.includes(this.chosenDay) ? this.chosenDay : (this.days[0] ?? null),
  );
  readonly roomId = $derived(
    this.chosenRoom !== null && this.rooms.some((r) => r.id === this.chosenRoom)
      ? this.chosenRoom
      : (this.rooms[0]?.id ?? null),
  );
  readonly roomName = $derived(this.rooms.find((r) => r.id === this.roomId)?.name ?? '');
  readonly dayStart = $derived(this.overview?.plan ? hourMinute(this.overview.plan.day_start) : '09:00');
  readonly sessionConflicts = $derived.by(() => conflictsBySession(this.#ws.conflicts));
  readonly notice = $derived(
    this.overview?.plan ? zoneNotice(computerTimeZone(), this.overview.plan.time_zone) : null,
  );
  readonly fromValid = $derived(clockMinutes(this.from) !== null);
  readonly dirty = $derived(isDirty(this.draft, this.saved));
  /** Whether the user changed anything: only then is a re-timing proposed and can be applied. */
  readonly edited = $derived(this.dirty || this.fromEdited || this.gapEdited);
  readonly invalid = $derived(this.draft.some((b) => !isLength(b.minutes)) || !this.fromValid);
  /** The preview's spans in words, by session. */
  readonly placed = $derived(this.day ? placedSpans(this.preview?.placed ?? [], this.day) : new Map<number, string>());
  /** Where a session from the tray goes: the end of the room's day as saved. */
  readonly endOfDay = $derived(this.day ? endOfDay(this.saved, this.day, this.dayStart) : this.dayStart);

  /** Made while a component starts: it follows the plan and previews the working copy. */
  constructor(ws: Workspace) {
    this.#ws = ws;
    $effect(() => {
      void this.#ws.revision;
      const day = this.day;
      const room = this.roomId;
      if (day && room !== null) void this.#load(day, room);
      else this.loading = false;
    });
    $effect(() => {
      const day = this.day;
      const room = this.roomId;
      if (!day || room === null || this.invalid) return;
      // The page opens on the times as saved; it proposes new ones only once something was edited.
      if (!this.edited) {
        this.#previewRequest++;
        this.preview = null;
        return;
      }
      void this.#showPreview(retimeRequest(day, room, this.from, this.gap, this.draft));
    });
  }

  async #showPreview(request: ReturnType<typeof retimeRequest>) {
    const mine = ++this.#previewRequest;
    try {
      const answer = await call(commands.previewRetime(request));
      if (mine === this.#previewRequest) this.preview = answer;
    } catch {
      // A draft that raced a reload (a block gone); the reload brings a new preview.
      if (mine === this.#previewRequest) this.preview = null;
    }
  }

  async #load(onDay: string, inRoom: number) {
    const mine = ++this.#request;
    const key = `${onDay}/${inRoom}`;
    try {
      const [blocks, agenda] = await Promise.all([call(commands.sequence(onDay, inRoom)), call(commands.agenda(null))]);
      if (mine !== this.#request) return;
      const fresh = draftFrom(blocks);
      const keep = !this.#resetNext && this.#loadedFor === key && isDirty(this.draft, this.saved);
      this.draft = keep ? mergeDraft(this.draft, fresh) : fresh;
      this.saved = fresh;
      if (this.#loadedFor !== key || this.#resetNext || !this.fromEdited) {
        this.from = firstStart(fresh, this.dayStart);
        this.fromEdited = false;
      }
      if (this.#loadedFor !== key || this.#resetNext) {
        // A gap typed for another day or room, or already applied, is not applied again unseen.
        this.gap = 0;
        this.gapEdited = false;
      }
      this.#loadedFor = key;
      this.#resetNext = false;
      // The day's sessions whose time is to be confirmed wait in the tray too, first.
      const waiting = agenda.days.find((d) => d.date === onDay)?.sessions.filter((s) => isDayOnly(s.session)) ?? [];
      this.tray = [...waiting, ...agenda.unscheduled];
      this.loadError = null;
    } catch (e) {
      if (mine !== this.#request) return;
      this.loadError = describeError(e);
    } finally {
      if (mine === this.#request) this.loading = false;
    }
  }

  choose(kind: 'day' | 'room', value: string) {
    this.#resetNext = true;
    this.error = null;
    if (kind === 'day') this.chosenDay = value;
    else this.chosenRoom = Number(value);
  }

  /** Run one backend edit; a refusal is shown and nothing here is lost. */
  async edit(run: () => Promise<unknown>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    try {
      await run();
      this.error = null;
      return true;
    } catch (e) {
      this.error = describeError(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async apply() {
    const day = this.day;
    const room = this.roomId;
    if (!day || room === null || this.invalid || !this.edited) return;
    const request = retimeRequest(day, room, this.from, this.gap, this.draft);
    // After a successful re-timing the saved day is what was asked for.
    this.#resetNext = true;
    const ok = await this.edit(() => this.#ws.apply(commands.retime(request)));
    if (!ok) this.#resetNext = false;
  }

  discard() {
    this.draft = this.saved;
    this.from = firstStart(this.saved, this.dayStart);
    this.fromEdited = false;
    this.gap = 0;
    this.gapEdited = false;
    this.error = null;
  }

  setMinutes(id: number, value: number) {
    this.draft = this.draft.map((b) => (b.id === id ? { ...b, minutes: value } : b));
  }

  /** Move the block at `index` by `delta` places; true when it moved. */
  move(index: number, delta: number): boolean {
    const to = index + delta;
    if (to < 0 || to >= this.draft.length) return false;
    this.draft = moveItem(this.draft, index, to);
    return true;
  }

  togglePin(block: DraftBlock) {
    void this.edit(() => this.#ws.apply(commands.setPinned(block.id, !block.pinned)));
  }

  duplicate(block: DraftBlock) {
    void this.edit(() => this.#ws.apply(commands.duplicateSession(block.id)));
  }

  /** The same session on the next day, same time and room, with its people. */
  tomorrow(block: DraftBlock) {
    void this.edit(() => this.#ws.apply(commands.copyToNextDay(block.id)));
  }

  toTray(block: DraftBlock) {
    void this.edit(() => this.#ws.apply(commands.unscheduleSession(block.id)));
  }

  scheduleHere(item: AgendaSession_Serialize) {
    const day = this.day;
    const room = this.roomId;
    if (!day || room === null) return;
    const start = joinWall(day, this.endOfDay);
    void this.edit(() => this.#ws.apply(commands.moveSession(item.session.id, start, room)));
  }

  async openSession(id: number) {
    try {
      this.editing = { id, initial: await call(commands.sessionForm(id)) };
    } catch (e) {
      this.#ws.report(e);
    }
  }

  sessionSaved() {
    this.editing = null;
    void this.#ws.changed();
  }

  dialogDone() {
    this.dialog = null;
    this.error = null;
  }

  /** Where a drag now would land: tray sessions always go to the end of the day. */
  hover(what: Drag, at: number | null) {
    this.dropAt = at !== null && what.source === 'tray' ? this.draft.length : at;
  }

  /** A drop at an index into the list (null outside it). */
  dropOn(what: Drag, at: number | null) {
    if (at === null) return;
    if (what.source === 'tray') {
      const item = this.tray.find((t) => t.session.id === what.id);
      if (item) this.scheduleHere(item);
      return;
    }
    const index = this.draft.findIndex((b) => b.id === what.id);
    if (index < 0) return;
    this.draft = moveItem(this.draft, index, index < at ? at - 1 : at);
  }

  endDrag() {
    this.drag = null;
    this.dropAt = null;
  }

  kindLabel(key: string): string {
    return this.kinds.find((k) => k.key === key)?.label ?? key;
  }

  /** The block's times as saved, to show next to the preview when they differ. */
  savedSpan(id: number): string | null {
    return this.day ? savedSpan(this.saved, id, this.day) : null;
  }
}
