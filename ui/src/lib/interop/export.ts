// File › Export…: what the dialog asks for, and the file name it offers.
import type { ExportFormat, Scope } from '../ipc';

export type ScopeKind = Scope['kind'];

/** The scope the dialog's choices name, or null while a choice is missing. */
export function scopeOf(kind: ScopeKind, eventId: number | null, roomId: number | null, personId: number | null): Scope | null {
  switch (kind) {
    case 'plan':
      return { kind: 'plan' };
    case 'event':
      return eventId === null ? null : { kind: 'event', id: eventId };
    case 'room':
      return roomId === null ? null : { kind: 'room', id: roomId };
    case 'person':
      return personId === null ? null : { kind: 'person', id: personId };
  }
}

/** Characters no file system takes in a name become spaces. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** "Bangkok week — Ms Lynn Bell.ics": the plan's title, the scope's name, the extension. */
export function exportFileName(planTitle: string, scopeName: string | null, format: ExportFormat, extension: string): string {
  const base = safeFileName(planTitle) || 'Programme';
  const part = scopeName ? ` — ${safeFileName(scopeName)}` : '';
  const backup = format === 'backup' ? ' (backup)' : '';
  return `${base}${part}${backup}.${extension}`;
}
