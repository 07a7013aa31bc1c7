use super::*;
use crate::interop::programme::ProgrammeSession;
use rust_xlsxwriter::{Format, Workbook};

const PROGRAMMES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/programmes/"
);

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{PROGRAMMES}{name}")).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A session as one line: day, times, title, type, room and its people.
fn summary(s: &ProgrammeSession) -> String {
    let day = s.day.map(|d| d.to_string()).unwrap_or("no day".into());
    let times = match (s.start, s.end) {
        (Some(a), Some(b)) => format!("{}–{}", a.format("%H:%M"), b.format("%H:%M")),
        _ => "no time".into(),
    };
    let mut line = format!("{day} {times} | {} | {}", s.title, s.source_kind);
    if let Some(room) = &s.room {
        line.push_str(&format!(" | room {room}"));
    }
    for r in &s.roles {
        let who = match &r.person {
            Some(p) => {
                let mut t = p.full_name();
                if !p.position.is_empty() {
                    t.push_str(&format!(" [{}]", p.position));
                }
                if let Some(o) = &p.organisation {
                    t.push_str(&format!(" ({})", o.name));
                }
                t
            }
            None => format!("note {:?}", r.note),
        };
        line.push_str(&format!(" | {}: {who}", r.kind.key()));
    }
    line
}

fn read_all(bytes: &[u8], format: SheetFormat, options: &SheetOptions) -> Reading {
    read(bytes, format, options).unwrap()
}

fn summaries(r: &Reading) -> Vec<String> {
    r.programme.sessions.iter().map(summary).collect()
}

fn csv(text: &str) -> Reading {
    read_all(text.as_bytes(), SheetFormat::Csv, &SheetOptions::default())
}

fn problems(r: &Reading) -> Vec<String> {
    r.problems.iter().map(SourceProblem::line).collect()
}

const BALI: &[&str] = &[
    "2016-03-22 09:00–10:00 | Arrival of delegates / SOM group photo | logistics",
    "2016-03-22 no time | Opening of the Senior Officials' Meeting | opening | speaker: Hasan Kleib [Director General for Multilateral Affairs]",
    "2016-03-23 no time | Ministerial Conference | plenary",
];

const IOM: &[&str] = &[
    "2018-10-08 10:00–11:00 | Opening Session | opening | speaker: António Vitorino [Director General] | speaker: Louise Arbour [Special Representative of the Secretary-General for International Migration] | speaker: Juan Eduardo Eguiguren [Permanent Representative of Chile to the UN and other international organizations in Geneva; Chairperson of the Council Bureau of IOM]",
    "2018-10-08 11:00–11:30 | Setting the scene | keynote | speaker: Azzouz Samri [Head, ... (truncated in source)]",
    "2020-10-15 10:00–10:15 | Opening Session | opening | speaker: António Vitorino [Director General]",
    "2020-10-15 10:15–11:15 | Panel 1: Safe, coordinated and inclusive human mobility is key to recovery from the COVID-19 pandemic | panel | moderator: Aissata Kane [Senior Regional Adviser for Sub-Saharan Africa] | speaker: Malek Deng Dau Deng [Deputy Minister of Foreign Affairs and International Cooperation] | speaker: Cláudia Pereira [Secretary of State for Integration and Migration] | speaker: Stefano Sannino [Deputy Secretary General for Economic and Global ... (truncated)]",
];

#[test]
fn the_six_programme_files_read_to_the_same_sessions_in_every_format() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "bali-process-6th-ministerial-2016",
            BALI,
            &["row 2", "row 3", "row 4"],
        ),
        ("iom-idm", IOM, &["row 2", "row 3", "row 4", "row 5"]),
    ];
    for (name, expected, csv_places) in cases {
        for (ext, format, first_row) in [
            ("csv", SheetFormat::Csv, 2),
            ("tsv", SheetFormat::Tsv, 2),
            ("xlsx", SheetFormat::Xlsx, 4),
        ] {
            let bytes = file(&format!("{name}.{ext}"));
            assert_eq!(
                sniff(&format!("{name}.{ext}"), &bytes),
                Some(format),
                "{name}.{ext}"
            );
            let r = read_all(&bytes, format, &SheetOptions::default());
            assert_eq!(problems(&r), Vec::<String>::new(), "{name}.{ext}");
            assert_eq!(summaries(&r), *expected, "{name}.{ext}");
            let places: Vec<String> = r
                .programme
                .sessions
                .iter()
                .map(|s| s.place.clone())
                .collect();
            let want: Vec<String> = (0..csv_places.len())
                .map(|i| format!("row {}", first_row + i))
                .collect();
            assert_eq!(places, want, "{name}.{ext}");
        }
    }
}

#[test]
fn the_xlsx_header_under_a_merged_title_is_found_in_row_3() {
    let bytes = file("iom-idm.xlsx");
    let l = layout(&bytes, SheetFormat::Xlsx).unwrap();
    assert_eq!(l.header_row, 3);
    assert_eq!(
        l.headers,
        [
            "Date",
            "Time",
            "Session",
            "Type",
            "Chair / Moderator",
            "Speakers"
        ]
    );
    assert_eq!(
        l.mapping,
        [
            SheetField::Day,
            SheetField::Time,
            SheetField::Title,
            SheetField::Kind,
            SheetField::ChairOrModerator,
            SheetField::Speakers
        ]
    );
    assert_eq!(l.rows, 4);
    let r = read_all(&bytes, SheetFormat::Xlsx, &SheetOptions::default());
    assert_eq!(
        r.report[0],
        "Title row skipped: IOM International Dialogue on Migration (IDM)"
    );
    assert_eq!(
        r.programme.title,
        "IOM International Dialogue on Migration (IDM)"
    );
}

#[test]
fn tbc_rows_become_sessions_on_their_day_without_times() {
    let r = read_all(
        &file("bali-process-6th-ministerial-2016.csv"),
        SheetFormat::Csv,
        &SheetOptions::default(),
    );
    let s = &r.programme.sessions[2];
    assert_eq!(
        (s.day, s.start, s.end),
        (Some(date(2016, 3, 23)), None, None)
    );
    assert!(r
        .report
        .contains(&"row 4: time \"TBC\": kept on 23 March 2016 without times.".to_string()));
    assert!(r.report.contains(
        &"row 2: only a start (09:00); it ends at 10:00, an hour after it starts.".to_string()
    ));
}

#[test]
fn a_start_alone_ends_when_the_next_session_in_its_room_starts() {
    let r = csv("Day,Time,Title,Room\n2024-11-18,09:00,A,Hall\n,09:30,B,Annex\n,10:15,C,Hall\n");
    assert_eq!(
        summaries(&r),
        [
            "2024-11-18 09:00–10:15 | A |  | room Hall",
            "2024-11-18 09:30–10:30 | B |  | room Annex",
            "2024-11-18 10:15–11:15 | C |  | room Hall",
        ]
    );
}

#[test]
fn a_csv_without_a_title_column_is_refused_in_one_line() {
    let err = read(
        b"Date,Time,Room\n2016-03-22,09:00,Hall\n",
        SheetFormat::Csv,
        &SheetOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "file: No column for the session title: expected one of Title, Session, Titre, Intitulé, Topic (found \"Date\", \"Time\", \"Room\")."
    );
}

#[test]
fn bad_rows_get_one_line_each_naming_the_row_and_the_field() {
    let plan = Some((date(2016, 3, 22), date(2016, 3, 23)));
    let cases: &[(&str, &str)] = &[
        (
            "Day,Time,Title\n2016-03-22,9h-ish,Opening\n",
            "row 2: Time \"9h-ish\" is not a time (use 09:00–10:30).",
        ),
        (
            "Day,Time,Title\n2016-03-22,10:30-09:00,Opening\n",
            "row 2: End 09:00 is before start 10:30.",
        ),
        (
            "Day,Time,Title\n2016-03-24,09:00-10:00,Opening\n",
            "row 2: Day 24 March 2016 is outside the plan's days (22 March 2016 to 23 March 2016).",
        ),
        (
            "Day,Time,Title\nWednesday 22 March 2016,09:00-10:00,Opening\n",
            "row 2: Day \"Wednesday 22 March 2016\": 22 March 2016 is a Tuesday, not a Wednesday.",
        ),
        (
            "Day,Time,Title\n2016-03-22,09:00-10:00,\n",
            "row 2: There is no title (the Title column is empty).",
        ),
        (
            "Day,Time,Title\nsoon,09:00-10:00,Opening\n",
            "row 2: Day \"soon\" is not a date (use 22 March 2016 or 2016-03-22).",
        ),
        (
            "Day,Start,End,Title\n2016-03-22,09:00,later,Opening\n",
            "row 2: End \"later\" is not a time (use 10:30).",
        ),
        (
            "Day,Time,Title\n2016-03-32,09:00-10:00,Opening\n,10:00-11:00,Next\n",
            "row 2: Day \"2016-03-32\" is not a date (use 22 March 2016 or 2016-03-22).",
        ),
    ];
    for (text, want) in cases {
        let r = read_all(
            text.as_bytes(),
            SheetFormat::Csv,
            &SheetOptions {
                mapping: None,
                days: plan,
                order: None,
            },
        );
        assert_eq!(
            problems(&r).first().map(String::as_str),
            Some(*want),
            "{text}"
        );
        assert_eq!(r.problems.iter().filter(|p| p.place == "row 2").count(), 1);
    }
}

#[test]
fn a_row_under_an_unreadable_day_says_so() {
    let r = csv("Day,Time,Title\n2016-03-32,09:00-10:00,Opening\n,10:00-11:00,Next\n");
    assert_eq!(
        problems(&r)[1],
        "row 3: The Day is empty and the day above it (row 2) could not be read."
    );
}

#[test]
fn days_are_read_as_people_write_them() {
    let plan = Some((date(2017, 12, 3), date(2017, 12, 6)));
    let cases: &[(&str, NaiveDate, bool)] = &[
        ("Tuesday 22 March 2016", date(2016, 3, 22), false),
        ("Monday, 4 December 2017", date(2017, 12, 4), false),
        ("4 December 2017", date(2017, 12, 4), false),
        ("4 Dec", date(2017, 12, 4), false),
        ("Dec 4", date(2017, 12, 4), false),
        ("December 4th, 2017", date(2017, 12, 4), false),
        ("2017-12-04", date(2017, 12, 4), false),
        ("2017-12-04T00:00:00", date(2017, 12, 4), false),
        ("04/12/2017", date(2017, 12, 4), true),
        ("4.12.2017", date(2017, 12, 4), true),
        ("Day 2", date(2017, 12, 4), false),
        ("Jour 3", date(2017, 12, 5), false),
        ("lundi 4 décembre 2017", date(2017, 12, 4), false),
        ("Lundi 4 déc.", date(2017, 12, 4), false),
        ("mar. 5 déc. 2017", date(2017, 12, 5), false),
        ("1er décembre 2017", date(2017, 12, 1), false),
        ("Mon 4 Dec 2017", date(2017, 12, 4), false),
        ("Tuesday", date(2017, 12, 5), false),
        ("4/12", date(2017, 12, 4), true),
    ];
    for (text, want, day_first) in cases {
        assert_eq!(
            parse_day_text(text, plan, None),
            Ok((*want, *day_first)),
            "{text}"
        );
    }
    assert_eq!(
        parse_day_text("4 Dec", None, None),
        Err("Day \"4 Dec\" has no year; give the year, or the plan's days.".into())
    );
    assert_eq!(
        parse_day_text("Day 2", None, None),
        Err("Day \"Day 2\" counts from the plan's first day, which is not given.".into())
    );
    assert_eq!(
        parse_day_text("Friday", plan, None),
        Err("Day \"Friday\": no Friday among the plan's days.".into())
    );
    assert!(parse_day_text("Panel 1", plan, None).is_err());
    assert!(parse_day_text("13/13/2017", plan, None).is_err());
    // A plan that writes month first reads its programme's numbers so.
    assert_eq!(
        parse_day_text("12/04/2017", plan, Some(DateOrder::MonthDayYear)),
        Ok((date(2017, 12, 4), true))
    );
}

#[test]
fn times_are_read_as_people_write_them() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    type Clock = Option<(NaiveTime, Option<NaiveTime>)>;
    let cases: &[(&str, Clock)] = &[
        ("09:00–10:30", Some((t(9, 0), Some(t(10, 30))))),
        ("09:00-10:30", Some((t(9, 0), Some(t(10, 30))))),
        ("9:00 - 10:30", Some((t(9, 0), Some(t(10, 30))))),
        ("9h00–10h30", Some((t(9, 0), Some(t(10, 30))))),
        ("9h–10h", Some((t(9, 0), Some(t(10, 0))))),
        ("9.00–10.30", Some((t(9, 0), Some(t(10, 30))))),
        ("9:00 am – 12:30 pm", Some((t(9, 0), Some(t(12, 30))))),
        ("2:00 - 4:00 pm", Some((t(14, 0), Some(t(16, 0))))),
        ("10:00 to 11:00", Some((t(10, 0), Some(t(11, 0))))),
        ("9h à 10h", Some((t(9, 0), Some(t(10, 0))))),
        ("0900-1030", Some((t(9, 0), Some(t(10, 30))))),
        ("09:00", Some((t(9, 0), None))),
        ("09:00:00", Some((t(9, 0), None))),
        ("12 noon", Some((t(12, 0), None))),
        ("10.15–1 pm", Some((t(10, 15), Some(t(13, 0))))),
        ("TBC", None),
        ("TBD", None),
        ("à confirmer", None),
        ("", None),
    ];
    for (text, want) in cases {
        let got = match time_range(&Cell::Text(text.to_string())) {
            Ok(TimeCell::Range(a, b) | TimeCell::Overnight(a, b)) => Some((a, Some(b))),
            Ok(TimeCell::Start(a)) => Some((a, None)),
            Ok(TimeCell::Unknown(_)) => None,
            Err(()) => panic!("{text} not read"),
        };
        assert_eq!(&got, want, "{text}");
    }
    for bad in ["9h-ish", "25:00", "13:00 pm", "soon", "9-10-11", "9", "9:5"] {
        assert!(time_range(&Cell::Text(bad.into())).is_err(), "{bad}");
    }
    assert!(matches!(time_range(&Cell::Number(0.375)), Ok(TimeCell::Start(x)) if x == t(9, 0)));
}

#[test]
fn headers_are_mapped_in_english_and_french_whatever_their_case_and_accents() {
    let cases: &[(&str, SheetField)] = &[
        ("Jour", SheetField::Day),
        ("DATE", SheetField::Day),
        ("Heure de début", SheetField::Start),
        ("Début", SheetField::Start),
        ("Fin", SheetField::End),
        ("Horaire", SheetField::Time),
        ("Time (CET)", SheetField::Time),
        ("Intitulé", SheetField::Title),
        ("Topic", SheetField::Title),
        ("Salle", SheetField::Room),
        ("Lieu", SheetField::Room),
        ("Format", SheetField::Kind),
        ("Point de l'ordre du jour", SheetField::AgendaItem),
        ("Président(e)", SheetField::Chair),
        ("Présidence", SheetField::Chair),
        ("Modératrice", SheetField::Moderator),
        ("Facilitator", SheetField::Moderator),
        ("Chair / Moderator", SheetField::ChairOrModerator),
        ("Intervenants", SheetField::Speakers),
        ("Orateurs", SheetField::Speakers),
        ("Panelists", SheetField::Panellists),
        ("Panellists", SheetField::Panellists),
        ("Presenters", SheetField::Presenters),
        ("Remarques", SheetField::Description),
        ("Notes", SheetField::Description),
        ("Réunion", SheetField::Event),
        ("Track", SheetField::Ignore),
        ("", SheetField::Ignore),
    ];
    for (header, want) in cases {
        assert_eq!(SheetField::from_header(header), *want, "{header}");
    }
}

#[test]
fn every_field_has_a_key_that_finds_it_again() {
    for f in SheetField::ALL {
        assert_eq!(SheetField::from_key(f.key()), Some(*f));
        assert!(!f.label().is_empty());
    }
}

#[test]
fn a_map_argument_names_a_column_by_header_or_number_and_a_field_by_key_or_label() {
    let headers: Vec<String> = ["Date", "Time", "Session", "Intervenants"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let ok: &[(&str, (usize, SheetField))] = &[
        ("Intervenants=panellists", (3, SheetField::Panellists)),
        ("intervenants = Panellists", (3, SheetField::Panellists)),
        ("4=presenters", (4 - 1, SheetField::Presenters)),
        ("Session=ignore", (2, SheetField::Ignore)),
        ("Date=Agenda item", (0, SheetField::AgendaItem)),
    ];
    for (arg, want) in ok {
        assert_eq!(parse_mapping_arg(arg, &headers).unwrap(), *want, "{arg}");
    }
    let bad: &[(&str, &str)] = &[
        ("Speakers", "\"Speakers\" is not COLUMN=FIELD, as in \"Speakers=panellists\"."),
        ("9=title", "There is no column 9: the sheet has 4 columns."),
        (
            "Speakerz=title",
            "No column is headed \"Speakerz\"; the headers are: \"Date\", \"Time\", \"Session\", \"Intervenants\".",
        ),
    ];
    for (arg, want) in bad {
        assert_eq!(
            parse_mapping_arg(arg, &headers).unwrap_err().to_string(),
            format!("map: {want}")
        );
    }
    let err = parse_mapping_arg("Date=when", &headers)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("map: \"when\" is not a field; use one of: day, start, end, time, title")
    );
}

#[test]
fn a_map_override_changes_what_a_column_is_read_as() {
    let bytes = file("iom-idm.csv");
    let mut l = layout(&bytes, SheetFormat::Csv).unwrap();
    let (column, field) = parse_mapping_arg("Speakers=panellists", &l.headers).unwrap();
    l.mapping[column] = field;
    let (column, field) = parse_mapping_arg("Type=ignore", &l.headers).unwrap();
    l.mapping[column] = field;
    let r = read_all(
        &bytes,
        SheetFormat::Csv,
        &SheetOptions {
            mapping: Some(l.mapping),
            days: None,
            order: None,
        },
    );
    let first = &r.programme.sessions[0];
    assert_eq!(first.source_kind, "");
    assert!(first.roles.iter().all(|r| r.kind == RoleKind::Panellist));
    // Without the type, the panel's "Chair / Moderator" is its chair.
    assert_eq!(r.programme.sessions[3].roles[0].kind, RoleKind::Chair);
}

#[test]
fn a_day_written_once_or_merged_down_is_the_day_of_the_rows_below() {
    let r = csv("Day,Time,Title\nMonday 4 December 2017,,\n,09:00-10:00,A\n,10:00-11:00,B\n5 December 2017,09:00-10:00,C\n");
    assert_eq!(
        summaries(&r),
        [
            "2017-12-04 09:00–10:00 | A | ",
            "2017-12-04 10:00–11:00 | B | ",
            "2017-12-05 09:00–10:00 | C | ",
        ]
    );
    assert!(r.problems.is_empty());

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Day", "Time", "Title", "Room"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet
        .merge_range(1, 0, 3, 0, "4 December 2017", &Format::new())
        .unwrap();
    for (r, (t, title)) in [
        ("09:00-10:00", "A"),
        ("10:00-11:00", "B"),
        ("11:00-12:00", "C"),
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(r as u32 + 1, 1, *t).unwrap();
        sheet.write_string(r as u32 + 1, 2, *title).unwrap();
    }
    // Lunch across the title and the room, with its time.
    sheet.write_string(4, 1, "12:00-13:00").unwrap();
    sheet
        .merge_range(4, 2, 4, 3, "Lunch", &Format::new())
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let r = read_all(&bytes, SheetFormat::Xlsx, &SheetOptions::default());
    assert_eq!(problems(&r), Vec::<String>::new());
    assert_eq!(
        summaries(&r),
        [
            "2017-12-04 09:00–10:00 | A | ",
            "2017-12-04 10:00–11:00 | B | ",
            "2017-12-04 11:00–12:00 | C | ",
            "2017-12-04 12:00–13:00 | Lunch | ",
        ]
    );
}

#[test]
fn a_row_merged_across_the_table_without_a_time_is_a_problem_naming_the_row() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Day", "Time", "Title", "Room"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "2017-12-04").unwrap();
    sheet.write_string(1, 1, "09:00-10:00").unwrap();
    sheet.write_string(1, 2, "Opening").unwrap();
    sheet
        .merge_range(2, 0, 2, 3, "Lunch", &Format::new())
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let r = read_all(&bytes, SheetFormat::Xlsx, &SheetOptions::default());
    assert_eq!(
        problems(&r),
        ["row 3: \"Lunch\" is merged across columns A–D and has no time to place it; give it a time or unmerge the cells."]
    );
    assert_eq!(r.programme.sessions.len(), 1);
}

#[test]
fn excel_date_and_time_cells_are_read_as_dates_and_times() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Date", "Start", "End", "Title"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2017, 12, 4).unwrap();
    let nine = rust_xlsxwriter::ExcelDateTime::from_hms(9, 0, 0).unwrap();
    let ten = rust_xlsxwriter::ExcelDateTime::from_hms(10, 30, 0).unwrap();
    let fmt_d = Format::new().set_num_format("dd/mm/yyyy");
    let fmt_t = Format::new().set_num_format("hh:mm");
    sheet
        .write_datetime_with_format(1, 0, &day, &fmt_d)
        .unwrap();
    sheet
        .write_datetime_with_format(1, 1, &nine, &fmt_t)
        .unwrap();
    sheet
        .write_datetime_with_format(1, 2, &ten, &fmt_t)
        .unwrap();
    sheet.write_string(1, 3, "Opening").unwrap();
    // A plain serial and plain fractions of a day.
    sheet.write_number(2, 0, 43073.0).unwrap();
    sheet.write_number(2, 1, 0.5).unwrap();
    sheet.write_number(2, 2, 0.5625).unwrap();
    sheet.write_string(2, 3, "Lunch").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let r = read_all(&bytes, SheetFormat::Xlsx, &SheetOptions::default());
    assert_eq!(problems(&r), Vec::<String>::new());
    assert_eq!(
        summaries(&r),
        [
            "2017-12-04 09:00–10:30 | Opening | ",
            "2017-12-04 12:00–13:30 | Lunch | ",
        ]
    );
}

#[test]
fn tsv_with_quoted_cells_and_a_trailing_empty_column_reads() {
    let text = "Day\tTime\tTitle\tSpeakers\t\r\n2017-12-04\t09:00–10:00\tOpening\t\"Mr John Roe (IOM)\nMs Ann Lee\"\t\r\n";
    assert_eq!(sniff("pasted.txt", text.as_bytes()), Some(SheetFormat::Tsv));
    let r = read_all(text.as_bytes(), SheetFormat::Tsv, &SheetOptions::default());
    assert_eq!(
        summaries(&r),
        ["2017-12-04 09:00–10:00 | Opening |  | speaker: Mr John Roe (IOM) | speaker: Ms Ann Lee"]
    );
}

#[test]
fn sniffing_tells_xlsx_tsv_csv_and_refuses_other_binaries() {
    assert_eq!(sniff("a.xlsx", b"PK\x03\x04rest"), Some(SheetFormat::Xlsx));
    assert_eq!(sniff("a.csv", b"Day,Time,Title\n"), Some(SheetFormat::Csv));
    assert_eq!(sniff("a.csv", b"Day;Time;Title\n"), Some(SheetFormat::Csv));
    assert_eq!(sniff("a.xls", b"\xD0\xCF\x11\xE0\x00\x00"), None);
    let commas = "Day\tTitle\tSpeakers\n4 Dec\tOpening\tA, B, C, D; E, F, G\n";
    assert_eq!(sniff("a.txt", commas.as_bytes()), Some(SheetFormat::Tsv));
}

#[test]
fn hostile_bytes_are_refused_in_one_line_without_a_panic() {
    let cases: &[(&[u8], SheetFormat)] = &[
        (b"", SheetFormat::Csv),
        (b"", SheetFormat::Tsv),
        (b"", SheetFormat::Xlsx),
        (b"PK\x03\x04garbage", SheetFormat::Xlsx),
        (b"\"unclosed", SheetFormat::Csv),
        (b"\t\t\t\n\t\t", SheetFormat::Tsv),
    ];
    for (bytes, format) in cases {
        let _ = read(bytes, *format, &SheetOptions::default());
        let _ = layout(bytes, *format);
    }
}

#[test]
fn blank_rows_above_a_csv_header_keep_the_row_numbers() {
    let r = csv(",,\nProgramme,,\n,,\nDay,Time,Title\n43073,09:00-10:00,Opening\n");
    assert_eq!(r.report[0], "Title row skipped: Programme");
    assert_eq!(summaries(&r), ["2017-12-04 09:00–10:00 | Opening | "]);
    assert_eq!(r.programme.sessions[0].place, "row 5");
}

#[test]
fn damaged_copies_of_the_sample_files_never_panic() {
    // A fixed walk over truncations and flipped bytes: fast, and the same
    // every run.
    for name in ["iom-idm.xlsx", "iom-idm.csv", "iom-idm.tsv"] {
        let bytes = file(name);
        let format = sniff(name, &bytes).unwrap();
        let mut seed: u32 = 7;
        for i in 0..200 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let mut damaged = bytes.clone();
            if i % 2 == 0 {
                damaged.truncate(seed as usize % bytes.len());
            } else {
                let at = seed as usize % bytes.len();
                damaged[at] ^= (seed >> 16) as u8 | 1;
            }
            let _ = read(&damaged, format, &SheetOptions::default());
        }
    }
}

#[test]
fn an_end_after_midnight_is_marked_and_read_on_the_next_day() {
    let r = csv("Date,Start,End,Title\n\
                 2024-11-19,22:45,00:15 (+1),Late reception\n\
                 2024-11-19,23:00,00:30,Forgotten mark\n");
    let s = &r.programme.sessions[0];
    assert_eq!(s.start.unwrap().to_string(), "2024-11-19 22:45:00");
    assert_eq!(s.end.unwrap().to_string(), "2024-11-20 00:15:00");
    assert_eq!(
        problems(&r),
        vec!["row 3: End 00:30 is before start 23:00."]
    );
    let range = csv("Date,Time,Title\n2024-11-19,22:45–00:15 (+1),Late reception\n");
    assert_eq!(
        range.programme.sessions[0].end.unwrap().to_string(),
        "2024-11-20 00:15:00"
    );
    // The export writes the mark, so such a session reads back whole.
    let written = crate::interop::sheet_out::write_csv(&r.programme);
    assert!(written.contains("00:15 (+1)"), "{written}");
    let back = csv(&written);
    assert_eq!(back.programme.sessions[0].end, s.end);
}
