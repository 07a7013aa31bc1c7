// What the window does with each backend error code. `ErrorCode` is
// generated from plenary-core's one list; every code is named in the switch
// below, so a code added there fails `svelte-check` here until it is given a
// treatment. Nothing else in the front end compares `code` with a literal.
import type { ApiError, ErrorCode } from './bindings';

export type ErrorTreatment =
  /** Form problems: `fields` go next to the fields they name. */
  | 'fields'
  /** The user stopped it: say so, nothing failed. */
  | 'cancelled'
  /** The file cannot be opened as it is: a recent entry for it may go. */
  | 'unreadable_file'
  /** A wrong PIN at the kiosk's Leave: the pad clears and says why. */
  | 'wrong_pin'
  /** The window is a locked kiosk: the command is not one of the desk's. */
  | 'locked'
  /** Anything else: its one-line message in a banner. */
  | 'message';

export function treatment(code: ErrorCode): ErrorTreatment {
  switch (code) {
    case 'invalid':
      return 'fields';
    case 'cancelled':
      return 'cancelled';
    case 'wrong_pin':
      return 'wrong_pin';
    case 'locked':
      return 'locked';
    case 'missing_file':
    case 'not_a_plan':
    case 'damaged':
      return 'unreadable_file';
    // A plan from a newer Plenary opens once Plenary is updated: keep it.
    case 'newer_version':
    case 'pin_overrun':
    case 'file_exists':
    case 'not_found':
    case 'no_plan':
    case 'io':
    case 'database':
    case 'print':
    // A plan open read-only: the message is the banner's reason.
    case 'read_only':
    case 'unexpected':
      return 'message';
    default: {
      // Every code is handled above; a new one stops the type check here.
      const unhandled: never = code;
      void unhandled;
      // At run time an unknown code still reaches the user as its message.
      return 'message';
    }
  }
}

/** A refusal with field problems to place on a form or its rows. */
export function hasFieldProblems(error: ApiError): boolean {
  return treatment(error.code) === 'fields' && error.fields.length > 0;
}
