import type { PlanForm_Serialize } from '../ipc';

/** Starting values for File › New plan…; the time zone follows the open plan if any. */
export function newPlanForm(timeZone = ''): PlanForm_Serialize {
  return {
    title: '',
    convening_body: '',
    venue: '',
    city: '',
    time_zone: timeZone,
    first_day: '',
    last_day: '',
    day_start: '09:00',
    day_end: '18:00',
    notes: '',
    snap_minutes: '5',
    changeover_minutes: '0',
    date_order: 'day_month_year',
    group_roles: false,
    call_minutes: '15',
    check_panel_gender: false,
  };
}
