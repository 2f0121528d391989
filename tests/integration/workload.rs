//! The ML workload side of generated kits: the compiled pipeline specs (structure, cross-references,
//! parameters, images), the kit's Python and Dockerfiles, the README runbook, and how each answer
//! tailors them.

use super::common::{all_questionnaires, example, render};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use mlops_kit::questionnaire::examples::EXAMPLES;
use mlops_kit::questionnaire::{
    Accelerator, BatchOutput, DataSource, DataVolume, FeatureKind, FileFormat, Framework, Metric,
    Questionnaire, Rollout, RolloutStrategy, ServingMode, Task,
};
use serde_json::Value;

type Files = BTreeMap<String, String>;

fn has_ext(path: &str, ext: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn parse_yaml(name: &str, text: &str) -> Value {
    mlops_kit::questionnaire::load::parse_tree(name, text)
        .unwrap_or_else(|e| panic!("{name} is not YAML:\n{e}"))
        .0
}

fn spec(files: &Files, path: &str) -> Value {
    parse_yaml(
        path,
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} is generated")),
    )
}

fn training(files: &Files) -> Value {
    spec(files, "pipelines/training_pipeline.yaml")
}

// ---------------------------------------------------------------------------------------------------
// structure

/// Checks one DAG level: every task's component exists, its inputs are declared by the component and
/// come from the enclosing scope or from a task it depends on, every required input is supplied,
/// executors exist and their placeholders name declared inputs and outputs. Returns the problems.
pub(super) fn check_dag(
    spec: &Value,
    dag: &Value,
    scope: &Value,
    at: &str,
    problems: &mut Vec<String>,
) {
    let components = &spec["components"];
    let executors = &spec["deploymentSpec"]["executors"];
    let tasks = dag["tasks"].as_object().expect("dag.tasks");
    for (name, task) in tasks {
        let at = format!("{at}/{name}");
        let Some(comp_name) = task["componentRef"]["name"].as_str() else {
            problems.push(format!("{at}: no componentRef"));
            continue;
        };
        let comp = &components[comp_name];
        if comp.is_null() {
            problems.push(format!("{at}: component {comp_name} missing"));
            continue;
        }
        let deps: BTreeSet<&str> = task["dependentTasks"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for d in &deps {
            if !tasks.contains_key(*d) {
                problems.push(format!("{at}: depends on missing task {d}"));
            }
        }
        for kind in ["parameters", "artifacts"] {
            let declared = &comp["inputDefinitions"][kind];
            let supplied = task["inputs"][kind]
                .as_object()
                .cloned()
                .unwrap_or_default();
            for (input, source) in &supplied {
                if declared[input].is_null() {
                    problems.push(format!("{at}: input {input} not declared by {comp_name}"));
                }
                for scope_key in ["componentInputParameter", "componentInputArtifact"] {
                    if let Some(from) = source[scope_key].as_str()
                        && scope[kind][from].is_null()
                    {
                        problems.push(format!("{at}: {input} reads {from}, not in scope"));
                    }
                }
                for (key, out_kind, out_key) in [
                    ("taskOutputParameter", "parameters", "outputParameterKey"),
                    ("taskOutputArtifact", "artifacts", "outputArtifactKey"),
                ] {
                    if let Some(producer) = source[key]["producerTask"].as_str() {
                        if !deps.contains(producer) {
                            problems.push(format!("{at}: {producer} not in dependentTasks"));
                        }
                        let producer_comp = tasks
                            .get(producer)
                            .and_then(|t| t["componentRef"]["name"].as_str())
                            .map(|c| &components[c]);
                        let output = source[key][out_key].as_str().unwrap_or_default();
                        if producer_comp
                            .is_none_or(|c| c["outputDefinitions"][out_kind][output].is_null())
                        {
                            problems.push(format!("{at}: {producer} has no output {output}"));
                        }
                    }
                }
            }
            if let Some(declared) = declared.as_object() {
                for (input, def) in declared {
                    if !supplied.contains_key(input) && def["isOptional"] != Value::Bool(true) {
                        problems.push(format!("{at}: required input {input} not supplied"));
                    }
                }
            }
        }
        if let Some(condition) = task["triggerPolicy"]["condition"].as_str() {
            for channel in condition.split("parameter_values['").skip(1) {
                let channel = channel.split('\'').next().unwrap_or_default();
                if comp["inputDefinitions"]["parameters"][channel].is_null() {
                    problems.push(format!("{at}: condition reads undeclared {channel}"));
                }
            }
        }
        if comp["dag"].is_object() {
            check_dag(spec, &comp["dag"], &comp["inputDefinitions"], &at, problems);
            continue;
        }
        if task["cachingOptions"] != serde_json::json!({}) {
            problems.push(format!("{at}: caching is not disabled"));
        }
        let Some(label) = comp["executorLabel"].as_str() else {
            problems.push(format!(
                "{at}: {comp_name} has neither a DAG nor an executor"
            ));
            continue;
        };
        let container = &executors[label]["container"];
        if container["image"].as_str().is_none_or(str::is_empty) {
            problems.push(format!("{at}: executor {label} missing or without image"));
        }
        let text = serde_json::to_string(&container["args"]).unwrap_or_default();
        for (prefix, section) in [
            (
                "{{$.inputs.parameters['",
                ("inputDefinitions", "parameters"),
            ),
            ("{{$.inputs.artifacts['", ("inputDefinitions", "artifacts")),
            (
                "{{$.outputs.parameters['",
                ("outputDefinitions", "parameters"),
            ),
            (
                "{{$.outputs.artifacts['",
                ("outputDefinitions", "artifacts"),
            ),
        ] {
            for rest in text.split(prefix).skip(1) {
                let name = rest.split('\'').next().unwrap_or_default();
                if comp[section.0][section.1][name].is_null() {
                    problems.push(format!("{at}: placeholder names undeclared {name}"));
                }
            }
        }
    }
}

#[test]
fn pipeline_specs_parse_into_the_kfp_v2_structure_with_every_cross_reference_resolved() {
    for (name, q) in super::common::trained_questionnaires() {
        let files = render(&q);
        let kit = mlops_kit::kit::resolve(&q);
        let spec_files: Vec<&String> = files
            .keys()
            .filter(|p| p.starts_with("pipelines/") && has_ext(p, "yaml"))
            .collect();
        assert!(!spec_files.is_empty(), "{name}: no pipeline spec");
        for path in spec_files {
            let doc = spec(&files, path);
            assert_eq!(doc["schemaVersion"], "2.1.0", "{name} {path}");
            assert_eq!(doc["sdkVersion"], "kfp-2.17.3", "{name} {path}");
            let pipeline = kit
                .pipelines
                .iter()
                .find(|p| &p.file == path)
                .expect("a pipeline of the model");
            assert_eq!(doc["pipelineInfo"]["name"], pipeline.name.as_str());
            // The emitted YAML reads back as exactly the spec the builder made.
            let built = match pipeline.key.as_str() {
                "training" => mlops_kit::render::pipeline_spec::training_spec(&kit, pipeline),
                "scoring" => mlops_kit::render::pipeline_spec::scoring_spec(&kit, pipeline),
                _ => mlops_kit::render::pipeline_spec::monitoring_spec(&kit, pipeline),
            };
            assert_eq!(doc, built, "{name} {path}: YAML does not round-trip");
            let mut problems = Vec::new();
            check_dag(
                &doc,
                &doc["root"]["dag"],
                &doc["root"]["inputDefinitions"],
                path,
                &mut problems,
            );
            // Every component is used and every executor belongs to a component.
            let labels: BTreeSet<&str> = doc["components"]
                .as_object()
                .unwrap()
                .values()
                .filter_map(|c| c["executorLabel"].as_str())
                .collect();
            let executors: BTreeSet<&str> = doc["deploymentSpec"]["executors"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(
                labels, executors,
                "{name} {path}: executors and components disagree"
            );
            assert!(
                problems.is_empty(),
                "{name} {path}:\n{}",
                problems.join("\n")
            );
        }
    }
}

#[test]
fn the_training_pipeline_registers_only_past_the_threshold_and_beating_production() {
    let files = render(&example("retail-startup"));
    let doc = training(&files);
    let root = &doc["root"]["dag"]["tasks"];
    assert_eq!(
        root["condition-1"]["triggerPolicy"]["condition"],
        "inputs.parameter_values['pipelinechannel--evaluate-metric_value'] >= inputs.parameter_values['pipelinechannel--metric_threshold']"
    );
    let inner = &doc["components"]["comp-condition-1"]["dag"]["tasks"]["condition-2"];
    assert_eq!(
        inner["triggerPolicy"]["condition"],
        "inputs.parameter_values['pipelinechannel--evaluate-beats_production'] == true"
    );
    let released = doc["components"]["comp-condition-2"]["dag"]["tasks"]
        .as_object()
        .unwrap();
    assert!(released.contains_key("register") && released.contains_key("deploy"));
    assert!(
        root.get("register").is_none(),
        "registering is never unconditional"
    );
}

// ---------------------------------------------------------------------------------------------------
// parameters and images

#[test]
fn every_pipeline_parameter_is_supplied_by_continuous_training_in_every_environment() {
    for (name, q) in super::common::trained_questionnaires() {
        let files = render(&q);
        let kit = mlops_kit::kit::resolve(&q);
        for pipeline in &kit.pipelines {
            let doc = spec(&files, &pipeline.file);
            let declared: BTreeSet<String> = doc["root"]["inputDefinitions"]["parameters"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            let listed: BTreeSet<String> =
                pipeline.parameters.iter().map(|p| p.name.clone()).collect();
            assert_eq!(
                declared, listed,
                "{name} {}: spec and model list different parameters",
                pipeline.key
            );
            for p in doc["root"]["inputDefinitions"]["parameters"]
                .as_object()
                .unwrap()
                .values()
            {
                assert!(
                    p.get("defaultValue").is_none(),
                    "{name}: a parameter has a default the caller might forget"
                );
            }
            for env in &kit.environments {
                let values = &env.pipeline_values[&pipeline.key];
                for p in &pipeline.parameters {
                    let v = values
                        .get(&p.name)
                        .unwrap_or_else(|| panic!("{name} {}: {} unset", env.name, p.name));
                    let declared_type =
                        doc["root"]["inputDefinitions"]["parameters"][&p.name]["parameterType"]
                            .as_str();
                    let fits = match declared_type {
                        Some("STRING") => v.is_string(),
                        Some("NUMBER_DOUBLE") => v.is_number(),
                        Some("NUMBER_INTEGER") => v.is_u64() || v.is_i64(),
                        Some("BOOLEAN") => v.is_boolean(),
                        other => panic!("{name}: unexpected type {other:?}"),
                    };
                    assert!(
                        fits,
                        "{name} {} {}: {v} is not a {declared_type:?}",
                        env.name, p.name
                    );
                }
                // The CT trigger of each environment carries exactly these values: the root passes
                // them to the module as an HCL object, which adds the network (named by project
                // number, which only Terraform knows) and hands them to `cloudbuild/ct.yaml` as
                // `_PARAMETER_VALUES`.
                if pipeline.key == "training" {
                    let path = format!("terraform/environments/{}/main.tf", env.name);
                    let root = hcl::parse(&files[&path]).unwrap();
                    let module = root
                        .blocks()
                        .find(|b| b.identifier() == "module")
                        .expect("the root calls the platform module");
                    let object = module
                        .body()
                        .attributes()
                        .find(|a| a.key() == "pipeline_parameters")
                        .unwrap_or_else(|| panic!("{name} {}: CT receives no values", env.name));
                    let passed: Value = {
                        use hcl::eval::Evaluate as _;
                        let evaluated = object.expr().evaluate(&hcl::eval::Context::new()).unwrap();
                        serde_json::to_value(evaluated).unwrap()
                    };
                    let mut expected = values.clone();
                    if let Some(network) = &kit.platform.pipeline_network_parameter {
                        expected.remove(network);
                    }
                    // Numbers compare by value (HCL writes 6.0 as 6; both are the number 6).
                    let normalize = |v: &Value| match v {
                        Value::Number(n) => Value::from(n.as_f64().unwrap()),
                        other => other.clone(),
                    };
                    let expected: serde_json::Map<String, Value> = expected
                        .iter()
                        .map(|(k, v)| (k.clone(), normalize(v)))
                        .collect();
                    let passed: serde_json::Map<String, Value> = passed
                        .as_object()
                        .unwrap()
                        .iter()
                        .map(|(k, v)| (k.clone(), normalize(v)))
                        .collect();
                    assert_eq!(
                        passed, expected,
                        "{name} {}: CT does not receive the parameter values",
                        env.name
                    );
                }
            }
        }
    }
}

/// Every image a spec runs: executor images, the custom job's worker images and the serving image
/// the model is registered with.
fn images(doc: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for exec in doc["deploymentSpec"]["executors"]
        .as_object()
        .unwrap()
        .values()
    {
        let container = &exec["container"];
        out.insert(container["image"].as_str().unwrap().to_owned());
        let args: Vec<&str> = container["args"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for pair in args.windows(2) {
            match pair[0] {
                "--payload" => {
                    let payload: Value =
                        serde_json::from_str(pair[1]).expect("custom job payload is JSON");
                    for pool in payload["job_spec"]["worker_pool_specs"].as_array().unwrap() {
                        out.insert(
                            pool["container_spec"]["image_uri"]
                                .as_str()
                                .unwrap()
                                .to_owned(),
                        );
                    }
                }
                "--serving-image" => {
                    out.insert(pair[1].to_owned());
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn every_image_is_built_by_a_dockerfile_of_the_kit_or_is_a_pinned_public_image() {
    for (name, q) in super::common::trained_questionnaires() {
        let files = render(&q);
        let kit = mlops_kit::kit::resolve(&q);
        for pipeline in &kit.pipelines {
            for image in images(&spec(&files, &pipeline.file)) {
                if image == kit.workload.trainer_image_ref {
                    assert!(files.contains_key("docker/trainer/Dockerfile"), "{name}");
                } else if image == kit.workload.serving_image_ref
                    && kit.features.custom_serving_image
                {
                    assert!(files.contains_key("docker/serving/Dockerfile"), "{name}");
                } else if image.contains("-docker.pkg.dev/vertex-ai/prediction/") {
                    // Vertex supports only `latest` on its prebuilt prediction images.
                    assert!(
                        image.ends_with(":latest") && !kit.features.custom_serving_image,
                        "{name}: {image}"
                    );
                } else if let Some(e) = &kit.platform.egress {
                    // Without public internet: CD's copy of the pipeline components image.
                    let copy = e
                        .mirrored_images
                        .iter()
                        .find(|m| image.contains(&format!("/{}:", m.name)))
                        .unwrap_or_else(|| panic!("{name}: {image} is not copied by CD"));
                    assert_eq!(image, kit.workload.gcpc_image, "{name}");
                    assert!(
                        files["cloudbuild/cd.yaml"]
                            .contains(&format!("MIRROR_IMAGES={}={}", copy.name, copy.source))
                    );
                } else {
                    let tag = image.rsplit_once(':').map(|(_, t)| t).unwrap_or_default();
                    assert!(
                        image.starts_with("gcr.io/ml-pipeline/google-cloud-pipeline-components:")
                            && tag.chars().all(|c| c.is_ascii_digit() || c == '.'),
                        "{name}: {image} is neither the kit's nor a pinned public image"
                    );
                }
            }
        }
        for (path, text) in files.iter().filter(|(p, _)| p.starts_with("docker/")) {
            for from in text.lines().filter(|l| l.starts_with("FROM ")) {
                let image = from.split_whitespace().nth(1).unwrap();
                assert!(
                    image.contains(":3.11-slim-bookworm@sha256:"),
                    "{name} {path}: {from}"
                );
            }
            let user = text
                .lines()
                .rev()
                .find(|l| l.starts_with("USER "))
                .expect("a USER line");
            assert_eq!(user, "USER 10001:10001", "{name} {path}");
            assert!(
                text.contains("pip install --no-cache-dir -r requirements"),
                "{name} {path}"
            );
            let entry = text
                .lines()
                .find(|l| l.starts_with("ENTRYPOINT "))
                .expect("an ENTRYPOINT");
            assert!(
                entry.starts_with("ENTRYPOINT [\""),
                "{name} {path}: exec form"
            );
        }
        if let Some(serving) = files.get("docker/serving/Dockerfile") {
            assert!(serving.contains("HEALTHCHECK"), "{name}");
            assert!(
                files.contains_key("src/ml_pipeline/serve.py")
                    && files.contains_key("requirements-serving.txt")
            );
        }
    }
}

/// Command and args of every kit step a spec runs: container executors on `python -m ml_pipeline.X`
/// and the custom job's worker pools.
fn step_invocations(doc: &Value) -> Vec<(Vec<String>, Vec<String>)> {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for exec in doc["deploymentSpec"]["executors"]
        .as_object()
        .unwrap()
        .values()
    {
        let container = &exec["container"];
        let command = strings(&container["command"]);
        let args = strings(&container["args"]);
        if command
            .last()
            .is_some_and(|m| m.starts_with("ml_pipeline."))
        {
            out.push((command, args.clone()));
        }
        if let Some(at) = args.iter().position(|a| a == "--payload") {
            let payload: Value = serde_json::from_str(&args[at + 1]).unwrap();
            for pool in payload["job_spec"]["worker_pool_specs"].as_array().unwrap() {
                let spec = &pool["container_spec"];
                out.push((strings(&spec["command"]), strings(&spec["args"])));
            }
        }
    }
    out
}

#[test]
fn every_step_module_the_specs_run_exists_and_requirements_are_pinned() {
    for (name, q) in super::common::trained_questionnaires() {
        let files = render(&q);
        let kit = mlops_kit::kit::resolve(&q);
        for pipeline in &kit.pipelines {
            let text = &files[&pipeline.file];
            for rest in text.split("ml_pipeline.").skip(1) {
                let module: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(
                    files.contains_key(&format!("src/ml_pipeline/{module}.py")),
                    "{name}: {} runs ml_pipeline.{module}, which the kit lacks",
                    pipeline.file
                );
            }
            // Every flag a step is given is one its entry point parses.
            for (command, args) in step_invocations(&spec(&files, &pipeline.file)) {
                let module = command.last().unwrap().trim_start_matches("ml_pipeline.");
                let source = &files[&format!("src/ml_pipeline/{module}.py")];
                for flag in args.iter().filter(|a| a.starts_with("--")) {
                    assert!(
                        source.contains(&format!("\"{flag}\"")),
                        "{name}: ml_pipeline.{module} is given {flag} but does not parse it"
                    );
                }
            }
        }
        for path in [
            "requirements.txt",
            "requirements-dev.txt",
            "requirements-serving.txt",
        ] {
            let Some(text) = files.get(path) else {
                continue;
            };
            for line in text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                assert!(line.contains("=="), "{name} {path}: {line} is not pinned");
            }
        }
        for test in [
            "tests/conftest.py",
            "tests/test_metrics.py",
            "tests/test_statistics.py",
            "tests/test_model.py",
        ] {
            assert!(files.contains_key(test), "{name}: {test}");
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// README runbook

/// Backticked spans of a Markdown text, and the lines inside ```sh fences.
fn code_spans(text: &str) -> (Vec<String>, Vec<String>) {
    let mut spans = Vec::new();
    let mut commands = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence && line.trim() == "```sh";
            continue;
        }
        if in_fence {
            commands.push(
                line.split(" #")
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            );
            continue;
        }
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 1 {
                spans.push(part.to_owned());
            }
        }
    }
    (spans, commands)
}

fn tf_declares(files: &Files, dir: &str, kind: &str, name: &str) -> bool {
    let needle = format!("{kind} \"{name}\"");
    files
        .iter()
        .any(|(p, t)| p.starts_with(dir) && has_ext(p, "tf") && t.contains(&needle))
}

#[test]
fn the_readme_runbook_names_only_files_variables_outputs_and_commands_the_kit_has() {
    let subcommands = [
        "init", "validate", "schema", "assess", "generate", "plan", "upgrade", "check",
    ];
    for (name, q) in all_questionnaires() {
        let files = render(&q);
        let kit = mlops_kit::kit::resolve(&q);
        let readme = files.get("README.md").expect("README.md");
        let (spans, commands) = code_spans(readme);
        let exists = |path: &str| {
            let path = path.trim_end_matches('/');
            files.contains_key(path) || files.keys().any(|k| k.starts_with(&format!("{path}/")))
        };
        // Files and folders.
        for span in &spans {
            let looks_like_path = (span.contains('/') || has_ext(span, "md") || has_ext(span, "txt"))
                    && !span.contains(' ')
                    && !span.contains("://")
                    && !span.contains('{')
                    && !span.contains("docker.pkg.dev")
                    && !span.starts_with("gcr.io")
                    && !span
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == '/')
                    && !span.starts_with('/')
                    // A quoted value (a parameter's JSON value), not a path of the kit.
                    && !span.starts_with('"');
            if looks_like_path {
                let concrete = span
                    .replace("<env>", &kit.environments[0].name)
                    .replace("<step>", "train");
                let concrete = concrete.replace(".<step>", ".train");
                if span.starts_with("python -m") || span.contains(".mlops-kit") {
                    continue;
                }
                assert!(
                    exists(&concrete),
                    "{name}: README names `{span}`, which the kit lacks"
                );
            }
        }
        // Terraform variables set by hand, and outputs named.
        for span in &spans {
            if let Some((var, value)) = span.split_once(" = ")
                && (value == "true" || value == "false")
            {
                assert!(
                    tf_declares(&files, "terraform/", "variable", var),
                    "{name}: variable {var}"
                );
            }
        }
        for line in readme.lines() {
            let outputs_here = line.contains("(output `") || line.contains("outputs (`");
            if outputs_here {
                for (i, part) in line.split('`').enumerate() {
                    if i % 2 == 1 && part.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                        assert!(
                            tf_declares(&files, "terraform/", "output", part),
                            "{name}: output {part}"
                        );
                    }
                }
            }
        }
        assert!(
            readme.contains("```mermaid\nflowchart"),
            "{name}: architecture diagram"
        );
        // Commands.
        let mut seen = BTreeSet::new();
        for command in commands.iter().filter(|c| !c.is_empty()) {
            let words: Vec<&str> = command.split_whitespace().collect();
            match words[0] {
                "terraform" => {
                    let dir = words[1]
                        .strip_prefix("-chdir=")
                        .expect("terraform -chdir=DIR");
                    assert!(
                        files
                            .keys()
                            .any(|k| k.starts_with(&format!("{dir}/")) && has_ext(k, "tf")),
                        "{name}: {dir}"
                    );
                    if words[2] == "apply" && words.len() > 3 {
                        assert!(
                            commands.iter().any(
                                |c| c.contains(&format!("{} plan -out={}", words[1], words[3]))
                            )
                        );
                    }
                    seen.insert("terraform");
                }
                "touch" => {
                    // An empty marker file, which the next command copies into a bucket.
                    let next = commands
                        .iter()
                        .skip_while(|c| *c != command)
                        .nth(1)
                        .expect("a command after touch");
                    assert!(
                        next.starts_with(&format!("gcloud storage cp {} ", words[1])),
                        "{name}: {next}"
                    );
                }
                "gcloud" if words[1] == "storage" => {
                    // Landing the data: the destination is the landing bucket of an environment.
                    let target = words
                        .iter()
                        .map(|w| w.trim_matches('"'))
                        .find(|w| w.starts_with("gs://"))
                        .expect("a gs:// target");
                    let bucket = target
                        .trim_start_matches("gs://")
                        .split('/')
                        .next()
                        .unwrap();
                    // Or filling the Terraform provider mirror (without public internet).
                    if kit
                        .platform
                        .egress
                        .as_ref()
                        .is_some_and(|e| e.provider_mirror.bucket == bucket)
                    {
                        assert!(
                            words[2] == "rsync"
                                && files.contains_key("terraform/bootstrap/providers.tf"),
                            "{name}: {command}"
                        );
                        continue;
                    }
                    assert!(
                        kit.environments
                            .iter()
                            .any(|e| e.buckets.landing.as_deref() == Some(bucket)),
                        "{name}: {bucket} is not a landing bucket of the kit"
                    );
                    let source = &kit.workload.source_uri[&kit.training_environment];
                    assert!(
                        source.starts_with(&format!("gs://{bucket}/")),
                        "{name}: the pipeline reads {source}"
                    );
                }
                "gcloud" => {
                    assert_eq!(
                        &words[1..4],
                        ["builds", "triggers", "run"],
                        "{name}: {command}"
                    );
                    let trigger = words[4];
                    assert!(
                        kit.platform.triggers.values().any(|t| t.name == trigger),
                        "{name}: trigger {trigger} is not one the platform creates"
                    );
                    let project = words
                        .iter()
                        .find_map(|w| w.strip_prefix("--project="))
                        .unwrap();
                    assert!(
                        kit.environments.iter().any(|e| e.project_id == project),
                        "{name}: {project}"
                    );
                    let region = words
                        .iter()
                        .find_map(|w| w.strip_prefix("--region="))
                        .unwrap();
                    assert_eq!(region, kit.region);
                    seen.insert("gcloud");
                }
                "mlops-kit" => {
                    assert!(
                        subcommands.contains(&words[1]),
                        "{name}: mlops-kit {}",
                        words[1]
                    );
                    seen.insert("mlops-kit");
                }
                "python" if words[1] == "-m" && words[2].starts_with("ml_pipeline.") => {
                    let module = words[2].trim_start_matches("ml_pipeline.");
                    assert!(
                        files.contains_key(&format!("src/ml_pipeline/{module}.py")),
                        "{name}: {module}"
                    );
                    for w in &words {
                        if w.starts_with("pipelines/") {
                            assert!(files.contains_key(*w), "{name}: {w}");
                        }
                    }
                }
                "sh" => {
                    assert!(
                        words.len() > 1 && files.contains_key(words[1]),
                        "{name}: the README runs a script the kit does not have: {words:?}"
                    );
                }
                "python" | "pip" | "ruff" | "pytest" => {
                    for w in &words {
                        if w.starts_with("requirements") {
                            assert!(files.contains_key(*w), "{name}: {w}");
                        }
                    }
                }
                other => panic!(
                    "{name}: the README runs `{other}`, which the runbook test does not know"
                ),
            }
        }
        assert_eq!(
            seen.len(),
            3,
            "{name}: the runbook names terraform, gcloud and mlops-kit commands"
        );
        // Every environment gets its first apply, in promotion order.
        let applies: Vec<&str> = commands
            .iter()
            .filter_map(|c| c.strip_prefix("terraform -chdir=terraform/environments/"))
            .filter_map(|c| c.strip_suffix(" apply tfplan"))
            .collect();
        let envs: Vec<&str> = kit.environments.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(applies, envs, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------------
// tailoring

fn train_payload(doc: &Value) -> Value {
    let args = doc["deploymentSpec"]["executors"]["exec-train"]["container"]["args"]
        .as_array()
        .unwrap();
    let at = args.iter().position(|a| a == "--payload").unwrap();
    serde_json::from_str(args[at + 1].as_str().unwrap()).unwrap()
}

fn arg_after<'a>(doc: &'a Value, executor: &str, flag: &str) -> Option<&'a str> {
    let args = doc["deploymentSpec"]["executors"][executor]["container"]["args"].as_array()?;
    let at = args.iter().position(|a| a == flag)?;
    args.get(at + 1)?.as_str()
}

fn base() -> Questionnaire {
    example("retail-startup")
}

#[test]
fn framework_decides_dependencies_and_the_serving_container() {
    let cases = [
        (
            Framework::ScikitLearn,
            "scikit-learn==1.6.1",
            Some("sklearn-cpu.1-6:latest"),
        ),
        (Framework::Xgboost, "xgboost==2.1.4", None),
        (
            Framework::Tensorflow,
            "tensorflow==2.15.1",
            Some("tf2-cpu.2-15:latest"),
        ),
        (Framework::Pytorch, "torch==", None),
    ];
    for (framework, requirement, prebuilt) in cases {
        let mut q = base();
        q.model.framework = Some(framework);
        let files = render(&q);
        assert!(
            files["requirements.txt"].contains(requirement),
            "{framework:?}"
        );
        let serving = arg_after(&training(&files), "exec-register", "--serving-image")
            .unwrap()
            .to_owned();
        if let Some(image) = prebuilt {
            assert!(serving.ends_with(image), "{framework:?}: {serving}");
            assert!(!files.contains_key("docker/serving/Dockerfile"));
            assert!(!files.contains_key("src/ml_pipeline/serve.py"));
        } else {
            assert!(
                serving.ends_with("/serving:main"),
                "{framework:?}: {serving}"
            );
            assert!(files["docker/serving/Dockerfile"].contains("ml_pipeline.serve"));
        }
    }
}

#[test]
fn hardware_reaches_the_training_machine_spec() {
    let mut q = base();
    q.model.training.accelerator = Accelerator::NvidiaTeslaT4;
    q.model.training.accelerator_count = Some(2);
    let payload = train_payload(&training(&render(&q)));
    let machine = &payload["job_spec"]["worker_pool_specs"][0]["machine_spec"];
    assert_eq!(machine["accelerator_type"], "NVIDIA_TESLA_T4");
    assert_eq!(machine["accelerator_count"], 2);
    assert_eq!(machine["machine_type"], "n1-standard-16");

    let cpu = train_payload(&training(&render(&base())));
    let machine = &cpu["job_spec"]["worker_pool_specs"][0]["machine_spec"];
    assert!(machine.get("accelerator_type").is_none());
    assert_eq!(machine["machine_type"], "n2-standard-8");
}

#[test]
fn the_data_source_decides_what_extract_reads() {
    let sources = [
        (
            DataSource::Bigquery {
                project_id: "acme-dwh".into(),
                dataset: "crm".into(),
                table: "t".into(),
                location: None,
            },
            "bigquery",
            "bq://acme-dwh.crm.t",
        ),
        (
            DataSource::CloudStorage {
                bucket: "acme-data".into(),
                prefix: "train/".into(),
                format: None,
            },
            "cloud_storage",
            "gs://acme-data/train/",
        ),
        (
            DataSource::CloudSql {
                project_id: "acme-core".into(),
                instance: "pg".into(),
                database: "sales".into(),
                table: "orders".into(),
            },
            "cloud_sql",
            "cloudsql://acme-core/pg/sales/orders",
        ),
        (
            DataSource::OnPremises {
                system: "Oracle ERP".into(),
            },
            "landing_bucket",
            "gs://lojarapida-ml-prod-landing/training-data/",
        ),
    ];
    for (source, kind, uri) in sources {
        let mut q = base();
        q.data.sources = vec![source];
        let files = render(&q);
        assert_eq!(
            arg_after(&training(&files), "exec-extract", "--source-kind"),
            Some(kind)
        );
        let kit = mlops_kit::kit::resolve(&q);
        let prod = kit.environments.iter().find(|e| e.name == "prod").unwrap();
        assert_eq!(
            prod.pipeline_values["training"]["source_uri"], uri,
            "{kind}"
        );
    }
}

#[test]
fn target_features_metric_and_threshold_reach_the_pipeline() {
    let mut q = base();
    q.model.task = Task::TabularRegression;
    q.model.target_column = Some("basket_value".into());
    q.model.features.truncate(2);
    q.model.features[1].kind = FeatureKind::Categorical;
    q.model.features[1].drift_threshold = Some(0.12);
    q.model.evaluation = Some(mlops_kit::questionnaire::Evaluation {
        metric: Metric::Rmse,
        threshold: 42.5,
    });
    let files = render(&q);
    let doc = training(&files);
    let schema: Value =
        serde_json::from_str(arg_after(&doc, "exec-validate", "--schema").unwrap()).unwrap();
    assert_eq!(schema["target"], "basket_value");
    assert_eq!(schema["features"].as_array().unwrap().len(), 2);
    assert_eq!(schema["features"][1]["statistic"], "l_infinity");
    assert_eq!(schema["features"][1]["drift_threshold"], 0.12);
    assert_eq!(arg_after(&doc, "exec-evaluate", "--metric"), Some("rmse"));
    let args = doc["deploymentSpec"]["executors"]["exec-evaluate"]["container"]["args"].to_string();
    assert!(args.contains("--lower-is-better"));
    let condition = doc["root"]["dag"]["tasks"]["condition-1"]["triggerPolicy"]["condition"]
        .as_str()
        .unwrap();
    assert!(condition.contains(" <= "), "{condition}");
    let kit = mlops_kit::kit::resolve(&q);
    assert_eq!(
        kit.environments[0].pipeline_values["training"]["metric_threshold"],
        42.5
    );
}

#[test]
fn serving_mode_decides_deploy_batch_prediction_and_monitoring() {
    for (mode, deploy, batch) in [
        (ServingMode::Online, true, false),
        (ServingMode::Batch, false, true),
        (ServingMode::Both, true, true),
    ] {
        let mut q = base();
        q.serving.mode = mode;
        if batch {
            q.serving.batch_output = Some(BatchOutput::Bigquery {
                table: "scores".into(),
            });
        }
        let files = render(&q);
        let doc = training(&files);
        let released = doc["components"]["comp-condition-2"]["dag"]["tasks"]
            .as_object()
            .unwrap();
        assert_eq!(released.contains_key("deploy"), deploy, "{mode:?}");
        // The training run scores nothing: the scheduled batch-scoring pipeline does; without an
        // endpoint the run only moves the `production` alias.
        assert!(!released.contains_key("batch-predict"), "{mode:?}");
        assert_eq!(
            released.contains_key("promote"),
            batch && !deploy,
            "{mode:?}"
        );
        assert_eq!(
            files.contains_key("pipelines/scoring_pipeline.yaml"),
            batch,
            "{mode:?}"
        );
        assert_eq!(
            files.contains_key("pipelines/monitoring_pipeline.yaml"),
            batch,
            "{mode:?}"
        );
        assert_eq!(
            files.contains_key("pipelines/model_monitoring.json"),
            deploy,
            "{mode:?}"
        );
        assert_eq!(
            files.contains_key("src/ml_pipeline/monitoring_job.py"),
            deploy,
            "{mode:?}"
        );
    }
}

#[test]
fn a_canary_sends_only_its_share_of_traffic_to_the_new_model() {
    let direct = training(&render(&base()));
    assert_eq!(
        arg_after(&direct, "exec-deploy", "--traffic-percent"),
        Some("100")
    );
    let mut q = base();
    q.serving.rollout = Rollout {
        strategy: RolloutStrategy::Canary,
        canary_traffic_percent: Some(15),
        // With approval, only the rollout build deploys (tests/integration/runtime.rs).
        manual_approval: false,
    };
    let canary = training(&render(&q));
    assert_eq!(
        arg_after(&canary, "exec-deploy", "--traffic-percent"),
        Some("{{$.inputs.parameters['canary_traffic_percent']}}")
    );
    let kit = mlops_kit::kit::resolve(&q);
    assert_eq!(
        kit.environments[0].pipeline_values["training"]["canary_traffic_percent"],
        15
    );
}

#[test]
fn drift_thresholds_frequency_and_sampling_reach_monitoring() {
    // Online: the Vertex AI Model Monitoring job configuration.
    let mut q = base();
    q.operations.monitoring.frequency_hours = 6;
    q.operations.monitoring.sampling_rate = 0.25;
    q.model.features[0].drift_threshold = Some(0.05);
    let files = render(&q);
    let config: Value = serde_json::from_str(&files["pipelines/model_monitoring.json"]).unwrap();
    assert_eq!(config["monitoring_interval_hours"], 6);
    assert_eq!(config["sampling_rate"], 0.25);
    assert_eq!(config["drift"]["thresholds"]["tenure_months"], 0.05);
    assert_eq!(config["drift"]["thresholds"]["plan"], 0.3);

    // Batch: the monitoring pipeline's parameters and per-feature thresholds.
    let mut q = example("fintech-regulated");
    q.operations.monitoring.frequency_hours = 12;
    q.operations.monitoring.sampling_rate = 0.5;
    let files = render(&q);
    let kit = mlops_kit::kit::resolve(&q);
    let values = &kit.environments[0].pipeline_values["monitoring"];
    assert_eq!(values["lookback_hours"], "12");
    assert_eq!(values["sampling_rate"], "0.5");
    let doc = spec(&files, "pipelines/monitoring_pipeline.yaml");
    let schema: Value =
        serde_json::from_str(arg_after(&doc, "exec-drift", "--schema").unwrap()).unwrap();
    let bureau = schema["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "bureau_score")
        .unwrap();
    assert_eq!(bureau["drift_threshold"], 0.1);
    assert_eq!(bureau["statistic"], "jensen_shannon");
    assert_eq!(
        doc["root"]["dag"]["tasks"]["condition-1"]["triggerPolicy"]["condition"],
        "inputs.parameter_values['pipelinechannel--drift-drift_detected'] == true"
    );
}

#[test]
fn data_volume_decides_where_data_is_prepared_and_how_training_scales() {
    let mut q = base();
    q.model.framework = Some(Framework::Tensorflow);
    q.data.sources = vec![DataSource::CloudStorage {
        bucket: "acme-data".into(),
        prefix: "train/".into(),
        format: Some(FileFormat::Parquet),
    }];
    let engine = |volume| {
        let mut q = q.clone();
        q.data.volume = volume;
        let files = render(&q);
        let doc = training(&files);
        let pools = train_payload(&doc)["job_spec"]["worker_pool_specs"]
            .as_array()
            .unwrap()
            .len();
        let cpu = doc["deploymentSpec"]["executors"]["exec-extract"]["container"]["resources"]["resourceCpuLimit"].clone();
        (
            arg_after(&doc, "exec-extract", "--engine")
                .unwrap()
                .to_owned(),
            pools,
            cpu,
            files,
        )
    };
    let (small, pools, cpu, files) = engine(DataVolume::Under10gb);
    assert_eq!(
        (small.as_str(), pools, cpu.as_str()),
        ("in_container", 1, Some("8"))
    );
    assert!(!files.contains_key("src/ml_pipeline/prepare_beam.py"));
    let (medium, _, cpu, _) = engine(DataVolume::From10gbTo1tb);
    assert_eq!(
        (medium.as_str(), cpu.as_str()),
        ("bigquery", Some("2")),
        "the step only drives BigQuery"
    );
    let (large, pools, _, files) = engine(DataVolume::From1tbTo10tb);
    assert_eq!(
        (large.as_str(), pools),
        ("dataflow", 2),
        "chief plus a worker pool"
    );
    assert!(files["requirements.txt"].contains("apache-beam[gcp]=="));
    assert!(files.contains_key("src/ml_pipeline/prepare_beam.py"));
}

#[test]
fn dataflow_preparation_honours_cmek_and_private_networking() {
    use mlops_kit::questionnaire::{Cmek, Network, NetworkMode};
    let subnetwork_of =
        |doc: &Value| arg_after(doc, "exec-extract", "--dataflow-subnetwork").map(str::to_owned);

    // Google-managed networking, no CMEK: the key is passed (empty at run time), no subnetwork.
    let plain = example("industrial-onprem");
    let doc = training(&render(&plain));
    assert_eq!(
        arg_after(&doc, "exec-extract", "--engine"),
        Some("dataflow")
    );
    assert_eq!(
        arg_after(&doc, "exec-extract", "--encryption-key"),
        Some("{{$.inputs.parameters['encryption_key']}}")
    );
    assert_eq!(subnetwork_of(&doc), None);

    // CMEK and a private network: the key reaches the component from the pipeline parameter, and the
    // workers run in the VPC's subnetwork of the region without public IPs.
    let mut private = plain.clone();
    private.gcp.cmek = Cmek {
        enabled: true,
        key_location: Some(private.gcp.region.clone()),
    };
    private.gcp.network = Network {
        mode: NetworkMode::Private,
        vpc: Some("stahl-vpc".to_owned()),
        host_project_id: None,
    };
    let files = render(&private);
    let doc = training(&files);
    assert_eq!(
        subnetwork_of(&doc).as_deref(),
        Some("regions/europe-west4/subnetworks/stahl-vpc")
    );
    assert!(
        doc["components"]["comp-extract"]["inputDefinitions"]["parameters"]
            .get("encryption_key")
            .is_some()
    );
    assert_eq!(
        doc["root"]["dag"]["tasks"]["extract"]["inputs"]["parameters"]["encryption_key"]["componentInputParameter"],
        "encryption_key"
    );
    let beam = &files["src/ml_pipeline/prepare_beam.py"];
    for option in [
        "options[\"dataflow_kms_key\"] = kms_key",
        "options[\"subnetwork\"] = subnetwork",
        "options[\"use_public_ips\"] = False",
    ] {
        assert!(beam.contains(option), "{option}");
    }
    let extract = &files["src/ml_pipeline/extract.py"];
    assert!(extract.contains("kms_key=args.encryption_key or None"));
    assert!(extract.contains("subnetwork=args.dataflow_subnetwork or None"));

    // Shared VPC: the host project's subnetwork, named by its full URL.
    let mut shared = plain.clone();
    shared.gcp.network = Network {
        mode: NetworkMode::SharedVpc,
        vpc: Some("core-vpc".to_owned()),
        host_project_id: Some("stahl-net-host".to_owned()),
    };
    assert_eq!(
        subnetwork_of(&training(&render(&shared))).as_deref(),
        Some(
            "https://www.googleapis.com/compute/v1/projects/stahl-net-host/regions/europe-west4/subnetworks/core-vpc"
        )
    );
}

#[test]
fn tables_of_any_size_are_prepared_by_bigquery_and_files_by_dataflow() {
    let mut q = example("fintech-regulated");
    q.data.volume = DataVolume::Over10tb;
    let doc = training(&render(&q));
    assert_eq!(
        arg_after(&doc, "exec-extract", "--engine"),
        Some("bigquery")
    );
    assert_eq!(
        arg_after(&doc, "exec-extract", "--dataflow-service-account-id"),
        None
    );
    q.data.sources = vec![DataSource::CloudSql {
        project_id: "credseg-core".into(),
        instance: "core-postgres".into(),
        database: "lending".into(),
        table: "repayments".into(),
    }];
    assert_eq!(
        arg_after(&training(&render(&q)), "exec-extract", "--engine"),
        Some("bigquery")
    );
    // CSV and JSON Lines files are read by BigQuery through an external table at any size;
    // Dataflow rewrites Parquet.
    q.data.sources = vec![DataSource::CloudStorage {
        bucket: "credseg-files".into(),
        prefix: "loans/".into(),
        format: None,
    }];
    assert_eq!(
        arg_after(&training(&render(&q)), "exec-extract", "--engine"),
        Some("bigquery")
    );
    q.data.sources = vec![DataSource::CloudStorage {
        bucket: "credseg-files".into(),
        prefix: "loans/".into(),
        format: Some(FileFormat::Parquet),
    }];
    assert_eq!(
        arg_after(&training(&render(&q)), "exec-extract", "--engine"),
        Some("dataflow")
    );
}

#[test]
fn generation_is_deterministic() {
    let q = example("industrial-onprem");
    assert_eq!(render(&q), render(&q));
}

// ---------------------------------------------------------------------------------------------------
// snapshots

#[test]
fn workload_files_of_each_example() {
    for example_def in EXAMPLES {
        let files = render(&example(example_def.name));
        let mut out = String::new();
        for (path, text) in files.iter().filter(|(p, _)| {
            p.starts_with("pipelines/")
                || p.starts_with("docker/")
                || p.starts_with("requirements")
                || p.as_str() == "pyproject.toml"
                || p.as_str() == "README.md"
        }) {
            let _ = write!(out, "==== {path} ====\n{text}");
        }
        insta::assert_snapshot!(format!("workload_{}", example_def.name), out);
    }
}

// ---------------------------------------------------------------------------------------------------
// escaping

#[test]
fn hostile_free_text_stays_inside_its_string_in_the_workload_files() {
    const HOSTILE: &str = "Acme \"q\" 'a' ''' \"\"\" \\ ${var.x} %{if} {{ x }} {% raw %}\nnext line $HOME |pipe| <b>bold</b> `tick`";
    let mut q = base();
    HOSTILE.clone_into(&mut q.client.name);
    HOSTILE.clone_into(&mut q.business.use_case);
    HOSTILE.clone_into(&mut q.business.decision);
    let files = render(&q);
    let description = files["pyproject.toml"]
        .lines()
        .find(|l| l.starts_with("description = "))
        .expect("a description line");
    assert_eq!(
        description,
        format!(
            "description = {}",
            mlops_kit::render::filters::json_string(HOSTILE)
        )
    );
    for (path, text) in files.iter().filter(|(p, _)| has_ext(p, "md")) {
        assert!(!text.contains("<b>"), "{path}: raw HTML");
        assert!(
            !text.contains("\nnext line"),
            "{path}: a raw newline from the answer"
        );
    }
    let escaped = mlops_kit::render::filters::md_text(HOSTILE);
    assert!(files["README.md"].contains(&format!("# {escaped}: MLOps starter kit")));
    for path in files
        .keys()
        .filter(|p| p.starts_with("pipelines/") && has_ext(p, "yaml"))
    {
        spec(&files, path);
    }
    for (path, text) in files
        .iter()
        .filter(|(p, _)| has_ext(p, "py") || p.starts_with("docker/"))
    {
        assert!(
            !text.contains("${var.x}"),
            "{path}: free text leaked into code"
        );
    }
}
