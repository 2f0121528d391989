//! Numbers and amounts as each language writes them, implemented once for every renderer.
//!
//! English keeps Rust's plain decimal notation (`6.5`, `1234.5`). Brazilian Portuguese writes a
//! decimal comma and groups thousands with a dot (`6,5`, `1.234,5`), writes Brazilian reais as
//! `R$ 1.234,50`, percentages without a space (`6,5%`) and dates as `DD/MM/AAAA`; English keeps
//! ISO 8601 dates (`2025-06-17`), which no reader misreads.

use super::Language;

/// `value` as the language writes a decimal number.
#[must_use]
pub fn number(lang: Language, value: f64) -> String {
    let plain = value.to_string();
    match lang {
        Language::En => plain,
        Language::PtBr => brazilian(&plain),
    }
}

/// A calendar date given as ISO 8601 (`2025-06-17`), as the language writes it: unchanged in
/// English, `17/06/2025` in Portuguese. `None` when `iso` is not a valid `YYYY-MM-DD` date.
#[must_use]
pub fn date(lang: Language, iso: &str) -> Option<String> {
    let mut parts = iso.splitn(3, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return None;
    }
    let (m, d): (u32, u32) = (month.parse().ok()?, day.parse().ok()?);
    let y: u32 = year.parse().ok()?;
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if d == 0 || d > days {
        return None;
    }
    Some(match lang {
        Language::En => iso.to_owned(),
        Language::PtBr => format!("{day}/{month}/{year}"),
    })
}

/// A number already written in plain decimal notation (`0.25`, `4.0`, as a document's data carries
/// it), as the language writes it: unchanged in English, `0,25` and `4,0` in Portuguese. Text that is
/// not a plain decimal number is returned unchanged.
#[must_use]
pub fn decimal(lang: Language, plain: &str) -> String {
    let digits = plain.strip_prefix('-').unwrap_or(plain);
    let is_number = !digits.is_empty()
        && digits.split('.').count() <= 2
        && digits
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    match lang {
        Language::PtBr if is_number => brazilian(plain),
        _ => plain.to_owned(),
    }
}

/// `value` followed by its unit (free text from the questionnaire), as the language writes it.
/// In Portuguese an amount in Brazilian reais (unit `BRL` or `R$`) is written `R$ 1.234,50` and a
/// percentage `6,5%`.
#[must_use]
pub fn quantity(lang: Language, value: f64, unit: &str) -> String {
    match lang {
        Language::En => format!("{value} {unit}"),
        Language::PtBr => {
            let u = unit.trim();
            if u.eq_ignore_ascii_case("brl") || u == "R$" {
                format!("R$ {}", brazilian(&format!("{value:.2}")))
            } else if u == "%" {
                format!("{}%", brazilian(&value.to_string()))
            } else {
                format!("{} {unit}", brazilian(&value.to_string()))
            }
        }
    }
}

/// `-1234.5` → `-1.234,5`: decimal comma, thousands grouped with dots.
fn brazilian(plain: &str) -> String {
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portuguese_writes_dates_day_first_and_english_keeps_iso() {
        assert_eq!(
            date(Language::PtBr, "2025-06-17").as_deref(),
            Some("17/06/2025")
        );
        assert_eq!(
            date(Language::PtBr, "2024-02-29").as_deref(),
            Some("29/02/2024")
        );
        assert_eq!(
            date(Language::En, "2025-06-17").as_deref(),
            Some("2025-06-17")
        );
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-06-31",
            "17/06/2025",
            "2025-6-17",
            "",
            "2025-06-17T00:00",
        ] {
            assert_eq!(date(Language::PtBr, bad), None, "{bad}");
        }
    }

    #[test]
    fn a_plain_decimal_is_rewritten_only_in_portuguese_and_only_when_it_is_a_number() {
        assert_eq!(decimal(Language::PtBr, "0.25"), "0,25");
        assert_eq!(decimal(Language::PtBr, "4.0"), "4,0");
        assert_eq!(decimal(Language::PtBr, "-1234.5"), "-1.234,5");
        assert_eq!(decimal(Language::PtBr, "75"), "75");
        assert_eq!(decimal(Language::En, "0.25"), "0.25");
        for text in ["1.2.3", "jensen_shannon", "", ".5", "5.", "1e-3"] {
            assert_eq!(decimal(Language::PtBr, text), text);
        }
    }

    #[test]
    fn english_keeps_plain_decimals() {
        assert_eq!(number(Language::En, 0.82), "0.82");
        assert_eq!(number(Language::En, 1234.5), "1234.5");
        assert_eq!(quantity(Language::En, 6.5, "%"), "6.5 %");
        assert_eq!(quantity(Language::En, 1200.0, "BRL"), "1200 BRL");
    }

    #[test]
    fn portuguese_writes_a_decimal_comma_and_groups_thousands() {
        assert_eq!(number(Language::PtBr, 0.82), "0,82");
        assert_eq!(number(Language::PtBr, 3.0), "3");
        assert_eq!(number(Language::PtBr, 1234.5), "1.234,5");
        assert_eq!(number(Language::PtBr, 1_234_567.0), "1.234.567");
        assert_eq!(number(Language::PtBr, -12_345.25), "-12.345,25");
        assert_eq!(number(Language::PtBr, 100.0), "100");
    }

    #[test]
    fn portuguese_amounts_in_reais_and_percentages() {
        assert_eq!(quantity(Language::PtBr, 1200.0, "BRL"), "R$ 1.200,00");
        assert_eq!(quantity(Language::PtBr, 35.5, " brl "), "R$ 35,50");
        assert_eq!(
            quantity(Language::PtBr, 1_500_000.0, "R$"),
            "R$ 1.500.000,00"
        );
        assert_eq!(quantity(Language::PtBr, 6.5, "%"), "6,5%");
        assert_eq!(
            quantity(Language::PtBr, 1200.0, "parts per million"),
            "1.200 parts per million"
        );
    }
}
