//! Hostile snapshots are refused before they cost much time or memory, with an error that
//! says what and where. (How fast is measured in `benches/`, not here.)

use scs_testkit::{MAX_SNAPSHOT_BYTES, Snapshot, SnapshotErrorKind};

fn refused(text: &str) -> SnapshotErrorKind {
    Snapshot::parse(text).expect_err("must be refused").kind
}

fn syntax(text: &str) -> String {
    match refused(text) {
        SnapshotErrorKind::Syntax(message) => message,
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn a_100_mb_snapshot_is_refused_without_reading_it_whole() {
    let size = 100 << 20;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    let mut text = String::from("flavors:\n");
    while text.len() < size {
        text.push_str("- {name: SCS-1V-4, vcpus: 1, ram: 4096, disk: 0}\n");
    }
    std::fs::write(&path, &text).unwrap();
    let err = Snapshot::load(&path).unwrap_err();
    assert!(
        matches!(err.kind, SnapshotErrorKind::TooLarge(n) if n == MAX_SNAPSHOT_BYTES + 1),
        "{err}"
    );
    let message = err.to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "{message}"
    );
    assert!(message.contains("too large"), "{message}");
    assert!(matches!(refused(&text), SnapshotErrorKind::TooLarge(n) if n == text.len()));
    // JSON is held to the same limit.
    let json = format!("{{\"roles\": [\"{}\"]}}", "x".repeat(MAX_SNAPSHOT_BYTES));
    assert!(matches!(refused(&json), SnapshotErrorKind::TooLarge(_)));
}

#[test]
fn a_snapshot_at_the_limit_is_read() {
    let mut text = String::from("roles: [member]\n#");
    text.push_str(&"x".repeat(MAX_SNAPSHOT_BYTES - text.len()));
    assert_eq!(text.len(), MAX_SNAPSHOT_BYTES);
    assert_eq!(Snapshot::parse(&text).unwrap().roles.unwrap(), ["member"]);
}

/// "Billion laughs": nine levels of ten aliases each would expand to 10^9 nodes.
fn alias_bomb(key: &str) -> String {
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut previous = 'a';
    for level in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
        let refs = vec![format!("*{previous}"); 10].join(", ");
        text.push_str(&format!("{level}: &{level} [{refs}]\n"));
        previous = level;
    }
    text.push_str(&format!("{key}: *i\n"));
    text
}

#[test]
fn alias_bombs_are_refused() {
    for key in ["images", "unknown_key"] {
        let message = syntax(&alias_bomb(key));
        assert!(message.contains("repetition limit exceeded"), "{message}");
        assert!(message.starts_with("YAML: "), "{message}");
    }
}

#[test]
fn ten_thousand_deep_nesting_is_refused() {
    let depth = 10_000;
    // Flow nesting, stopped before the parser lists its events; the error says where.
    let message = syntax(&format!("images: {}", "[".repeat(depth)));
    assert!(
        message.contains(&format!(
            "nesting deeper than {} levels at line 1 column {}",
            scs_scope::MAX_FLOW_DEPTH,
            9 + scs_scope::MAX_FLOW_DEPTH
        )),
        "{message}"
    );
    let message = syntax(&format!("flavors:\n- {}", "{a: ".repeat(depth)));
    assert!(message.contains("nesting deeper than"), "{message}");
    // Block nesting without indentation (`- - - ...`), stopped by the deserializer.
    let message = syntax(&format!("images:\n{}x\n", "- ".repeat(depth)));
    assert!(message.contains("recursion limit exceeded"), "{message}");
    // JSON nesting, stopped by the JSON parser.
    let message = syntax(&format!("{{\"images\": {}", "[".repeat(depth)));
    assert!(
        message.starts_with("JSON: recursion limit exceeded"),
        "{message}"
    );
    let message = syntax(&format!(
        "{}1{}",
        "{\"a\": ".repeat(depth),
        "}".repeat(depth)
    ));
    assert!(message.contains("recursion limit exceeded"), "{message}");
}
