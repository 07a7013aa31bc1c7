// The question a dialog asks before losing what was typed, naming what.

/** A record's name as a form opened with it: its title, name, or given and family names. */
function nameIn(initial: unknown): string {
  if (typeof initial !== 'object' || initial === null) return '';
  const v = initial as Record<string, unknown>;
  const text = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
  return text('title') || text('name') || [text('given_name'), text('family_name')].filter(Boolean).join(' ');
}

/**
 * "Discard the changes to the roles of “Panel I”?" when the caller names
 * the subject; else the record the form opened on ("… to “Panel I”?"), else
 * the dialog ("Discard what you typed in “New session”?").
 */
export function discardQuestion(subject: string | undefined, initial: unknown, dialog: string): string {
  if (subject) return `Discard the changes to ${subject}?`;
  const name = nameIn(initial);
  if (name) return `Discard the changes to “${name}”?`;
  return `Discard what you typed in “${dialog}”?`;
}
