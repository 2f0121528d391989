//! Client-facing output in Brazilian Portuguese (issue 12): no English sentence is left over in a
//! pt-BR assessment (every format) or a pt-BR kit's documents, over every embedded example and
//! matrix questionnaire; snapshots of the Portuguese texts; `--lang` and `client.language`.
//!
//! The detector counts common English function words per sentence against Portuguese ones, after
//! removing what is not ours to translate: the client's own free text from the questionnaire,
//! code (fenced blocks and inline code), HTML markup and a short allow-list of product names.

use std::path::Path;

use super::common::{run, stderr, stdout};

use mlops_kit::i18n::Language;
use mlops_kit::questionnaire::{Questionnaire, examples, load_path};

/// English function words that are not also Portuguese words (no `a`, `as`, `do`, `no`, `for`,
/// `so`, `se`).
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "is", "are", "was", "were", "be", "been", "being", "with", "in",
    "on", "at", "by", "from", "this", "that", "these", "those", "it", "its", "not", "or", "an",
    "which", "when", "where", "what", "who", "whose", "will", "would", "can", "could", "must",
    "should", "has", "have", "had", "than", "then", "there", "their", "they", "them", "into",
    "only", "every", "each", "your", "you", "we", "our", "if", "but", "how", "before", "after",
    "once", "does", "about", "also", "any", "all", "other", "same", "such", "while", "until",
    "here", "more", "one", "out", "up", "over", "under", "between", "without", "within",
];

/// Portuguese function words.
const PORTUGUESE: &[&str] = &[
    "de", "do", "da", "dos", "das", "o", "a", "os", "as", "e", "é", "em", "no", "na", "nos", "nas",
    "um", "uma", "uns", "umas", "para", "com", "por", "pelo", "pela", "pelos", "pelas", "que",
    "se", "não", "ao", "aos", "à", "às", "mais", "como", "sem", "sua", "seu", "suas", "seus",
    "cada", "todo", "toda", "todos", "todas", "quando", "onde", "depois", "antes", "também", "ou",
    "este", "esta", "esse", "essa", "isso", "já", "só", "entre", "até", "são", "está", "estão",
];

/// Product and service names kept in English in every language (removed before counting).
const PRODUCT_NAMES: &[&str] = &[
    "Python 3.11",
    "Identity and Access Management",
    "Vertex AI Model Monitoring",
    "VPC Service Controls",
    "Workload Identity Federation",
];

/// `text` without the client's own answers (left as the client wrote them) and product names.
fn without_free_text(text: &str, free_text: &[String]) -> String {
    let mut t = text.to_owned();
    // Longest first: a short answer may be part of a longer one.
    let mut own: Vec<&String> = free_text.iter().filter(|s| s.len() >= 3).collect();
    own.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for s in own {
        for form in [
            (*s).clone(),
            mlops_kit::render::filters::md_text(s),
            mlops_kit::render::filters::html_text(s),
        ] {
            // Generated files lose trailing spaces at line ends.
            t = t.replace(&form, " ").replace(form.trim(), " ");
        }
    }
    for name in PRODUCT_NAMES {
        t = t.replace(name, " ");
    }
    t
}

/// Numbers of the prose written with an English decimal point (`0.25`), outside code. A Portuguese
/// thousands group (`4.893`, `1.234.567`) and a version (`1.2.3`) are not decimals.
fn english_decimals(text: &str, free_text: &[String]) -> Vec<String> {
    let prose = strip_code_and_markup(&without_free_text(text, free_text));
    let mut out = Vec::new();
    for line in prose.lines() {
        for word in line.split(|c: char| c.is_whitespace() || "|()[]–,;:*%".contains(c)) {
            let word = word.trim_end_matches('.');
            let parts: Vec<&str> = word.split('.').collect();
            let numeric = parts.len() == 2
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            let thousands = parts.len() == 2 && parts[1].len() == 3 && !parts[0].starts_with('0');
            if numeric && !thousands {
                out.push(format!("{word} in: {}", line.trim()));
            }
        }
    }
    out
}

/// Sentences of `text` that read as English. `free_text` is the client's own text (left as is).
fn english_sentences(text: &str, free_text: &[String]) -> Vec<String> {
    let t = strip_code_and_markup(&without_free_text(text, free_text));
    let mut out = Vec::new();
    for sentence in t.split(['.', '!', '?', ';', ':', '\n', '|', '(', ')', '“', '”', '"']) {
        // Identifiers (snake_case values, paths, numbers with units) are not words of a language.
        let prose: String = sentence
            .split_whitespace()
            .filter(|w| !w.contains(['_', '/', '=']) && !w.contains(|c: char| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join(" ");
        let words: Vec<String> = prose
            .split(|c: char| !(c.is_alphabetic() || c == '\''))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let en = words
            .iter()
            .filter(|w| ENGLISH.contains(&w.as_str()))
            .count();
        let pt = words
            .iter()
            .filter(|w| PORTUGUESE.contains(&w.as_str()))
            .count();
        let english = (en >= 2 && en > pt) || (en >= 1 && pt == 0 && words.len() >= 4);
        if english {
            out.push(sentence.trim().to_owned());
        }
    }
    out
}

/// Removes fenced code blocks, inline code, HTML/XML tags and comments, `<style>` blocks and
/// URLs: code, identifiers and markup are not prose.
fn strip_code_and_markup(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    let out = remove_between(&out, "<style>", "</style>");
    let out = remove_between(&out, "<!--", "-->");
    let out = remove_between(&out, "`", "`");
    let out = remove_between(&out, "<", ">");
    let out = out
        .replace("&amp;", "&")
        .replace("&lt;", " ")
        .replace("&gt;", " ");
    out.lines()
        .map(|line| {
            line.split(' ')
                .map(|w| if w.contains("://") { "" } else { w })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn remove_between(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let after = &rest[start + open.len()..];
        match after.find(close) {
            Some(end) => {
                out.push(' ');
                rest = &after[end + close.len()..];
            }
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every string answer of a questionnaire: the client's own words.
fn free_text(q: &Questionnaire) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            serde_json::Value::Object(map) => map.values().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(
        &serde_json::to_value(q).expect("a questionnaire serializes"),
        &mut out,
    );
    out
}

/// Every embedded example, matrix and valid fixture questionnaire (the generative one included),
/// in Portuguese.
fn portuguese_questionnaires() -> Vec<(String, Questionnaire)> {
    let mut out: Vec<(String, Questionnaire)> = examples::EXAMPLES
        .iter()
        .map(|e| (e.name.to_owned(), super::common::example(e.name)))
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["tests/fixtures/matrix", "tests/fixtures/valid"] {
        paths.extend(
            std::fs::read_dir(root.join(dir))
                .unwrap_or_else(|e| panic!("{dir}: {e}"))
                .map(|e| e.expect("readable").path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json")),
        );
    }
    paths.sort();
    for path in paths {
        let q = load_path(&path)
            .unwrap_or_else(|e| panic!("{} is valid: {e}", path.display()))
            .questionnaire;
        out.push((path.display().to_string(), q));
    }
    assert!(out.len() >= 12, "{} questionnaires", out.len());
    for (_, q) in &mut out {
        q.client.language = Some(Language::PtBr);
    }
    out
}

fn assert_portuguese(what: &str, text: &str, q: &Questionnaire) {
    let english = english_sentences(text, &free_text(q));
    assert!(
        english.is_empty(),
        "{what}: English left over in the pt-BR output:\n  {}",
        english.join("\n  ")
    );
    let decimals = english_decimals(text, &free_text(q));
    assert!(
        decimals.is_empty(),
        "{what}: a number with a decimal point in the pt-BR output (write it with the `num` filter):\n  {}",
        decimals.join("\n  ")
    );
}

#[test]
fn the_detector_tells_english_from_portuguese() {
    let none: Vec<String> = Vec::new();
    // Sentences of the English assessment are caught, one by one.
    for english in [
        "The model uses personal data, but customer-managed encryption keys are not enabled.",
        "Ground truth is never known",
        "A level holds only when every one of its criteria holds, and every level below it.",
        "Apply the Terraform of each environment in order.",
    ] {
        assert_eq!(english_sentences(english, &none).len(), 1, "{english}");
    }
    // Portuguese with product names, code and identifiers is not.
    for portuguese in [
        "O modelo usa dados pessoais, mas o VPC Service Controls não está ativado.",
        "Aplique o Terraform de cada ambiente na ordem: `terraform -chdir=terraform/environments/dev apply`.",
        "Retreinar automaticamente na agenda 0 3 * * 1 (America/Sao_Paulo)",
        "```bash\ngcloud builds submit --config cloudbuild/ci.yaml .\n```",
        "<p class=\"met\">Um nível só é atingido quando todos os seus critérios são atendidos.</p>",
    ] {
        assert!(
            english_sentences(portuguese, &none).is_empty(),
            "{portuguese}: {:?}",
            english_sentences(portuguese, &none)
        );
    }
    // The English report, run through the same check, is caught sentence after sentence.
    let q = super::common::example("fintech-regulated");
    let english_report = mlops_kit::assess::to_markdown(&mlops_kit::assess::assess(&q));
    let caught = english_sentences(&english_report, &free_text(&q)).len();
    assert!(caught > 40, "only {caught} English sentences caught");
    // A decimal point in prose is caught; code, versions and Portuguese thousands are not.
    assert_eq!(
        english_decimals("| idade | numérico | jensen_shannon | 0.25 |", &none).len(),
        1
    );
    assert_eq!(
        english_decimals("limite 4.0 (escala 1.0–5.0).", &none).len(),
        3
    );
    for fine in [
        "limite 0,25 na escala 0,0–1,0",
        "Resolução CMN 4.893",
        "`--param metric_threshold=0.99` e python 3.11.9",
        "```\nroc_auc 0.91\n```",
    ] {
        assert!(english_decimals(fine, &none).is_empty(), "{fine}");
    }
    // The client's own English answers are theirs, not ours.
    let own = vec!["Predict which subscribers will cancel in the next 30 days".to_owned()];
    assert!(
        english_sentences(
            "- **Caso de uso:** Predict which subscribers will cancel in the next 30 days",
            &own
        )
        .is_empty()
    );
}

#[test]
fn a_portuguese_assessment_has_no_english_sentence_in_any_format() {
    for (name, q) in portuguese_questionnaires() {
        let a = mlops_kit::assess::assess(&q);
        assert_eq!(a.language, Language::PtBr);
        assert_portuguese(
            &format!("{name} markdown"),
            &mlops_kit::assess::to_markdown(&a),
            &q,
        );
        assert_portuguese(&format!("{name} html"), &mlops_kit::assess::to_html(&a), &q);
        // JSON: the keys stay English, every human-readable text is Portuguese.
        let json: serde_json::Value =
            serde_json::from_str(&mlops_kit::assess::to_json(&a)).expect("valid JSON");
        let mut texts = Vec::new();
        collect_strings(&json, &mut texts);
        assert_portuguese(&format!("{name} json"), &texts.join("\n"), &q);
        assert!(json.get("dimensions").is_some() && json.get("roadmap").is_some());
    }
}

/// Every string value of a JSON document (keys and enum identifiers excluded).
fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if s.contains(' ') => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        serde_json::Value::Object(map) => map.values().for_each(|i| collect_strings(i, out)),
        _ => {}
    }
}

/// The kit documents translated so far: the no-English check covers each of them, in every
/// kit.
const TRANSLATED_DOCS: &[&str] = &[
    "docs/maturity-report.md",
    "docs/operations.md",
    "docs/architecture.md",
    "docs/security.md",
    "terraform/README.md",
    "README.md",
];

/// The client-facing documents of a generative kit.
const GENERATIVE_TRANSLATED_DOCS: &[&str] = &[
    "docs/maturity-report.md",
    "terraform/README.md",
    "README.md",
];

#[test]
fn a_portuguese_kit_has_portuguese_documents() {
    for (name, q) in portuguese_questionnaires() {
        if q.generative.is_some() {
            // A generative kit's documents: its README (locales/*/generative.ftl), the Terraform
            // README with the generative grants' reasons, and the maturity report; no English
            // sentence is left in any of them.
            let files = super::common::render(&q);
            for doc in GENERATIVE_TRANSLATED_DOCS {
                assert_portuguese(&format!("{name} {doc}"), &files[*doc], &q);
                assert!(
                    files[*doc].starts_with("<!-- Gerado pelo mlops-kit "),
                    "{name} {doc}"
                );
            }
            let readme = &files["README.md"];
            for heading in ["## O critério de avaliação\n", "## Monitoramento\n"] {
                assert!(readme.contains(heading), "{name}: {heading}");
            }
            continue;
        }
        let files = super::common::render(&q);
        let report = &files["docs/maturity-report.md"];
        assert!(
            report.contains("# Avaliação de maturidade em MLOps: "),
            "{name}"
        );
        assert!(
            files["docs/operations.md"].contains("# Operação do modelo\n"),
            "{name}"
        );
        for doc in TRANSLATED_DOCS {
            assert_portuguese(&format!("{name} {doc}"), &files[*doc], &q);
        }
        // Every Markdown document opens with the Portuguese generated-file header.
        for (path, text) in files
            .iter()
            .filter(|(p, _)| p.to_ascii_lowercase().ends_with(".md"))
        {
            assert!(
                text.starts_with("<!-- Gerado pelo mlops-kit "),
                "{name} {path}"
            );
        }
    }
}

#[test]
fn portuguese_kit_document_snapshots() {
    let mut q = super::common::example("industrial-onprem");
    q.client.language = Some(Language::PtBr);
    let files = super::common::render(&q);
    insta::assert_snapshot!(
        "kit_industrial-onprem_pt-BR_operations",
        &files["docs/operations.md"]
    );
    insta::assert_snapshot!(
        "kit_industrial-onprem_pt-BR_architecture",
        &files["docs/architecture.md"]
    );
    insta::assert_snapshot!(
        "kit_industrial-onprem_pt-BR_security",
        &files["docs/security.md"]
    );
    insta::assert_snapshot!("kit_industrial-onprem_pt-BR_readme", &files["README.md"]);
    let mut q = super::common::example("fintech-regulated");
    q.client.language = Some(Language::PtBr);
    let files = super::common::render(&q);
    insta::assert_snapshot!(
        "kit_fintech-regulated_pt-BR_operations",
        &files["docs/operations.md"]
    );
    insta::assert_snapshot!(
        "kit_fintech-regulated_pt-BR_architecture",
        &files["docs/architecture.md"]
    );
    insta::assert_snapshot!(
        "kit_fintech-regulated_pt-BR_security",
        &files["docs/security.md"]
    );
    insta::assert_snapshot!("kit_fintech-regulated_pt-BR_readme", &files["README.md"]);
    insta::assert_snapshot!(
        "kit_fintech-regulated_pt-BR_terraform",
        &files["terraform/README.md"]
    );
    // A shared VPC, training files in Cloud Storage and GitHub Enterprise: the host project's
    // grants, the bucket-level read and the GitHub App's steps.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut q = load_path(&root.join("tests/fixtures/valid/enterprise-shared-vpc.yaml"))
        .expect("valid fixture")
        .questionnaire;
    q.client.language = Some(Language::PtBr);
    let files = super::common::render(&q);
    insta::assert_snapshot!(
        "kit_enterprise-shared-vpc_pt-BR_terraform",
        &files["terraform/README.md"]
    );
}

/// Code, identifiers and the comments inside Terraform, Cloud Build YAML, Python, shell scripts and
/// Dockerfiles stay English (issue 12): in every kit, a Portuguese kit differs from the English
/// one only in its Markdown documents. The kit model's texts that reach both (why each IAM grant
/// exists, the repository connection's steps) keep their English text for the code.
#[test]
fn a_portuguese_kit_keeps_its_code_and_code_comments_in_english() {
    for (name, pt) in portuguese_questionnaires() {
        if pt.generative.is_some() {
            continue;
        }
        let mut en = pt.clone();
        en.client.language = Some(Language::En);
        let english = super::common::render(&en);
        let portuguese = super::common::render(&pt);
        assert_eq!(
            english.keys().collect::<Vec<_>>(),
            portuguese.keys().collect::<Vec<_>>(),
            "{name}: the same files in both languages"
        );
        let mut documents = 0;
        for (path, text) in &portuguese {
            if path.to_ascii_lowercase().ends_with(".md") {
                documents += 1;
                continue;
            }
            assert!(
                text == &english[path],
                "{name} {path}: differs from the English kit (code and its comments stay English):\n{}",
                similar::TextDiff::from_lines(english[path].as_str(), text.as_str())
                    .unified_diff()
                    .header("en", "pt-BR")
            );
        }
        assert!(documents >= 5, "{name}: {documents} documents");
        // The grants' reasons reach the Terraform comments in English, the README in Portuguese.
        let iam = &portuguese["terraform/modules/platform/iam.tf"];
        assert!(iam.contains("# pipeline: writes job logs\n"), "{name}");
        let readme = &portuguese["terraform/README.md"];
        assert!(
            readme.contains(
                "| `pipeline` | `roles/logging.logWriter` | projeto | grava os logs dos jobs |"
            ),
            "{name}"
        );
    }
}

#[test]
fn lang_overrides_the_questionnaire_and_english_stays_the_default() {
    let pt = run(&[
        "assess",
        "--example",
        "fintech-regulated",
        "--lang",
        "pt-BR",
    ]);
    assert!(pt.status.success(), "{}", stderr(&pt));
    let en = run(&["assess", "--example", "fintech-regulated"]);
    assert!(stdout(&en).starts_with("# MLOps maturity assessment: "));
    assert!(stdout(&pt).starts_with("# Avaliação de maturidade em MLOps: "));
    let html = run(&[
        "assess",
        "--example",
        "fintech-regulated",
        "--lang",
        "pt-BR",
        "--format",
        "html",
    ]);
    let page = stdout(&html);
    assert!(page.contains("<html lang=\"pt-BR\">"));
    assert!(page.contains(">Alinhamento com o negócio <tspan"));
    assert!(page.contains("<title id=\"radar-title\">Pontuação por dimensão, de 0 a 100</title>"));
    // The questionnaire's own answer, overridden back to English by the flag.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("q.yaml");
    let text = examples::find("retail-startup")
        .expect("example")
        .yaml
        .replace(
            "  slug: lojarapida\n",
            "  slug: lojarapida\n  language: pt-BR\n",
        );
    std::fs::write(&file, text).expect("write");
    let from_file = run(&["assess", file.to_str().expect("utf-8")]);
    assert!(stdout(&from_file).starts_with("# Avaliação de maturidade em MLOps: Loja Rápida"));
    let back = run(&["assess", file.to_str().expect("utf-8"), "--lang", "en"]);
    assert!(stdout(&back).starts_with("# MLOps maturity assessment: Loja Rápida"));
}

#[test]
fn a_bad_language_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("q.yaml");
    let text = examples::find("retail-startup")
        .expect("example")
        .yaml
        .replace(
            "  slug: lojarapida\n",
            "  slug: lojarapida\n  language: pt-br\n",
        );
    std::fs::write(&file, text).expect("write");
    let out = run(&["assess", file.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("q.yaml"), "{err}");
    assert!(err.contains("client.language"), "{err}");
    assert!(err.contains("pt-BR"), "{err}");
    let flag = run(&["assess", "--example", "retail-startup", "--lang", "pt"]);
    assert!(!flag.status.success());
    assert!(stderr(&flag).contains("pt-BR"), "{}", stderr(&flag));
}

#[test]
fn portuguese_numbers_use_a_decimal_comma() {
    let q = {
        let mut q = super::common::example("fintech-regulated");
        q.client.language = Some(Language::PtBr);
        q
    };
    let md = mlops_kit::assess::to_markdown(&mlops_kit::assess::assess(&q));
    assert!(md.contains("ROC AUC de no mínimo 0,82"), "{md}");
    assert!(!md.contains("0.82"));
}

#[test]
fn portuguese_assessment_snapshots() {
    for name in ["fintech-regulated", "industrial-onprem"] {
        let out = run(&["assess", "--example", name, "--lang", "pt-BR"]);
        assert!(out.status.success(), "{}", stderr(&out));
        insta::assert_snapshot!(format!("assess_{name}_pt-BR_markdown"), stdout(&out));
    }
    let out = run(&[
        "assess",
        "--example",
        "industrial-onprem",
        "--lang",
        "pt-BR",
        "--format",
        "html",
    ]);
    insta::assert_snapshot!("assess_industrial-onprem_pt-BR_html", stdout(&out));
}

#[test]
fn init_writes_the_questionnaire_with_portuguese_comments() {
    let out = run(&["init", "--lang", "pt-BR"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // Prose comments only: commented YAML (`# key: value`, `# - { ... }`) is the file format.
    let prose: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.trim_start().strip_prefix('#'))
        .map(|c| c.trim_start_matches(['#', ' ']))
        .filter(|c| {
            let key = c.split(':').next().unwrap_or_default();
            !(c.starts_with("- {")
                || (c.contains(':')
                    && !key.is_empty()
                    && key.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_')))
        })
        .map(str::to_owned)
        .collect();
    assert!(prose.len() > 150, "{} comment lines", prose.len());
    let english = english_sentences(&prose.join("\n"), &[]);
    assert!(
        english.is_empty(),
        "English comments left:\n  {}",
        english.join("\n  ")
    );
    // It is a valid questionnaire that asks for Portuguese output.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("cliente.yaml");
    std::fs::write(&file, &text).expect("write");
    let q = load_path(&file).expect("valid").questionnaire;
    assert_eq!(q.language(), Language::PtBr);
    let report = run(&["assess", file.to_str().expect("utf-8")]);
    assert!(
        stdout(&report).starts_with("# Avaliação de maturidade em MLOps: Cliente Exemplo Ltda.")
    );
    // The English template is unchanged by the catalogue, and --lang does not apply to examples.
    assert!(stdout(&run(&["init", "--lang", "en"])).contains("# Who the client is.\n"));
    let both = run(&["init", "--lang", "pt-BR", "--example", "retail-startup"]);
    assert!(!both.status.success());
}

/// Runs mlops-kit with `args`, returning (exit code, stdout, stderr).
fn kit_cmd(args: &[&str]) -> (i32, String, String) {
    let out = run(args);
    (
        out.status.code().expect("exited normally"),
        stdout(&out),
        stderr(&out),
    )
}

#[test]
fn switching_a_kit_to_portuguese_is_an_upgrade_that_keeps_hand_edits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("answers.yaml");
    let english = examples::find("fintech-regulated").expect("example").yaml;
    std::fs::write(&answers, english).expect("write");
    let kit = dir.path().join("kit");
    let kit_arg = kit.to_str().expect("utf-8");
    let (code, _, err) = kit_cmd(&["generate", answers.to_str().expect("utf-8"), "-o", kit_arg]);
    assert_eq!(code, 0, "{err}");
    let read = |rel: &str| std::fs::read_to_string(kit.join(rel)).expect(rel);
    let write = |rel: &str, text: &str| std::fs::write(kit.join(rel), text).expect(rel);

    // Hand edits: one in a code block of docs/operations.md, away from any prose (does not
    // overlap), one in a code block of README.md (its prose all changes language around it), and
    // one on the operations title (overlaps).
    let ops = read("docs/operations.md");
    let ct_line = ops
        .lines()
        .find(|l| l.starts_with("gcloud builds triggers run credseg-ct"))
        .expect("the CT command")
        .to_owned();
    let ops = ops
        .replacen(
            &format!("{ct_line}\n"),
            &format!("{ct_line}\n# our on-call runbook: page #ml-oncall first\n"),
            1,
        )
        .replace("# Operating the model\n", "# Operating the credit model\n");
    write("docs/operations.md", &ops);
    let lint = "ruff check . && ruff format --check .\n";
    let readme =
        read("README.md").replacen(lint, &format!("{lint}mypy src  # our team's addition\n"), 1);
    assert!(readme.contains("# our team's addition"));
    write("README.md", &readme);

    // Switch: the answers now name pt-BR.
    let portuguese = english.replace("  slug: credseg\n", "  slug: credseg\n  language: pt-BR\n");
    assert_ne!(portuguese, english);
    std::fs::write(&answers, &portuguese).expect("write");
    let (code, _, err) = kit_cmd(&[
        "upgrade",
        kit_arg,
        "--answers",
        answers.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 3, "one conflict: {err}");
    assert!(err.contains("docs/operations.md"), "{err}");

    // Not overlapping: kept, in a document now in Portuguese.
    let ops = read("docs/operations.md");
    assert!(
        ops.contains(&format!(
            "{ct_line}\n# our on-call runbook: page #ml-oncall first\n```"
        )),
        "{ops}"
    );
    assert!(ops.contains("## Retreinar agora"), "{ops}");
    assert!(ops.contains("## Onde fica um modelo registrado"), "{ops}");
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("{lint}mypy src  # our team's addition\npytest\n")),
        "{readme}"
    );
    assert!(
        readme.starts_with("<!-- Gerado pelo mlops-kit "),
        "{readme}"
    );
    assert!(
        readme.contains("\n## Passo a passo da preparação inicial\n"),
        "{readme}"
    );
    // Overlapping: a labelled conflict with both versions.
    let v = mlops_kit::VERSION;
    assert!(
        ops.contains(&format!(
            "<<<<<<< yours (your edit)\n# Operating the credit model\n||||||| base (generated by mlops-kit {v})\n# Operating the model\n=======\n# Operação do modelo\n>>>>>>> mlops-kit {v} (new blueprint)\n"
        )),
        "{ops}"
    );
    // The maturity report, never edited, is simply Portuguese now.
    assert!(read("docs/maturity-report.md").contains("# Avaliação de maturidade em MLOps: "));

    // Resolve the conflict by keeping the client's title: the kit is current and stays Portuguese
    // on later upgrades from the recorded answers.
    let start = ops.find("<<<<<<< yours").expect("conflict");
    let end_label = format!(">>>>>>> mlops-kit {v} (new blueprint)\n");
    let end = ops.find(&end_label).expect("conflict end") + end_label.len();
    let resolved = format!(
        "{}# Operating the credit model\n{}",
        &ops[..start],
        &ops[end..]
    );
    write("docs/operations.md", &resolved);
    let (code, _, err) = kit_cmd(&["check", kit_arg]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = kit_cmd(&["plan", kit_arg]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn generate_lang_is_kept_by_the_kit_across_upgrades() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kit = dir.path().join("kit");
    let kit_arg = kit.to_str().expect("utf-8");
    let (code, _, err) = kit_cmd(&[
        "generate",
        "--example",
        "retail-startup",
        "--lang",
        "pt-BR",
        "-o",
        kit_arg,
    ]);
    assert_eq!(code, 0, "{err}");
    let manifest = std::fs::read_to_string(kit.join(".mlops-kit/manifest.json")).expect("manifest");
    assert!(manifest.contains("\"language\": \"pt-BR\""), "{manifest}");
    assert!(
        std::fs::read_to_string(kit.join("docs/operations.md"))
            .expect("docs")
            .contains("# Operação do modelo")
    );
    // The recorded answers do not name a language: the kit keeps Portuguese.
    let (code, out, err) = kit_cmd(&["check", kit_arg]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = kit_cmd(&[
        "generate",
        "--example",
        "retail-startup",
        "--lang",
        "pt-BR",
        "-o",
        kit_arg,
        "--check",
    ]);
    assert_eq!(code, 0, "{err}");
    // The pull-request description of an upgrade speaks the kit's language.
    let answers = dir.path().join("answers.yaml");
    let changed = examples::find("retail-startup")
        .expect("example")
        .yaml
        .replace("    threshold: 0.78\n", "    threshold: 0.8\n");
    std::fs::write(&answers, &changed).expect("write");
    let (code, description, err) = kit_cmd(&[
        "plan",
        kit_arg,
        "--answers",
        answers.to_str().expect("utf-8"),
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_ne!(
        changed,
        examples::find("retail-startup").expect("example").yaml
    );
    assert!(
        description.starts_with("## Atualização do mlops-kit\n"),
        "{description}"
    );
    assert!(description.contains("### Resumo"), "{description}");
    // Prose only: the diffs are the kit's own files.
    let prose = description.split("<details>").next().unwrap_or_default();
    let english = english_sentences(prose, &[]);
    assert!(
        english.is_empty(),
        "English left in the description:\n  {}",
        english.join("\n  ")
    );
    // English kits' manifests carry no language key (unchanged from before languages).
    let en = dir.path().join("en");
    let (code, _, err) = kit_cmd(&[
        "generate",
        "--example",
        "retail-startup",
        "-o",
        en.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    let manifest = std::fs::read_to_string(en.join(".mlops-kit/manifest.json")).expect("manifest");
    assert!(!manifest.contains("\"language\""), "{manifest}");
}

#[test]
fn a_portuguese_kit_writes_its_dates_day_first() {
    // The generative kit's README dates its base model's release and the model table's last check.
    let mut q = super::common::example("genai-support");
    let model = q
        .generative
        .as_ref()
        .expect("a generative example")
        .base_model
        .clone();
    let released = mlops_kit::questionnaire::gemini_models::find(&model)
        .expect("the example's model is in the table")
        .released;
    let checked = mlops_kit::questionnaire::gemini_models::CHECKED;
    let day_first = |iso: &str| {
        let parts: Vec<&str> = iso.split('-').collect();
        format!("{}/{}/{}", parts[2], parts[1], parts[0])
    };
    for (lang, on_release, on_check) in [
        (
            Language::En,
            format!("released on {released}"),
            format!("last checked on {checked}"),
        ),
        (
            Language::PtBr,
            format!("lançada em {}", day_first(released)),
            format!("pela última vez em {}", day_first(checked)),
        ),
    ] {
        q.client.language = Some(lang);
        let readme = super::common::render(&q)["README.md"].replace('\n', " ");
        assert!(readme.contains(&on_release), "{lang:?}: no `{on_release}`");
        assert!(readme.contains(&on_check), "{lang:?}: no `{on_check}`");
    }
    q.client.language = Some(Language::PtBr);
    let readme = super::common::render(&q)["README.md"].replace('\n', " ");
    assert!(
        !readme.contains(released),
        "an ISO date left in the pt-BR README"
    );
}
