//! Hostile standard documents are refused with a problem that names the file, and the rest of
//! the folder still loads. (How fast is measured in `benches/`, not here.)

use scs_standards::{Catalog, Document, MAX_DOCUMENT_BYTES};

const GOOD: &str = "---\ntitle: Fine\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n";

fn front_matter_problem(front_matter: &str) -> String {
    let text = format!("---\n{front_matter}\n---\n");
    let problem = Document::parse("scs-0199-v1-x.md", &text).expect_err("must be refused");
    assert_eq!(problem.file, "scs-0199-v1-x.md");
    problem.to_string()
}

#[test]
fn a_100_mb_document_is_not_loaded_and_the_others_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut huge = String::from(GOOD);
    let line = "Padding text of a document that has grown out of all proportion.\n";
    huge.push_str(&line.repeat((100 << 20) / line.len() + 1));
    assert!(huge.len() > 100 << 20);
    std::fs::write(dir.path().join("scs-0198-v1-huge.md"), &huge).unwrap();
    std::fs::write(dir.path().join("scs-0199-v1-fine.md"), GOOD).unwrap();
    let catalog = Catalog::load_dir(dir.path()).unwrap();
    assert_eq!(catalog.documents.len(), 1);
    assert_eq!(catalog.documents[0].file_name(), "scs-0199-v1-fine.md");
    let problems: Vec<String> = catalog.check().iter().map(|p| p.to_string()).collect();
    let expected = format!(
        "scs-0198-v1-huge.md: too large (more than {MAX_DOCUMENT_BYTES} bytes): not loaded"
    );
    assert!(
        problems.iter().any(|p| p.contains(&expected)),
        "{problems:#?}"
    );
}

#[test]
fn alias_bombs_in_front_matter_are_refused() {
    let mut front = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut previous = 'a';
    for level in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
        let refs = vec![format!("*{previous}"); 10].join(", ");
        front.push_str(&format!("{level}: &{level} [{refs}]\n"));
        previous = level;
    }
    let message = front_matter_problem(&front);
    assert!(message.contains("repetition limit exceeded"), "{message}");
}

#[test]
fn ten_thousand_deep_front_matter_is_refused() {
    for nested in [
        format!("title: {}", "[".repeat(10_000)),
        format!("title: {}x", "{a: ".repeat(10_000)),
        format!("title:\n{}x", "- ".repeat(10_000)),
    ] {
        let message = front_matter_problem(&nested);
        assert!(
            message.contains("front matter is not a YAML mapping"),
            "{message}"
        );
        assert!(message.contains("recursion limit exceeded"), "{message}");
    }
}
