//! What each fuzz target does with its input, in one place.
//!
//! The fuzz targets in `fuzz_targets/` call these functions; the root package's test
//! `tests/fuzz_corpus.rs` includes this file and replays every input kept in `corpus/` through
//! them, so a regression of anything the fuzzers once reached fails `cargo test --workspace`.
//!
//! Each function must not panic on any input. Beyond that, each asserts the properties that
//! hold for every input (print → parse round trips, error offsets inside the input): a broken
//! property is a crash the fuzzer reports.

use scs_flavor::{Flavor, ParseError, Syntax, Version, parse_tolerant, parse_with};
use scs_scope::Scope;
use scs_scope::args::{placeholders, split, split_lines, substitute, substitute_literal};
use scs_scope::evaluate::parse_result_line;
use scs_standards::{Document, FileName};
use scs_testkit::{Snapshot, SnapshotSource};

/// Flavor names: every syntax and table version, the tolerant strategy, and print → parse round
/// trips of whatever parses.
pub fn flavor_name(data: &[u8]) {
    let Ok(name) = std::str::from_utf8(data) else {
        return;
    };
    for syntax in [Syntax::V1, Syntax::V2] {
        for version in [Version::V1, Version::V2, Version::V3] {
            match parse_with(name, syntax, version) {
                Ok(parsed) => {
                    let printed = parsed.flavor.to_string_in(syntax);
                    assert_eq!(
                        parsed.canonical,
                        printed == name,
                        "canonical flag of {name:?} ({syntax:?}, {version:?}), printed {printed:?}"
                    );
                    let again = parse_with(&printed, syntax, version).unwrap_or_else(|e| {
                        panic!("{name:?} ({syntax:?}, {version:?}) printed as {printed:?}: {e}")
                    });
                    assert_eq!(again.flavor, parsed.flavor, "{name:?} -> {printed:?}");
                    assert!(again.canonical, "{printed:?} is not canonical");
                    // The canonical v3 spelling of the same flavor parses back to it.
                    let v3 = parsed.flavor.to_string();
                    if version == Version::V3 {
                        assert_eq!(v3.parse::<Flavor>().as_ref(), Ok(&parsed.flavor), "{v3:?}");
                    }
                    let short = parsed.flavor.shorten();
                    assert_eq!(short.shorten(), short);
                    assert_eq!(short.to_string().parse::<Flavor>(), Ok(short));
                    let _ = parsed.flavor.describe();
                    let _ = parsed.flavor.spec();
                }
                Err(e) => check_error(name, &e),
            }
        }
    }
    match parse_tolerant(name) {
        Ok(parsed) => {
            let syntax = if parsed.is_v1() {
                Syntax::V1
            } else {
                Syntax::V2
            };
            assert_eq!(
                parse_with(name, syntax, Version::V3).map(|p| p.flavor),
                Ok(parsed.flavor),
                "tolerant parse of {name:?} is the v3 tables in its spelling"
            );
        }
        Err(e) => {
            check_error(name, &e);
            // The tolerant strategy reports the v3 error when both spellings fail.
            assert_eq!(parse_with(name, Syntax::V2, Version::V3), Err(e));
        }
    }
}

/// An error's offset, when it has one, is a character boundary inside the name.
fn check_error(name: &str, e: &ParseError) {
    if let Some(offset) = e.offset() {
        assert!(
            offset <= name.len() && name.is_char_boundary(offset),
            "{name:?}: offset {offset} of {e}"
        );
    }
    let _ = e.to_string();
}

/// Certificate scopes (scs-0003): loading, and resolving every version of what loads.
pub fn scope_load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Scope::from_yaml_str(text) {
        Ok(scope) => {
            for version in scope.versions() {
                let name = version.version.as_str();
                let resolved = scope
                    .resolve(name)
                    .unwrap_or_else(|| panic!("version {name} does not resolve"));
                for id in resolved.testcase_ids() {
                    assert!(scope.script_of(id.as_str()).is_some(), "no script for {id}");
                }
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// Standard documents (scs-0001): the front matter under a valid file name, and the first line
/// taken as the file name with the rest as the text.
pub fn standard_document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let documents = [
        ("scs-0100-v3-flavor-naming.md", text),
        text.split_once('\n').unwrap_or((text, "")),
    ];
    for (file_name, text) in documents {
        let _ = file_name.parse::<FileName>();
        match Document::parse(file_name, text) {
            Ok((document, problems)) => {
                let _ = document.reference();
                let _ = document.file_name();
                for problem in problems {
                    let _ = problem.to_string();
                }
            }
            Err(problem) => {
                let _ = problem.to_string();
            }
        }
    }
}

/// Cloud snapshots (YAML or JSON).
pub fn snapshot_load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Snapshot::parse(text) {
        Ok(snapshot) => {
            let _ = SnapshotSource::new(snapshot);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// A script's standard output as `scs check` reads it: decoded lossily, split into lines, each
/// line tried as a `testcase-id: PASS|FAIL|ABORT` result; a result prints back to itself.
pub fn result_line(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for line in split_lines(&text) {
        if let Some((id, outcome)) = parse_result_line(&line) {
            let printed = format!("{id}: {outcome}");
            assert_eq!(
                parse_result_line(&printed),
                Some((id, outcome)),
                "{line:?} printed as {printed:?}"
            );
        }
    }
}

/// A script's `args` as `scs check` reads them: placeholders, then shlex-like splitting; the
/// words, quoted again, split back to themselves. Input `TEMPLATE\0VALUE`: the value,
/// substituted for every placeholder with `substitute_literal`, stays literal text in the
/// words the template splits into.
pub fn script_args(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (template, value) = text.split_once('\0').unwrap_or((text, "v"));
    let _ = placeholders(template);
    if let Ok(words) = split(template) {
        let quoted: Vec<String> = words
            .iter()
            .map(|w| format!("'{}'", w.replace('\'', r#"'"'"'"#)))
            .collect();
        assert_eq!(
            split(&quoted.join(" ")).as_ref(),
            Ok(&words),
            "{template:?} split into {words:?}"
        );
    }
    // Where a placeholder stands, a marker (a private-use character) splits as a word character;
    // the value must come out exactly there. (An empty value adds nothing, so it is left out.)
    const MARK: char = '\u{E000}';
    if value.is_empty() || text.contains(MARK) {
        return;
    }
    let Ok(marked) = substitute(template, |_| Some(MARK.to_string())) else {
        return;
    };
    let Ok(words) = split(&marked) else {
        return;
    };
    let want: Vec<String> = words.iter().map(|w| w.replace(MARK, value)).collect();
    let args = substitute_literal(template, |_| Some(value.to_owned()), &[])
        .expect("substitutes where substitute does");
    assert_eq!(
        split(&args),
        Ok(want),
        "{template:?} with {value:?} gave {args:?}"
    );
}
