//! Property tests for the grammars of this crate: generate -> print -> parse round trips, and
//! arbitrary input never panics.

use proptest::prelude::*;
use scs_standards::image_metadata::{BuildDate, ProvidedUntil, UuidValidity};
use scs_standards::volume_types::AspectList;
use scs_standards::{
    Catalog, DocRef, DocVersion, Document, DocumentStatus, FileName, StandardId, StandardModuleId,
    Track,
};

fn standard_id() -> impl Strategy<Value = StandardId> {
    (0u16..=9999).prop_map(|n| StandardId::new(n).unwrap())
}

fn doc_version() -> impl Strategy<Value = DocVersion> {
    prop_oneof![
        (1u32..100_000).prop_map(DocVersion::Major),
        (1u32..100_000).prop_map(DocVersion::Supplement),
    ]
}

fn date() -> impl Strategy<Value = chrono::NaiveDate> {
    (1900i32..2200, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

proptest! {
    #[test]
    fn standard_id_round_trip(id in standard_id()) {
        let printed = id.to_string();
        prop_assert_eq!(printed.len(), 8);
        prop_assert_eq!(printed.parse::<StandardId>().unwrap(), id);
    }

    #[test]
    fn doc_ref_round_trip(id in standard_id(), version in doc_version()) {
        let r = DocRef { id, version };
        let printed = r.to_string();
        prop_assert_eq!(printed.parse::<DocRef>().unwrap(), r);
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(serde_json::from_str::<DocRef>(&json).unwrap(), r);
    }

    #[test]
    fn file_name_round_trip(id in standard_id(), version in doc_version(), slug in "[a-z][a-z0-9-]{0,30}") {
        let f = FileName { reference: DocRef { id, version }, slug };
        prop_assert_eq!(f.to_string().parse::<FileName>().unwrap(), f);
    }

    #[test]
    fn module_id_round_trip_and_order(id in standard_id(), a in 1u32..1000, b in proptest::option::of(0u32..1000),
                                      c in 1u32..1000, d in proptest::option::of(0u32..1000)) {
        let x = StandardModuleId { id, major: a, minor: b };
        let y = StandardModuleId { id, major: c, minor: d };
        prop_assert_eq!(&x.to_string().parse::<StandardModuleId>().unwrap(), &x);
        let by_semver = (a, b.unwrap_or(0)).cmp(&(c, d.unwrap_or(0)));
        if by_semver != std::cmp::Ordering::Equal {
            prop_assert_eq!(x.cmp(&y), by_semver);
        }
    }

    #[test]
    fn id_parsers_never_panic(s in "\\PC{0,24}") {
        let _ = s.parse::<StandardId>();
        let _ = s.parse::<DocVersion>();
        let _ = s.parse::<DocRef>();
        let _ = s.parse::<StandardModuleId>();
        let _ = s.parse::<FileName>();
        let _ = s.parse::<BuildDate>();
        let _ = s.parse::<ProvidedUntil>();
        let _ = s.parse::<UuidValidity>();
        let _ = s.parse::<AspectList>();
    }

    #[test]
    fn id_parsers_near_misses_never_panic(s in "scs-[0-9x]{0,5}(-[vw][0-9N]{0,3}(\\.[0-9]{0,3})?)?(-[a-z]{0,3})?(\\.md)?") {
        let _ = s.parse::<DocRef>();
        let _ = s.parse::<StandardModuleId>();
        let _ = s.parse::<FileName>();
    }

    #[test]
    fn errors_point_into_the_input(s in "scs-\\PC{0,12}") {
        if let Err(e) = s.parse::<DocRef>() {
            prop_assert!(e.offset <= s.len());
        }
        if let Err(e) = s.parse::<StandardModuleId>() {
            prop_assert!(e.offset <= s.len());
        }
    }

    #[test]
    fn value_grammars_round_trip(d in date(), n in 0u32..100_000, h in 0u32..24, m in 0u32..60, sec in 0u32..60) {
        for v in [ProvidedUntil::Date(d), ProvidedUntil::None, ProvidedUntil::Notice] {
            prop_assert_eq!(v.to_string().parse::<ProvidedUntil>().unwrap(), v);
        }
        for v in [UuidValidity::Date(d), UuidValidity::Last(n), UuidValidity::None, UuidValidity::Notice, UuidValidity::Forever] {
            prop_assert_eq!(v.to_string().parse::<UuidValidity>().unwrap(), v);
        }
        let t = d.and_hms_opt(h, m, sec).unwrap();
        let printed = t.format("%Y-%m-%d %H:%M:%S").to_string();
        prop_assert_eq!(printed.parse::<BuildDate>().unwrap().0, t);
    }

    #[test]
    fn aspect_list_round_trip(items in proptest::collection::vec("[a-z]{1,10}", 1..5)) {
        let list = AspectList { items };
        let printed = format!("{list} rest of description");
        prop_assert_eq!(printed.parse::<AspectList>().unwrap(), list);
    }

    #[test]
    fn front_matter_round_trip(status in proptest::sample::select(DocumentStatus::ALL), track in proptest::sample::select(Track::ALL),
                               stabilized in date(), title in "[A-Za-z][A-Za-z0-9 ]{0,20}") {
        let text = format!("---\ntitle: \"{title}\"\ntype: Standard\nstatus: {status}\ntrack: {track}\nstabilized_at: {}\n---\n",
                           stabilized.format("%Y-%m-%d"));
        let (doc, problems) = Document::parse("scs-0199-v1-x.md", &text).unwrap();
        prop_assert!(problems.is_empty());
        prop_assert_eq!(doc.status, Some(status));
        prop_assert_eq!(doc.track, Some(track));
        prop_assert_eq!(doc.stabilized_at, Some(stabilized));
        prop_assert_eq!(doc.title.as_deref(), Some(title.trim()));
    }

    #[test]
    fn catalog_check_never_panics(front in "[a-z_]{1,12}: \\PC{0,20}(\n[a-z_]{1,12}: [a-zA-Z0-9 .:-]{0,20}){0,6}",
                                  name in "scs-[0-9]{4}-[vw][1-3]-[a-z]{1,5}\\.md") {
        let catalog = Catalog::from_files([(name, format!("---\n{front}\n---\n"))]);
        let _ = catalog.check();
    }
}

/// The validator properties below are slower than the round trips: 64 cases on a plain
/// `cargo test`, but `PROPTEST_CASES` (the README's deep run) reaches them like every other
/// property.
fn validator_config() -> ProptestConfig {
    let config = ProptestConfig::default(); // reads PROPTEST_CASES
    if std::env::var_os("PROPTEST_CASES").is_some() {
        config
    } else {
        ProptestConfig {
            cases: 64,
            ..config
        }
    }
}

proptest! {
    #![proptest_config(validator_config())]

    #[test]
    fn flavor_naming_never_panics(name in "SCS-\\PC{0,20}", vcpus in 0u32..64, ram in 0u64..200_000, disk in 0u64..2000) {
        use scs_standards::cloud::CloudFlavor;
        let flavors = [CloudFlavor::new(name, vcpus, ram, disk)];
        let _ = scs_standards::flavor_naming::validate(&flavors);
        let _ = scs_standards::standard_flavors::validate(&flavors);
    }

    #[test]
    fn image_validators_never_panic(values in proptest::collection::vec("\\PC{0,16}", 18), name in "\\PC{0,16}",
                                    created in proptest::option::of("\\PC{0,25}"), min_disk in 0u64..u64::MAX,
                                    size in proptest::option::of(0u64..u64::MAX)) {
        use scs_standards::cloud::Image;
        use scs_standards::image_metadata::{Property, ImageMetadataVersion, validate};
        let mut img = Image::new(name);
        for (property, value) in Property::ALL.iter().zip(values) {
            img = img.with(property.as_str(), value);
        }
        img.created_at = created;
        img.min_disk = min_disk;
        img.size = size;
        let images = [img.clone(), img];
        let now = chrono::Utc::now();
        for version in [ImageMetadataVersion::V1, ImageMetadataVersion::V2] {
            let outcomes = validate(version, &images, now);
            prop_assert_eq!(outcomes.len(), 20);
        }
    }
}
