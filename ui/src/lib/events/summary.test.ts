import { describe, expect, it } from 'vitest';
import { copy, week } from '../testing/sample';
import { cochairLine, participationText } from './summary';

const { vocabulary } = week;
// The Commemorative Dialogue's summary in the overview.
const [dialogue] = week.overview.events;

describe('participationText', () => {
  it('lists status counts in vocabulary order with the civil society count', () => {
    const summary = copy(dialogue!);
    // Whatever order the counts come in.
    summary.by_status.reverse();
    expect(participationText(summary, vocabulary)).toBe(
      '17 Members \u00b7 9 Observers \u00b7 11 Guests \u00b7 1 Secretariat (including 5 civil society)',
    );
  });

  it('keeps singular labels for one and skips zero counts', () => {
    expect(
      participationText(
        {
          by_status: [
            { status: 'co_host', count: 1 },
            { status: 'guest', count: 0 },
          ],
          by_category: [{ category: 'civil_society', count: 0 }],
        },
        vocabulary,
      ),
    ).toBe('1 Co-host');
  });

  it('is empty without participants', () => {
    expect(participationText({ by_status: [], by_category: [] }, vocabulary)).toBe('');
  });
});

describe('cochairLine', () => {
  const [first] = dialogue!.cochairs;

  it('names a person with their organisation', () => {
    expect(cochairLine(first!, vocabulary)).toEqual({ label: 'Senior Official Co-Chair', who: 'Ms Lynn Bell (Australia)' });
  });

  it('names the organisation alone and falls back to the vocabulary label', () => {
    expect(cochairLine({ ...first!, role_label: '', person: null }, vocabulary)).toEqual({
      label: 'Co-Chair',
      who: 'Australia',
    });
  });
});
