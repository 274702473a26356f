//! What the flavor benches share: the corpus and the three workloads, so that the time
//! (`flavor.rs`) and the instruction count (`flavor_instructions.rs`) measure the same code.

use std::hint::black_box;

use scs_flavor::{Flavor, canonicalize_into};

/// The names of the reference-labelled corpus (see `tests/data/README.md`): about half valid
/// v3 names, a tenth v1 names, the rest mutated (characters deleted, inserted, replaced,
/// swapped) or hand-picked hostile input.
pub fn names() -> Vec<String> {
    let text = include_str!("../../tests/data/reference-labels.jsonl");
    text.lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["name"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// The flavors of the names that parse (strict v3).
pub fn flavors(names: &[String]) -> Vec<Flavor> {
    names.iter().filter_map(|n| n.parse().ok()).collect()
}

/// Parses every name (strict v3).
#[inline(never)]
pub fn parse(names: &[String]) {
    for name in names {
        let _ = black_box(black_box(name.as_str()).parse::<Flavor>());
    }
}

/// Prints every flavor's canonical name into a reused buffer.
#[inline(never)]
pub fn print(flavors: &[Flavor], buffer: &mut String) {
    for flavor in flavors {
        buffer.clear();
        black_box(flavor).append_to(buffer);
        black_box(&buffer);
    }
}

/// Parses every name and prints the canonical name of each that parses: what
/// `scs flavor stats` times, by the call a user normalizing names makes
/// (`canonicalize_into`, which copies a name that is canonical already).
#[inline(never)]
pub fn parse_and_print(names: &[String], buffer: &mut String) {
    for name in names {
        buffer.clear();
        let _ = black_box(canonicalize_into(black_box(name.as_str()), buffer));
        black_box(&buffer);
    }
}
