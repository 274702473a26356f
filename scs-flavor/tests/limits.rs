//! A flavor name of a megabyte (from a hostile or broken cloud) is refused with an error that
//! says where, in one pass and without allocating (see `no_allocation.rs`); how fast is
//! measured in `benches/`, not here.

use scs_flavor::{
    Field, ParseError, Syntax, Version, parse_tolerant, parse_v1, parse_v2, parse_v3, parse_with,
};

const MB: usize = 1 << 20;

fn every_parser(name: &str) -> Vec<Result<scs_flavor::Parsed, ParseError>> {
    let mut all = vec![
        parse_v1(name),
        parse_v2(name),
        parse_v3(name),
        parse_tolerant(name),
    ];
    for syntax in [Syntax::V1, Syntax::V2] {
        for version in [Version::V1, Version::V2, Version::V3] {
            all.push(parse_with(name, syntax, version));
        }
    }
    all
}

#[test]
fn megabyte_names_are_refused_saying_where() {
    let cases = [
        // A number that never ends: out of range where it starts.
        (
            format!("SCS-{}V-4", "9".repeat(MB)),
            Some(ParseError::OutOfRange {
                offset: 4,
                field: Field::Cpus,
            }),
        ),
        // Extensions repeated a quarter of a million times: the second one is refused.
        (format!("SCS-2V-4{}", "_kvm".repeat(MB / 4)), None),
        (format!("SCS-2V-4-10s{}", "_ib".repeat(MB / 3)), None),
        // Junk after a valid name.
        (format!("SCS-2V-4-10s{}", "x".repeat(MB)), None),
        (format!("SCS-{}", "é".repeat(MB / 2)), None),
    ];
    for (name, want) in &cases {
        assert!(name.len() >= MB);
        for result in every_parser(name) {
            let err = result.expect_err("a megabyte name must be refused");
            if let Some(want) = want {
                assert_eq!(&err, want);
            }
            let offset = err.offset().expect("an error with a place");
            assert!(
                offset < 40,
                "{err}: the error is found early, at byte {offset}"
            );
            assert!(name.is_char_boundary(offset));
            assert!(
                err.to_string().contains(&format!("at byte {offset}")),
                "{err}"
            );
        }
    }
    let junk = "x".repeat(MB);
    assert!(
        every_parser(&junk)
            .into_iter()
            .all(|r| r == Err(ParseError::NotScs))
    );
}

/// Found by the `flavor_name` fuzz target (a 17-byte v1 name that ran past its time limit on a
/// starved machine): a name may ask for up to 65,535 disks, and the extra specs name each one
/// (`scs:diskN-type`, scs-0103). That is the most one name can cost; one disk more is refused.
#[test]
fn the_most_disks_a_name_can_ask_for_are_bounded() {
    let parsed = parse_tolerant("SCS-16L:33:33764x").unwrap();
    assert!(parsed.is_v1());
    let disk = parsed.flavor.disk.unwrap();
    assert_eq!((disk.count.get(), disk.size_gb), (33764, None));

    let spec = parse_v3("SCS-16L-33-65535x").unwrap().flavor.spec();
    let disk_keys = spec
        .extra_specs
        .keys()
        .filter(|k| k.starts_with("scs:disk"))
        .count();
    assert_eq!(disk_keys, 65535);
    assert_eq!(spec.extra_specs["scs:disk65534-type"], "network");
    assert_eq!(
        parse_v3("SCS-16L-33-65536x"),
        Err(ParseError::OutOfRange {
            offset: 11,
            field: Field::DiskCount
        })
    );
}
