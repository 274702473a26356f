//! The scs-0104 image spec files of the SCS standards repository (`Tests/iaas/`) parse, and
//! agree with the testcase specs built into `standard_images`.

use scs_standards::cloud::Image;
use scs_standards::standard_images::{ImageSpecFile, SpecStatus, TESTCASE_SPECS, check_spec_file};

fn img(name: &str, source: &str) -> Image {
    Image::new(name).with("image_source", source)
}

#[test]
#[cfg_attr(
    scs_no_standards,
    ignore = "needs the SCS standards repository: set SCS_STANDARDS_DIR or put ../shared/fixtures beside the checkout"
)]
fn real_spec_files_parse_and_apply() {
    let standards = env!("SCS_STANDARDS");
    assert!(
        !standards.is_empty(),
        "needs the SCS standards repository (CI is set, so this test runs): set SCS_STANDARDS_DIR to a checkout with Standards/ and Tests/, or put ../shared/fixtures beside the checkout"
    );
    let dir = format!("{standards}/Tests/iaas");
    let v5 = std::fs::read_to_string(format!("{dir}/scs-0104-v1-images-v5.yaml")).unwrap();
    let file = ImageSpecFile::from_yaml(&v5).unwrap();
    assert_eq!(file.images.len(), 7);
    assert_eq!(file.images[0].status, SpecStatus::Mandatory);
    assert_eq!(file.images[1].status, SpecStatus::Recommended);
    assert_eq!(file.images[3].status, SpecStatus::Optional);
    let capi = file
        .images
        .iter()
        .find(|s| s.name_scheme.is_some())
        .unwrap();
    assert_eq!(capi.source, TESTCASE_SPECS[1].source);
    let o = check_spec_file(&file, &[]);
    assert!(!o.passed());
    assert_eq!(o.errors().count(), 1); // only Ubuntu 24.04 is mandatory
    assert_eq!(o.findings.len(), 3);
    let good = [img(
        "Ubuntu 24.04",
        "https://cloud-images.ubuntu.com/noble/x.img",
    )];
    assert!(check_spec_file(&file, &good).passed());
    let v1 = std::fs::read_to_string(format!("{dir}/scs-0104-v1-images.yaml")).unwrap();
    let file = ImageSpecFile::from_yaml(&v1).unwrap();
    let capi = file
        .images
        .iter()
        .find(|s| s.name_scheme.is_some())
        .unwrap();
    assert_eq!(
        capi.name_scheme.as_ref().unwrap().as_str(),
        TESTCASE_SPECS[0].name_scheme.unwrap()
    );
    // Every entry of both spec files that the scope has testcases for is one of our
    // testcase specs, with the file's sources (the scope has none for Debian 10).
    let v5 = ImageSpecFile::from_yaml(&v5).unwrap();
    let mut without_testcase = vec![];
    for entry in file.images.iter().chain(&v5.images) {
        let scheme = entry.name_scheme.as_ref().map(|s| s.as_str());
        match TESTCASE_SPECS
            .iter()
            .find(|t| t.name == entry.name && t.name_scheme == scheme)
        {
            Some(ours) => assert_eq!(ours.source, entry.source, "sources of {}", ours.suffix),
            None => without_testcase.push(entry.name.as_str()),
        }
    }
    without_testcase.dedup();
    assert_eq!(without_testcase, ["Debian 10"]);
}
