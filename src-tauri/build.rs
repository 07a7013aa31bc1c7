// The app's command list, shared with the crate's tests.
include!("src/acl.rs");

fn main() {
    // The capabilities and permissions live under src-tauri/ while the
    // package root is the repository root, so tell tauri-build where to look.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/permissions");
    println!("cargo:rerun-if-changed=src-tauri/src/acl.rs");
    // Only the crate's tests read the hall's list.
    let _ = HALL_COMMANDS;
    // With a manifest, no window may call an app command unless its
    // capability allows it.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(
                tauri_build::AppManifest::new()
                    .commands(APP_COMMANDS)
                    .permissions_path_pattern("./src-tauri/permissions/**/*"),
            ),
    )
    .expect("tauri build step");
}
