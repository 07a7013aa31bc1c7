// The speaking list's time budget while it is edited. The sums and the
// sentences are the backend's (plenary-core speaking::budget), so the line
// under the list reads the same before and after saving.

export type Budget = {
  total: number;
  /** The session's length; null while it is unscheduled. */
  sessionMinutes: number | null;
  fits: boolean;
  message: string;
};

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

function mins(n: number): string {
  return `${n} minute${n === 1 ? '' : 's'}`;
}

/** Whole minutes of one turn as typed; blank or nonsense counts as nothing. */
export function turnMinutes(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/** The turns' total against the session's length. */
export function budget(turns: readonly number[], sessionMinutes: number | null): Budget {
  const total = turns.reduce((sum, m) => sum + turnMinutes(m), 0);
  if (sessionMinutes === null) {
    return { total, sessionMinutes, fits: true, message: `${mins(total)} in all; the session has no times yet.` };
  }
  if (total <= sessionMinutes) {
    return {
      total,
      sessionMinutes,
      fits: true,
      message: `${total} of ${mins(sessionMinutes)} used; ${mins(sessionMinutes - total)} left.`,
    };
  }
  return {
    total,
    sessionMinutes,
    fits: false,
    message: `${total} minutes of turns do not fit in the session's ${mins(sessionMinutes)}: ${mins(total - sessionMinutes)} over.`,
  };
}

function epochMinutes(isoLocal: string): number | null {
  const m = LOCAL.exec(isoLocal);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) / 60_000;
}

/** A session's length in minutes from its wall-clock start and end; null when unscheduled. */
export function sessionLength(start: string | null | undefined, end: string | null | undefined): number | null {
  if (!start || !end) return null;
  const a = epochMinutes(start);
  const b = epochMinutes(end);
  return a === null || b === null ? null : Math.max(0, b - a);
}

/** Minutes from the session's start at which each turn begins. */
export function startOffsets(turns: readonly number[]): number[] {
  let at = 0;
  return turns.map((m) => {
    const offset = at;
    at += turnMinutes(m);
    return offset;
  });
}

/** When a turn begins: "09:12" in a scheduled session, "+12 min" in an unscheduled one. */
export function turnStart(sessionStart: string | null | undefined, offset: number): string {
  const m = sessionStart ? LOCAL.exec(sessionStart) : null;
  if (!m) return `+${offset} min`;
  const t = (((Number(m[4]) * 60 + Number(m[5]) + offset) % 1440) + 1440) % 1440;
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}
