// Plain conversions for the people directory: records to forms, names as
// people read them, and the wording of delete confirmations. Pure, so the
// page and the dialogs share one version and tests can check it directly.
import type {
  Impact,
  OrgCategory,
  Organisation,
  OrganisationForm_Serialize,
  Organisation_Serialize,
  PersonForm_Serialize,
  Person_Serialize,
  Term,
} from '../ipc';

/** Offered in the honorific box; any other text is accepted too. */
export const HONORIFICS: readonly string[] = ['H.E.', 'Ambassador', 'Dr', 'Ms', 'Mr'];

/** "Ms Lynn Bell": honorific, given and family name, skipping blanks (as the backend does). */
export function personName(p: Pick<Person_Serialize, 'honorific' | 'given_name' | 'family_name'>): string {
  return [p.honorific, p.given_name, p.family_name]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

/** An organisation as a table cell shows it: the acronym when it has one. */
export function organisationShort(o: Pick<Organisation, 'name' | 'acronym'>): string {
  return o.acronym.trim() || o.name;
}

export function blankPersonForm(): PersonForm_Serialize {
  return {
    honorific: '',
    given_name: '',
    family_name: '',
    position: '',
    organisation_id: null,
    email: '',
    phone: '',
    notes: '',
    gender: null,
  };
}

export function personForm(p: Person_Serialize): PersonForm_Serialize {
  return {
    honorific: p.honorific,
    given_name: p.given_name,
    family_name: p.family_name,
    position: p.position,
    organisation_id: p.organisation_id,
    email: p.email,
    phone: p.phone,
    notes: p.notes,
    gender: p.gender,
  };
}

/**
 * A new organisation starts without a category: the category decides
 * protocol order and counts, so it is chosen deliberately, not defaulted.
 */
export function blankOrganisationForm(): OrganisationForm_Serialize {
  return { name: '', acronym: '', official_name: '', category: '', country_code: '' };
}

export function organisationForm(o: Organisation): OrganisationForm_Serialize {
  return {
    name: o.name,
    acronym: o.acronym,
    official_name: o.official_name,
    category: o.category,
    country_code: o.country_code ?? '',
  };
}

/** The vocabulary's label for a category key, or the key itself if unknown. */
export function categoryLabel(categories: readonly Term<OrgCategory>[], key: string): string {
  return categories.find((c) => c.key === key)?.label ?? key;
}

/**
 * The question asked before deleting: what else goes with the record, when
 * anything does, and that Undo brings it back.
 */
export function deleteQuestion(impact: Impact, fallbackName: string): string {
  const name = impact.name.trim() || fallbackName;
  const undo = 'Edit › Undo (Ctrl+Z) brings it back.';
  if (impact.lines.length === 0) return `Delete ${name}? ${undo}`;
  const lines = impact.lines.map((l) => `• ${l}`).join('\n');
  return `Delete ${name}? This will also:\n${lines}\n\n${undo}`;
}

/** One line of a record as the merge dialog compares it. */
export type Fact = {
  label: string;
  value: string;
  /** Whether a merge fills this field of the kept record when it is blank. */
  fillable: boolean;
};

/** The fields of a person, side by side with a duplicate's. */
export function personFacts(p: Person_Serialize, organisations: readonly Organisation[]): Fact[] {
  const org = p.organisation_id === null ? null : organisations.find((o) => o.id === p.organisation_id);
  return [
    { label: 'Honorific', value: p.honorific, fillable: true },
    { label: 'Given name', value: p.given_name, fillable: true },
    { label: 'Family name', value: p.family_name, fillable: true },
    { label: 'Position', value: p.position, fillable: true },
    { label: 'Organisation', value: org ? org.name : '', fillable: true },
    { label: 'Email', value: p.email, fillable: true },
    { label: 'Phone', value: p.phone, fillable: true },
    { label: 'Notes', value: p.notes, fillable: true },
  ];
}

/** The fields of an organisation; the name and category always stay the kept one's. */
export function organisationFacts(o: Organisation, categories: readonly Term<OrgCategory>[]): Fact[] {
  return [
    { label: 'Name', value: o.name, fillable: false },
    { label: 'Acronym', value: o.acronym, fillable: true },
    { label: 'Official name', value: o.official_name, fillable: true },
    { label: 'Category', value: categoryLabel(categories, o.category), fillable: false },
    { label: 'Country code', value: o.country_code ?? '', fillable: true },
  ];
}

/** What the kept record will hold after the merge: its own values, blanks filled from the other. */
export function mergedFacts(keep: readonly Fact[], drop: readonly Fact[]): Fact[] {
  return keep.map((k, i) => {
    const d = drop[i];
    return k.fillable && k.value.trim() === '' && d ? { ...k, value: d.value } : k;
  });
}

/** The record a merge was started from. */
export type MergeSubject =
  | { kind: 'person'; record: Person_Serialize }
  | { kind: 'organisation'; record: Organisation_Serialize };
