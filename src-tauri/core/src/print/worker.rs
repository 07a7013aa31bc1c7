//! The print layout in its own process, `plenary-print`: the one binary
//! that carries Typst and the fonts, so the window and the command line stay
//! small, and a plan's layout can be stopped (a newer preview, a time limit)
//! without touching the window.
//!
//! The caller (`Worker`) writes one `Request` as JSON to the worker's stdin
//! and closes it; the worker (`serve`) answers with JSON lines on stdout:
//! first `Reply::Hello` with its protocol version, then `Progress` lines,
//! then one `Drawn`, `Written` or `Failed`. A worker that stops before its
//! last line, or writes anything else, is one clear error, never a hang.

use super::document::Printable;
use super::render::PrintProgress;
use crate::error::{CoreError, FieldProblem, Result};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// Raised whenever a `Request` or `Reply` changes shape: a window and a
/// worker from two different installs refuse each other in words.
pub const PROTOCOL: u32 = 1;

/// The worker's file name, found beside the running program.
pub const PROGRAM: &str = "plenary-print";

/// A worker other than the one beside the running program (tests, and
/// running from a build folder).
pub const WORKER_VAR: &str = "PLENARY_PRINT_WORKER";

/// How long one layout may take before it is stopped: far longer than the
/// largest plan has needed, short enough that a runaway one ends.
pub const TIME_LIMIT: Duration = Duration::from_secs(300);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub protocol: u32,
    pub job: Job,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    /// Every page as SVG.
    Preview { doc: Printable },
    /// The PDF, written to `out` by the worker.
    Pdf { doc: Printable, out: PathBuf },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    Hello { protocol: u32 },
    Progress(PrintProgress),
    Drawn(Drawn),
    Written(Written),
    Failed(Vec<FieldProblem>),
}

/// A preview's pages, with the text no font has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drawn {
    pub pages: Vec<String>,
    pub warnings: Vec<String>,
}

/// A PDF as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Written {
    pub pages: u32,
    pub bytes: u32,
    pub warnings: Vec<String>,
}

/// Stops a layout under way: the worker is killed and the call answers
/// `CoreError::Cancelled`.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The worker program to run, and how long and how far to let it.
#[derive(Debug, Clone)]
pub struct Worker {
    path: PathBuf,
    cancel: Cancel,
    limit: Duration,
}

impl Worker {
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Worker {
            path: path.into(),
            cancel: Cancel::default(),
            limit: TIME_LIMIT,
        }
    }

    /// `PLENARY_PRINT_WORKER` when set, else `plenary-print` beside the
    /// running program, where every package installs it.
    pub fn beside_this_program() -> Self {
        if let Some(path) = std::env::var_os(WORKER_VAR).filter(|p| !p.is_empty()) {
            return Worker::at(path);
        }
        let name = format!("{PROGRAM}{}", std::env::consts::EXE_SUFFIX);
        let path = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
            .unwrap_or_else(|| PathBuf::from(name));
        Worker::at(path)
    }

    pub fn with_cancel(mut self, cancel: Cancel) -> Self {
        self.cancel = cancel;
        self
    }

    pub fn with_limit(mut self, limit: Duration) -> Self {
        self.limit = limit;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn preview(
        &self,
        doc: &Printable,
        progress: &mut dyn FnMut(PrintProgress),
    ) -> Result<Drawn> {
        let job = Job::Preview { doc: doc.clone() };
        match self.run(&job, progress)? {
            Reply::Drawn(drawn) => Ok(drawn),
            _ => Err(self.stopped("it answered a preview with something else")),
        }
    }

    pub fn pdf(
        &self,
        doc: &Printable,
        out: &Path,
        progress: &mut dyn FnMut(PrintProgress),
    ) -> Result<Written> {
        let job = Job::Pdf {
            doc: doc.clone(),
            out: out.to_path_buf(),
        };
        match self.run(&job, progress)? {
            Reply::Written(written) => Ok(written),
            _ => Err(self.stopped("it answered a PDF with something else")),
        }
    }

    /// The one sentence for a worker that did not finish its answer.
    fn stopped(&self, why: &str) -> CoreError {
        CoreError::Layout(format!(
            "The print layout stopped unexpectedly ({why}); nothing was printed. Try again; if it happens again, reinstall Plenary ({} may be missing or damaged).",
            self.path.display()
        ))
    }

    /// Runs the job in a new worker and answers its last line.
    fn run(&self, job: &Job, progress: &mut dyn FnMut(PrintProgress)) -> Result<Reply> {
        if self.cancel.is_cancelled() {
            return Err(CoreError::Cancelled);
        }
        let request = serde_json::to_vec(&Request {
            protocol: PROTOCOL,
            job: job.clone(),
        })
        .map_err(|e| self.stopped(&format!("the document could not be sent: {e}")))?;
        let mut child = Command::new(&self.path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| self.stopped(&format!("it could not be started: {e}")))?;
        let result = self.talk(&mut child, request, progress);
        // Whatever the answer, the worker does not outlive the call.
        if result.is_err() {
            let _ = child.kill();
        }
        let status = child.wait();
        let reply = result?;
        match status {
            Ok(s) if s.success() => Ok(reply),
            Ok(s) => Err(self.stopped(&format!("it ended with {s}"))),
            Err(e) => Err(self.stopped(&e.to_string())),
        }
    }

    fn talk(
        &self,
        child: &mut Child,
        request: Vec<u8>,
        progress: &mut dyn FnMut(PrintProgress),
    ) -> Result<Reply> {
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(self.stopped("its pipes could not be opened"));
        };
        // The worker reads all of its input before it lays anything out, so
        // writing on a thread of its own is only for a worker that does not
        // read at all; a broken pipe is then told by what it wrote instead.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&request);
        });
        let (lines, replies) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let ended = line.is_err();
                if lines.send(line).is_err() || ended {
                    break;
                }
            }
        });
        let started = Instant::now();
        let mut hello = false;
        loop {
            if self.cancel.is_cancelled() {
                return Err(CoreError::Cancelled);
            }
            let Some(left) = self.limit.checked_sub(started.elapsed()) else {
                return Err(CoreError::Layout(format!(
                    "The print layout took longer than {} and was stopped; print one day or one event at a time.",
                    minutes(self.limit)
                )));
            };
            let line = match replies.recv_timeout(left.min(Duration::from_millis(100))) {
                Ok(Ok(line)) => line,
                Ok(Err(e)) => {
                    return Err(self.stopped(&format!("its answer could not be read: {e}")))
                }
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(self.stopped(if hello {
                        "it ended before it finished"
                    } else {
                        "it ended without a word"
                    }))
                }
            };
            let reply: Reply = serde_json::from_str(&line).map_err(|_| {
                self.stopped(&format!(
                    "it wrote “{}”",
                    crate::text::terminal_safe(&first_chars(&line, 60), false)
                ))
            })?;
            match reply {
                Reply::Hello { protocol } if protocol == PROTOCOL => hello = true,
                Reply::Hello { protocol } => return Err(mismatch(&self.path, protocol)),
                _ if !hello => return Err(self.stopped("it did not say which protocol it speaks")),
                Reply::Progress(p) => progress(p),
                Reply::Failed(problems) if problems.is_empty() => {
                    return Err(self.stopped("it failed without a reason"))
                }
                Reply::Failed(problems) => return Err(CoreError::Invalid(problems)),
                last => return Ok(last),
            }
        }
    }
}

fn mismatch(path: &Path, theirs: u32) -> CoreError {
    CoreError::Layout(format!(
        "The print layout {} is from another version of Plenary (print protocol {theirs}, this one speaks {PROTOCOL}); reinstall Plenary so that both come from one version.",
        path.display()
    ))
}

fn minutes(d: Duration) -> String {
    match d.as_secs() {
        s if s >= 120 => format!("{} minutes", s / 60),
        s => format!("{s} seconds"),
    }
}

fn first_chars(text: &str, n: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(n).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

fn send(output: &mut dyn Write, reply: &Reply) -> bool {
    serde_json::to_string(reply)
        .ok()
        .and_then(|line| writeln!(output, "{line}").ok())
        .and_then(|()| output.flush().ok())
        .is_some()
}

fn refuse_protocol(theirs: u64) -> Reply {
    Reply::Failed(vec![FieldProblem::new(
        "print",
        format!(
            "This print layout speaks protocol {PROTOCOL}, the program that called it {theirs}; reinstall Plenary so that both come from one version."
        ),
    )])
}

/// The worker's side: reads one request from `input`, lays it out and
/// answers on `output`. The exit code for the process: 0 when it answered
/// (a refused or failed layout is an answer), 2 when it could not.
pub fn serve(mut input: impl Read, mut output: impl Write) -> i32 {
    let out: &mut dyn Write = &mut output;
    if !send(out, &Reply::Hello { protocol: PROTOCOL }) {
        return 2;
    }
    let mut text = Vec::new();
    if input.read_to_end(&mut text).is_err() {
        return 2;
    }
    let request = match serde_json::from_slice::<Request>(&text) {
        Ok(r) if r.protocol == PROTOCOL => r,
        Ok(r) => {
            return if send(out, &refuse_protocol(r.protocol.into())) {
                0
            } else {
                2
            }
        }
        Err(e) => {
            // The version first: a request of another shape is most likely
            // from another version.
            let theirs = serde_json::from_slice::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("protocol").and_then(serde_json::Value::as_u64));
            let reply = match theirs {
                Some(n) if n != u64::from(PROTOCOL) => refuse_protocol(n),
                _ => Reply::Failed(vec![FieldProblem::new(
                    "print",
                    format!("The print request could not be read: {e}"),
                )]),
            };
            send(out, &reply);
            return 2;
        }
    };
    let result = {
        let mut progress = |p: PrintProgress| {
            send(out, &Reply::Progress(p));
        };
        match &request.job {
            Job::Preview { doc } => super::render::svg_pages(doc, &mut progress).map(|pages| {
                Reply::Drawn(Drawn {
                    pages,
                    warnings: super::render::missing_glyphs(doc),
                })
            }),
            Job::Pdf { doc, out } => {
                super::render::write_pdf(doc, out, &mut progress).map(|(pages, bytes)| {
                    Reply::Written(Written {
                        pages,
                        bytes,
                        warnings: super::render::missing_glyphs(doc),
                    })
                })
            }
        }
    };
    let reply = match result {
        Ok(reply) => reply,
        Err(CoreError::Invalid(problems)) => Reply::Failed(problems),
        Err(e) => Reply::Failed(vec![FieldProblem::new("document", e.to_string())]),
    };
    if send(out, &reply) {
        0
    } else {
        2
    }
}

#[cfg(test)]
mod tests;
