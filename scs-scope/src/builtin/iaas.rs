//! The facts of the SCS-compatible IaaS scope (see the parent module): ids, dates, urls.
//! Descriptions and module names are this project's own words or the standards' titles.

use super::*;

pub(super) const IAAS: Facts = Facts {
    name: "SCS-compatible IaaS",
    uuid: "50393e6f-2ae1-4c5c-a62c-3b75f2abef3f",
    url: "https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/scs-compatible-iaas.yaml",
    variables: &[("os_cloud", None)],
    scripts: &[
        ScriptFacts {
            executable: Some("./iaas/openstack_test.py"),
            testcases: &[
                tc(
                    "scs-0100-syntax-check",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0100-w1-flavor-naming-implementation-testing#automated-tests",
                    ),
                    "Flavor names with the SCS- prefix are well-formed scs-0100 names.",
                ),
                tc(
                    "scs-0100-semantics-check",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0100-w1-flavor-naming-implementation-testing#automated-tests",
                    ),
                    "Flavors with SCS names offer at least what their names promise.",
                ),
                tc(
                    "scs-0101-flavor-property",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0101-w1-entropy-implementation-testing#automated-tests",
                    ),
                    "Flavors set the entropy properties of scs-0101.",
                ),
                tc(
                    "scs-0101-image-property",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0101-w1-entropy-implementation-testing#automated-tests",
                    ),
                    "Images set the entropy properties of scs-0101.",
                ),
                tc(
                    "scs-0101-rngd",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0101-w1-entropy-implementation-testing#automated-tests",
                    ),
                    "A test VM runs an entropy daemon (scs-0101).",
                ),
                tc(
                    "scs-0101-entropy-avail",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0101-w1-entropy-implementation-testing#automated-tests",
                    ),
                    "A test VM has enough entropy available (scs-0101).",
                ),
                tc(
                    "scs-0101-fips-test",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0101-w1-entropy-implementation-testing#automated-tests",
                    ),
                    "A test VM's random numbers pass the FIPS 140-2 test (scs-0101).",
                ),
                tc(
                    "scs-0102-prop-architecture",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `architecture` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-hash_algo",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `hash_algo` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-min_disk",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `min_disk` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-min_ram",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `min_ram` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-os_version",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `os_version` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-os_distro",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `os_distro` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-os_purpose",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `os_purpose` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-hw_disk_bus",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `hw_disk_bus` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-hypervisor_type",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `hypervisor_type` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-hw_rng_model",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `hw_rng_model` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-image_build_date",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `image_build_date` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-image_original_user",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `image_original_user` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-image_source",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `image_source` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-image_description",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `image_description` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-replace_frequency",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `replace_frequency` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-provided_until",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `provided_until` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-uuid_validity",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `uuid_validity` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-prop-hotfix_hours",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images carry the property `hotfix_hours` as scs-0102 specifies.",
                ),
                tc(
                    "scs-0102-image-recency",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "Images are no older than their replacement frequency allows (scs-0102).",
                ),
                tc(
                    "scs-0102-os_purpose-uniqueness",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0102-w1-image-metadata-implementation-testing#automated-tests",
                    ),
                    "No two images share distribution, version and purpose (scs-0102).",
                ),
                tc(
                    "scs-0103-flavor-1v-4",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-1V-4 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-2v-8",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-2V-8 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-4v-16",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-4V-16 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-8v-32",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-8V-32 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-1v-2",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-1V-2 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-2v-4",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-2V-4 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-4v-8",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-4V-8 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-8v-16",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-8V-16 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-16v-32",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-16V-32 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-1v-8",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-1V-8 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-2v-16",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-2V-16 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-4v-32",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-4V-32 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-1l-1",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-1L-1 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-2v-4-20s",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-2V-4-20s is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-4v-16-100s",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-4V-16-100s is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-1v-4-10",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-1V-4-10 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-2v-8-20",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-2V-8-20 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-4v-16-50",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-4V-16-50 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-8v-32-100",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-8V-32-100 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-1v-2-5",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-1V-2-5 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-2v-4-10",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-2V-4-10 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-4v-8-20",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-4V-8-20 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-8v-16-50",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-8V-16-50 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-16v-32-100",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-16V-32-100 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-1v-8-20",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-1V-8-20 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-2v-16-50",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-2V-16-50 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-4v-32-100",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-4V-32-100 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-1l-1-5",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-1L-1-5 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-16v-64",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-16V-64 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-8v-64",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-8V-64 is offered (scs-0103).",
                ),
                tc(
                    "scs-0103-flavor-16v-128",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0103-w1-standard-flavors-implementation#automated-tests",
                    ),
                    "The standard flavor SCS-16V-128 is offered (scs-0103).",
                ),
                tc(
                    "scs-0104-source-capi-1",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "Images of `capi-1` come from the sources the image list allows (scs-0104).",
                ),
                tc(
                    "scs-0104-source-capi-2",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "Images of `capi-2` come from the sources the image list allows (scs-0104).",
                ),
                tc(
                    "scs-0104-source-ubuntu-2404",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "Images of `ubuntu-2404` come from the sources the image list allows (scs-0104).",
                ),
                tc(
                    "scs-0104-source-ubuntu-2204",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "Images of `ubuntu-2204` come from the sources the image list allows (scs-0104).",
                ),
                tc(
                    "scs-0104-source-ubuntu-2004",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "Images of `ubuntu-2004` come from the sources the image list allows (scs-0104).",
                ),
                tc(
                    "scs-0104-source-debian-13",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "Images of `debian-13` come from the sources the image list allows (scs-0104).",
                ),
                tc(
                    "scs-0104-source-debian-12",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "Images of `debian-12` come from the sources the image list allows (scs-0104).",
                ),
                tc(
                    "scs-0104-source-debian-11",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "Images of `debian-11` come from the sources the image list allows (scs-0104).",
                ),
                tc(
                    "scs-0104-image-capi-2",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "An image of `capi-2` is offered as the image list requires (scs-0104).",
                ),
                tc(
                    "scs-0104-image-capi-1",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "An image of `capi-1` is offered as the image list requires (scs-0104).",
                ),
                tc(
                    "scs-0104-image-ubuntu-2404",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "An image of `ubuntu-2404` is offered as the image list requires (scs-0104).",
                ),
                tc(
                    "scs-0104-image-ubuntu-2204",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "An image of `ubuntu-2204` is offered as the image list requires (scs-0104).",
                ),
                tc(
                    "scs-0104-image-debian-13",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "An image of `debian-13` is offered as the image list requires (scs-0104).",
                ),
                tc(
                    "scs-0104-image-debian-12",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0104-w1-standard-images-implementation#automated-tests",
                    ),
                    "An image of `debian-12` is offered as the image list requires (scs-0104).",
                ),
                tc(
                    "scs-0114-syntax-check",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0114-w1-volume-type-implementation#automated-tests",
                    ),
                    "Aspect lists in volume type descriptions use the scs-0114 format.",
                ),
                tc(
                    "scs-0114-encrypted-type",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0114-w1-volume-type-implementation#automated-tests",
                    ),
                    "A volume type with the aspect `encrypted` is offered (scs-0114).",
                ),
                tc(
                    "scs-0114-replicated-type",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0114-w1-volume-type-implementation#automated-tests",
                    ),
                    "A volume type with the aspect `replicated` is offered (scs-0114).",
                ),
                tc(
                    "scs-0115-default-rules",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0115-w1-security-groups-implementation#automated-tests",
                    ),
                    "Security groups start with only the rules scs-0115 allows.",
                ),
                tc(
                    "scs-0116-presence",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0116-w1-key-manager-implementation-testing#automated-tests",
                    ),
                    "A key manager is in the service catalog (scs-0116).",
                ),
                tc(
                    "scs-0116-permissions",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0116-w1-key-manager-implementation-testing#automated-tests",
                    ),
                    "The key manager keeps secrets within their project (scs-0116).",
                ),
                tc(
                    "scs-0117-test-backup",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0117-w1-volume-backup-service-implementation#automated-tests",
                    ),
                    "Volume backups can be made and restored (scs-0117).",
                ),
                tc(
                    "scs-0123-service-compute",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0123-w1-mandatory-and-supported-IaaS-services-implementation#automated-tests",
                    ),
                    "The `compute` service is in the service catalog (scs-0123).",
                ),
                tc(
                    "scs-0123-service-identity",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0123-w1-mandatory-and-supported-IaaS-services-implementation#automated-tests",
                    ),
                    "The `identity` service is in the service catalog (scs-0123).",
                ),
                tc(
                    "scs-0123-service-image",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0123-w1-mandatory-and-supported-IaaS-services-implementation#automated-tests",
                    ),
                    "The `image` service is in the service catalog (scs-0123).",
                ),
                tc(
                    "scs-0123-service-network",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0123-w1-mandatory-and-supported-IaaS-services-implementation#automated-tests",
                    ),
                    "The `network` service is in the service catalog (scs-0123).",
                ),
                tc(
                    "scs-0123-service-load-balancer",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0123-w1-mandatory-and-supported-IaaS-services-implementation#automated-tests",
                    ),
                    "The `load-balancer` service is in the service catalog (scs-0123).",
                ),
                tc(
                    "scs-0123-service-placement",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0123-w1-mandatory-and-supported-IaaS-services-implementation#automated-tests",
                    ),
                    "The `placement` service is in the service catalog (scs-0123).",
                ),
                tc(
                    "scs-0123-storage-apis",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0123-w1-mandatory-and-supported-IaaS-services-implementation#automated-tests",
                    ),
                    "A block-storage API is in the service catalog (scs-0123).",
                ),
                tc(
                    "scs-0123-service-s3",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0123-w1-mandatory-and-supported-IaaS-services-implementation#automated-tests",
                    ),
                    "The `s3` service is in the service catalog (scs-0123).",
                ),
                tc(
                    "scs-0123-swift-s3",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0123-w1-mandatory-and-supported-IaaS-services-implementation#automated-tests",
                    ),
                    "S3 object storage is offered and usable (scs-0123).",
                ),
            ],
        },
        ScriptFacts {
            executable: None,
            testcases: &[
                tc(
                    "key-manager-docs-check",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0116-w1-key-manager-implementation-testing#manual-tests",
                    ),
                    "Checked by hand: the key manager documentation of scs-0116.",
                ),
                tc(
                    "availability-zones-check",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0121-w1-Availability-Zones-Standard#required-documentation",
                    ),
                    "Checked by hand: the availability-zone documentation of scs-0121.",
                ),
                tc(
                    "domain-manager-check",
                    Week,
                    None,
                    Some(
                        "https://docs.scs.community/standards/scs-0302-v1-domain-manager-role#conformance-tests",
                    ),
                    "Checked by hand: the domain manager role of scs-0302.",
                ),
            ],
        },
    ],
    modules: &[
        ModuleFacts {
            id: "opc-v2022.11",
            name: "SCS end-to-end testing (scs-0128-v1)",
            url: Some("https://docs.scs.community/standards/scs-0128-v1-e2e-testing"),
            parameters: &[],
            targets: &[],
        },
        ModuleFacts {
            id: "scs-0100-v3.1",
            name: "Flavor naming (scs-0100-v3.1)",
            url: Some("https://docs.scs.community/standards/scs-0100-v3-flavor-naming"),
            parameters: &[],
            targets: &[(
                "main",
                &["scs-0100-syntax-check", "scs-0100-semantics-check"],
            )],
        },
        ModuleFacts {
            id: "scs-0101-v1",
            name: "Entropy (scs-0101-v1)",
            url: Some("https://docs.scs.community/standards/scs-0101-v1-entropy"),
            parameters: &[],
            targets: &[("main", &["scs-0101-entropy-avail", "scs-0101-fips-test"])],
        },
        ModuleFacts {
            id: "scs-0102-v1",
            name: "Image metadata (scs-0102-v1)",
            url: Some("https://docs.scs.community/standards/scs-0102-v1-image-metadata"),
            parameters: &[],
            targets: &[(
                "main",
                &[
                    "scs-0102-prop-architecture",
                    "scs-0102-prop-min_disk",
                    "scs-0102-prop-min_ram",
                    "scs-0102-prop-os_version",
                    "scs-0102-prop-os_distro",
                    "scs-0102-prop-hw_disk_bus",
                    "scs-0102-prop-image_build_date",
                    "scs-0102-prop-image_original_user",
                    "scs-0102-prop-image_source",
                    "scs-0102-prop-image_description",
                    "scs-0102-prop-replace_frequency",
                    "scs-0102-prop-provided_until",
                    "scs-0102-prop-uuid_validity",
                    "scs-0102-image-recency",
                ],
            )],
        },
        ModuleFacts {
            id: "scs-0102-v1-rec",
            name: "Image metadata (scs-0102-v1), recommended",
            url: Some("https://docs.scs.community/standards/scs-0102-v1-image-metadata"),
            parameters: &[],
            targets: &[(
                "recommended",
                &[
                    "scs-0102-prop-hash_algo",
                    "scs-0102-prop-os_purpose",
                    "scs-0102-os_purpose-uniqueness",
                    "scs-0102-prop-hypervisor_type",
                    "scs-0102-prop-hw_rng_model",
                    "scs-0102-prop-hotfix_hours",
                ],
            )],
        },
        ModuleFacts {
            id: "scs-0102-v2",
            name: "Image metadata (scs-0102-v2)",
            url: Some("https://docs.scs.community/standards/scs-0102-v2-image-metadata"),
            parameters: &[],
            targets: &[(
                "main",
                &[
                    "scs-0102-prop-architecture",
                    "scs-0102-prop-min_disk",
                    "scs-0102-prop-min_ram",
                    "scs-0102-prop-os_version",
                    "scs-0102-prop-os_distro",
                    "scs-0102-prop-os_purpose",
                    "scs-0102-prop-hw_disk_bus",
                    "scs-0102-prop-image_build_date",
                    "scs-0102-prop-image_original_user",
                    "scs-0102-prop-image_source",
                    "scs-0102-prop-image_description",
                    "scs-0102-prop-replace_frequency",
                    "scs-0102-prop-provided_until",
                    "scs-0102-prop-uuid_validity",
                    "scs-0102-image-recency",
                    "scs-0102-os_purpose-uniqueness",
                ],
            )],
        },
        ModuleFacts {
            id: "scs-0102-v2-rec",
            name: "Image metadata (scs-0102-v2), recommended",
            url: Some("https://docs.scs.community/standards/scs-0102-v2-image-metadata"),
            parameters: &[],
            targets: &[(
                "recommended",
                &[
                    "scs-0102-prop-hash_algo",
                    "scs-0102-prop-hypervisor_type",
                    "scs-0102-prop-hw_rng_model",
                    "scs-0102-prop-hotfix_hours",
                ],
            )],
        },
        ModuleFacts {
            id: "scs-0103-v1",
            name: "Standard flavors (scs-0103-v1)",
            url: Some("https://docs.scs.community/standards/scs-0103-v1-standard-flavors"),
            parameters: &[],
            targets: &[(
                "main",
                &[
                    "scs-0103-flavor-1v-4",
                    "scs-0103-flavor-2v-8",
                    "scs-0103-flavor-4v-16",
                    "scs-0103-flavor-8v-32",
                    "scs-0103-flavor-1v-2",
                    "scs-0103-flavor-2v-4",
                    "scs-0103-flavor-4v-8",
                    "scs-0103-flavor-8v-16",
                    "scs-0103-flavor-16v-32",
                    "scs-0103-flavor-1v-8",
                    "scs-0103-flavor-2v-16",
                    "scs-0103-flavor-4v-32",
                    "scs-0103-flavor-1l-1",
                    "scs-0103-flavor-2v-4-20s",
                    "scs-0103-flavor-4v-16-100s",
                ],
            )],
        },
        ModuleFacts {
            id: "scs-0103-v1-rec",
            name: "Standard flavors (scs-0103-v1), recommended",
            url: Some("https://docs.scs.community/standards/scs-0103-v1-standard-flavors"),
            parameters: &[],
            targets: &[(
                "recommended",
                &[
                    "scs-0103-flavor-1v-4-10",
                    "scs-0103-flavor-2v-8-20",
                    "scs-0103-flavor-4v-16-50",
                    "scs-0103-flavor-8v-32-100",
                    "scs-0103-flavor-1v-2-5",
                    "scs-0103-flavor-2v-4-10",
                    "scs-0103-flavor-4v-8-20",
                    "scs-0103-flavor-8v-16-50",
                    "scs-0103-flavor-16v-32-100",
                    "scs-0103-flavor-1v-8-20",
                    "scs-0103-flavor-2v-16-50",
                    "scs-0103-flavor-4v-32-100",
                    "scs-0103-flavor-1l-1-5",
                    "scs-0103-flavor-16v-64",
                    "scs-0103-flavor-8v-64",
                    "scs-0103-flavor-16v-128",
                ],
            )],
        },
        ModuleFacts {
            id: "scs-0104-v1-1",
            name: "Standard images (scs-0104-v1-1)",
            url: Some("https://docs.scs.community/standards/scs-0104-v1-standard-images"),
            parameters: &[("image_spec", IMAGE_SPEC)],
            targets: &[(
                "main",
                &[
                    "scs-0104-source-capi-1",
                    "scs-0104-source-ubuntu-2204",
                    "scs-0104-source-ubuntu-2004",
                    "scs-0104-source-debian-12",
                    "scs-0104-source-debian-11",
                    "scs-0104-image-ubuntu-2204",
                ],
            )],
        },
        ModuleFacts {
            id: "scs-0104-v1-1-rec",
            name: "Standard images (scs-0104-v1-1), recommended",
            url: Some("https://docs.scs.community/standards/scs-0104-v1-standard-images"),
            parameters: &[("image_spec", IMAGE_SPEC)],
            targets: &[("recommended", &["scs-0104-image-capi-1"])],
        },
        ModuleFacts {
            id: "scs-0104-v1-2",
            name: "Standard images (scs-0104-v1-2)",
            url: Some("https://docs.scs.community/standards/scs-0104-v1-standard-images"),
            parameters: &[("image_spec", IMAGE_SPEC)],
            targets: &[(
                "main",
                &[
                    "scs-0104-source-capi-1",
                    "scs-0104-source-capi-2",
                    "scs-0104-source-ubuntu-2404",
                    "scs-0104-source-ubuntu-2204",
                    "scs-0104-source-ubuntu-2004",
                    "scs-0104-source-debian-13",
                    "scs-0104-source-debian-12",
                    "scs-0104-source-debian-11",
                    "scs-0104-image-ubuntu-2404",
                ],
            )],
        },
        ModuleFacts {
            id: "scs-0104-v1-2-rec",
            name: "Standard images (scs-0104-v1-2), recommended",
            url: Some("https://docs.scs.community/standards/scs-0104-v1-standard-images"),
            parameters: &[("image_spec", IMAGE_SPEC)],
            targets: &[(
                "recommended",
                &["scs-0104-image-capi-2", "scs-0104-image-debian-12"],
            )],
        },
        ModuleFacts {
            id: "scs-0114-v1",
            name: "Volume types (scs-0114-v1)",
            url: Some("https://docs.scs.community/standards/scs-0114-v1-volume-type-standard"),
            parameters: &[],
            targets: &[("main", &["scs-0114-syntax-check"])],
        },
        ModuleFacts {
            id: "scs-0114-v1-rec",
            name: "Volume types (scs-0114-v1), recommended",
            url: Some("https://docs.scs.community/standards/scs-0114-v1-volume-type-standard"),
            parameters: &[],
            targets: &[(
                "recommended",
                &["scs-0114-encrypted-type", "scs-0114-replicated-type"],
            )],
        },
        ModuleFacts {
            id: "scs-0115-v1",
            name: "Default rules for security groups (scs-0115-v1)",
            url: Some(
                "https://docs.scs.community/standards/scs-0115-v1-default-rules-for-security-groups",
            ),
            parameters: &[],
            targets: &[("main", &["scs-0115-default-rules"])],
        },
        ModuleFacts {
            id: "scs-0116-v1",
            name: "Key manager (scs-0116-v1)",
            url: Some("https://docs.scs.community/standards/scs-0116-v1-key-manager-standard"),
            parameters: &[],
            targets: &[("main", &["scs-0116-permissions"])],
        },
        ModuleFacts {
            id: "scs-0116-v1-rec",
            name: "Key manager (scs-0116-v1), recommended",
            url: Some("https://docs.scs.community/standards/scs-0116-v1-key-manager-standard"),
            parameters: &[],
            targets: &[("recommended", &["scs-0116-presence"])],
        },
        ModuleFacts {
            id: "scs-0116-v1-manual",
            name: "Key manager (scs-0116-v1), checked by hand",
            url: Some("https://docs.scs.community/standards/scs-0116-v1-key-manager-standard"),
            parameters: &[],
            targets: &[("preview", &["key-manager-docs-check"])],
        },
        ModuleFacts {
            id: "scs-0117-v1",
            name: "Volume backup (scs-0117-v1)",
            url: Some("https://docs.scs.community/standards/scs-0117-v1-volume-backup-service"),
            parameters: &[],
            targets: &[("main", &["scs-0117-test-backup"])],
        },
        ModuleFacts {
            id: "scs-0121-v1",
            name: "Availability zones (scs-0121-v1)",
            url: Some(
                "https://docs.scs.community/standards/scs-0121-v1-Availability-Zones-Standard",
            ),
            parameters: &[],
            targets: &[],
        },
        ModuleFacts {
            id: "scs-0121-v1-manual",
            name: "Availability zones (scs-0121-v1), checked by hand",
            url: Some(
                "https://docs.scs.community/standards/scs-0121-v1-Availability-Zones-Standard",
            ),
            parameters: &[],
            targets: &[("preview", &["availability-zones-check"])],
        },
        ModuleFacts {
            id: "scs-0123-v1",
            name: "Mandatory and supported IaaS services (scs-0123-v1)",
            url: Some(
                "https://docs.scs.community/standards/scs-0123-v1-mandatory-and-supported-IaaS-services",
            ),
            parameters: &[],
            targets: &[(
                "main",
                &[
                    "scs-0123-service-compute",
                    "scs-0123-service-identity",
                    "scs-0123-service-image",
                    "scs-0123-service-network",
                    "scs-0123-service-load-balancer",
                    "scs-0123-service-placement",
                    "scs-0123-storage-apis",
                    "scs-0123-swift-s3",
                ],
            )],
        },
        ModuleFacts {
            id: "scs-0123-v2",
            name: "Mandatory and supported IaaS services (scs-0123-v2)",
            url: Some("https://docs.scs.community/standards/scs-0123-v2-services"),
            parameters: &[],
            targets: &[(
                "main",
                &[
                    "scs-0123-service-compute",
                    "scs-0123-service-identity",
                    "scs-0123-service-image",
                    "scs-0123-service-network",
                    "scs-0123-service-load-balancer",
                    "scs-0123-storage-apis",
                    "scs-0123-service-s3",
                ],
            )],
        },
        ModuleFacts {
            id: "scs-0302-v1",
            name: "Domain manager role (scs-0302-v1)",
            url: Some("https://docs.scs.community/standards/scs-0302-v1-domain-manager-role"),
            parameters: &[],
            targets: &[],
        },
        ModuleFacts {
            id: "scs-0302-v1-manual",
            name: "Domain manager role (scs-0302-v1), checked by hand",
            url: Some("https://docs.scs.community/standards/scs-0302-v1-domain-manager-role"),
            parameters: &[],
            targets: &[("preview", &["domain-manager-check"])],
        },
    ],
    timeline: &[
        ("2026-06-11", &[("next", Draft), ("v5.1", Effective)]),
        (
            "2025-09-09",
            &[
                ("next", Draft),
                ("v5.1", Effective),
                ("v4", Deprecated),
                ("v3", Deprecated),
            ],
        ),
        (
            "2025-07-01",
            &[("v5.1", Effective), ("v4", Deprecated), ("v3", Deprecated)],
        ),
        (
            "2025-02-01",
            &[("v5.1", Effective), ("v4", Warn), ("v3", Deprecated)],
        ),
        (
            "2024-12-19",
            &[("v5.1", Effective), ("v4", Effective), ("v3", Deprecated)],
        ),
    ],
    versions: &[
        VersionFacts {
            version: "next",
            stabilized_at: None,
            include: &[
                ("opc-v2022.11", &[]),
                ("scs-0100-v3.1", &[]),
                ("scs-0101-v1", &[]),
                ("scs-0102-v2", &[]),
                ("scs-0103-v1", &[]),
                (
                    "scs-0104-v1-2",
                    &[(
                        "image_spec",
                        "https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/iaas/scs-0104-v1-images-v5.yaml",
                    )],
                ),
                ("scs-0114-v1", &[]),
                ("scs-0115-v1", &[]),
                ("scs-0116-v1", &[]),
                ("scs-0117-v1", &[]),
                ("scs-0121-v1", &[]),
                ("scs-0123-v2", &[]),
                ("scs-0302-v1", &[]),
            ],
        },
        VersionFacts {
            version: "v5.1",
            stabilized_at: Some("2024-12-19"),
            include: &[
                ("opc-v2022.11", &[]),
                ("scs-0100-v3.1", &[]),
                ("scs-0101-v1", &[]),
                ("scs-0102-v1", &[]),
                ("scs-0103-v1", &[]),
                (
                    "scs-0104-v1-2",
                    &[(
                        "image_spec",
                        "https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/iaas/scs-0104-v1-images-v5.yaml",
                    )],
                ),
                ("scs-0114-v1", &[]),
                ("scs-0115-v1", &[]),
                ("scs-0116-v1", &[]),
                ("scs-0117-v1", &[]),
                ("scs-0121-v1", &[]),
                ("scs-0123-v1", &[]),
                ("scs-0302-v1", &[]),
            ],
        },
        VersionFacts {
            version: "v4",
            stabilized_at: Some("2024-02-28"),
            include: &[
                ("opc-v2022.11", &[]),
                ("scs-0100-v3.1", &[]),
                ("scs-0101-v1", &[]),
                ("scs-0102-v1", &[]),
                ("scs-0103-v1", &[]),
                (
                    "scs-0104-v1-1",
                    &[(
                        "image_spec",
                        "https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/iaas/scs-0104-v1-images.yaml",
                    )],
                ),
            ],
        },
        VersionFacts {
            version: "v3",
            stabilized_at: Some("2024-02-28"),
            include: &[
                ("opc-v2022.11", &[]),
                ("scs-0100-v3.1", &[]),
                ("scs-0102-v1", &[]),
            ],
        },
    ],
};
