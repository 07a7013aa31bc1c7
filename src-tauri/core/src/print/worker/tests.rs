use super::*;
use crate::print::document::{self, Changes, DocKind, PrintRequest};

fn sample(kind: DocKind) -> Printable {
    let store = crate::sample::sample_in_memory().unwrap();
    document::build(
        &store,
        &PrintRequest::new(kind),
        "Draft".into(),
        &Changes::default(),
    )
    .unwrap()
}

fn replies(output: &[u8]) -> Vec<Reply> {
    std::str::from_utf8(output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_document_survives_the_trip_to_the_worker() {
    for kind in [
        DocKind::Programme,
        DocKind::Participants,
        DocKind::Speakers,
        DocKind::Namecards,
        DocKind::Glance,
        DocKind::Doors,
        DocKind::Summary,
        DocKind::Report,
    ] {
        // What the layout reads is the document as JSON: the same after the
        // trip (fields the layout never sees, such as how a delegation is
        // counted, stay behind).
        let text = serde_json::to_string(&Job::Preview { doc: sample(kind) }).unwrap();
        let back: Job = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), text, "{kind:?}");
    }
}

#[test]
fn the_worker_says_its_protocol_then_answers_with_pages() {
    let request = serde_json::to_vec(&Request {
        protocol: PROTOCOL,
        job: Job::Preview {
            doc: sample(DocKind::Programme),
        },
    })
    .unwrap();
    let mut out = Vec::new();
    assert_eq!(serve(&request[..], &mut out), 0);
    let replies = replies(&out);
    assert_eq!(replies[0], Reply::Hello { protocol: PROTOCOL });
    assert!(matches!(replies[1], Reply::Progress(_)), "{:?}", replies[1]);
    let Some(Reply::Drawn(drawn)) = replies.last() else {
        panic!("pages last: {:?}", replies.last())
    };
    assert!(drawn.pages.len() > 1);
    assert!(drawn.pages.iter().all(|p| p.starts_with("<svg")));
    assert_eq!(drawn.warnings, Vec::<String>::new());
}

#[test]
fn the_worker_writes_the_pdf_where_it_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("cards.pdf");
    let request = serde_json::to_vec(&Request {
        protocol: PROTOCOL,
        job: Job::Pdf {
            doc: sample(DocKind::Namecards),
            out: out_path.clone(),
        },
    })
    .unwrap();
    let mut out = Vec::new();
    assert_eq!(serve(&request[..], &mut out), 0);
    let Some(Reply::Written(w)) = replies(&out).pop() else {
        panic!("written last")
    };
    let bytes = std::fs::read(&out_path).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(w.bytes as usize, bytes.len());
    assert!(w.pages > 1);

    // A folder that is not there is the usual one-line refusal, by field.
    let request = serde_json::to_vec(&Request {
        protocol: PROTOCOL,
        job: Job::Pdf {
            doc: sample(DocKind::Namecards),
            out: dir.path().join("nowhere/cards.pdf"),
        },
    })
    .unwrap();
    let mut out = Vec::new();
    assert_eq!(serve(&request[..], &mut out), 0);
    let Some(Reply::Failed(problems)) = replies(&out).pop() else {
        panic!("failed last")
    };
    assert_eq!(problems[0].field, "out");
    assert!(problems[0].message.contains("could not be written"));
}

#[test]
fn the_worker_refuses_a_request_of_another_protocol() {
    for request in [
        format!(
            r#"{{"protocol":{},"job":{{"preview":{{"doc":{{}}}}}}}}"#,
            PROTOCOL + 1
        ),
        format!(
            r#"{{"protocol":{},"job":"a shape of the future"}}"#,
            PROTOCOL + 1
        ),
    ] {
        let mut out = Vec::new();
        serve(request.as_bytes(), &mut out);
        let Some(Reply::Failed(problems)) = replies(&out).pop() else {
            panic!("refused")
        };
        assert!(
            problems[0].message.contains(&format!(
                "speaks protocol {PROTOCOL}, the program that called it {}",
                PROTOCOL + 1
            )),
            "{problems:?}"
        );
    }
    let mut out = Vec::new();
    assert_eq!(serve(&b"not json"[..], &mut out), 2);
    let Some(Reply::Failed(problems)) = replies(&out).pop() else {
        panic!("refused")
    };
    assert!(problems[0]
        .message
        .starts_with("The print request could not be read"));
}

/// A stand-in worker: a shell script.
#[cfg(unix)]
fn fake(dir: &Path, name: &str, script: &str) -> Worker {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    Worker::at(path)
}

#[cfg(unix)]
fn hello() -> String {
    format!(r#"echo '{{"hello":{{"protocol":{PROTOCOL}}}}}'"#)
}

#[cfg(unix)]
#[test]
fn a_worker_that_stops_or_talks_nonsense_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let doc = sample(DocKind::Programme);
    let cases = [
        ("silent", "exit 0".to_string(), "it ended without a word"),
        ("false", "exit 1".to_string(), "it ended without a word"),
        (
            "midway",
            format!(
                "{}\necho '{{\"progress\":{{\"stage\":\"Laying out\",\"done\":0,\"total\":1}}}}'\nkill -9 $$",
                hello()
            ),
            "it ended before it finished",
        ),
        ("garbage", "echo 'Segmentation fault'".into(), "it wrote “Segmentation fault”"),
        (
            "rude",
            r#"echo '{"progress":{"stage":"x","done":0,"total":1}}'"#.into(),
            "it did not say which protocol it speaks",
        ),
        (
            "crash_after",
            format!(
                "{}\necho '{{\"drawn\":{{\"pages\":[],\"warnings\":[]}}}}'\nexit 101",
                hello()
            ),
            "it ended with exit status: 101",
        ),
    ];
    for (name, script, why) in cases {
        let worker = fake(dir.path(), name, &script);
        let err = worker.preview(&doc, &mut |_| {}).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Print, "{name}: {err}");
        let text = err.to_string();
        assert!(
            text.starts_with("The print layout stopped unexpectedly ("),
            "{name}: {text}"
        );
        assert!(text.contains(why), "{name}: {text}");
        assert!(!text.contains('\n'), "{name}: one line: {text}");
    }
    let err = Worker::at(dir.path().join("not there"))
        .preview(&doc, &mut |_| {})
        .unwrap_err();
    assert!(err.to_string().contains("it could not be started"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_worker_of_another_version_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let worker = fake(
        dir.path(),
        "newer",
        &format!(r#"echo '{{"hello":{{"protocol":{}}}}}'"#, PROTOCOL + 1),
    );
    let err = worker
        .preview(&sample(DocKind::Programme), &mut |_| {})
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "The print layout {} is from another version of Plenary (print protocol {}, this one speaks {PROTOCOL}); reinstall Plenary so that both come from one version.",
            worker.path().display(),
            PROTOCOL + 1
        )
    );
}

#[cfg(unix)]
#[test]
fn a_layout_answer_and_its_progress_reach_the_caller() {
    let dir = tempfile::tempdir().unwrap();
    let worker = fake(
        dir.path(),
        "kind",
        &format!(
            "cat > /dev/null\n{}\necho '{{\"progress\":{{\"stage\":\"Drawing\",\"done\":1,\"total\":2}}}}'\necho '{{\"failed\":[{{\"field\":\"document\",\"message\":\"The document could not be laid out: no\"}}]}}'",
            hello()
        ),
    );
    let mut seen = Vec::new();
    let err = worker
        .preview(&sample(DocKind::Programme), &mut |p| seen.push(p.stage))
        .unwrap_err();
    assert_eq!(seen, ["Drawing"]);
    assert_eq!(
        err.to_string(),
        "document: The document could not be laid out: no"
    );
}

/// Whether the process `pid` still runs (a zombie has been reaped by the
/// caller's wait, so it is gone).
#[cfg(target_os = "linux")]
fn running(pid: &str) -> bool {
    Path::new("/proc").join(pid.trim()).exists()
}

#[cfg(target_os = "linux")]
#[test]
fn cancelling_or_running_out_of_time_kills_the_worker() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let script = format!(
        "echo $$ > '{}'\n{}\nexec sleep 30",
        pid_file.display(),
        hello()
    );
    let doc = sample(DocKind::Programme);

    let cancel = Cancel::default();
    let worker = fake(dir.path(), "slow", &script).with_cancel(cancel.clone());
    let started = Instant::now();
    let stopper = std::thread::spawn({
        let cancel = cancel.clone();
        move || {
            std::thread::sleep(Duration::from_millis(300));
            cancel.cancel();
        }
    });
    let err = worker.preview(&doc, &mut |_| {}).unwrap_err();
    stopper.join().unwrap();
    assert!(matches!(err, CoreError::Cancelled), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!running(&std::fs::read_to_string(&pid_file).unwrap()));

    let worker = fake(dir.path(), "slow", &script).with_limit(Duration::from_millis(300));
    let err = worker.preview(&doc, &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Print);
    assert!(
        err.to_string()
            .starts_with("The print layout took longer than"),
        "{err}"
    );
    assert!(!running(&std::fs::read_to_string(&pid_file).unwrap()));
}
