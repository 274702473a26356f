//! The catalogue of SCS documents in a `Standards/` folder, its queries, and the scs-0001 checks.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::Severity::{self, Error, Info, Warning};
use crate::document::{Document, DocumentStatus, DocumentType, Problem, Track};
use crate::id::{DocRef, DocVersion, StandardId};

/// Reading the folder failed (the folder itself, not an individual document).
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The directory or one of its files could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// Standard documents are tens of kilobytes; a file larger than this is not loaded (nor read
/// further) but reported by [`Catalog::check`], like any other unreadable document.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;

/// All documents of a standards folder.
///
/// ```no_run
/// let catalog = scs_standards::Catalog::load_dir("Standards").unwrap();
/// for problem in catalog.check() {
///     println!("{problem}");
/// }
/// ```
#[derive(Debug, Clone, Default, Serialize)]
pub struct Catalog {
    /// The documents, sorted by reference.
    pub documents: Vec<Document>,
    /// Files named `scs-xxxx-...` (proposals and templates without a number yet); not loaded.
    pub unnumbered: Vec<String>,
    /// Problems met while loading (unreadable front matter, bad values), reported by `check`.
    pub load_problems: Vec<Problem>,
}

impl Catalog {
    /// Reads every `scs-*.md` file of `dir`.
    ///
    /// A file that cannot be understood is not loaded but reported by [`Catalog::check`]; only an
    /// unreadable folder or file is an `Err`.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Catalog, CatalogError> {
        let dir = dir.as_ref();
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| CatalogError::Io { path, source }
        };
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io(dir))? {
            let entry = entry.map_err(io(dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("scs-") && name.ends_with(".md") {
                names.push(name);
            }
        }
        names.sort();
        let mut files = Vec::new();
        let mut unreadable = Vec::new();
        for name in names {
            let path = dir.join(&name);
            // One byte more than allowed, to tell an oversized file without reading it whole.
            let mut bytes = Vec::new();
            std::fs::File::open(&path)
                .and_then(|f| {
                    f.take(MAX_DOCUMENT_BYTES as u64 + 1)
                        .read_to_end(&mut bytes)
                })
                .map_err(io(&path))?;
            if bytes.len() > MAX_DOCUMENT_BYTES {
                unreadable.push(Problem::new(
                    Error,
                    name,
                    format!("too large (more than {MAX_DOCUMENT_BYTES} bytes): not loaded"),
                ));
                continue;
            }
            match String::from_utf8(bytes) {
                Ok(text) => files.push((name, text)),
                Err(e) => unreadable.push(Problem::new(
                    Error,
                    name,
                    format!(
                        "not UTF-8 text (invalid byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ),
                )),
            }
        }
        let mut catalog = Catalog::from_files(files);
        catalog.load_problems.extend(unreadable);
        Ok(catalog)
    }

    /// Builds the catalogue from `(file name, text)` pairs, as [`Catalog::load_dir`] does.
    ///
    /// ```
    /// let catalog = scs_standards::Catalog::from_files([
    ///     ("scs-0199-v1-x.md".to_string(), "---\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n".to_string()),
    ///     ("scs-XXXX-vN-template.md".to_string(), String::new()),
    /// ]);
    /// assert_eq!(catalog.documents.len(), 1);
    /// assert_eq!(catalog.unnumbered, ["scs-XXXX-vN-template.md"]);
    /// ```
    pub fn from_files(files: impl IntoIterator<Item = (String, String)>) -> Catalog {
        let mut catalog = Catalog::default();
        for (name, text) in files {
            // scs-0001: "In the proposal phase, the document number MUST be replaced with `xxxx`".
            if name
                .get(4..8)
                .is_some_and(|n| n.eq_ignore_ascii_case("xxxx"))
            {
                catalog.unnumbered.push(name);
                continue;
            }
            match Document::parse(&name, &text) {
                Ok((doc, problems)) => {
                    catalog.documents.push(doc);
                    catalog.load_problems.extend(problems);
                }
                Err(problem) => catalog.load_problems.push(problem),
            }
        }
        catalog
            .documents
            .sort_by(|a, b| (a.reference(), &a.file.slug).cmp(&(b.reference(), &b.file.slug)));
        catalog
    }

    /// The document with file name `file_name`.
    ///
    /// ```
    /// let c = scs_standards::Catalog::default();
    /// assert!(c.get("scs-0001-v1-x.md").is_none());
    /// ```
    pub fn get(&self, file_name: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.file_name() == file_name)
    }

    /// The document with reference `reference` (`scs-0100-v3`).
    pub fn by_ref(&self, reference: DocRef) -> Option<&Document> {
        self.documents.iter().find(|d| d.reference() == reference)
    }

    /// All major versions (`vN`, no supplements) of standard `id`, oldest first.
    pub fn versions(&self, id: StandardId) -> Vec<&Document> {
        self.documents
            .iter()
            .filter(|d| d.reference().id == id && !d.reference().version.is_supplement())
            .collect()
    }

    /// The version of `id` that is stable on `date` (see [`Document::is_stable_on`]); the newest
    /// one if several are.
    pub fn stable_on(&self, id: StandardId, date: NaiveDate) -> Option<&Document> {
        self.versions(id)
            .into_iter()
            .rev()
            .find(|d| d.is_stable_on(date))
    }

    /// The documents that replace `file_name`: those listing it in `replaces`, and those it lists
    /// in `replaced_by`.
    pub fn replacements_of(&self, file_name: &str) -> Vec<&Document> {
        let listed: Vec<&String> = self
            .get(file_name)
            .map(|d| d.replaced_by.iter().collect())
            .unwrap_or_default();
        self.documents
            .iter()
            .filter(|d| {
                d.replaces.iter().any(|r| r == file_name) || listed.contains(&&d.file_name())
            })
            .filter(|d| d.file_name() != file_name)
            .collect()
    }

    /// The supplements that extend `file_name`.
    pub fn supplements_of(&self, file_name: &str) -> Vec<&Document> {
        self.documents
            .iter()
            .filter(|d| d.supplements.iter().any(|s| s == file_name))
            .collect()
    }

    /// The documents on `track` (as declared in their front matter).
    pub fn on_track(&self, track: Track) -> Vec<&Document> {
        self.documents
            .iter()
            .filter(|d| d.track == Some(track))
            .collect()
    }

    /// Every rule scs-0001 sets for documents and their file names, plus the problems met while
    /// loading. Errors break a MUST of scs-0001; warnings break a SHOULD or RECOMMENDED.
    ///
    /// Two rules are reported as warnings although phrased as MUST elsewhere in scs-0001, because
    /// the accepted documents cannot be fixed by renaming: the slug rules ("The slugified title
    /// MUST NOT be changed after the acceptance of the document into the repository") and the
    /// `replaced_by` of deprecated documents (the field table says "RECOMMENDED if `status` is
    /// `Deprecated` or `Rejected`").
    pub fn check(&self) -> Vec<Problem> {
        let mut out = self.load_problems.clone();
        for name in &self.unnumbered {
            out.push(Problem::new(
                Info,
                name,
                "not numbered yet (proposal or template): skipped",
            ));
        }
        let files: BTreeSet<String> = self.documents.iter().map(Document::file_name).collect();
        for doc in &self.documents {
            check_document(doc, &files, &mut out);
        }
        self.check_across(&mut out);
        // Group by file for the reader; within a file, keep the order of the rules.
        out.sort_by(|a, b| a.file.cmp(&b.file));
        out
    }

    fn check_across(&self, out: &mut Vec<Problem>) {
        let mut by_ref: BTreeMap<DocRef, Vec<String>> = BTreeMap::new();
        let mut stable: BTreeMap<StandardId, Vec<String>> = BTreeMap::new();
        for doc in &self.documents {
            by_ref
                .entry(doc.reference())
                .or_default()
                .push(doc.file_name());
            if doc.status == Some(DocumentStatus::Stable) {
                stable
                    .entry(doc.reference().id)
                    .or_default()
                    .push(doc.file_name());
            }
        }
        for (reference, files) in by_ref.into_iter().filter(|(_, f)| f.len() > 1) {
            for file in &files {
                out.push(Problem::new(
                    Error,
                    file,
                    format!("duplicate document {reference}: {}", files.join(", ")),
                ));
            }
        }
        for (id, files) in stable.into_iter().filter(|(_, f)| f.len() > 1) {
            for file in &files {
                out.push(
                    Problem::new(
                        Error,
                        file,
                        format!(
                            "more than one Stable version of {id}: {}; deprecate the older one",
                            files.join(", ")
                        ),
                    )
                    .at("status", self.get(file).and_then(|d| d.line_of("status"))),
                );
            }
        }
        // A deprecated or rejected document that another document replaces should say so.
        for doc in &self.documents {
            if matches!(
                doc.status,
                Some(DocumentStatus::Deprecated | DocumentStatus::Rejected)
            ) && doc.replaced_by.is_empty()
            {
                let name = doc.file_name();
                let successors: Vec<String> = self
                    .documents
                    .iter()
                    .filter(|d| d.replaces.contains(&name) && d.file_name() != name)
                    .map(Document::file_name)
                    .collect();
                if !successors.is_empty() {
                    out.push(
                        Problem::new(
                            Warning,
                            &name,
                            format!(
                                "replaced by {} but `replaced_by` is not set",
                                successors.join(", ")
                            ),
                        )
                        .at("replaced_by", None),
                    );
                }
            }
        }
    }
}

fn check_document(doc: &Document, files: &BTreeSet<String>, out: &mut Vec<Problem>) {
    let name = doc.file_name();
    let reference = doc.reference();
    let mut push = |severity: Severity, field: Option<&str>, message: String| {
        let mut p = Problem::new(severity, &name, message);
        if let Some(field) = field {
            p = p.at(field, doc.line_of(field));
        }
        out.push(p);
    };

    // Slug: "It MUST consist only of lower-case ASCII letters, numbers and hyphens. It MUST NOT
    // start with a hyphen and SHOULD start with a lower-case letter. It SHOULD NOT contain more
    // than one subsequent hyphen."
    let slug = &doc.file.slug;
    if !slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        push(
            Warning,
            None,
            format!(
                "slugified title `{slug}` has characters other than lower-case ASCII letters, digits and hyphens"
            ),
        );
    }
    if slug.starts_with('-') {
        push(
            Warning,
            None,
            format!("slugified title `{slug}` starts with a hyphen"),
        );
    } else if !slug.starts_with(|c: char| c.is_ascii_lowercase()) {
        push(
            Warning,
            None,
            format!("slugified title `{slug}` should start with a lower-case letter"),
        );
    }
    if slug.contains("--") {
        push(
            Warning,
            None,
            format!("slugified title `{slug}` contains consecutive hyphens"),
        );
    }

    // Required fields and their values (field table of scs-0001).
    let present = |key: &str| doc.has_key(key);
    if !present("title") {
        push(Warning, None, "no `title`".into());
    }
    if !present("type") {
        push(Error, None, "missing required field `type`".into());
    }
    if !present("track") {
        push(Error, None, "missing required field `track`".into());
    }
    if let (Some(track), Some(expected)) = (doc.track, reference.id.track())
        && track != expected
    {
        push(
            Error,
            Some("track"),
            format!(
                "track is {track} but the second digit of {} means {expected}",
                reference.id
            ),
        );
    }
    let is_supplement_file = reference.version.is_supplement();
    let is_supplement_type = doc.doc_type == Some(DocumentType::Supplement);
    match (is_supplement_file, doc.doc_type) {
        (true, Some(t)) if t != DocumentType::Supplement => push(
            Error,
            Some("type"),
            format!(
                "file is a supplement ({}) but type is {t}",
                reference.version
            ),
        ),
        (false, Some(DocumentType::Supplement)) => push(
            Error,
            Some("type"),
            format!(
                "type is Supplement but the file name has `{}`; supplements use `wN`",
                reference.version
            ),
        ),
        _ => {}
    }
    // "`status`: REQUIRED precisely when `type` is not `Supplement`"
    let supplement = is_supplement_type || (doc.doc_type.is_none() && is_supplement_file);
    if supplement {
        if present("status") {
            push(
                Error,
                Some("status"),
                "a Supplement must not have a `status`".into(),
            );
        }
        if !present("supplements") {
            push(
                Error,
                None,
                "missing field `supplements`, required for a Supplement".into(),
            );
        }
    } else {
        if !present("status") {
            push(Error, None, "missing required field `status`".into());
        }
        if present("supplements") {
            push(
                Error,
                Some("supplements"),
                "`supplements` is only allowed for type Supplement".into(),
            );
        }
    }
    for target in &doc.supplements {
        match target.parse::<crate::FileName>() {
            Ok(f) if !files.contains(target) => push(
                Error,
                Some("supplements"),
                format!(
                    "refers to {target}, which is not in the folder ({})",
                    f.reference
                ),
            ),
            Ok(f) if f.reference.id != reference.id => push(
                Error,
                Some("supplements"),
                format!(
                    "{target} has another document number; a supplement uses the number of the document it extends"
                ),
            ),
            Ok(_) => {}
            Err(e) => push(Error, Some("supplements"), format!("`{target}`: {e}")),
        }
    }

    // Status and dates.
    let status = doc.status;
    if matches!(
        status,
        Some(DocumentStatus::Stable | DocumentStatus::Deprecated)
    ) && doc.stabilized_at.is_none()
        && !doc.has_key("stabilized_at")
    {
        push(
            Error,
            Some("status"),
            format!(
                "status is {} but `stabilized_at` is missing",
                status.unwrap()
            ),
        );
    }
    if status == Some(DocumentStatus::Deprecated)
        && doc.deprecated_at.is_none()
        && !doc.has_key("deprecated_at")
    {
        push(
            Error,
            Some("status"),
            "status is Deprecated but `deprecated_at` is missing".into(),
        );
    }
    if status == Some(DocumentStatus::Rejected)
        && doc.rejected_at.is_none()
        && !doc.has_key("rejected_at")
    {
        push(
            Error,
            Some("status"),
            "status is Rejected but `rejected_at` is missing".into(),
        );
    }
    if doc.deprecated_at.is_some() && status != Some(DocumentStatus::Deprecated) {
        push(
            Warning,
            Some("deprecated_at"),
            "`deprecated_at` is set but status is not Deprecated".into(),
        );
    }
    if doc.rejected_at.is_some() && status != Some(DocumentStatus::Rejected) {
        push(
            Warning,
            Some("rejected_at"),
            "`rejected_at` is set but status is not Rejected".into(),
        );
    }
    if doc.stabilized_at.is_some()
        && matches!(
            status,
            Some(DocumentStatus::Draft | DocumentStatus::Proposal)
        )
    {
        push(
            Warning,
            Some("stabilized_at"),
            format!("`stabilized_at` is set but status is {}", status.unwrap()),
        );
    }
    if let (Some(s), Some(d)) = (doc.stabilized_at, doc.deprecated_at)
        && d < s
    {
        push(
            Error,
            Some("deprecated_at"),
            format!("deprecated_at {d} is before stabilized_at {s}"),
        );
    }
    if status == Some(DocumentStatus::Proposal) {
        push(
            Warning,
            Some("status"),
            "status Proposal on a numbered document; numbers are assigned on acceptance (Draft)"
                .into(),
        );
    }

    // `replaced_by`: "FORBIDDEN otherwise" (unless Deprecated or Rejected).
    if !doc.replaced_by.is_empty()
        && !matches!(
            status,
            Some(DocumentStatus::Deprecated | DocumentStatus::Rejected)
        )
    {
        push(
            Error,
            Some("replaced_by"),
            "`replaced_by` is only allowed when status is Deprecated or Rejected".into(),
        );
    }
    check_references("replaced_by", &doc.replaced_by, files, &mut push);

    // `replaces`: a new major version "MUST refer to the old document in its `replaces` metadata".
    if let DocVersion::Major(n) = reference.version
        && n > 1
        && doc.replaces.is_empty()
    {
        push(
            Error,
            None,
            format!(
                "version {} must name the document it replaces in `replaces`",
                reference.version
            ),
        );
    }
    check_references("replaces", &doc.replaces, files, &mut push);
    if let DocVersion::Major(n) = reference.version {
        for target in &doc.replaces {
            if let Ok(f) = target.parse::<crate::FileName>()
                && (f.reference.id != reference.id
                    || !matches!(f.reference.version, DocVersion::Major(m) if m < n))
            {
                push(
                    Warning,
                    Some("replaces"),
                    format!("{target} is not an earlier version of {}", reference.id),
                );
            }
        }
    }
}

fn check_references(
    field: &str,
    targets: &[String],
    files: &BTreeSet<String>,
    push: &mut impl FnMut(Severity, Option<&str>, String),
) {
    for target in targets {
        if files.contains(target) {
            continue;
        }
        if target.parse::<crate::FileName>().is_ok() {
            push(
                Error,
                Some(field),
                format!("refers to {target}, which is not in the folder"),
            );
        } else {
            // Documents from before scs-0001 (e.g. `Image-Metadata-Spec.md`) are outside the catalogue.
            push(
                Warning,
                Some(field),
                format!("refers to `{target}`, which is not an SCS document file name"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(files: &[(&str, &str)]) -> Catalog {
        Catalog::from_files(
            files
                .iter()
                .map(|(n, t)| (n.to_string(), format!("---\n{t}\n---\nbody\n"))),
        )
    }

    fn messages(c: &Catalog) -> Vec<String> {
        c.check().iter().map(ToString::to_string).collect()
    }

    fn assert_has(c: &Catalog, needle: &str) {
        let m = messages(c);
        assert!(
            m.iter().any(|m| m.contains(needle)),
            "no `{needle}` in {m:#?}"
        );
    }

    const OK1: &str = "title: A\ntype: Standard\nstatus: Deprecated\ntrack: IaaS\nstabilized_at: 2023-01-01\n\
                       deprecated_at: 2024-01-01\nreplaced_by: scs-0199-v2-a.md";
    const OK2: &str = "title: A\ntype: Standard\nstatus: Stable\ntrack: IaaS\nstabilized_at: 2024-01-01\n\
                       replaces: scs-0199-v1-a.md";
    const OKW: &str = "title: A\ntype: Supplement\ntrack: IaaS\nsupplements:\n  - scs-0199-v2-a.md";

    #[test]
    fn consistent_catalogue_is_clean() {
        let c = catalog(&[
            ("scs-0199-v1-a.md", OK1),
            ("scs-0199-v2-a.md", OK2),
            ("scs-0199-w1-a-notes.md", OKW),
        ]);
        assert_eq!(messages(&c), Vec::<String>::new());
        let id = StandardId::new(199).unwrap();
        assert_eq!(c.versions(id).len(), 2);
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            c.stable_on(id, day("2023-06-01")).unwrap().file_name(),
            "scs-0199-v1-a.md"
        );
        assert_eq!(
            c.stable_on(id, day("2024-06-01")).unwrap().file_name(),
            "scs-0199-v2-a.md"
        );
        assert!(c.stable_on(id, day("2022-06-01")).is_none());
        assert_eq!(
            c.replacements_of("scs-0199-v1-a.md")[0].file_name(),
            "scs-0199-v2-a.md"
        );
        assert_eq!(c.supplements_of("scs-0199-v2-a.md").len(), 1);
        assert_eq!(c.on_track(Track::IaaS).len(), 3);
        assert!(c.on_track(Track::KaaS).is_empty());
    }

    #[test]
    fn required_fields() {
        let c = catalog(&[("scs-0199-v1-a.md", "title: A")]);
        assert_has(&c, "missing required field `type`");
        assert_has(&c, "missing required field `track`");
        assert_has(&c, "missing required field `status`");
        let c = catalog(&[(
            "scs-0199-v1-a.md",
            "type: Standard\nstatus: Draft\ntrack: IaaS",
        )]);
        assert_has(&c, "WARNING: scs-0199-v1-a.md: no `title`");
    }

    #[test]
    fn status_date_consistency() {
        let c = catalog(&[(
            "scs-0199-v1-a.md",
            "title: A\ntype: Standard\nstatus: Stable\ntrack: IaaS",
        )]);
        assert_has(
            &c,
            "ERROR: scs-0199-v1-a.md:4: field `status`: status is Stable but `stabilized_at` is missing",
        );
        let c = catalog(&[(
            "scs-0199-v1-a.md",
            "title: A\ntype: Standard\nstatus: Deprecated\ntrack: IaaS\nstabilized_at: 2024-01-01",
        )]);
        assert_has(&c, "`deprecated_at` is missing");
        let c = catalog(&[(
            "scs-0199-v1-a.md",
            "title: A\ntype: Standard\nstatus: Rejected\ntrack: IaaS",
        )]);
        assert_has(&c, "`rejected_at` is missing");
        let c = catalog(&[(
            "scs-0199-v1-a.md",
            "title: A\ntype: Standard\nstatus: Deprecated\ntrack: IaaS\nstabilized_at: 2024-01-01\ndeprecated_at: 2023-01-01",
        )]);
        assert_has(
            &c,
            "deprecated_at 2023-01-01 is before stabilized_at 2024-01-01",
        );
        let c = catalog(&[(
            "scs-0199-v1-a.md",
            "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS\nstabilized_at: 2024-01-01",
        )]);
        assert_has(&c, "WARNING: scs-0199-v1-a.md:6: field `stabilized_at`");
        let c = catalog(&[(
            "scs-0199-v1-a.md",
            "title: A\ntype: Standard\nstatus: Stable\ntrack: IaaS\nstabilized_at: 24-01-01",
        )]);
        let m = messages(&c);
        assert!(
            m.iter()
                .any(|m| m.contains("`24-01-01` is not an ISO date")),
            "{m:?}"
        );
        assert!(
            !m.iter().any(|m| m.contains("`stabilized_at` is missing")),
            "{m:?}"
        );
    }

    #[test]
    fn replaced_by_forbidden_unless_deprecated() {
        let c = catalog(&[
            (
                "scs-0199-v1-a.md",
                "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS\nreplaced_by: scs-0199-v2-a.md",
            ),
            (
                "scs-0199-v2-a.md",
                "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS\nreplaces: scs-0199-v1-a.md",
            ),
        ]);
        assert_has(
            &c,
            "ERROR: scs-0199-v1-a.md:6: field `replaced_by`: `replaced_by` is only allowed",
        );
    }

    #[test]
    fn replaces_rules() {
        let c = catalog(&[(
            "scs-0199-v2-a.md",
            "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS",
        )]);
        assert_has(&c, "version v2 must name the document it replaces");
        let c = catalog(&[(
            "scs-0199-v2-a.md",
            "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS\nreplaces: scs-0199-v1-gone.md",
        )]);
        assert_has(
            &c,
            "ERROR: scs-0199-v2-a.md:6: field `replaces`: refers to scs-0199-v1-gone.md, which is not in the folder",
        );
        let c = catalog(&[(
            "scs-0199-v1-a.md",
            "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS\nreplaces: Old-Spec.md",
        )]);
        assert_has(
            &c,
            "WARNING: scs-0199-v1-a.md:6: field `replaces`: refers to `Old-Spec.md`",
        );
        let c = catalog(&[(
            "scs-0199-v2-a.md",
            "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS\nreplaces: scs-0199-v2-a.md",
        )]);
        assert_has(
            &c,
            "WARNING: scs-0199-v2-a.md:6: field `replaces`: scs-0199-v2-a.md is not an earlier version",
        );
        // Deprecated, replaced, but `replaced_by` missing: RECOMMENDED only.
        let c = catalog(&[
            (
                "scs-0199-v1-a.md",
                "title: A\ntype: Standard\nstatus: Deprecated\ntrack: IaaS\nstabilized_at: 2023-01-01\ndeprecated_at: 2024-01-01",
            ),
            ("scs-0199-v2-a.md", OK2),
        ]);
        assert_has(
            &c,
            "WARNING: scs-0199-v1-a.md: field `replaced_by`: replaced by scs-0199-v2-a.md",
        );
    }

    #[test]
    fn supplements_rules() {
        let c = catalog(&[(
            "scs-0199-w1-a.md",
            "title: A\ntype: Supplement\ntrack: IaaS\nstatus: Draft\nsupplements: scs-0199-v1-a.md",
        )]);
        assert_has(&c, "a Supplement must not have a `status`");
        assert_has(&c, "refers to scs-0199-v1-a.md, which is not in the folder");
        let c = catalog(&[(
            "scs-0199-w1-a.md",
            "title: A\ntype: Supplement\ntrack: IaaS",
        )]);
        assert_has(&c, "missing field `supplements`");
        let c = catalog(&[(
            "scs-0199-w1-a.md",
            "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS",
        )]);
        assert_has(&c, "file is a supplement (w1) but type is Standard");
        let c = catalog(&[(
            "scs-0199-v1-a.md",
            "title: A\ntype: Supplement\ntrack: IaaS\nsupplements: scs-0199-v1-a.md",
        )]);
        assert_has(&c, "supplements use `wN`");
        let c = catalog(&[
            (
                "scs-0198-v1-a.md",
                "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS",
            ),
            (
                "scs-0199-w1-a.md",
                "title: A\ntype: Supplement\ntrack: IaaS\nsupplements: [scs-0198-v1-a.md]",
            ),
        ]);
        assert_has(&c, "has another document number");
        let c = catalog(&[(
            "scs-0199-v1-a.md",
            "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS\nsupplements: [scs-0199-v1-a.md]",
        )]);
        assert_has(&c, "`supplements` is only allowed for type Supplement");
    }

    #[test]
    fn duplicates_stable_track_slug() {
        let c = catalog(&[
            (
                "scs-0199-v1-a.md",
                "title: A\ntype: Standard\nstatus: Stable\nstabilized_at: 2023-01-01\ntrack: IaaS",
            ),
            (
                "scs-0199-v1-b.md",
                "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS",
            ),
            (
                "scs-0199-v2-a.md",
                "title: A\ntype: Standard\nstatus: Stable\nstabilized_at: 2024-01-01\ntrack: IaaS\nreplaces: scs-0199-v1-a.md",
            ),
        ]);
        assert_has(
            &c,
            "ERROR: scs-0199-v1-b.md: duplicate document scs-0199-v1",
        );
        assert_has(&c, "more than one Stable version of scs-0199");
        let c = catalog(&[(
            "scs-0299-v1-a.md",
            "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS",
        )]);
        assert_has(
            &c,
            "track is IaaS but the second digit of scs-0299 means KaaS",
        );
        let c = catalog(&[(
            "scs-0199-v1-Big--name.md",
            "title: A\ntype: Standard\nstatus: Draft\ntrack: IaaS",
        )]);
        assert_has(&c, "has characters other than lower-case");
        assert_has(&c, "should start with a lower-case letter");
        assert_has(&c, "consecutive hyphens");
    }

    #[test]
    fn load_dir_reads_only_scs_markdown_and_reports_bad_bytes() {
        let dir = std::env::temp_dir().join(format!("scs-standards-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("scs-0199-v1-a.md"),
            "---\ntitle: A\ntype: Standard\nstatus: Draft\ntrack: IaaS\n---\n",
        )
        .unwrap();
        std::fs::write(dir.join("scs-0199-v2-b.md"), b"---\ntitle: \xff\n---\n").unwrap();
        std::fs::write(dir.join("README.md"), "x").unwrap();
        std::fs::write(dir.join("scs-0199-v3-c.txt"), "x").unwrap();
        let catalog = Catalog::load_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(catalog.documents.len(), 1);
        let m = messages(&catalog);
        assert!(
            m.contains(
                &"ERROR: scs-0199-v2-b.md: not UTF-8 text (invalid byte at offset 11)".to_string()
            ),
            "{m:?}"
        );
        let err = Catalog::load_dir(dir.join("missing")).unwrap_err();
        assert!(err.to_string().starts_with("cannot read "), "{err}");
    }

    #[test]
    fn unreadable_files_are_reported() {
        let c = Catalog::from_files([
            (
                "scs-0199-v1-a.md".to_string(),
                "no front matter".to_string(),
            ),
            ("scs-xxxx-v1-new.md".to_string(), String::new()),
            ("scs-01-v1-a.md".to_string(), String::new()),
        ]);
        assert!(c.documents.is_empty());
        let m = messages(&c);
        assert!(
            m.iter()
                .any(|m| m.starts_with("ERROR: scs-0199-v1-a.md: missing front matter")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|m| m.starts_with("INFO: scs-xxxx-v1-new.md")),
            "{m:?}"
        );
        assert!(
            m.iter()
                .any(|m| m.starts_with("ERROR: scs-01-v1-a.md: file name does not follow")),
            "{m:?}"
        );
    }
}
