//! Any bytes as an iCalendar file: reading either fails with an error or
//! gives a programme with one line per bad item; what it reads writes out
//! and reads back without a panic.
#![no_main]

use chrono::{NaiveDate, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use plenary_core::interop::ical;

fuzz_target!(|data: &[u8]| {
    let window = NaiveDate::from_ymd_opt(2024, 11, 18).zip(NaiveDate::from_ymd_opt(2024, 11, 22));
    for window in [None, window] {
        let Ok(reading) = ical::read(data, window) else {
            continue;
        };
        let stamp = Utc.with_ymd_and_hms(2024, 11, 1, 0, 0, 0).unwrap();
        let text = ical::write(&reading.programme, stamp);
        let _ = ical::read(text.as_bytes(), window);
        let _ = ical::left_out(&reading.programme);
    }
});
