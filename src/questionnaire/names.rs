//! Naming rules of the identifiers a questionnaire carries into Terraform, YAML and shell: Google
//! Cloud project ids, regions, buckets, BigQuery names, labels, URLs. Each rule is a plain function
//! returning why a value is refused, so it can be unit-tested with hostile strings.

/// Every Google Cloud region with general availability (Compute Engine region list, 2026).
pub const GCP_REGIONS: &[&str] = &[
    "africa-south1",
    "asia-east1",
    "asia-east2",
    "asia-northeast1",
    "asia-northeast2",
    "asia-northeast3",
    "asia-south1",
    "asia-south2",
    "asia-southeast1",
    "asia-southeast2",
    "asia-southeast3",
    "australia-southeast1",
    "australia-southeast2",
    "europe-central2",
    "europe-north1",
    "europe-north2",
    "europe-southwest1",
    "europe-west1",
    "europe-west10",
    "europe-west12",
    "europe-west2",
    "europe-west3",
    "europe-west4",
    "europe-west6",
    "europe-west8",
    "europe-west9",
    "me-central1",
    "me-central2",
    "me-west1",
    "northamerica-northeast1",
    "northamerica-northeast2",
    "northamerica-south1",
    "southamerica-east1",
    "southamerica-west1",
    "us-central1",
    "us-east1",
    "us-east4",
    "us-east5",
    "us-south1",
    "us-west1",
    "us-west2",
    "us-west3",
    "us-west4",
];

/// Why a rule refused a value: the message says what is wrong, the help what would be valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    pub help: String,
}

fn refuse(message: impl Into<String>, help: impl Into<String>) -> Result<(), Refusal> {
    Err(Refusal {
        message: message.into(),
        help: help.into(),
    })
}

/// Characters that could end a quoted string or start an interpolation in Terraform, YAML or shell.
/// Returns a description of the first one found.
#[must_use]
pub fn breakout(value: &str) -> Option<&'static str> {
    if value.contains("${") {
        Some("`${` (Terraform and shell interpolation)")
    } else if value.contains("%{") {
        Some("`%{` (a Terraform template directive)")
    } else if value.contains(['\n', '\r']) {
        Some("a line break")
    } else if value.contains('"') {
        Some("a double quote")
    } else if value.contains('\'') {
        Some("a single quote")
    } else if value.contains('\\') {
        Some("a backslash")
    } else if value.contains('`') {
        Some("a backtick")
    } else if value.contains('$') {
        Some("`$`")
    } else if value.chars().any(char::is_whitespace) {
        Some("a space")
    } else if value.chars().any(char::is_control) {
        Some("a control character")
    } else {
        None
    }
}

fn is_lower_alnum(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// The client slug: 2-12 characters, `[a-z][a-z0-9-]*`, no trailing or doubled hyphen.
pub fn slug(value: &str) -> Result<(), Refusal> {
    let help = "use 2-12 lowercase letters, digits and hyphens, starting with a letter (e.g. `acme`); it prefixes bucket and service account names";
    let len = value.chars().count();
    if !(2..=12).contains(&len) {
        return refuse(
            format!("the slug is {len} characters long; it must be 2-12"),
            help,
        );
    }
    if !value.starts_with(|c: char| c.is_ascii_lowercase()) {
        return refuse("the slug must start with a lowercase letter", help);
    }
    if !value.chars().all(|c| is_lower_alnum(c) || c == '-') {
        return refuse(
            "the slug may only contain lowercase letters, digits and hyphens",
            help,
        );
    }
    if value.ends_with('-') || value.contains("--") {
        return refuse(
            "the slug must not end with a hyphen or contain two in a row",
            help,
        );
    }
    Ok(())
}

/// A Google Cloud project id: 6-30 characters, lowercase letter first, `[a-z0-9-]`, no trailing hyphen.
pub fn project_id(value: &str) -> Result<(), Refusal> {
    let help = "a project id has 6-30 lowercase letters, digits and hyphens, starts with a letter and does not end with a hyphen (e.g. `acme-ml-prod`)";
    let len = value.chars().count();
    if !(6..=30).contains(&len) {
        return refuse(
            format!("a project id has 6-30 characters; this one has {len}"),
            help,
        );
    }
    if !value.starts_with(|c: char| c.is_ascii_lowercase()) {
        return refuse("a project id must start with a lowercase letter", help);
    }
    if !value.chars().all(|c| is_lower_alnum(c) || c == '-') {
        return refuse(
            "a project id may only contain lowercase letters, digits and hyphens",
            help,
        );
    }
    if value.ends_with('-') {
        return refuse("a project id must not end with a hyphen", help);
    }
    if value.contains("google") {
        return refuse("a project id cannot contain `google`", help);
    }
    Ok(())
}

/// A region from [`GCP_REGIONS`].
pub fn region(value: &str) -> Result<(), Refusal> {
    if GCP_REGIONS.contains(&value) {
        return Ok(());
    }
    // Regions of other clouds in the same city, a common slip when a client is moving over.
    let same_city = [
        ("sa-east-1", "southamerica-east1"),
        ("us-east-1", "us-east4"),
        ("us-west-2", "us-west1"),
        ("eu-central-1", "europe-west3"),
        ("eu-west-2", "europe-west2"),
        ("ap-northeast-1", "asia-northeast1"),
        ("ap-southeast-1", "asia-southeast1"),
        ("brazilsouth", "southamerica-east1"),
    ];
    if let Some((_, gcp)) = same_city.iter().find(|(other, _)| *other == value) {
        return refuse(
            format!("`{value}` is another cloud's region name, not a Google Cloud region"),
            format!("the Google Cloud region in the same city is `{gcp}`"),
        );
    }
    let help = match super::structure::suggest(value, GCP_REGIONS.iter().copied()) {
        Some(s) => {
            format!("did you mean `{s}`? (run `gcloud compute regions list` for the full list)")
        }
        None => format!(
            "use a Google Cloud region such as `southamerica-east1`, `us-central1` or `europe-west4`; known regions: {}",
            GCP_REGIONS.join(", ")
        ),
    };
    refuse(format!("`{value}` is not a Google Cloud region"), help)
}

/// BigQuery's multi-regions, with the regions each contains (a dataset there serves jobs of those
/// regions: batch prediction reads it, an export writes to their buckets). `US` holds the regions in
/// the United States, `EU` those in member states of the European Union (not London or Zürich).
pub const BIGQUERY_MULTI_REGIONS: &[(&str, &[&str])] = &[
    (
        "US",
        &[
            "us-central1",
            "us-east1",
            "us-east4",
            "us-east5",
            "us-south1",
            "us-west1",
            "us-west2",
            "us-west3",
            "us-west4",
        ],
    ),
    (
        "EU",
        &[
            "europe-central2",
            "europe-north1",
            "europe-north2",
            "europe-southwest1",
            "europe-west1",
            "europe-west10",
            "europe-west12",
            "europe-west3",
            "europe-west4",
            "europe-west8",
            "europe-west9",
        ],
    ),
];

/// A BigQuery dataset location: a multi-region of [`BIGQUERY_MULTI_REGIONS`] (upper case, as
/// BigQuery names them) or a region from [`GCP_REGIONS`].
pub fn bigquery_location(value: &str) -> Result<(), Refusal> {
    if BIGQUERY_MULTI_REGIONS.iter().any(|(m, _)| *m == value) {
        return Ok(());
    }
    if let Some((m, _)) = BIGQUERY_MULTI_REGIONS
        .iter()
        .find(|(m, _)| m.eq_ignore_ascii_case(value))
    {
        return refuse(
            format!("`{value}` is written in lower case"),
            format!("write the multi-region as BigQuery names it: `{m}`"),
        );
    }
    region(value).map_err(|r| Refusal {
        message: format!("`{value}` is not a BigQuery location"),
        help: format!(
            "use the dataset's location as `bq show --format=prettyjson PROJECT:DATASET` prints it: the multi-region `US` or `EU`, or a region; {}",
            r.help
        ),
    })
}

/// Whether a BigQuery dataset in `location` serves Vertex AI jobs in `region`: the same region, or
/// a multi-region that contains it (Vertex AI batch prediction reads BigQuery input only there).
#[must_use]
pub fn bigquery_location_serves(location: &str, region: &str) -> bool {
    location == region
        || BIGQUERY_MULTI_REGIONS
            .iter()
            .any(|(m, regions)| *m == location && regions.contains(&region))
}

/// Whether BigQuery can export a dataset in `location` to a bucket in `region`: the same location
/// or a multi-region containing the region, and from the `US` multi-region to any bucket.
#[must_use]
pub fn bigquery_exports_to(location: &str, region: &str) -> bool {
    location == "US" || bigquery_location_serves(location, region)
}

/// A Cloud Storage bucket name.
pub fn bucket(value: &str) -> Result<(), Refusal> {
    let help = "bucket names have 3-63 lowercase letters, digits, hyphens, underscores and dots, and start and end with a letter or digit (write the name without `gs://`)";
    if value.starts_with("gs://") {
        return refuse("write the bucket name without the `gs://` prefix", help);
    }
    let max = if value.contains('.') { 222 } else { 63 };
    let len = value.len();
    if len < 3 || len > max {
        return refuse(
            format!("a bucket name has 3-{max} characters; this one has {len}"),
            help,
        );
    }
    if !value
        .chars()
        .all(|c| is_lower_alnum(c) || "-_.".contains(c))
    {
        return refuse(
            "a bucket name may only contain lowercase letters, digits, `-`, `_` and `.`",
            help,
        );
    }
    if !value.starts_with(is_lower_alnum) || !value.ends_with(is_lower_alnum) {
        return refuse(
            "a bucket name must start and end with a letter or digit",
            help,
        );
    }
    if value
        .split('.')
        .any(|part| part.len() > 63 || part.is_empty())
    {
        return refuse(
            "each dot-separated part of a bucket name has 1-63 characters",
            help,
        );
    }
    if value.starts_with("goog") || value.contains("google") {
        return refuse(
            "a bucket name cannot start with `goog` or contain `google`",
            help,
        );
    }
    if value.split('.').count() == 4 && value.split('.').all(|p| p.parse::<u8>().is_ok()) {
        return refuse("a bucket name cannot be an IP address", help);
    }
    Ok(())
}

/// A BigQuery dataset id: letters, digits and underscores, at most 1024.
pub fn dataset(value: &str) -> Result<(), Refusal> {
    let help =
        "a dataset id has 1-1024 letters, digits and underscores (e.g. `crm`, `risk_features`)";
    if value.is_empty() || value.len() > 1024 {
        return refuse("a dataset id has 1-1024 characters", help);
    }
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return refuse(
            "a dataset id may only contain letters, digits and underscores",
            help,
        );
    }
    Ok(())
}

/// A table name (BigQuery or SQL) or column name: letters, digits and underscores, not starting
/// with a digit.
pub fn sql_name(value: &str, what: &str, max: usize) -> Result<(), Refusal> {
    let help = format!(
        "a {what} has 1-{max} letters, digits and underscores and does not start with a digit"
    );
    if value.is_empty() || value.len() > max {
        return refuse(
            format!(
                "a {what} has 1-{max} characters; this one has {}",
                value.len()
            ),
            help,
        );
    }
    if value.starts_with(|c: char| c.is_ascii_digit()) {
        return refuse(format!("a {what} must not start with a digit"), help);
    }
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return refuse(
            format!("a {what} may only contain letters, digits and underscores"),
            help,
        );
    }
    Ok(())
}

/// A lowercase resource name in RFC 1035 style (VPC networks, Cloud SQL instances): 1-63 characters,
/// `[a-z]([-a-z0-9]*[a-z0-9])?`.
pub fn rfc1035(value: &str, what: &str) -> Result<(), Refusal> {
    let help = format!(
        "a {what} has 1-63 lowercase letters, digits and hyphens, starts with a letter and does not end with a hyphen"
    );
    if value.is_empty() || value.len() > 63 {
        return refuse(
            format!("a {what} has 1-63 characters; this one has {}", value.len()),
            help,
        );
    }
    if !value.starts_with(|c: char| c.is_ascii_lowercase())
        || value.ends_with('-')
        || !value.chars().all(|c| is_lower_alnum(c) || c == '-')
    {
        return refuse(format!("`{value}` is not a valid {what}"), help);
    }
    Ok(())
}

/// A Compute Engine machine type such as `n2-standard-8`.
pub fn machine_type(value: &str) -> Result<(), Refusal> {
    let help = "use a Compute Engine machine type such as `n2-standard-8`, `e2-highmem-4` or `g2-standard-8`";
    let mut parts = value.split('-');
    let family_ok = parts.next().is_some_and(|f| {
        f.starts_with(|c: char| c.is_ascii_lowercase()) && f.chars().all(is_lower_alnum)
    });
    let rest: Vec<&str> = parts.collect();
    if !family_ok
        || rest.is_empty()
        || rest
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(is_lower_alnum))
    {
        return refuse(format!("`{value}` is not a machine type"), help);
    }
    Ok(())
}

/// An email address (the practical subset: `local@domain.tld`).
pub fn email(value: &str) -> Result<(), Refusal> {
    let help = "write one address such as `ml-alerts@acme.com.br`";
    let Some((local, domain)) = value.split_once('@') else {
        return refuse(format!("`{value}` is not an email address (no `@`)"), help);
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.');
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if !local_ok || !domain_ok {
        return refuse(format!("`{value}` is not a valid email address"), help);
    }
    Ok(())
}

/// A 5-field cron expression, parsed by croner.
pub fn cron(value: &str) -> Result<(), Refusal> {
    let help = "use five fields: minute hour day-of-month month day-of-week, e.g. `0 6 * * 1` (Mondays at 06:00)";
    let fields = value.split_whitespace().count();
    if fields != 5 {
        return refuse(
            format!("a schedule has 5 cron fields; this one has {fields}"),
            help,
        );
    }
    match croner::parser::CronParser::builder()
        .seconds(croner::parser::Seconds::Disallowed)
        .year(croner::parser::Year::Disallowed)
        .build()
        .parse(value)
    {
        Ok(_) => Ok(()),
        Err(err) => refuse(
            format!("`{value}` is not a valid cron expression: {err}"),
            help,
        ),
    }
}

/// An IANA time zone name such as `America/Sao_Paulo` (shape only; the zone database is not embedded).
pub fn timezone(value: &str) -> Result<(), Refusal> {
    let help = "use an IANA time zone such as `America/Sao_Paulo`, `Europe/Berlin` or `UTC`";
    let ok = !value.is_empty()
        && value.len() <= 64
        && value.split('/').all(|part| {
            part.starts_with(|c: char| c.is_ascii_alphabetic())
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c))
        });
    if !ok {
        return refuse(format!("`{value}` is not a time zone name"), help);
    }
    Ok(())
}

/// A label key: 1-63 characters, lowercase letter first, `[a-z0-9_-]`.
pub fn label_key(value: &str) -> Result<(), Refusal> {
    let help =
        "label keys have 1-63 lowercase letters, digits, `_` and `-`, and start with a letter";
    if value.is_empty() || value.chars().count() > 63 {
        return refuse("a label key has 1-63 characters", help);
    }
    if !value.starts_with(|c: char| c.is_ascii_lowercase())
        || !value
            .chars()
            .all(|c| is_lower_alnum(c) || c == '_' || c == '-')
    {
        return refuse(format!("`{value}` is not a valid label key"), help);
    }
    Ok(())
}

/// A label value: 0-63 characters, `[a-z0-9_-]`.
pub fn label_value(value: &str) -> Result<(), Refusal> {
    let help = "label values have at most 63 lowercase letters, digits, `_` and `-`";
    if value.chars().count() > 63
        || !value
            .chars()
            .all(|c| is_lower_alnum(c) || c == '_' || c == '-')
    {
        return refuse(format!("`{value}` is not a valid label value"), help);
    }
    Ok(())
}

/// A numeric organization or folder id.
pub fn numeric_id(value: &str, what: &str) -> Result<(), Refusal> {
    if value.is_empty() || value.len() > 25 || !value.chars().all(|c| c.is_ascii_digit()) {
        return refuse(
            format!("a {what} is a number such as `482910375512`"),
            format!(
                "find it with `gcloud {}s list`; write it in quotes",
                what.split(' ').next().unwrap_or(what)
            ),
        );
    }
    Ok(())
}

/// A VPC Service Controls perimeter name: letter first, letters, digits and underscores, at most 50.
pub fn perimeter(value: &str) -> Result<(), Refusal> {
    let help = "a perimeter name has up to 50 letters, digits and underscores and starts with a letter (e.g. `acme_ml_perimeter`)";
    if value.is_empty()
        || value.len() > 50
        || !value.starts_with(|c: char| c.is_ascii_alphabetic())
        || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return refuse(format!("`{value}` is not a valid perimeter name"), help);
    }
    Ok(())
}

/// An object prefix in Cloud Storage: path segments of letters, digits, `-`, `_` and `.`.
pub fn object_prefix(value: &str) -> Result<(), Refusal> {
    let help = "use path segments of letters, digits, `-`, `_` and `.` separated by `/`, without a leading `/` (e.g. `exports/training`)";
    if value.starts_with('/')
        || value.contains("//")
        || value.split('/').any(|s| s == "." || s == "..")
    {
        return refuse(format!("`{value}` is not a clean object prefix"), help);
    }
    if value.len() > 512
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        return refuse(format!("`{value}` is not a valid object prefix"), help);
    }
    Ok(())
}

/// A Cloud Storage URI `gs://bucket/object` (`jsonl`: the object must be a `.jsonl` file) or, with
/// `prefix`, `gs://bucket/prefix/`.
pub fn gcs_uri(value: &str, jsonl: bool) -> Result<(), Refusal> {
    let example = if jsonl {
        "gs://acme-genai-data/eval/support-eval.jsonl"
    } else {
        "gs://acme-helpcenter/articles/"
    };
    let help = format!("write a Cloud Storage URI such as `{example}`");
    let Some(rest) = value.strip_prefix("gs://") else {
        return refuse(
            format!("`{value}` is not a Cloud Storage URI (it must start with `gs://`)"),
            help,
        );
    };
    let (bucket_name, path) = rest.split_once('/').unwrap_or((rest, ""));
    if let Err(r) = bucket(bucket_name) {
        return Err(Refusal {
            message: format!("in `{value}`: {}", r.message),
            help: r.help,
        });
    }
    if jsonl {
        let is_jsonl = std::path::Path::new(path)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("jsonl"));
        if !is_jsonl || path.ends_with('/') {
            return refuse(
                format!("`{value}` is not a JSON Lines file (its name must end in `.jsonl`)"),
                help,
            );
        }
    } else if path.is_empty() {
        return Ok(());
    }
    object_prefix(path).map_err(|r| Refusal {
        message: format!("in `{value}`: {}", r.message),
        help: r.help,
    })
}

/// Name of a custom evaluation metric: it becomes a BigQuery column and a Python identifier.
pub fn metric_name(value: &str) -> Result<(), Refusal> {
    let ok = (1..=40).contains(&value.len())
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        refuse(
            format!("`{value}` is not a valid metric name"),
            "use 1-40 lowercase letters, digits and `_`, starting with a letter (e.g. `tone_of_voice`)",
        )
    }
}

/// Splits an `https://host/path` URL into host and path; refuses anything else.
pub fn https_url(value: &str) -> Result<(&str, &str), Refusal> {
    let help = "write an HTTPS URL such as `https://github.com/acme/churn-mlops.git`";
    let Some(rest) = value.strip_prefix("https://") else {
        return Err(Refusal {
            message: format!("`{value}` is not an `https://` URL"),
            help: help.to_owned(),
        });
    };
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let host_ok = !host.is_empty()
        && host.split(':').next().is_some_and(|h| {
            h.split('.')
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        })
        && host
            .split(':')
            .nth(1)
            .is_none_or(|port| !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()));
    let path_ok = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~/".contains(c));
    if !host_ok || !path_ok || value.contains('@') || value.contains('?') || value.contains('#') {
        return Err(Refusal {
            message: format!("`{value}` is not a valid repository URL"),
            help: help.to_owned(),
        });
    }
    Ok((host, path.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_ids() {
        assert!(project_id("acme-ml-prod").is_ok());
        for bad in [
            "acme",
            "1acme-ml",
            "acme-ml-",
            "Acme-ml-prod",
            "acme_ml_prod",
            "acme-ml-prod-environment-number-one",
            "my-google-ml",
        ] {
            assert!(project_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs() {
        assert!(slug("credseg").is_ok());
        assert!(slug("a1-b").is_ok());
        for bad in [
            "a",
            "acme-",
            "1acme",
            "acme_x",
            "averyverylongslug",
            "ac--me",
        ] {
            assert!(slug(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hostile_identifiers_are_caught() {
        for bad in [
            "a\"b",
            "x${var.y}",
            "%{if}",
            "a\nb",
            "a b",
            "a'b",
            "a\\b",
            "a`b",
            "$HOME",
        ] {
            assert!(breakout(bad).is_some(), "{bad:?}");
        }
        assert!(breakout("acme-ml_prod.x/y").is_none());
    }

    #[test]
    fn buckets() {
        assert!(bucket("acme-training-data").is_ok());
        assert!(bucket("exports.acme.com.br").is_ok());
        for bad in [
            "gs://acme",
            "ab",
            "Acme",
            "-acme",
            "goog-data",
            "192.168.1.1",
            "acme..x",
        ] {
            assert!(bucket(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(email("ml-alerts@acme.com.br").is_ok());
        for bad in [
            "ml-alerts",
            "@acme.com",
            "a@acme",
            "a b@acme.com",
            "a@-acme.com",
            "a@acme.c0m",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn crons() {
        assert!(cron("0 6 * * 1").is_ok());
        assert!(cron("*/15 2 1-5 * MON-FRI").is_ok());
        for bad in [
            "0 6 * *",
            "61 * * * *",
            "0 25 * * *",
            "every monday",
            "0 0 6 * * 1",
        ] {
            assert!(cron(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn regions_and_urls() {
        assert!(region("southamerica-east1").is_ok());
        assert!(region("southamerica-east2").is_err());
        assert_eq!(
            https_url("https://github.com/acme/x.git").unwrap(),
            ("github.com", "acme/x.git")
        );
        assert!(https_url("http://github.com/acme/x").is_err());
        assert!(https_url("https://user@github.com/acme/x").is_err());
    }

    #[test]
    fn labels_and_machine_types() {
        assert!(label_key("cost-center").is_ok());
        assert!(label_key("Cost").is_err());
        assert!(label_value("").is_ok());
        assert!(label_value("Risk").is_err());
        assert!(machine_type("n2-standard-16").is_ok());
        assert!(machine_type("n2 standard").is_err());
    }
}
