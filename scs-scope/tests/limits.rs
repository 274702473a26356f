//! Hostile documents are refused before they cost much time or memory.
//! (How fast is measured in `benches/`, not here.)

use scs_scope::{LoadErrorKind, MAX_FLOW_DEPTH, MAX_SCOPE_BYTES, Scope};

fn kind(text: &str) -> LoadErrorKind {
    Scope::from_yaml_str(text)
        .expect_err("must be refused")
        .kind()
        .clone()
}

/// "Billion laughs": nine levels of ten aliases each would expand to 10^9 nodes.
pub fn alias_bomb() -> String {
    let mut text = String::from("name: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut previous = 'a';
    for level in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
        let refs = vec![format!("*{previous}"); 10].join(", ");
        text.push_str(&format!("x{level}: &{level} [{refs}]\n"));
        previous = level;
    }
    text
}

#[test]
fn alias_bomb_is_refused() {
    // The typed model stops at the first node of the wrong type, before expanding anything.
    assert!(matches!(kind(&alias_bomb()), LoadErrorKind::Syntax(_)));
    let text = format!(
        "{}uuid: u\n",
        alias_bomb().replacen("name: &a", "name: x\nxa: &a", 1)
    );
    match kind(&text) {
        LoadErrorKind::Syntax(message) => {
            assert!(message.contains("unknown field `xa`"), "{message}")
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn parser_itself_refuses_alias_bombs() {
    // Pins the guard of serde_norway that protects any field accepting arbitrary YAML.
    let err = serde_yaml::from_str::<serde_yaml::Value>(&alias_bomb()).unwrap_err();
    assert!(
        err.to_string().contains("repetition limit exceeded"),
        "{err}"
    );
}

#[test]
fn aliases_within_limits_are_fine() {
    let text = "name: x\nuuid: u\nurl: v\nscripts:\n- testcases: [{id: a}, {id: b}]\nmodules:\n\
                - {id: m1, targets: &t {main: [a, b]}}\n- {id: m2, targets: *t}\ntimeline: []\n\
                versions:\n- {version: v1, include: [m1]}\n- {version: v2, include: [m2]}\n";
    let scope = Scope::from_yaml_str(text).unwrap();
    assert_eq!(scope.resolve("v2").unwrap().targets["main"], ["a", "b"]);
}

#[test]
fn deep_flow_nesting_is_refused_before_parsing() {
    let depth = 1_000_000;
    let text = format!("name: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let err = Scope::from_yaml_str(&text).unwrap_err();
    assert_eq!(*err.kind(), LoadErrorKind::TooDeep);
    let at = err.location().unwrap();
    assert_eq!((at.line, at.column), (1, 7 + MAX_FLOW_DEPTH));
    let text = format!("name: {}\n", "{a: ".repeat(MAX_FLOW_DEPTH + 1));
    assert_eq!(kind(&text), LoadErrorKind::TooDeep);
}

#[test]
fn deep_block_nesting_is_refused() {
    // Block nesting needs indentation, so it cannot grow as fast; the parser stops it at 128.
    let mut text = String::new();
    for level in 0..200 {
        text.push_str(&" ".repeat(level));
        text.push_str("-\n");
    }
    let err = serde_yaml::from_str::<serde_yaml::Value>(&text).unwrap_err();
    assert!(
        err.to_string().contains("recursion limit exceeded"),
        "{err}"
    );
    assert!(matches!(
        kind(&format!("name:\n{}", text.replace('\n', "\n "))),
        LoadErrorKind::Syntax(_)
    ));
}

#[test]
fn brackets_in_quoted_text_are_not_nesting() {
    let text = format!(
        "name: '{0}'\nuuid: \"{0}\"\nurl: u # {0}\nscripts: []\nmodules: []\ntimeline: []\nversions: []\n",
        "[".repeat(MAX_FLOW_DEPTH * 2)
    );
    let scope = Scope::from_yaml_str(&text).unwrap();
    assert_eq!(scope.name().len(), MAX_FLOW_DEPTH * 2);
}

#[test]
fn oversized_input_is_refused() {
    let text = format!("name: x\n#{}\n", "x".repeat(MAX_SCOPE_BYTES));
    assert_eq!(kind(&text), LoadErrorKind::TooLarge(text.len()));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    std::fs::write(&path, &text).unwrap();
    let err = Scope::load(&path).unwrap_err();
    assert!(
        matches!(err.kind(), LoadErrorKind::TooLarge(n) if *n == MAX_SCOPE_BYTES + 1),
        "{err}"
    );
}

#[test]
fn a_100_mb_scope_file_is_refused_without_reading_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let line = "# padding padding padding padding padding padding padding padding\n";
    let text = format!("name: x\n{}", line.repeat((100 << 20) / line.len() + 1));
    assert!(text.len() >= 100 << 20);
    std::fs::write(&path, &text).unwrap();
    let err = Scope::load(&path).unwrap_err();
    assert_eq!(*err.kind(), LoadErrorKind::TooLarge(MAX_SCOPE_BYTES + 1));
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: file too large", path.display())),
        "{message}"
    );
    assert_eq!(kind(&text), LoadErrorKind::TooLarge(text.len()));
}

#[test]
fn ten_thousand_deep_nesting_is_refused() {
    let depth = 10_000;
    // Flow collections: refused by the pre-scan, which says where.
    for open in ["[", "{a: ", "[{a: "] {
        let err =
            Scope::from_yaml_str(&format!("name: x\nscripts: {}", open.repeat(depth))).unwrap_err();
        assert_eq!(*err.kind(), LoadErrorKind::TooDeep, "{open}");
        assert_eq!(err.location().unwrap().line, 2);
        assert!(err.to_string().contains("nesting deeper than"), "{err}");
    }
    // Block sequences without indentation (`- - - ...`; other block nesting needs indentation
    // that grows with depth, so 10,000 levels exceed the size limit): the parser lists
    // their events (the text is small), then the typed model refuses the first wrong type, and
    // the deserializer's own limit (128 levels) stops anything deeper.
    {
        let text = format!("name: x\nscripts:\n{}x\n", "- ".repeat(depth));
        let err = Scope::from_yaml_str(&text).unwrap_err();
        assert!(matches!(err.kind(), LoadErrorKind::Syntax(_)), "{err}");
        assert!(err.to_string().starts_with("scripts[0]"), "{err}");
        assert_eq!(err.location().unwrap().line, 3, "{err}");
        let err = serde_yaml::from_str::<serde_yaml::Value>(&text).unwrap_err();
        assert!(
            err.to_string().contains("recursion limit exceeded"),
            "{err}"
        );
    }
}
