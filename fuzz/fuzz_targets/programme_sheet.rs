//! Any bytes as a programme spreadsheet, read as CSV, TSV and XLSX (and as
//! whatever the sniffer says): reading either fails with an error or gives
//! sessions and one line per bad row; writing what was read back out never
//! fails either. It never panics.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use plenary_core::interop::{sheet, sheet_out};

fuzz_target!(|data: &[u8]| {
    let days = NaiveDate::from_ymd_opt(2024, 11, 18).zip(NaiveDate::from_ymd_opt(2024, 11, 20));
    let options = sheet::SheetOptions {
        mapping: None,
        days,
        order: None,
    };
    let mut formats = vec![
        sheet::SheetFormat::Csv,
        sheet::SheetFormat::Tsv,
        sheet::SheetFormat::Xlsx,
    ];
    formats.extend(sheet::sniff("programme", data));
    for format in formats {
        if let Ok(layout) = sheet::layout(data, format) {
            for header in &layout.headers {
                let _ = sheet::parse_mapping_arg(&format!("{header}=speakers"), &layout.headers);
            }
            // Every column read as the speakers: the people parser on
            // every cell.
            let all_people = sheet::SheetOptions {
                mapping: Some(
                    layout
                        .mapping
                        .iter()
                        .map(|f| match f {
                            sheet::SheetField::Title => sheet::SheetField::Title,
                            _ => sheet::SheetField::Speakers,
                        })
                        .collect(),
                ),
                days,
                order: None,
            };
            let _ = sheet::read(data, format, &all_people);
        }
        if let Ok(reading) = sheet::read(data, format, &options) {
            let _ = sheet_out::write_csv(&reading.programme);
            let _ = sheet_out::write_xlsx(&reading.programme);
        }
    }
});
