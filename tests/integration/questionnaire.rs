//! The questionnaire front door: every invalid fixture's error output (snapshots), the valid
//! fixtures, the size limit, and the `init`, `validate` and `schema` commands as a user runs them.

use super::common::{run, stderr, stdout};
use std::path::Path;

use mlops_kit::questionnaire::{Severity, load_path, load_str};

fn fixture(rel: &str) -> String {
    format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}

/// The diagnostics of one file, with its absolute path shortened to the fixture-relative one.
fn diagnostics_text(path: &Path) -> String {
    let shown = path.display().to_string();
    let short = format!(
        "invalid/{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
    );
    match load_path(path) {
        Ok(loaded) => panic!(
            "{shown} should be invalid but loaded with {} warnings",
            loaded.warnings.len()
        ),
        Err(invalid) => {
            assert!(
                invalid.error_count() > 0,
                "{shown}: an invalid file reports at least one error"
            );
            invalid.to_string().replace(&shown, &short)
        }
    }
}

#[test]
fn invalid_fixtures_error_output() {
    insta::glob!("../fixtures", "invalid/*", |path| {
        insta::assert_snapshot!(diagnostics_text(path));
    });
}

#[test]
fn there_are_enough_invalid_fixtures() {
    let count = std::fs::read_dir(fixture("invalid"))
        .expect("fixtures folder")
        .count();
    assert!(count >= 20, "only {count} invalid fixtures");
}

#[test]
fn diagnostics_are_in_line_order() {
    for entry in std::fs::read_dir(fixture("invalid")).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        let invalid = load_path(&path).expect_err("invalid fixture");
        let lines: Vec<usize> = invalid.diagnostics.iter().map(|d| d.line).collect();
        let mut sorted = lines.clone();
        sorted.sort_unstable();
        assert_eq!(lines, sorted, "{}", path.display());
    }
}

#[test]
fn every_error_of_a_file_is_reported_in_one_run() {
    let invalid = load_path(Path::new(&fixture("invalid/many-errors.yaml"))).expect_err("invalid");
    let paths: Vec<&str> = invalid
        .diagnostics
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "client.slug",
            "client.industry",
            "data.volume",
            "gcp.region",
            "gcp.environments[0].project_id",
            "operations.alerts.emails[0]"
        ]
    );
    assert!(
        invalid
            .diagnostics
            .iter()
            .all(|d| d.line > 0 && d.column > 0)
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.yaml");
    let mut text = String::from("version: 1\n");
    while text.len() <= 1024 * 1024 {
        text.push_str("# padding line of a file that is far too large to be a questionnaire\n");
    }
    std::fs::write(&path, &text).expect("write");
    let invalid = load_path(&path).expect_err("too large");
    assert_eq!(invalid.diagnostics.len(), 1);
    insta::assert_snapshot!(invalid.to_string().replace(&path.display().to_string(), "huge.yaml"), @r"
    error: huge.yaml: the file is larger than 1048576 bytes (1 MiB); a questionnaire is a few kilobytes
      help: check that this is the questionnaire and not a data export
    ");
    let invalid = load_str("huge.yaml", &text).expect_err("too large as text too");
    assert!(invalid.diagnostics[0].message.contains("1 MiB"));
}

#[test]
fn valid_fixtures_load() {
    for entry in std::fs::read_dir(fixture("valid")).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        let loaded = load_path(&path).unwrap_or_else(|e| panic!("{}:\n{e}", path.display()));
        assert!(
            loaded
                .warnings
                .iter()
                .all(|w| w.severity == Severity::Warning)
        );
    }
}

#[test]
fn risky_answers_are_warnings_with_locations() {
    let loaded = load_path(Path::new(&fixture("valid/enterprise-shared-vpc.yaml"))).expect("valid");
    let warned: Vec<(&str, usize)> = loaded
        .warnings
        .iter()
        .map(|w| (w.path.as_str(), w.line))
        .collect();
    assert_eq!(
        warned,
        [
            ("gcp.cmek.enabled", 62),
            ("operations.monitoring.skew_threshold", 80)
        ]
    );
}

#[test]
fn json_and_yaml_of_the_same_answers_are_equal() {
    let from_json =
        load_path(Path::new(&fixture("valid/retail-startup.json"))).expect("valid JSON");
    let example = mlops_kit::questionnaire::examples::find("retail-startup").expect("example");
    let from_yaml = load_str("retail-startup.yaml", example.yaml).expect("valid YAML");
    assert_eq!(from_json.questionnaire, from_yaml.questionnaire);
}

#[test]
fn free_text_keeps_quotes_and_line_breaks() {
    let loaded = load_path(Path::new(&fixture("valid/enterprise-shared-vpc.yaml"))).expect("valid");
    let q = loaded.questionnaire;
    assert_eq!(q.client.name, "Banco \"Horizonte\" S.A.");
    assert_eq!(q.client.contact.name, "Carla O'Neill");
    assert!(q.business.use_case.contains("${dollar braces}"));
    assert!(q.business.use_case.contains('\n'));
}

// ---------------------------------------------------------------------------------------------------
// The commands.

#[test]
fn help_of_every_command() {
    for command in [
        vec!["--help"],
        vec!["init", "--help"],
        vec!["validate", "--help"],
        vec!["schema", "--help"],
        vec!["assess", "--help"],
        vec!["generate", "--help"],
        vec!["plan", "--help"],
        vec!["upgrade", "--help"],
        vec!["check", "--help"],
        vec!["portfolio", "--help"],
    ] {
        let out = run(&command);
        assert!(out.status.success(), "{command:?}");
        let name = if command.len() == 1 {
            "mlops-kit".to_owned()
        } else {
            command[0].to_owned()
        };
        insta::assert_snapshot!(format!("help_{name}"), stdout(&out));
    }
}

#[test]
fn schema_command_prints_the_json_schema() {
    let out = run(&["schema"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    assert_eq!(schema["$id"], mlops_kit::questionnaire::template::SCHEMA_ID);
    assert_eq!(
        stdout(&run(&["schema"])),
        text,
        "two runs print the same bytes"
    );
    insta::assert_snapshot!("schema", text);
}

#[test]
fn validate_exit_codes_and_summaries() {
    let valid = fixture("valid/minimal.yaml");
    let warned = fixture("valid/enterprise-shared-vpc.yaml");
    let invalid = fixture("invalid/bad-region.yaml");

    let out = run(&["validate", &valid, &warned]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("ok: {valid}\nok: {warned} (2 warnings)\n")
    );
    assert_eq!(stderr(&out).matches("warning: ").count(), 2);

    let out = run(&["validate", &valid, &invalid]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        format!("ok: {valid}\ninvalid: {invalid} (1 error)\n")
    );
    assert!(stderr(&out).contains(&format!(
        "error: {invalid}:82:11: gcp.region: `us-central` is not a Google Cloud region"
    )));

    let missing = fixture("valid/does-not-exist.yaml");
    let out = run(&["validate", &missing]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read the file"));

    let out = run(&["validate"]);
    assert_eq!(out.status.code(), Some(2), "clap usage error without files");
}

#[test]
fn init_writes_a_template_that_validates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("client.yaml");
    let out = run(&["init", "-o", path.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(&path).expect("written");
    assert_eq!(
        written,
        mlops_kit::questionnaire::template::template(mlops_kit::i18n::Language::En)
    );
    assert_eq!(
        stdout(&run(&["init"])),
        written,
        "stdout and -o write the same template"
    );
    let out = run(&["validate", path.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("client.yaml");
    std::fs::write(&path, "keep me\n").expect("write");
    let shown = path.to_str().expect("utf-8 path");
    for args in [
        vec!["init", "-o", shown],
        vec!["init", "--example", "retail-startup", "-o", shown],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains(&format!("{shown} already exists")),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "keep me\n");
    }
}

#[test]
fn init_examples_and_json() {
    let out = run(&["init", "--list-examples"]);
    assert!(out.status.success());
    let listing = stdout(&out);
    for example in mlops_kit::questionnaire::examples::EXAMPLES {
        assert!(listing.contains(example.name), "{listing}");
        let out = run(&["init", "--example", example.name]);
        assert_eq!(stdout(&out), example.yaml);
    }

    let out = run(&["init", "--example", "no-such-client"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("retail-startup, fintech-regulated, industrial-onprem"));

    let dir = tempfile::tempdir().expect("temp dir");
    for (args, name) in [
        (vec!["init", "--json"], "template.json"),
        (
            vec!["init", "--json", "--example", "fintech-regulated"],
            "fintech.json",
        ),
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let path = dir.path().join(name);
        std::fs::write(&path, stdout(&out)).expect("write");
        let loaded = load_path(&path).unwrap_or_else(|e| panic!("{args:?}:\n{e}"));
        assert!(loaded.warnings.is_empty(), "{args:?}");
    }
}

#[test]
fn monitoring_frequencies_are_the_intervals_a_cron_schedule_keeps() {
    let base =
        std::fs::read_to_string(fixture("valid/enterprise-shared-vpc.yaml")).expect("fixture");
    assert!(
        base.contains("frequency_hours: 6,"),
        "the fixture states a frequency"
    );
    let allowed = mlops_kit::questionnaire::MONITORING_FREQUENCIES_HOURS;
    for hours in 1..=168u32 {
        let text = base.replace("frequency_hours: 6,", &format!("frequency_hours: {hours},"));
        match load_str("q.yaml", &text) {
            Ok(loaded) => {
                assert!(allowed.contains(&hours), "{hours} hours was accepted");
                let kit = mlops_kit::kit::resolve(&loaded.questionnaire);
                // Each run looks back exactly as far as the schedule's runs are apart.
                assert_eq!(
                    mlops_kit::kit::naming::cron_interval_hours(hours),
                    kit.monitoring.frequency_hours,
                    "{hours}: {}",
                    kit.monitoring.cron
                );
            }
            Err(invalid) => {
                assert!(
                    !allowed.contains(&hours),
                    "{hours} hours was refused:\n{invalid}"
                );
                let text = invalid.to_string();
                let errors: Vec<&str> = invalid
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| d.path.as_str())
                    .collect();
                assert_eq!(errors, ["operations.monitoring.frequency_hours"], "{text}");
                assert!(
                    text.contains("q.yaml:") && text.contains("help: use "),
                    "{text}"
                );
            }
        }
    }
}
