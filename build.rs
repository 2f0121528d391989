//! Rebuild when blueprints or embedded examples change: `include_dir!` and `include_str!` alone do
//! not notice new files.

fn main() {
    println!("cargo:rerun-if-changed=blueprints");
    println!("cargo:rerun-if-changed=src/questionnaire/examples");
    println!("cargo:rerun-if-changed=locales");
}
