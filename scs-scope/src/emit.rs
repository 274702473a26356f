//! A small YAML writer for reports, so that strings are quoted wherever a YAML 1.1 reader
//! (PyYAML, which the compliance monitor uses) would otherwise take them for a date, a number,
//! a boolean or null — serde_norway only guards against the YAML 1.2 readings.
//!
//! The layout follows PyYAML's block style: two-space indentation, sequences under a key not
//! indented further.

use std::fmt::Write as _;

use std::sync::LazyLock;

use regex::Regex;
use serde_yaml::Value;

/// Writes `value` as a YAML document body; the keys in `plain_keys` (top level) keep their
/// string values unquoted so that readers see a timestamp or date there.
pub(crate) fn to_yaml(value: &Value, plain_keys: &[&str]) -> String {
    let mut out = String::new();
    match value {
        Value::Mapping(map) if !map.is_empty() => {
            for (key, item) in map {
                let plain = key.as_str().is_some_and(|k| plain_keys.contains(&k));
                entry(&mut out, 0, key, item, plain);
            }
        }
        other => {
            let _ = writeln!(out, "{}", scalar(other));
        }
    }
    out
}

fn entry(out: &mut String, indent: usize, key: &Value, item: &Value, plain: bool) {
    let _ = write!(out, "{}{}:", " ".repeat(indent), scalar(key));
    match item {
        Value::String(s) if plain => {
            let _ = writeln!(out, " {s}");
        }
        Value::Mapping(map) if !map.is_empty() => {
            out.push('\n');
            for (k, v) in map {
                entry(out, indent + 2, k, v, false);
            }
        }
        Value::Sequence(seq) if !seq.is_empty() => {
            out.push('\n');
            sequence(out, indent, seq);
        }
        Value::Tagged(tagged) => {
            out.push(' ');
            out.push_str(&scalar(&tagged.value));
            out.push('\n');
        }
        other => {
            let _ = writeln!(out, " {}", scalar(other));
        }
    }
}

fn sequence(out: &mut String, indent: usize, seq: &[Value]) {
    for item in seq {
        let _ = write!(out, "{}-", " ".repeat(indent));
        match item {
            Value::Mapping(map) if !map.is_empty() => {
                // First entry on the dash line, the others aligned with it.
                let mut first = true;
                for (k, v) in map {
                    let mut line = String::new();
                    entry(&mut line, indent + 2, k, v, false);
                    if first {
                        out.push(' ');
                        out.push_str(&line[indent + 2..]);
                        first = false;
                    } else {
                        out.push_str(&line);
                    }
                }
            }
            Value::Sequence(inner) if !inner.is_empty() => {
                out.push('\n');
                sequence(out, indent + 2, inner);
            }
            other => {
                let _ = writeln!(out, " {}", scalar(other));
            }
        }
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => quote(s),
        Value::Sequence(s) if s.is_empty() => "[]".into(),
        Value::Mapping(m) if m.is_empty() => "{}".into(),
        Value::Tagged(t) => scalar(&t.value),
        // Non-empty collections are handled by the callers.
        Value::Sequence(_) | Value::Mapping(_) => "null".into(),
    }
}

/// The string as a YAML scalar: plain when no YAML 1.1 reader could take it for anything but
/// this string, single-quoted when printable, double-quoted with escapes otherwise.
pub(crate) fn quote(s: &str) -> String {
    if is_plain_safe(s) {
        return s.to_owned();
    }
    if !s.chars().any(needs_escape) {
        return format!("'{}'", s.replace('\'', "''"));
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that only a double-quoted scalar can carry: controls (including NEL), the Unicode
/// line and paragraph separators (line breaks to a YAML reader), and the non-characters and BOM
/// outside YAML's printable set.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// What a YAML 1.1 reader (PyYAML's resolvers) takes for a boolean, null, integer, float or
/// timestamp rather than a string.
static YAML_1_1_SPECIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:",
        r"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
        r"|~|null|Null|NULL|<<|=",
        r"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+",
        r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
        r"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?",
        r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
        r"(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?",
        r")$"
    ))
    .expect("valid regular expression")
});

fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let second = s.chars().nth(1);
    if s.trim() != s || YAML_1_1_SPECIAL.is_match(s) {
        return false;
    }
    if "[]{},#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if matches!(first, '-' | '?' | ':') && second.is_none_or(|c| c == ' ') {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.chars().any(needs_escape) {
        return false;
    }
    // Finally, our own reader (YAML 1.2 rules, e.g. `1e3`, `0o17`) must read it back as this string.
    matches!(serde_yaml::from_str::<Value>(s), Ok(Value::String(back)) if back == s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_yaml_1_1_would_misread() {
        for s in [
            "2026-11-20",
            "yes",
            "No",
            "on",
            "~",
            "null",
            "1.5",
            "12:30",
            "0x1f",
            "-1",
            "+.5",
            ".inf",
            "",
        ] {
            assert!(quote(s).starts_with('\''), "{s:?} -> {}", quote(s));
        }
        for s in [
            "-s",
            "demo-cloud",
            "os_cloud=demo",
            "report.yaml",
            "./iaas/x.py -c demo",
            "ERROR",
        ] {
            assert_eq!(quote(s), s);
        }
        assert_eq!(quote("a: PASS"), "'a: PASS'");
        assert_eq!(quote("it's"), "it's");
        assert_eq!(quote("'x"), "'''x'");
        assert_eq!(quote("a\tb"), "\"a\\tb\"");
        assert_eq!(quote("\u{2028}"), "\"\\u2028\"");
    }

    #[test]
    fn block_layout_reads_back() {
        let text = "a: 1\nlist:\n- x\n- k: v\n  m:\n  - 1\n  - []\nempty: {}\nnested:\n  deep:\n    s: 'yes'\n";
        let value: Value = serde_yaml::from_str(text).unwrap();
        let written = to_yaml(&value, &[]);
        assert_eq!(serde_yaml::from_str::<Value>(&written).unwrap(), value);
        assert!(
            written.contains("list:\n- x\n- k: v\n  m:\n  - 1\n  - []\n"),
            "{written}"
        );
    }
}
