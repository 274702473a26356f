//! Property tests for the small grammars of this crate: arbitrary input never panics, and
//! generated values survive a print/parse round trip.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use proptest::prelude::*;
use scs_scope::args::{placeholders, split, split_lines, substitute};
use scs_scope::evaluate::parse_result_line;
use scs_scope::{Lifetime, Report, RunInfo, Scope, SpecInfo, Status, YamlPath};

/// Quotes a word for a POSIX shell (and so for `shlex.split`): `'...'`, with `'` as `'"'"'`.
fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r#"'"'"'"#))
}

proptest! {
    #[test]
    fn split_never_panics(text in any::<String>()) {
        let _ = split(&text);
        let _ = split_lines(&text);
    }

    #[test]
    fn quoted_words_split_back(words in prop::collection::vec(any::<String>(), 0..6)) {
        let line = words.iter().map(|w| shell_quote(w)).collect::<Vec<_>>().join(" ");
        prop_assert_eq!(split(&line).unwrap(), words);
    }

    #[test]
    fn plain_words_split_back(words in prop::collection::vec("[a-zA-Z0-9_./=:-]{1,12}", 0..6), gaps in " {1,3}") {
        prop_assert_eq!(split(&words.join(&gaps)).unwrap(), words);
    }

    #[test]
    fn templates_never_panic(text in any::<String>()) {
        let _ = placeholders(&text);
        let _ = substitute(&text, |name| Some(name.to_uppercase()));
    }

    #[test]
    fn templates_round_trip(
        pieces in prop::collection::vec(("[^{}]{0,8}", prop::option::of("[a-z_][a-z0-9_-]{0,8}")), 0..6),
        braces in any::<bool>(),
    ) {
        // Build a template from literal text, optional literal braces and placeholders.
        let mut template = String::new();
        let mut expected = String::new();
        let mut names = Vec::new();
        for (literal, name) in &pieces {
            template.push_str(literal);
            expected.push_str(literal);
            if braces {
                template.push_str("{{}}");
                expected.push_str("{}");
            }
            if let Some(name) = name {
                template.push_str(&format!("{{{name}}}"));
                expected.push_str(&format!("<{name}>"));
                names.push(name.as_str());
            }
        }
        prop_assert_eq!(placeholders(&template).unwrap(), names);
        prop_assert_eq!(substitute(&template, |n| Some(format!("<{n}>"))).unwrap(), expected);
    }

    #[test]
    fn yaml_paths_round_trip(steps in prop::collection::vec(prop_oneof![
        "[a-z_][a-z0-9_-]{0,10}".prop_map(Ok),
        (0usize..1000).prop_map(Err),
    ], 1..6)) {
        let mut path = YamlPath::root();
        for step in &steps {
            path = match step {
                Ok(key) => path.key(key.as_str()),
                Err(index) => path.index(*index),
            };
        }
        // Only the public Display is visible here; check its shape segment by segment.
        let shown = path.to_string();
        let mut rebuilt = String::new();
        for (n, step) in steps.iter().enumerate() {
            match step {
                Ok(key) if n == 0 => rebuilt.push_str(key),
                Ok(key) => { rebuilt.push('.'); rebuilt.push_str(key); }
                Err(index) => rebuilt.push_str(&format!("[{index}]")),
            }
        }
        prop_assert_eq!(shown, rebuilt);
    }

    #[test]
    fn result_lines_never_panic_and_round_trip(
        line in any::<String>(),
        id in "[a-z0-9][a-z0-9_.-]{0,20}",
        word in prop::sample::select(vec!["PASS", "FAIL", "ABORT", "pass", "Fail", "aBoRt"]),
        pad in " {0,3}",
    ) {
        let _ = parse_result_line(&line);
        let (parsed, outcome) = parse_result_line(&format!("{pad}{id}{pad}:{pad}{word}{pad}")).unwrap();
        prop_assert_eq!(parsed.as_str(), id.as_str());
        prop_assert_eq!(outcome, Status::from_word(word).unwrap());
    }

    #[test]
    fn scope_loading_never_panics(text in any::<String>()) {
        let _ = Scope::from_yaml_str(&text);
    }

    #[test]
    fn damaged_scopes_never_panic(at in 0usize..520, len in 0usize..40, insert in ".{0,12}") {
        let source = REAL_LIKE;
        let start = floor_char_boundary(source, at.min(source.len()));
        let end = floor_char_boundary(source, (start + len).min(source.len()));
        let damaged = format!("{}{}{}", &source[..start], insert, &source[end..]);
        let _ = Scope::from_yaml_str(&damaged);
    }

    #[test]
    fn lifetimes_expire_at_midnight_after_the_period(
        days in 0i64..40_000, seconds in 0u32..86_400,
        lifetime in prop::sample::select(vec![Lifetime::Day, Lifetime::Week, Lifetime::Month, Lifetime::Quarter, Lifetime::Year]),
    ) {
        let date = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(days as u64);
        let at = date.and_hms_opt(seconds / 3600, seconds / 60 % 60, seconds % 60).unwrap();
        let expiry = lifetime.expiry(at);
        prop_assert_eq!((expiry.hour(), expiry.minute(), expiry.second()), (0, 0, 0));
        let span = (expiry.date() - date).num_days();
        let (low, high) = match lifetime {
            Lifetime::Day => (2, 2),
            Lifetime::Week => (8, 14),
            Lifetime::Month => (29, 62),
            // The shortest quarter (Q1 of a common year) has 90 days, plus the day checked.
            Lifetime::Quarter => (91, 184),
            Lifetime::Year => (365 + 29, 366 + 62),
        };
        prop_assert!((low..=high).contains(&span), "{lifetime} at {at}: {span} days");
        match lifetime {
            Lifetime::Week => prop_assert_eq!(expiry.weekday(), chrono::Weekday::Mon),
            Lifetime::Day => {}
            _ => prop_assert_eq!(expiry.day(), 1),
        }
        prop_assert!(lifetime.is_valid_at(at, expiry - chrono::Duration::seconds(1)));
        prop_assert!(!lifetime.is_valid_at(at, expiry));
    }

    #[test]
    fn report_strings_survive_yaml(strings in prop::collection::vec(any::<String>(), 0..8), subject in any::<String>()) {
        let report = Report {
            spec: SpecInfo { uuid: "u".into(), name: subject.clone(), url: "https://x".into() },
            checked_at: NaiveDateTime::parse_from_str("2026-11-23 18:14:59.828022", "%Y-%m-%d %H:%M:%S%.f").unwrap(),
            reference_date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            subject,
            run: RunInfo {
                uuid: "r".into(),
                argv: strings.clone(),
                assignment: strings.iter().map(|s| (format!("k{s}"), s.clone())).collect(),
                sections: Some(strings.clone()),
                forced_version: strings.first().cloned(),
                forced_tests: None,
                invocations: Default::default(),
            },
        };
        let yaml = report.to_yaml();
        prop_assert_eq!(Report::from_yaml_str(&yaml).map_err(|e| format!("{e}\n{yaml}")), Ok(report));
    }
}

fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

const REAL_LIKE: &str = "\
name: Demo
uuid: u
url: https://example.com
variables:
  - os_cloud
  - mode: fast
scripts:
- executable: ./check.py
  args: -c {os_cloud} {testcases}
  testcases:
  - id: a
    lifetime: month
  - id: b
modules:
- id: m
  parameters: {p: a parameter}
  targets: {main: [a], recommended: [b]}
timeline:
- date: 2026-01-01
  versions: {v1: effective}
versions:
- version: v1
  stabilized_at: 2025-01-01
  include: [{ref: m, parameters: {p: x}}]
";

#[test]
fn real_like_scope_is_valid() {
    let scope = Scope::from_yaml_str(REAL_LIKE).unwrap();
    assert_eq!(scope.resolve("v1").unwrap().targets["recommended"], ["b"]);
}
