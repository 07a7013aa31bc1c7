import { describe, expect, it } from 'vitest';
import { computerTimeZone, zoneNotice } from './zone';

describe('zoneNotice', () => {
  it('explains whose time is shown when the zones differ', () => {
    expect(zoneNotice('Europe/Berlin', 'Asia/Bangkok')).toBe(
      "This computer is set to Europe/Berlin. All times are shown in the plan's time zone, Asia/Bangkok.",
    );
  });

  it('says nothing when they agree or one is unknown', () => {
    expect(zoneNotice('Asia/Bangkok', 'Asia/Bangkok')).toBeNull();
    expect(zoneNotice('', 'Asia/Bangkok')).toBeNull();
    expect(zoneNotice('Europe/Berlin', '')).toBeNull();
  });

  it('reads this computer’s zone', () => {
    expect(computerTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
