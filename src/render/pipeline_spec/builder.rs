//! The pieces every pipeline spec is built from: KFP placeholders, container [`Component`]s (their
//! interface and executor), DAG [`Task`]s (component calls and `dsl.If` condition sub-DAGs), and the
//! [`Spec`] that collects them. A pipeline builder (`training`, `monitoring`) only says which steps
//! it has and how they connect; the KFP wire format lives here.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::kit::{Kit, Pipeline};

use super::{SCHEMA_VERSION, SDK_VERSION};

// ---------------------------------------------------------------------------------------------------
// placeholders: what a component's command line holds where KFP substitutes a value at run time
// (an input parameter's value, an artifact's local path or gs:// URI, the file an output is written to)

pub(super) fn in_param(name: &str) -> String {
    format!("{{{{$.inputs.parameters['{name}']}}}}")
}
pub(super) fn in_artifact_path(name: &str) -> String {
    format!("{{{{$.inputs.artifacts['{name}'].path}}}}")
}
pub(super) fn in_artifact_uri(name: &str) -> String {
    format!("{{{{$.inputs.artifacts['{name}'].uri}}}}")
}
pub(super) fn out_artifact_path(name: &str) -> String {
    format!("{{{{$.outputs.artifacts['{name}'].path}}}}")
}
pub(super) fn out_artifact_uri(name: &str) -> String {
    format!("{{{{$.outputs.artifacts['{name}'].uri}}}}")
}
pub(super) fn out_param_file(name: &str) -> String {
    format!("{{{{$.outputs.parameters['{name}'].output_file}}}}")
}

/// The time the run was scheduled for (`dsl.PIPELINE_JOB_SCHEDULE_TIME_UTC_PLACEHOLDER`), RFC 3339 in
/// UTC. Vertex AI and Kubeflow Pipelines resolve it where a task input's runtime value is exactly
/// this text (not inside an executor's command line); a run not started by a schedule gets its
/// creation time.
pub(super) const SCHEDULE_TIME: &str = "{{$.pipeline_job_schedule_time_utc}}";

/// The run's name (`dsl.PIPELINE_JOB_NAME_PLACEHOLDER`): the display name Vertex AI and Kubeflow
/// Pipelines give the job. Like [`SCHEDULE_TIME`], resolved only where a task input's runtime value
/// is exactly this text, so a step receives it as a `STRING` input, never in its command line.
pub(super) const RUN_NAME: &str = "{{$.pipeline_job_name}}";

// ---------------------------------------------------------------------------------------------------
// components

/// Type of a component input or output.
#[derive(Debug, Clone, Copy)]
pub(super) enum Io {
    /// A parameter of a KFP parameter type (`STRING`, `NUMBER_DOUBLE`, ...).
    Param(&'static str),
    /// An artifact of a system schema (`system.Dataset`, `system.Model`, ...).
    Artifact(&'static str),
}

/// One container component: its interface and its executor.
pub(super) struct Component {
    name: String,
    inputs: Vec<(String, Io)>,
    outputs: Vec<(String, Io)>,
    image: String,
    command: Vec<String>,
    args: Vec<String>,
    resources: Option<Value>,
}

impl Component {
    pub(super) fn new(name: &str, image: &str, command: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            image: image.to_owned(),
            command: command.iter().map(|s| (*s).to_owned()).collect(),
            args: Vec::new(),
            resources: None,
        }
    }
    pub(super) fn input(mut self, name: &str, io: Io) -> Self {
        self.inputs.push((name.to_owned(), io));
        self
    }
    pub(super) fn output(mut self, name: &str, io: Io) -> Self {
        self.outputs.push((name.to_owned(), io));
        self
    }
    pub(super) fn args<S: Into<String>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }
    /// A step of the kit's own Python package in the trainer image (`python -m <package>.<module>`).
    pub(super) fn python(kit: &Kit, name: &str, module: &str) -> Self {
        Self::step(
            name,
            &kit.workload.trainer_image_ref,
            &kit.workload.package,
            module,
        )
    }
    /// A step `python -m <package>.<module>` of a Python package in an image.
    pub(super) fn step(name: &str, image: &str, package: &str, module: &str) -> Self {
        Self::new(
            name,
            image,
            &["python", "-m", &format!("{package}.{module}")],
        )
    }
    /// A `flag value` pair of arguments with a value fixed at build time.
    pub(super) fn arg(self, flag: &str, value: impl Into<String>) -> Self {
        self.args([flag.to_owned(), value.into()])
    }
    /// A parameter input of the given KFP type, passed as `flag <value>`.
    pub(super) fn param_arg(self, flag: &str, name: &str, kind: &'static str) -> Self {
        self.input(name, Io::Param(kind)).arg(flag, in_param(name))
    }
    /// A `STRING` parameter input, passed as `flag <value>`.
    pub(super) fn string_arg(self, flag: &str, name: &str) -> Self {
        self.param_arg(flag, name, "STRING")
    }
    /// The `project_id` and `region` inputs most steps take, as `--project-id` and `--region`.
    pub(super) fn project_and_region(self) -> Self {
        self.string_arg("--project-id", "project_id")
            .string_arg("--region", "region")
    }
    /// An artifact input, passed as `flag <local path>`.
    pub(super) fn artifact_path_arg(self, flag: &str, name: &str, schema: &'static str) -> Self {
        self.input(name, Io::Artifact(schema))
            .arg(flag, in_artifact_path(name))
    }
    /// An artifact input, passed as `flag <gs:// URI>`.
    pub(super) fn artifact_uri_arg(self, flag: &str, name: &str, schema: &'static str) -> Self {
        self.input(name, Io::Artifact(schema))
            .arg(flag, in_artifact_uri(name))
    }
    /// An artifact output, passed as `flag <local path>` for the step to write.
    pub(super) fn output_path_arg(self, flag: &str, name: &str, schema: &'static str) -> Self {
        self.output(name, Io::Artifact(schema))
            .arg(flag, out_artifact_path(name))
    }
    /// An artifact output, passed as `flag <gs:// URI>` for the step to write.
    pub(super) fn output_uri_arg(self, flag: &str, name: &str, schema: &'static str) -> Self {
        self.output(name, Io::Artifact(schema))
            .arg(flag, out_artifact_uri(name))
    }
    /// A parameter output, passed as `flag <file>` the step writes the value into.
    pub(super) fn output_param_arg(self, flag: &str, name: &str, kind: &'static str) -> Self {
        self.output(name, Io::Param(kind))
            .arg(flag, out_param_file(name))
    }
    /// `--data-kind` and `--schema`: how the step reads the client's rows.
    pub(super) fn data_kind_and_schema(self, kit: &Kit) -> Self {
        self.arg("--data-kind", &kit.workload.data_kind)
            .arg("--schema", schema_json(kit))
    }
    /// CPU and memory limits, written both ways the SDK writes them.
    pub(super) fn resources(mut self, cpu: u32, memory_gb: u32) -> Self {
        self.resources = Some(json!({
            "cpuLimit": f64::from(cpu),
            "memoryLimit": f64::from(memory_gb),
            "resourceCpuLimit": cpu.to_string(),
            "resourceMemoryLimit": format!("{memory_gb}G"),
        }));
        self
    }
}

pub(super) fn definitions(items: &[(String, Io)]) -> Value {
    let mut params = Map::new();
    let mut artifacts = Map::new();
    for (name, io) in items {
        match io {
            Io::Param(kind) => {
                params.insert(name.clone(), json!({ "parameterType": kind }));
            }
            Io::Artifact(schema) => {
                artifacts.insert(
                    name.clone(),
                    json!({ "artifactType": { "schemaTitle": schema, "schemaVersion": "0.0.1" } }),
                );
            }
        }
    }
    let mut out = Map::new();
    if !artifacts.is_empty() {
        out.insert("artifacts".to_owned(), Value::Object(artifacts));
    }
    if !params.is_empty() {
        out.insert("parameters".to_owned(), Value::Object(params));
    }
    Value::Object(out)
}

// ---------------------------------------------------------------------------------------------------
// tasks and DAGs

/// One task of a DAG: a component call or a condition sub-DAG.
pub(super) struct Task {
    name: String,
    display: String,
    component: String,
    params: Map<String, Value>,
    artifacts: Map<String, Value>,
    depends: BTreeSet<String>,
    condition: Option<String>,
    cached: bool,
}

impl Task {
    pub(super) fn call(component: &Component) -> Self {
        Self {
            name: component.name.clone(),
            display: component.name.clone(),
            component: format!("comp-{}", component.name),
            params: Map::new(),
            artifacts: Map::new(),
            depends: BTreeSet::new(),
            condition: None,
            cached: true,
        }
    }
    pub(super) fn condition(index: u32, display: &str, condition: String) -> Self {
        Self {
            name: format!("condition-{index}"),
            display: display.to_owned(),
            component: format!("comp-condition-{index}"),
            params: Map::new(),
            artifacts: Map::new(),
            depends: BTreeSet::new(),
            condition: Some(condition),
            cached: false,
        }
    }
    /// A parameter from the enclosing DAG's inputs (pipeline parameter or pipeline channel).
    pub(super) fn param(mut self, name: &str, from: &str) -> Self {
        self.params
            .insert(name.to_owned(), json!({ "componentInputParameter": from }));
        self
    }
    /// A parameter whose value is a constant the backend fills in at run time (a job-level runtime
    /// reference such as [`SCHEDULE_TIME`] or [`RUN_NAME`]), as the SDK compiles a task argument set
    /// to one of its `dsl.PIPELINE_JOB_*` constants.
    pub(super) fn runtime_value(mut self, name: &str, constant: &str) -> Self {
        self.params.insert(
            name.to_owned(),
            json!({ "runtimeValue": { "constant": constant } }),
        );
        self
    }
    /// A parameter from another task's output.
    pub(super) fn task_param(mut self, name: &str, task: &str, key: &str) -> Self {
        self.params.insert(
            name.to_owned(),
            json!({ "taskOutputParameter": { "outputParameterKey": key, "producerTask": task } }),
        );
        self.depends.insert(task.to_owned());
        self
    }
    /// An artifact from another task's output.
    pub(super) fn task_artifact(mut self, name: &str, task: &str, key: &str) -> Self {
        self.artifacts.insert(
            name.to_owned(),
            json!({ "taskOutputArtifact": { "outputArtifactKey": key, "producerTask": task } }),
        );
        self.depends.insert(task.to_owned());
        self
    }
    /// An artifact from the enclosing DAG's inputs (a pipeline channel).
    pub(super) fn input_artifact(mut self, name: &str, from: &str) -> Self {
        self.artifacts
            .insert(name.to_owned(), json!({ "componentInputArtifact": from }));
        self
    }
    /// Parameters of the same names from the enclosing DAG's inputs (the root DAG's pipeline
    /// parameters, or a condition sub-DAG's own inputs).
    pub(super) fn params(self, names: &[&str]) -> Self {
        names.iter().fold(self, |t, n| t.param(n, n))
    }
    /// Parameters read, inside a condition sub-DAG, from the channels that carry the pipeline
    /// parameters of the same names.
    pub(super) fn params_from_channels(self, names: &[&str]) -> Self {
        names.iter().fold(self, |t, n| t.param(n, &channel(n)))
    }
    /// A condition's channel inputs, fed from the pipeline parameters of the same names.
    pub(super) fn channels_from_params(self, names: &[&str]) -> Self {
        names.iter().fold(self, |t, n| t.param(&channel(n), n))
    }
    pub(super) fn uncached(mut self) -> Self {
        self.cached = false;
        self
    }

    fn to_value(&self) -> Value {
        let mut task = Map::new();
        if self.condition.is_none() {
            let caching = if self.cached {
                json!({ "enableCache": true })
            } else {
                json!({})
            };
            task.insert("cachingOptions".to_owned(), caching);
        }
        task.insert("componentRef".to_owned(), json!({ "name": self.component }));
        if !self.depends.is_empty() {
            task.insert("dependentTasks".to_owned(), json!(self.depends));
        }
        let mut inputs = Map::new();
        if !self.artifacts.is_empty() {
            inputs.insert(
                "artifacts".to_owned(),
                Value::Object(self.artifacts.clone()),
            );
        }
        if !self.params.is_empty() {
            inputs.insert("parameters".to_owned(), Value::Object(self.params.clone()));
        }
        if !inputs.is_empty() {
            task.insert("inputs".to_owned(), Value::Object(inputs));
        }
        task.insert("taskInfo".to_owned(), json!({ "name": self.display }));
        if let Some(condition) = &self.condition {
            task.insert(
                "triggerPolicy".to_owned(),
                json!({ "condition": condition }),
            );
        }
        Value::Object(task)
    }
}

/// Collects components, executors and a DAG's tasks into a spec.
#[derive(Default)]
pub(super) struct Spec {
    components: Map<String, Value>,
    executors: Map<String, Value>,
}

impl Spec {
    pub(super) fn add_component(&mut self, c: &Component) {
        let mut comp = Map::new();
        comp.insert(
            "executorLabel".to_owned(),
            json!(format!("exec-{}", c.name)),
        );
        if !c.inputs.is_empty() {
            comp.insert("inputDefinitions".to_owned(), definitions(&c.inputs));
        }
        if !c.outputs.is_empty() {
            comp.insert("outputDefinitions".to_owned(), definitions(&c.outputs));
        }
        self.components
            .insert(format!("comp-{}", c.name), Value::Object(comp));
        let mut container = Map::new();
        container.insert("args".to_owned(), json!(c.args));
        container.insert("command".to_owned(), json!(c.command));
        container.insert("image".to_owned(), json!(c.image));
        if let Some(resources) = &c.resources {
            container.insert("resources".to_owned(), resources.clone());
        }
        self.executors.insert(
            format!("exec-{}", c.name),
            json!({ "container": container }),
        );
    }

    pub(super) fn add_condition(&mut self, index: u32, inputs: &[(String, Io)], tasks: &[Task]) {
        let mut comp = Map::new();
        comp.insert("dag".to_owned(), json!({ "tasks": tasks_value(tasks) }));
        comp.insert("inputDefinitions".to_owned(), definitions(inputs));
        self.components
            .insert(format!("comp-condition-{index}"), Value::Object(comp));
    }

    pub(super) fn finish(
        self,
        name: &str,
        description: &str,
        root_tasks: &[Task],
        pipeline: &Pipeline,
    ) -> Value {
        let params: Vec<(String, Io)> = pipeline
            .parameters
            .iter()
            .map(|p| (p.name.clone(), Io::Param(parameter_type(&p.kind))))
            .collect();
        json!({
            "components": self.components,
            "deploymentSpec": { "executors": self.executors },
            "pipelineInfo": { "description": description, "name": name },
            "root": {
                "dag": { "tasks": tasks_value(root_tasks) },
                "inputDefinitions": definitions(&params),
            },
            "schemaVersion": SCHEMA_VERSION,
            "sdkVersion": SDK_VERSION,
        })
    }
}

/// The KFP parameter type of a kit pipeline parameter's kind (`STRING` for anything unknown).
pub(super) fn parameter_type(kind: &str) -> &'static str {
    match kind {
        "NUMBER_DOUBLE" => "NUMBER_DOUBLE",
        "NUMBER_INTEGER" => "NUMBER_INTEGER",
        "BOOLEAN" => "BOOLEAN",
        "LIST" => "LIST",
        "STRUCT" => "STRUCT",
        _ => "STRING",
    }
}

pub(super) fn tasks_value(tasks: &[Task]) -> Value {
    Value::Object(
        tasks
            .iter()
            .map(|t| (t.name.clone(), t.to_value()))
            .collect(),
    )
}

/// Name of the pipeline channel that carries a pipeline parameter into a condition sub-DAG.
pub(super) fn channel(param: &str) -> String {
    format!("pipelinechannel--{param}")
}

/// Name of the pipeline channel that carries a task output into a condition sub-DAG.
pub(super) fn task_channel(task: &str, key: &str) -> String {
    format!("pipelinechannel--{task}-{key}")
}

/// A CEL comparison on two channel values, as `dsl.If` compiles it.
pub(super) fn compare(left: &str, op: &str, right: &str) -> String {
    format!("inputs.parameter_values['{left}'] {op} {right}")
}

pub(super) fn value_of(channel: &str) -> String {
    format!("inputs.parameter_values['{channel}']")
}

pub(super) fn has_param(pipeline: &Pipeline, name: &str) -> bool {
    pipeline.parameters.iter().any(|p| p.name == name)
}

pub(super) fn param_kind(pipeline: &Pipeline, name: &str) -> &'static str {
    pipeline
        .parameters
        .iter()
        .find(|p| p.name == name)
        .map_or("STRING", |p| parameter_type(&p.kind))
}

/// The features (and target) as the JSON the component code reads.
pub(super) fn schema_json(kit: &Kit) -> String {
    kit.workload.schema_json.clone()
}

pub(super) fn py_module(kit: &Kit, step: &str) -> String {
    format!("{}.{step}", kit.workload.package)
}
