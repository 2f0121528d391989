//! Helpers shared by the integration-test modules: running the binary, loading the embedded
//! examples, rendering kits.

use std::collections::BTreeMap;
use std::process::{Command, Output};

use serde_json::Value;

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

/// [`all_questionnaires`] of trained models only: the tests of a trained model's training, serving and
/// monitoring pipelines. Generative kits have their own (tests/integration/generative.rs).
pub fn trained_questionnaires() -> Vec<(String, Questionnaire)> {
    all_questionnaires()
        .into_iter()
        .filter(|(_, q)| q.generative.is_none())
        .collect()
}

/// A rendered YAML file of the kit (a pipeline spec), parsed; panics naming the file when it is not YAML.
pub fn spec(files: &BTreeMap<String, String>, path: &str) -> Value {
    let text = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} is generated"));
    mlops_kit::questionnaire::load::parse_tree(path, text)
        .unwrap_or_else(|e| panic!("{path} is not YAML:\n{e}"))
        .0
}

/// The container arguments of one executor of a compiled pipeline spec.
pub fn executor_args(doc: &Value, executor: &str) -> Vec<String> {
    doc["deploymentSpec"]["executors"][executor]["container"]["args"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The value that follows `flag` in a command line.
pub fn arg_after(args: &[String], flag: &str) -> Option<String> {
    let at = args.iter().position(|a| a == flag)?;
    args.get(at + 1).cloned()
}

/// The body of one Terraform resource block, by type and label.
pub fn resource<'a>(text: &'a str, kind: &str, label: &str) -> Option<&'a str> {
    let head = format!("resource \"{kind}\" \"{label}\" {{");
    let start = text.find(&head)?;
    let end = text[start..]
        .find("\n}\n")
        .map_or(text.len(), |e| start + e + 3);
    Some(&text[start..end])
}
