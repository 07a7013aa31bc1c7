//! Any bytes as a frab schedule, XML and JSON: reading either fails with an
//! error or gives a programme with one line per bad event; a programme read
//! is written out as both and read back; nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plenary_core::interop::{frab_json, frab_xml};

fuzz_target!(|data: &[u8]| {
    for reading in [frab_xml::read(data), frab_json::read(data)]
        .into_iter()
        .flatten()
    {
        let xml = frab_xml::write(&reading.programme);
        let json = frab_json::write(&reading.programme);
        let _ = frab_xml::read(xml.as_bytes());
        let _ = frab_json::read(json.as_bytes());
    }
});
