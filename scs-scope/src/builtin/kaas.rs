//! The facts of the SCS-compatible KaaS scope (see the parent module): ids, dates, urls.
//! Descriptions and module names are this project's own words or the standards' titles.

use super::*;

pub(super) const KAAS: Facts = Facts {
    name: "SCS-compatible KaaS",
    uuid: "1fffebe6-fd4b-44d3-a36c-fc58b4bb0180",
    url: "https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/scs-compatible-kaas.yaml",
    variables: &[
        ("subject_root", None),
        ("kubeconfig", None),
        ("execution_mode", Some("parallel")),
    ],
    scripts: &[
        ScriptFacts {
            executable: Some("./kaas/sonobuoy_handler/run_sonobuoy.py"),
            testcases: &[tc(
                "cncf-k8s-conformance",
                Year,
                Some("heavy"),
                Some(
                    "https://docs.scs.community/standards/scs-0201-v1-cncf-conformance#regulations",
                ),
                "The cluster passes the CNCF Kubernetes conformance tests (scs-0201).",
            )],
        },
        ScriptFacts {
            executable: Some("./kaas/scs_0210_version_policy/k8s_version_policy.py"),
            testcases: &[tc(
                "version-policy-check",
                Week,
                Some("light"),
                Some(
                    "https://docs.scs.community/standards/scs-0210-v2-k8s-version-policy#decision",
                ),
                "The cluster's Kubernetes version is recent enough (scs-0210).",
            )],
        },
        ScriptFacts {
            executable: None,
            testcases: &[tc(
                "node-distribution-check",
                Week,
                None,
                Some(
                    "https://docs.scs.community/standards/scs-0214-v2-k8s-node-distribution#decision",
                ),
                "Checked by hand: node distribution and availability (scs-0214).",
            )],
        },
        ScriptFacts {
            executable: Some("./kaas/sonobuoy_handler/run_sonobuoy.py"),
            testcases: &[tc(
                "kaas-networking-check",
                Month,
                Some("heavy"),
                Some(
                    "https://docs.scs.community/standards/scs-0219-w1-kaas-networking#automated-tests",
                ),
                "The cluster passes the upstream NetworkPolicy e2e tests (scs-0219).",
            )],
        },
    ],
    modules: &[
        ModuleFacts {
            id: "cncf-k8s-conformance",
            name: "CNCF Kubernetes conformance (scs-0201-v1)",
            url: Some("https://docs.scs.community/standards/scs-0201-v1-cncf-conformance"),
            parameters: &[],
            targets: &[("main", &["cncf-k8s-conformance"])],
        },
        ModuleFacts {
            id: "scs-0210-v2",
            name: "Kubernetes version policy (scs-0210-v2)",
            url: Some("https://docs.scs.community/standards/scs-0210-v2-k8s-version-policy"),
            parameters: &[],
            targets: &[("main", &["version-policy-check"])],
        },
        ModuleFacts {
            id: "scs-0214-v2",
            name: "Kubernetes node distribution and availability (scs-0214-v2)",
            url: Some("https://docs.scs.community/standards/scs-0214-v2-k8s-node-distribution"),
            parameters: &[],
            targets: &[],
        },
        ModuleFacts {
            id: "scs-0214-v2-manual",
            name: "Kubernetes node distribution and availability (scs-0214-v2), checked by hand",
            url: Some("https://docs.scs.community/standards/scs-0214-v2-k8s-node-distribution"),
            parameters: &[],
            targets: &[("preview", &["node-distribution-check"])],
        },
        ModuleFacts {
            id: "scs-0219-v1",
            name: "KaaS networking (scs-0219-v1)",
            url: Some("https://docs.scs.community/standards/scs-0219-v1-kaas-networking"),
            parameters: &[],
            targets: &[("main", &["kaas-networking-check"])],
        },
    ],
    timeline: &[
        ("2024-11-26", &[("v1", Effective)]),
        ("2024-02-28", &[("v1", Draft)]),
    ],
    versions: &[VersionFacts {
        version: "v1",
        stabilized_at: Some("2024-11-26"),
        include: &[
            ("cncf-k8s-conformance", &[]),
            ("scs-0210-v2", &[]),
            ("scs-0214-v2", &[]),
            ("scs-0219-v1", &[]),
        ],
    }],
};
