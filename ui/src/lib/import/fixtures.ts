// A stand-in CSV for the import page's tests: an Indico-style registrants
// export with a row to create, one to update, one unchanged and one with a
// bad email. Only tests import this module.
import type { Channel } from '../ipc';
import type { ImportField, ImportPreview, ImportProgress, RowPreview, Vocabulary } from '../ipc';
import { vocabulary } from '../testing/fixtures';

export const importVocabulary: Vocabulary = {
  ...vocabulary,
  import_fields: [
    { key: 'ignore', label: '(ignore this column)' },
    { key: 'external_id', label: 'Registration ID' },
    { key: 'full_name', label: 'Full name' },
    { key: 'honorific', label: 'Title (Ms, Dr…)' },
    { key: 'given_name', label: 'Given name' },
    { key: 'family_name', label: 'Family name' },
    { key: 'email', label: 'Email' },
    { key: 'organisation', label: 'Organisation' },
    { key: 'category', label: 'Category' },
    { key: 'position', label: 'Position' },
    { key: 'phone', label: 'Phone' },
    { key: 'registration', label: 'Registration' },
    { key: 'capacity', label: 'Capacity' },
    { key: 'check_in_date', label: 'Checked in on' },
  ],
};

export const CSV_PATH = '/home/desk/Downloads/registrants.csv';

export const headers = ['First Name', 'Last Name', 'Email Address', 'Affiliation', 'Registration state'];
export const autoMapping: ImportField[] = ['given_name', 'family_name', 'email', 'organisation', 'registration'];

const row = (line: number, name: string, email: string, organisation: string, action: RowPreview['action'], message: string): RowPreview => ({
  line,
  name,
  email,
  organisation,
  action,
  message,
});

/**
 * What the backend would say for `mapping`: with an email column the bad
 * address on line 5 is an error; with emails ignored that row is a plain
 * new person, so a changed mapping visibly changes the preview.
 */
export function previewFor(mapping: ImportField[] | null): ImportPreview {
  const used = mapping ?? autoMapping;
  const emails = used.includes('email');
  const rows = [
    row(2, 'Ms Lynn Bell', emails ? 'lynn.bell@dfat.example' : '', 'Australia', 'create', 'New person in Australia'),
    row(3, 'Mr Tom Hale', emails ? 'tom.hale@kemlu.example' : '', 'Indonesia', 'update', 'Registration: invited → confirmed'),
    row(4, 'Ms Hoa Nguyen', emails ? 'hoa.nguyen@mofa.example' : '', 'Viet Nam', 'unchanged', ''),
    emails
      ? row(5, 'Mr Ray Diaz', 'ray.diaz@', 'Philippines', 'error', 'Email “ray.diaz@” is not a valid address.')
      : row(5, 'Mr Ray Diaz', '', 'Philippines', 'create', 'New person in Philippines'),
  ];
  const count = (action: RowPreview['action']) => rows.filter((r) => r.action === action).length;
  return {
    encoding: 'UTF-8',
    delimiter: ';',
    headers,
    mapping: used,
    rows,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    skipped: count('skip'),
    errors: count('error'),
  };
}

/** Deliver progress on a channel the way the Tauri runtime does (numbered messages). */
export function sendProgress(channel: Channel<ImportProgress>, index: number, progress: ImportProgress): void {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } })
    .__TAURI_INTERNALS__;
  internals.runCallback(channel.id, { index, message: progress });
}
