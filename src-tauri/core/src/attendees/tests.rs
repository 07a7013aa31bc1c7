use super::csv_file;
use super::export::*;
use super::import::*;
use super::lookup::*;
use crate::edit::attendance::check_in;
use crate::error::Result;
use crate::model::*;
use crate::sample::sample_in_memory;
use crate::store::Store;

fn annual(store: &Store) -> Id {
    store.events().unwrap()[1].id
}

fn run(store: &mut Store, csv: &[u8]) -> Result<(ImportPreview, ImportSummary)> {
    let event = annual(store);
    import(store, "test.csv", csv, None, event, false)
}

const INDICO: &str = "\"ID\",\"Name\",\"Title\",\"First Name\",\"Last Name\",\"Email Address\",\"Affiliation\",\"Position\",\"Address\",\"Country\",\"Phone Number\",\"Registration date\",\"Registration state\",\"Checked in\",\"Check-in date\",\"Tags\"
\"1\",\"Somchai Jaidee\",\"Mr\",\"Somchai\",\"Jaidee\",\"somchai@example.go.th\",\"Thailand\",\"Director\",\"Bangkok\",\"Thailand\",\"+66 2 000 0000\",\"2024-10-01 10:00\",\"complete\",\"True\",\"2024-11-19 08:40\",\"\"
\"2\",\"Nguyễn Thị Lan\",\"Ms\",\"Thị Lan\",\"Nguyễn\",\"lan@example.gov.vn\",\"Vietnam\",\"Deputy Director\",\"\",\"Vietnam\",\"\",\"2024-10-02 10:00\",\"pending\",\"False\",\"\",\"\"
\"3\",\"Aisha Rahman\",\"Dr\",\"Aisha\",\"Rahman\",\"aisha@example.org\",\"Walk Free\",\"Research Lead\",\"\",\"\",\"\",\"2024-10-03 10:00\",\"complete\",\"False\",\"\",\"\"
";

#[test]
fn indico_export_is_auto_mapped_and_imported() {
    let mut store = sample_in_memory().unwrap();
    let (preview, summary) = run(&mut store, INDICO.as_bytes()).unwrap();
    assert_eq!(preview.encoding, "UTF-8");
    assert_eq!(preview.delimiter, "comma");
    assert_eq!(preview.mapping[5], ImportField::Email);
    assert_eq!(
        preview.mapping[8],
        ImportField::Ignore,
        "Address is not a person field here"
    );
    assert_eq!(
        summary,
        ImportSummary {
            created: 3,
            updated: 0,
            unchanged: 0,
            errors: 0
        }
    );
    let list = attendee_list(&store, annual(&store)).unwrap();
    let names: Vec<String> = list
        .iter()
        .map(|l| format!("{} ({})", l.family_name, l.organisation))
        .collect();
    // Protocol order: the co-chairs (none attending here), members, then civil society.
    assert_eq!(
        names,
        vec![
            "Jaidee (Thailand)",
            "Nguyễn (Vietnam)",
            "Rahman (Walk Free)"
        ]
    );
    assert_eq!(list[0].registration, RegistrationStatus::Confirmed);
    assert_eq!(list[1].registration, RegistrationStatus::Registered);
    assert_eq!(
        list[0].days_present,
        vec![chrono::NaiveDate::from_ymd_opt(2024, 11, 19).unwrap()]
    );
    assert_eq!(
        store.undo_state().unwrap().undo.unwrap(),
        "Imported 3 people from test.csv"
    );
}

#[test]
fn re_importing_updates_instead_of_duplicating() {
    let mut store = sample_in_memory().unwrap();
    run(&mut store, INDICO.as_bytes()).unwrap();
    let people = store.people().unwrap().len();
    let (_, again) = run(&mut store, INDICO.as_bytes()).unwrap();
    assert_eq!(
        again,
        ImportSummary {
            created: 0,
            updated: 0,
            unchanged: 3,
            errors: 0
        }
    );
    let changed = INDICO.replace("\"Director\"", "\"Director-General\"");
    let (preview, summary) = run(&mut store, changed.as_bytes()).unwrap();
    assert_eq!(summary.updated, 1);
    assert_eq!(preview.rows[0].message, "updates position");
    assert_eq!(store.people().unwrap().len(), people);
}

#[test]
fn a_match_by_name_and_organisation_when_there_is_no_email() {
    let mut store = sample_in_memory().unwrap();
    let csv = "First Name,Last Name,Affiliation,Position\nLynn,Bell,Australia,Ambassador\n";
    let (preview, summary) = run(&mut store, csv.as_bytes()).unwrap();
    assert_eq!(summary.updated, 1, "{:?}", preview.rows);
    assert!(preview.rows[0].message.contains("position"));
}

#[test]
fn pretalx_export_with_multi_line_cells_and_formula_escapes() {
    let mut store = sample_in_memory().unwrap();
    let csv = "\"ID\",\"Name\",\"Biography\",\"Email\",\"Picture\",\"Proposal IDs\",\"Proposal titles\",\"Which day suits you?\"\n\
\"ABCDEF\",\"Maria Santos\",\"Works on\nonline scams\",\"maria@example.org\",\"\",\"X1\nX2\",\"'=Scam centres\nRecovery\",\"Tuesday\"\n\
\"GHIJKL\",\"'=cmd|' /C calc'!A0\",\"\",\"calc@example.org\",\"\",\"\",\"\",\"\"\n";
    let (preview, summary) = run(&mut store, csv.as_bytes()).unwrap();
    assert_eq!(summary.created, 2, "{:?}", preview.rows);
    assert_eq!(preview.mapping[0], ImportField::ExternalId);
    assert_eq!(preview.mapping[1], ImportField::FullName);
    assert_eq!(preview.mapping[2], ImportField::Ignore);
    let people = store.people().unwrap();
    assert!(people
        .iter()
        .any(|p| p.given_name == "Maria" && p.family_name == "Santos"));
    // The escape is undone on import and put back on export.
    let odd = people
        .iter()
        .find(|p| p.email == "calc@example.org")
        .unwrap();
    assert_eq!(
        format!("{} {}", odd.given_name, odd.family_name),
        "=cmd|' /C calc'!A0"
    );
    let exported = attendee_csv(&attendee_list(&store, annual(&store)).unwrap());
    assert!(exported.contains("'=cmd|'"), "{exported}");
}

#[test]
fn semicolons_in_windows_1252_and_a_bom() {
    let mut store = sample_in_memory().unwrap();
    let mut bytes = b"Nom;First Name;Last Name;Email;Organisation\n;Jos\xe9;M\xfcller;jose@example.org;Walk Free\n".to_vec();
    let (preview, _) = run(&mut store, &bytes).unwrap();
    assert_eq!(
        (preview.encoding.as_str(), preview.delimiter.as_str()),
        ("Windows-1252", "semicolon")
    );
    assert!(store
        .people()
        .unwrap()
        .iter()
        .any(|p| p.given_name == "José" && p.family_name == "Müller"));

    bytes = "\u{feff}First Name\tLast Name\tEmail\nAna\tLima\tana@example.org\n"
        .as_bytes()
        .to_vec();
    let (preview, summary) = run(&mut store, &bytes).unwrap();
    assert_eq!(
        (preview.encoding.as_str(), preview.delimiter.as_str()),
        ("UTF-8 with BOM", "tab")
    );
    assert_eq!(
        preview.mapping[0],
        ImportField::GivenName,
        "the BOM is not part of the first header"
    );
    assert_eq!(summary.created, 1);
}

#[test]
fn malformed_rows_each_get_one_line_naming_the_row() {
    let header =
        "First Name,Last Name,Email,Affiliation,Category,Registration state,Capacity,Check-in date";
    let cases: &[(&str, &str)] = &[
        (",,a@example.org,,,,,", "Row 2: Name is missing."),
        ("Ann,Lee,ann@,,,,,", "Row 2: Email \"ann@\" is not a valid email address."),
        ("Ann,Lee,ann.example.org,,,,,", "Row 2: Email \"ann.example.org\" is not a valid email address."),
        ("Ann,Lee,ann lee@example.org,,,,,", "Row 2: Email \"ann lee@example.org\" is not a valid email address."),
        ("Ann,Lee,ann@localhost,,,,,", "Row 2: Email \"ann@localhost\" is not a valid email address."),
        ("Ann,Lee,a@x.org,Thailand,Kingdom,,,", "Row 2: Category \"Kingdom\" is not one of: member state, observer state, international organisation, intergovernmental forum or process, local authority, civil society, private sector, programme, workstream or other body, secretariat."),
        ("Ann,Lee,a@x.org,,Member state,,,", "Row 2: Category is set but Organisation is empty."),
        ("Ann,Lee,a@x.org,,,maybe,,", "Row 2: Registration \"maybe\" is not one of: invited, registered, confirmed, declined."),
        ("Ann,Lee,a@x.org,,,,boss,", "Row 2: Capacity \"boss\" is not one of: head of delegation, alternate, adviser, delegate, observer."),
        ("Ann,Lee,a@x.org,,,,,19/11/2024", "Row 2: Check-in date \"19/11/2024\" is not a date (use YYYY-MM-DD)."),
        ("Ann,Lee,a@x.org,,,,", "Row 2: has 7 fields, the header has 8."),
        ("Ann,Lee,a@x.org,,,,,,extra", "Row 2: has 9 fields, the header has 8."),
        ("An\u{7}n,Lee,a@x.org,,,,,", "Row 2: First name contains a control character."),
        ("Ann,Lee,a@x.org,\"Thai\u{1b}land\",,,,", "Row 2: Organisation contains a control character."),
        ("Ann,Leeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee,a@x.org,,,,,", "Row 2: Last name is longer than 120 characters."),
        ("Ann,Lee,ann@example.org,,,,,\nAnn,Lee,ANN@example.org,,,,,", "Row 3: duplicates an earlier row (same email as row 2)."),
        ("Ann,Lee,,Walk Free,,,,\nann,lee,,walk free,,,,", "Row 3: duplicates an earlier row (same name and organisation as row 2)."),
        ("Ann,Lee,a@x.org,,,,,\n\"Bo,Ray,b@x.org,,,,,", "Row 3: has 1 field, the header has 8."),
    ];
    assert!(cases.len() >= 15);
    for (rows, want) in cases {
        let mut store = sample_in_memory().unwrap();
        let before = store.people().unwrap();
        let csv = format!("{header}\n{rows}\n");
        let event = annual(&store);
        let table = csv_file::read_table(csv.as_bytes()).unwrap();
        let (preview, _) = preview(&store, &table, &auto_map(&table.headers), event).unwrap();
        let errors: Vec<&str> = preview
            .rows
            .iter()
            .filter(|r| r.action == RowAction::Error)
            .map(|r| r.message.as_str())
            .collect();
        assert_eq!(errors, vec![*want], "rows: {rows}");
        assert!(!want.contains('\n'));
        let err = run(&mut store, csv.as_bytes()).expect_err("refused");
        assert!(err.to_string().ends_with("nothing was written."), "{err}");
        assert_eq!(
            store.people().unwrap(),
            before,
            "nothing written for {rows}"
        );
    }
}

#[test]
fn file_level_problems() {
    let mut store = sample_in_memory().unwrap();
    let event = annual(&store);
    let cases: &[(&[u8], &str)] = &[
        (b"", "file: The file is empty."),
        (b"  \n", "file: The file is empty."),
        (
            b"Position,Phone\nDirector,1\n",
            "mapping: Map at least one name column (Name, First name or Last name).",
        ),
    ];
    for (bytes, want) in cases {
        let err = import(&mut store, "x.csv", bytes, None, event, false)
            .err()
            .unwrap();
        assert_eq!(err.to_string(), *want);
    }
    let table = csv_file::read_table(b"Email,E-mail,Name\na@x.org,b@x.org,Ann Lee\n").unwrap();
    let mapping = [
        ImportField::Email,
        ImportField::Email,
        ImportField::FullName,
    ];
    assert_eq!(
        preview(&store, &table, &mapping, event)
            .err()
            .unwrap()
            .to_string(),
        "mapping: Columns \"Email\" and \"E-mail\" both map to email."
    );
}

#[test]
fn skip_invalid_imports_the_good_rows() {
    let mut store = sample_in_memory().unwrap();
    let csv = "Name,Email\nAnn Lee,ann@example.org\nBad Mail,bad@\n";
    let event = annual(&store);
    let (_, summary) = import(&mut store, "x.csv", csv.as_bytes(), None, event, true).unwrap();
    assert_eq!(
        summary,
        ImportSummary {
            created: 1,
            updated: 0,
            unchanged: 0,
            errors: 1
        }
    );
}

#[test]
fn export_then_re_import_changes_nothing() {
    let mut store = sample_in_memory().unwrap();
    run(&mut store, INDICO.as_bytes()).unwrap();
    let exported = attendee_csv(&attendee_list(&store, annual(&store)).unwrap());
    let history = store.history(100).unwrap().len();
    let (preview, summary) = run(&mut store, exported.as_bytes()).unwrap();
    assert_eq!(
        summary,
        ImportSummary {
            created: 0,
            updated: 0,
            unchanged: 3,
            errors: 0
        },
        "{:?}",
        preview.rows
    );
    assert_eq!(
        store.history(100).unwrap().len(),
        history,
        "no step recorded"
    );
}

#[test]
fn check_in_by_day_and_undo() {
    let mut store = sample_in_memory().unwrap();
    run(&mut store, INDICO.as_bytes()).unwrap();
    let event = annual(&store);
    let lan = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.family_name == "Nguyễn")
        .unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 11, 19).unwrap();
    let at = day.and_hms_opt(8, 30, 0).unwrap();
    check_in(&mut store, event, lan.id, day, true, at).unwrap();
    let present = |store: &Store| {
        attendee_list(store, event)
            .unwrap()
            .into_iter()
            .find(|l| l.person_id == lan.id)
            .unwrap()
            .days_present
    };
    assert_eq!(present(&store), vec![day]);
    store.undo().unwrap();
    assert!(present(&store).is_empty());
    let err = check_in(&mut store, event, lan.id, day.succ_opt().unwrap(), true, at)
        .err()
        .unwrap();
    assert_eq!(
        err.to_string(),
        "day: 10th Annual Meeting does not run on 2024-11-20 (19 Nov 2024)."
    );
}

#[test]
fn itinerary_lists_a_persons_sessions() {
    let store = sample_in_memory().unwrap();
    let bell = find_person(&store, "Lynn Bell").unwrap();
    assert_eq!(find_person(&store, "ms lynn bell").unwrap().id, bell.id);
    let entries = itinerary(&store, bell.id).unwrap();
    let got: Vec<(String, RoleKind)> = entries
        .iter()
        .map(|e| (e.session.title.clone(), e.role))
        .collect();
    assert_eq!(
        got,
        vec![(
            "Opening remarks by the Senior Official Co-Chairs".to_string(),
            RoleKind::CoChair
        )]
    );
    assert_eq!(
        find_event(&store, "annual meeting").unwrap().title,
        "10th Annual Meeting"
    );
    assert_eq!(
        find_event(&store, "Summit").err().unwrap().to_string(),
        "event: No event \"Summit\" (events: Commemorative Dialogue, Annual Meeting, Regional Event)."
    );
}

#[test]
fn the_list_is_written_to_a_file_and_read_back_through_one_door() {
    let store = sample_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("annual.csv");
    let n = export_csv(&store, annual(&store), &out).unwrap();
    let lines = attendee_list(&store, annual(&store)).unwrap();
    assert_eq!(n as usize, lines.len());
    let bytes = csv_file::read_file(&out).unwrap();
    assert_eq!(bytes, attendee_csv(&lines).into_bytes());

    let nowhere = dir.path().join("no such folder").join("x.csv");
    let err = export_csv(&store, annual(&store), &nowhere).unwrap_err();
    assert_eq!(err.code(), crate::error::ErrorCode::Invalid);
    assert!(
        err.to_string()
            .starts_with(&format!("out: {} could not be written:", nowhere.display())),
        "{err}"
    );
    assert!(!nowhere.exists());
    let err = csv_file::read_file(&nowhere).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("file: {} could not be read:", nowhere.display())),
        "{err}"
    );
}

#[test]
fn files_rows_and_row_counts_beyond_the_limits_are_refused_with_the_row() {
    use csv_file::{MAX_FILE_BYTES, MAX_ROWS, MAX_ROW_BYTES};
    let long_row = format!(
        "Name,Email\nAnn Lee,ann@example.org\n{},a@x.org\n",
        "A".repeat(MAX_ROW_BYTES)
    );
    let rows = |n: usize| {
        let mut csv = String::from("Name\n");
        for i in 0..n {
            csv.push_str(&format!("Person {i}\n"));
        }
        csv
    };
    let cases: Vec<(String, &str)> = vec![
        (
            long_row,
            "file: Row 3: the row is 65 KiB; a row may be at most 64 KiB.",
        ),
        (
            rows(MAX_ROWS + 1),
            "file: Row 50002: the file has more than 50000 attendee rows; import it in parts.",
        ),
    ];
    for (csv, want) in cases {
        let err = csv_file::read_table(csv.as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), want);
        assert_eq!(err.to_string().lines().count(), 1);
    }
    assert_eq!(
        csv_file::read_table(rows(MAX_ROWS).as_bytes())
            .unwrap()
            .rows
            .len(),
        MAX_ROWS
    );

    // A sparse file: as large as it claims, without the disk space.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_FILE_BYTES + 1)
        .unwrap();
    assert_eq!(
        csv_file::read_file(&path).unwrap_err().to_string(),
        "file: The file is larger than 50 MB; split it into smaller files."
    );
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_FILE_BYTES)
        .unwrap();
    assert_eq!(
        csv_file::read_file(&path).unwrap().len() as u64,
        MAX_FILE_BYTES
    );
}

#[test]
fn cells_a_spreadsheet_would_run_are_escaped_and_unescaped() {
    let table: &[(&str, &str)] = &[
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+66 2 000 0000", "'+66 2 000 0000"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\t=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0"),
        ("\r=cmd", "'\r=cmd"),
        ("Thailand", "Thailand"),
        ("'quoted", "'quoted"),
        ("", ""),
    ];
    for (cell, escaped) in table {
        assert_eq!(csv_file::escape_cell(cell), *escaped, "{cell:?}");
        assert_eq!(csv_file::unescape_cell(escaped), *cell, "{escaped:?}");
    }
}

#[test]
fn an_email_or_id_too_long_for_a_plan_is_refused_with_the_row() {
    let header = "First Name,Last Name,Email,ID";
    let cases = [
        (
            format!("Ann,Lee,{}@x.org,7", "a".repeat(300)),
            "Row 2: Email is longer than 254 characters.",
        ),
        (
            format!("Ann,Lee,ann@x.org,{}", "7".repeat(2_000)),
            "Row 2: ID is longer than 120 characters.",
        ),
    ];
    for (row, want) in cases {
        let store = sample_in_memory().unwrap();
        let csv = format!("{header}\n{row}\n");
        let table = csv_file::read_table(csv.as_bytes()).unwrap();
        let (preview, _) =
            preview(&store, &table, &auto_map(&table.headers), annual(&store)).unwrap();
        let errors: Vec<&str> = preview
            .rows
            .iter()
            .filter(|r| r.action == RowAction::Error)
            .map(|r| r.message.as_str())
            .collect();
        assert_eq!(errors, vec![want]);
    }
}

#[test]
fn people_are_found_by_name_without_case_or_accents() {
    let mut store = sample_in_memory().unwrap();
    run(&mut store, INDICO.as_bytes()).unwrap();
    let lan = find_person(&store, "Thị Lan Nguyễn").unwrap();
    for typed in [
        "thi lan nguyen",
        "Ms THỊ LAN NGUYỄN",
        "ms thi lan nguyen",
        "LAN@EXAMPLE.GOV.VN",
    ] {
        assert_eq!(find_person(&store, typed).unwrap().id, lan.id, "{typed}");
    }
    assert!(find_person(&store, "nguyen").is_err(), "a whole name only");
    assert_eq!(
        find_event(&store, "ANNUAL MEETING").unwrap().title,
        "10th Annual Meeting"
    );
}
