// Which time zone this computer is in, and what to tell the user when it is
// not the plan's.

/** This computer's IANA time zone, e.g. "Europe/Berlin" (empty if unknown). */
export function computerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    return '';
  }
}

/**
 * The banner text when this computer's zone differs from the plan's, or null
 * when they agree (or either is unknown).
 */
export function zoneNotice(computer: string, plan: string): string | null {
  if (!computer || !plan || computer === plan) return null;
  return `This computer is set to ${computer}. All times are shown in the plan's time zone, ${plan}.`;
}
