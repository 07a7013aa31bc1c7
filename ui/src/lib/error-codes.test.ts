import { describe, expect, it } from 'vitest';
import type { ApiError, ErrorCode } from './bindings';
import { hasFieldProblems, treatment, type ErrorTreatment } from './error-codes';

describe('treatment', () => {
  it.each<[ErrorCode, ErrorTreatment]>([
    ['invalid', 'fields'],
    ['cancelled', 'cancelled'],
    ['missing_file', 'unreadable_file'],
    ['not_a_plan', 'unreadable_file'],
    ['damaged', 'unreadable_file'],
    // Updating Plenary opens it: the recent entry stays.
    ['newer_version', 'message'],
    ['pin_overrun', 'message'],
    ['not_found', 'message'],
    ['io', 'message'],
    ['unexpected', 'message'],
    ['wrong_pin', 'wrong_pin'],
    ['locked', 'locked'],
  ])('%s -> %s', (code, want) => {
    expect(treatment(code)).toBe(want);
  });

  it('shows the message of a code it does not know', () => {
    expect(treatment('from_a_newer_backend' as ErrorCode)).toBe('message');
  });
});

describe('hasFieldProblems', () => {
  const error = (code: ErrorCode, fields: ApiError['fields']): ApiError => ({ code, message: 'Check it.', fields });
  it.each<[string, ApiError, boolean]>([
    ['a refusal with fields', error('invalid', [{ field: 'title', message: 'Required.' }]), true],
    ['a refusal without fields', error('invalid', []), false],
    ['fields on another kind of error', error('io', [{ field: 'title', message: 'x' }]), false],
  ])('%s', (_, e, want) => {
    expect(hasFieldProblems(e)).toBe(want);
  });
});
