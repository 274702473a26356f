//! Hidden images are treated the same everywhere: each check gets the images that
//! `scs_standards::image_visibility` says it counts, whether a testcase runs through the
//! testkit's `Context` or a validator of `scs_standards` is called on all images; and a hidden
//! standard image does not make that image present (scs-0104), while it still has to carry its
//! metadata (scs-0102).

use std::sync::Arc;

use scs_standards::cloud::{Image, Visibility};
use scs_standards::image_metadata::{self, Property};
use scs_standards::image_visibility::ImageCheck;
use scs_standards::standard_images::TESTCASE_SPECS;
use scs_testkit::{
    Context, Outcomes, Registry, Snapshot, SnapshotSource, Status, demo, run_blocking,
};

/// One image of every visibility, hidden and not.
fn every_kind_of_image() -> Vec<Image> {
    let mut images = Vec::new();
    for visibility in [
        Visibility::Public,
        Visibility::Community,
        Visibility::Shared,
        Visibility::Private,
    ] {
        for hidden in [false, true] {
            let mut image = Image::new(format!("{visibility:?} hidden={hidden}"));
            image.visibility = visibility;
            image.os_hidden = hidden;
            images.push(image);
        }
    }
    images
}

fn names<'a>(images: impl IntoIterator<Item = &'a Image>) -> Vec<&'a str> {
    images.into_iter().map(|i| i.name.as_str()).collect()
}

#[tokio::test]
async fn each_check_gets_the_images_its_rule_counts() {
    let images = every_kind_of_image();
    let snapshot = Snapshot {
        images: Some(images.clone()),
        ..Snapshot::default()
    };
    let ctx = Context::new(SnapshotSource::new(snapshot));
    for check in ImageCheck::ALL {
        let given = ctx.images_for(check).await.unwrap();
        assert_eq!(
            names(given.iter()),
            names(check.select(&images)),
            "{check:?}"
        );
    }
    let counted = |check: ImageCheck| names(check.select(&images));
    assert_eq!(
        counted(ImageCheck::StandardImages),
        ["Public hidden=false", "Community hidden=false"]
    );
    assert_eq!(
        counted(ImageCheck::PurposeUniqueness),
        ["Public hidden=false"]
    );
    for check in [ImageCheck::ImageMetadata, ImageCheck::Entropy] {
        assert_eq!(
            counted(check),
            [
                "Public hidden=false",
                "Public hidden=true",
                "Community hidden=false",
                "Community hidden=true"
            ],
            "{check:?}"
        );
    }
}

fn verdicts(snapshot: Snapshot, ids: &[String]) -> Outcomes {
    let ctx = Arc::new(Context::new(SnapshotSource::new(snapshot)));
    run_blocking(&Registry::builtin(), ids, &ctx).unwrap()
}

fn image<'a>(s: &'a mut Snapshot, name: &str) -> &'a mut Image {
    s.images
        .as_mut()
        .unwrap()
        .iter_mut()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("no image {name}"))
}

#[test]
fn a_hidden_standard_image_is_not_present_but_keeps_its_metadata_checked() {
    let spec = TESTCASE_SPECS
        .iter()
        .find(|t| t.name == "Debian 12" && t.presence_testcase)
        .unwrap();
    let presence = format!("scs-0104-image-{}", spec.suffix);
    let source = format!("scs-0104-source-{}", spec.suffix);
    let os_distro = Property::OsDistro.testcase();
    let ids = [presence.clone(), source.clone(), os_distro.clone()];

    let visible = demo::snapshot();
    let o = verdicts(visible.clone(), &ids);
    assert_eq!(o[presence.as_str()].status, Status::Pass);
    assert_eq!(o[source.as_str()].status, Status::Pass);
    assert_eq!(o[os_distro.as_str()].status, Status::Pass);

    // Hidden, with a wrong source and without os_distro.
    let mut hidden = visible;
    let debian = image(&mut hidden, "Debian 12");
    debian.os_hidden = true;
    debian.properties.remove("os_distro");
    *debian = debian
        .clone()
        .with("image_source", "https://mirror.example/debian-12.qcow2");
    let all = hidden.images.clone().unwrap();
    let o = verdicts(hidden, &ids);
    // Not present: the presence check fails, the source rule does not apply ...
    assert_eq!(o[presence.as_str()].status, Status::Fail);
    assert_eq!(o[source.as_str()].status, Status::Pass);
    // ... and the validators say the same when handed every image.
    assert!(!spec.spec().check_presence(&all).passed());
    assert!(spec.spec().check_source(&all).passed());
    // The provider still offers it by UUID: its metadata is checked.
    assert_eq!(o[os_distro.as_str()].status, Status::Fail);
}

#[test]
fn hidden_generic_images_do_not_count_for_uniqueness() {
    let mut s = demo::snapshot();
    let mut twin = image(&mut s, "Ubuntu 24.04").clone();
    twin.id = "twin".into();
    twin.name = "Ubuntu 24.04 (copy)".into();
    twin.os_hidden = true;
    s.images.as_mut().unwrap().push(twin);
    let id = image_metadata::OS_PURPOSE_UNIQUENESS.to_owned();
    let all = s.images.clone().unwrap();
    assert_eq!(
        verdicts(s.clone(), std::slice::from_ref(&id))[id.as_str()].status,
        Status::Pass
    );
    assert!(
        image_metadata::os_purpose_uniqueness(&all, image_metadata::ImageMetadataVersion::V2)
            .passed()
    );

    image(&mut s, "Ubuntu 24.04 (copy)").os_hidden = false;
    let all = s.images.clone().unwrap();
    assert_eq!(
        verdicts(s, std::slice::from_ref(&id))[id.as_str()].status,
        Status::Fail
    );
    assert!(
        !image_metadata::os_purpose_uniqueness(&all, image_metadata::ImageMetadataVersion::V2)
            .passed()
    );
}
