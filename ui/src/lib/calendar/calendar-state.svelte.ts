// The calendar page's state: the view, day, page of rooms and filters; the
// agenda it draws (the backend's); the session form being edited; and the
// edits a drag, a resize, a selection or a key sends. A refused edit is
// shown and the agenda is reloaded from the backend.
import {
  call,
  commands,
  describeError,
  type AgendaSession_Serialize,
  type Agenda_Serialize,
  type SessionForm_Serialize,
} from '../ipc';
import type { Workspace } from '../plan/workspace.svelte';
import { conflictsBySession } from '../plan/conflicts';
import { newSessionForm } from '../sessions/defaults';
import type { SessionKeyAction } from '../sessions/keyboard';
import { deleteNow, resizeSession, shiftSession } from '../sessions/quick-edits';
import {
  NO_FILTERS,
  calendarResources,
  isDayOnly,
  matchesFilters,
  roomPage,
  shownSessions,
  toCalendarEvents,
  withFilter,
  type CalendarFilters,
} from './events';
import { computerTimeZone, zoneNotice } from './zone';

export type View = 'week' | 'day' | 'list';

export const VIEWS: { key: View; label: string; name: string }[] = [
  { key: 'week', label: 'Week', name: 'timeGridWeek' },
  { key: 'day', label: 'Day by room', name: 'resourceTimeGridDay' },
  { key: 'list', label: 'List', name: 'listWeek' },
];

/** Rooms beyond which day-view columns keep a readable width and scroll sideways. */
export const MANY_ROOMS = 8;

/** A new session's form fields that a selection on the grid fills in. */
export type Selection = { day: string; start_time: string; end_time: string; room_id: number | null };

export class CalendarState {
  readonly #ws: Workspace;
  #request = 0;

  view: View = $state('week');
  chosenDay: string | null = $state(null);
  /** Which page of rooms the day view shows when there are many. */
  chosenRoomPage = $state(0);
  filters: CalendarFilters = $state.raw({ ...NO_FILTERS });
  agenda: Agenda_Serialize | null = $state.raw(null);
  loadError: string | null = $state(null);
  /** A refused edit, shown until the next edit or dismissal. */
  error: string | null = $state(null);
  editing: { id: number | null; initial: SessionForm_Serialize } | null = $state.raw(null);
  /** Where a session dragged from the tray would be placed, while it is dragged. */
  dropHint: string | null = $state(null);
  trayDrag: number | null = $state(null);
  /** An event to focus again once the calendar has re-rendered it. */
  refocus: number | null = null;

  readonly overview = $derived.by(() => this.#ws.overview);
  readonly vocabulary = $derived.by(() => this.#ws.vocabulary);
  readonly plan = $derived(this.overview?.plan ?? null);
  readonly days = $derived(this.overview?.days ?? []);
  readonly rooms = $derived(this.overview?.rooms ?? []);
  readonly events = $derived(this.overview?.events.map((s) => s.event) ?? []);
  readonly day = $derived(
    this.chosenDay && this.days.includes(this.chosenDay) ? this.chosenDay : (this.days[0] ?? null),
  );
  readonly snap = $derived(this.plan?.snap_minutes && this.plan.snap_minutes > 0 ? this.plan.snap_minutes : 5);
  readonly items = $derived(this.agenda ? this.agenda.days.flatMap((d) => d.sessions) : []);
  readonly byId = $derived(new Map(this.items.map((i) => [i.session.id, i])));
  /** Whether a shown session has a day but no time yet, so the all-day row is needed. */
  readonly hasDayOnly = $derived(this.items.some((i) => isDayOnly(i.session) && matchesFilters(i, this.filters)));
  readonly sessionConflicts = $derived.by(() => conflictsBySession(this.#ws.conflicts));
  readonly tray = $derived(this.agenda ? this.agenda.unscheduled.filter((i) => matchesFilters(i, this.filters)) : []);
  readonly notice = $derived(this.plan ? zoneNotice(computerTimeZone(), this.plan.time_zone) : null);

  // Rooms come in pages in the week and day views: 92 rooms of parallel
  // sessions cannot be read side by side, and take seconds to draw.
  readonly allResources = $derived(
    calendarResources(this.rooms, this.items, this.filters, this.view === 'day' ? this.day : null),
  );
  readonly roomPage = $derived(roomPage(this.allResources, this.chosenRoomPage));
  readonly paged = $derived(this.view !== 'list' && this.roomPage.pages > 1);
  readonly resources = $derived(this.view === 'day' ? this.roomPage.columns : this.allResources);
  readonly calendarEvents = $derived(
    toCalendarEvents(
      shownSessions(
        this.items,
        this.view === 'day' ? this.day : null,
        this.paged ? new Set(this.roomPage.columns.map((r) => String(r.id))) : null,
      ),
      this.filters,
    ),
  );
  readonly viewName = $derived(VIEWS.find((v) => v.key === this.view)!.name);
  /** Views are read when the calendar is created: it is re-created when the plan's span changes. */
  readonly span = $derived(`${this.days[0] ?? ''}/${this.days.length}`);

  /** Made while a component starts: it reloads the agenda after every change to the plan. */
  constructor(ws: Workspace) {
    this.#ws = ws;
    $effect(() => {
      void this.#ws.revision;
      void this.load();
    });
  }

  async load() {
    const mine = ++this.#request;
    try {
      const result = await call(commands.agenda(null));
      if (mine !== this.#request) return;
      this.agenda = result;
      this.loadError = null;
    } catch (e) {
      if (mine !== this.#request) return;
      this.loadError = describeError(e);
    }
  }

  /** Run an edit from the calendar; a refusal puts the calendar back and is shown. */
  async edit(run: () => Promise<unknown>, revert?: () => void): Promise<boolean> {
    this.error = null;
    try {
      await run();
      return true;
    } catch (e) {
      revert?.();
      this.error = describeError(e);
      // Reload what the backend has; a keyboard-moved event gets its focus back.
      await this.load();
      return false;
    }
  }

  /** A session dragged to `start` (a wall-clock time) in `room` (undefined keeps it, null is "No room"). */
  moveTo(id: number, start: string, end: string, room: number | null | undefined, revert?: () => void) {
    void this.edit(async () => {
      if (room === null) {
        // Into "No room": the form's update is the one edit that can clear a room.
        const form = await call(commands.sessionForm(id));
        await this.#ws.apply(
          commands.updateSession(id, {
            ...form,
            day: start.slice(0, 10),
            start_time: start.slice(11, 16),
            end_time: end.slice(11, 16),
            room_id: null,
          }),
        );
      } else {
        await this.#ws.apply(commands.moveSession(id, start, room ?? null));
      }
    }, revert);
  }

  resize(id: number, start: string, end: string, revert?: () => void) {
    void this.edit(() => this.#ws.apply(commands.setSessionTimes(id, start, end)), revert);
  }

  /** A session from the tray placed at `start` in `room` (null keeps its room). */
  place(id: number, start: string, room: number | null) {
    void this.edit(() => this.#ws.apply(commands.moveSession(id, start, room)));
  }

  async openSession(id: number) {
    try {
      this.editing = { id, initial: await call(commands.sessionForm(id)) };
    } catch (e) {
      this.#ws.report(e);
    }
  }

  /** The form of a new session: on the day shown in the day view, or where a range was selected. */
  newSession(selection?: Selection) {
    const on = selection ? selection.day : this.view === 'day' ? this.day : null;
    const form = newSessionForm(on, this.events, this.vocabulary?.session_kinds ?? []);
    this.editing = { id: null, initial: selection ? { ...form, ...selection, day: form.day } : form };
  }

  saved() {
    this.editing = null;
    this.error = null;
    void this.#ws.changed();
  }

  /** What a key on the focused event does (Enter, which opens it, is the event's own). */
  async keyAction(item: AgendaSession_Serialize, action: Exclude<SessionKeyAction, { kind: 'open' }>) {
    const s = item.session;
    if (action.kind === 'shift') {
      this.refocus = s.id;
      await this.edit(() => shiftSession(this.#ws, s, action.minutes));
    } else if (action.kind === 'resize') {
      this.refocus = s.id;
      await this.edit(() => resizeSession(this.#ws, s, action.minutes));
    } else {
      await this.edit(() => deleteNow(this.#ws, s));
    }
  }

  setFilter(key: keyof CalendarFilters, value: string) {
    this.filters = withFilter(this.filters, key, value);
  }
}
