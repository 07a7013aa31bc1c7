// Edits made straight from the keyboard or a button, without the form. Each
// is one undoable step; `ws.apply` reloads what is shown and says it is saved.
// Refusals (e.g. a pin in the way) are thrown for the caller to show.
import { commands, type Session } from '../ipc';
import type { Workspace } from '../plan/workspace.svelte';
import { addMinutes } from '../calendar/floating';
import { deletedMessage } from './keyboard';

type Scheduled = Pick<Session, 'id' | 'start'>;
type Timed = Pick<Session, 'id' | 'start' | 'end'>;

/**
 * Move a scheduled session by `minutes` (negative for earlier), keeping its
 * room and length. Resolves to false, changing nothing, for an unscheduled one.
 */
export async function shiftSession(ws: Workspace, session: Scheduled, minutes: number): Promise<boolean> {
  if (!session.start) return false;
  await ws.apply(commands.moveSession(session.id, addMinutes(session.start, minutes), null));
  return true;
}

/**
 * Lengthen (or, negative, shorten) a scheduled session by `minutes`, keeping
 * its start. Resolves to false, changing nothing, for an unscheduled one.
 */
export async function resizeSession(ws: Workspace, session: Timed, minutes: number): Promise<boolean> {
  if (!session.start || !session.end) return false;
  await ws.apply(commands.setSessionTimes(session.id, session.start, addMinutes(session.end, minutes)));
  return true;
}

/** Delete a session at once (undo brings it back) and say so. */
export async function deleteNow(ws: Workspace, session: Pick<Session, 'id' | 'title'>): Promise<void> {
  await ws.apply(commands.deleteSession(session.id));
  ws.inform(deletedMessage(session.title));
}
