//! One name, one concept (issue 12): no two public types of the workspace share a name unless
//! they are the same thing. Scans the sources of every member crate and of the tool for
//! `pub struct|enum|type|trait NAME` and for types declared through the workspace's own
//! `macro_rules!` (`id_newtype!`, `string_enum!`, ...), so a second `Outcome` or `Version` fails
//! here with both places named.
//!
//! Re-exports (`pub use`) are the same thing by construction and are not declarations, so they
//! never count. A name that is deliberately declared twice for the same concept goes into
//! `SAME_THING` with the reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Names declared more than once on purpose, with why they are the same thing. Empty today.
const SAME_THING: &[(&str, &str)] = &[];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source folders: `src/` of the tool and of every `scs-*` member crate.
fn source_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![root.join("src")];
    let mut members: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("the workspace root is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("scs-"))
                && p.join("Cargo.toml").is_file()
        })
        .collect();
    members.sort();
    dirs.extend(members.into_iter().map(|m| m.join("src")));
    dirs
}

/// The identifier after `keyword ` at the start of `rest`, if any.
fn ident_after<'a>(rest: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = rest.strip_prefix(keyword)?.strip_prefix(' ')?;
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Public type names declared in `text` (one file): `pub struct|enum|type|trait NAME` lines, and
/// the type names passed to `declaring` macros (the first plain identifier of the invocation,
/// after doc comments and attributes).
fn declared(text: &str, declaring: &[String]) -> Vec<(String, usize)> {
    let mut names = Vec::new();
    let mut in_macro: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = line.trim_start();
        if let Some(start) = in_macro {
            if trimmed.starts_with("//") || trimmed.starts_with("#[") || trimmed.is_empty() {
                continue;
            }
            let ident: String = trimmed
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !ident.is_empty() {
                names.push((ident, start));
            }
            in_macro = None;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("pub ") {
            for keyword in ["struct", "enum", "type", "trait"] {
                if let Some(name) = ident_after(rest, keyword) {
                    names.push((name.to_owned(), line_no));
                }
            }
        }
        for mac in declaring {
            if trimmed.starts_with(&format!("{mac}!(")) || trimmed.starts_with(&format!("{mac}! ("))
            {
                let after = trimmed.split_once('(').map_or("", |(_, a)| a).trim();
                if after.is_empty() {
                    in_macro = Some(line_no);
                } else {
                    let ident: String = after
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !ident.is_empty() {
                        names.push((ident, line_no));
                    }
                }
            }
        }
    }
    names
}

/// Macros defined in `text` whose expansion declares a public struct or enum named by a
/// parameter (`pub struct $name`).
fn declaring_macros(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(name) = trimmed.strip_prefix("macro_rules! ") {
            current = Some(
                name.trim_end_matches(|c: char| c == '{' || c.is_whitespace())
                    .to_owned(),
            );
        }
        if let Some(name) = &current
            && (trimmed.contains("pub struct $") || trimmed.contains("pub enum $"))
        {
            found.push(name.clone());
            current = None;
        }
    }
    found
}

/// Every public type name with the places declaring it.
fn public_types(root: &Path) -> BTreeMap<String, Vec<String>> {
    let mut files = Vec::new();
    for dir in source_dirs(root) {
        rust_files(&dir, &mut files);
    }
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("a source file is readable");
            (f, text)
        })
        .collect();
    let declaring: Vec<String> = texts
        .iter()
        .flat_map(|(_, t)| declaring_macros(t))
        .collect();
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (file, text) in &texts {
        let shown = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        for (name, line) in declared(text, &declaring) {
            by_name
                .entry(name)
                .or_default()
                .push(format!("{shown}:{line}"));
        }
    }
    by_name
}

#[test]
fn no_two_public_types_share_a_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let by_name = public_types(root);
    let shared: Vec<String> = by_name
        .iter()
        .filter(|(name, places)| places.len() > 1 && !SAME_THING.iter().any(|(n, _)| n == name))
        .map(|(name, places)| format!("{name}: {}", places.join(", ")))
        .collect();
    assert!(
        shared.is_empty(),
        "public types sharing a name (rename one, or list it in SAME_THING with the reason):\n{}",
        shared.join("\n")
    );
}

/// The scan sees what it must: the verdict, the testcase id (declared as a plain struct) and a
/// macro-declared type, each exactly once.
#[test]
fn the_scan_finds_the_workspace_types() {
    let by_name = public_types(Path::new(env!("CARGO_MANIFEST_DIR")));
    for name in [
        "Status",
        "TestcaseId",
        "ModuleId",
        "DocumentStatus",
        "Testcase",
        "Outcome",
    ] {
        assert_eq!(
            by_name.get(name).map(Vec::len),
            Some(1),
            "{name}: {:?}",
            by_name.get(name)
        );
    }
}

/// The scan would fail on a second declaration, plain or through a declaring macro.
#[test]
fn the_scan_catches_a_duplicate() {
    let macros = declaring_macros(
        "macro_rules! id_newtype {\n    ($name:ident) => {\n        pub struct $name(String);\n    };\n}\n",
    );
    assert_eq!(macros, ["id_newtype"]);
    let text = "pub enum Outcome { A }\nmod x {\n    pub struct Outcome;\n}\nid_newtype!(\n    /// doc\n    ModuleId\n);\npub(crate) struct Hidden;\npub use a::Status;\n";
    let names: Vec<String> = declared(text, &macros)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, ["Outcome", "Outcome", "ModuleId"]);
}
