// What the Summary page keeps while the window is open, across visits to
// other pages: which delegations count as attending.
import type { AttendanceSource } from '../ipc';

export const remembered: { source: AttendanceSource } = $state({ source: 'registered' });
