//! Helpers shared by the integration-test modules: running the binary, loading the embedded
//! examples, rendering kits.

use std::collections::BTreeMap;
use std::process::{Command, Output};

use mlops_kit::blueprints::BlueprintSource;
use mlops_kit::questionnaire::examples::EXAMPLES;
use mlops_kit::questionnaire::{Questionnaire, load_path};

/// Runs the built `mlops-kit` binary with `args`.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mlops-kit"))
        .args(args)
        .output()
        .expect("the mlops-kit binary runs")
}

/// Standard output of a run, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error of a run, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// An embedded example client's answers.
pub fn example(name: &str) -> Questionnaire {
    mlops_kit::questionnaire::examples::load(name).expect("embedded examples are valid")
}

/// Every file of the kit the embedded blueprints render for `q`.
pub fn render(q: &Questionnaire) -> BTreeMap<String, String> {
    mlops_kit::render::render_kit(q, &BlueprintSource::Embedded).expect("the kit renders")
}

/// Every questionnaire the tests cover: the embedded examples and the conformance matrix
/// (`tests/fixtures/matrix/*.yaml`), each with its name.
pub fn all_questionnaires() -> Vec<(String, Questionnaire)> {
    let mut out: Vec<(String, Questionnaire)> = EXAMPLES
        .iter()
        .map(|e| (e.name.to_owned(), example(e.name)))
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/matrix");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("matrix folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    for path in paths {
        let q = load_path(&path)
            .expect("matrix questionnaires are valid")
            .questionnaire;
        out.push((path.file_stem().unwrap().to_string_lossy().into_owned(), q));
    }
    out
}
