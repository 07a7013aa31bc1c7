//! Any bytes as an attendee CSV: reading and previewing an import into the
//! sample's Annual Meeting either fails with an error or says, row by row,
//! what would happen; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plenary_core::attendees;
use plenary_core::Store;

thread_local! {
    // Preview writes nothing, so one sample serves every input.
    static SAMPLE: (Store, i64) = {
        let store = plenary_core::sample::sample_in_memory().unwrap();
        let event = attendees::lookup::find_event(&store, "Annual Meeting").unwrap().id;
        (store, event)
    };
}

fuzz_target!(|data: &[u8]| {
    let Ok(table) = attendees::csv_file::read_table(data) else {
        return;
    };
    let mapping = attendees::import::auto_map(&table.headers);
    SAMPLE.with(|(store, event)| {
        let _ = attendees::import::preview(store, &table, &mapping, *event);
        let _ = attendees::import::preview_file(store, data, None, *event);
    });
    for row in &table.rows {
        for cell in &row.cells {
            let _ = attendees::csv_file::escape_cell(cell);
        }
    }
});
