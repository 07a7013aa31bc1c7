//! Any bytes as a plan file: opening either refuses with an error or gives a
//! plan that the read models behind `plenary show` and `plenary check` read
//! without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plenary_core::{agenda, check, Store};
use std::path::PathBuf;
use std::sync::OnceLock;

fn plan_path() -> &'static PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        DIR.get_or_init(|| tempfile::tempdir().unwrap())
            .path()
            .join("input.plenary")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = plan_path();
    // A log left by the previous input would be replayed into this one.
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.clone().into_os_string();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    std::fs::write(path, data).unwrap();
    let Ok(store) = Store::open(path) else {
        return;
    };
    let _ = store.plan();
    let _ = agenda::overview(&store);
    let _ = agenda::agenda(&store, None);
    let _ = check::check(&store);
    let _ = store.history(20);
    let _ = store.undo_state();
});
