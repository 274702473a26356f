//! Turning a script descriptor's `args` and `env` into a command line, like the reference does.
//!
//! - Placeholders (scs-0003-v1, "Automated check"): `{var}` is replaced by the variable's value,
//!   `{{` and `}}` stand for literal braces.
//! - The substituted `args` string is split into words like Python's `shlex.split` (POSIX mode),
//!   which is what the reference checker uses. We do not use the `shlex` crate here because it
//!   follows the POSIX shell, which treats `\$` and `` \` `` inside double quotes differently.
//! - Output is split into lines like Python's `str.splitlines`.

use std::fmt;

/// What is wrong with a `{placeholder}` template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceholderError {
    /// A `{` without its `}`.
    #[error("single '{{' at byte {0} (write '{{{{' for a literal brace)")]
    UnclosedBrace(usize),
    /// A `}` that closes nothing.
    #[error("single '}}' at byte {0} (write '}}}}' for a literal brace)")]
    StrayClosingBrace(usize),
    /// `{}` or a name with characters other than letters, digits, `_` and `-`.
    #[error("unsupported placeholder {{{0}}} (expected {{variable_name}})")]
    BadName(String),
    /// A name that has no value.
    #[error("no value for variable {{{0}}}")]
    Unknown(String),
}

/// A piece of a template.
enum Piece<'t> {
    Literal(&'t str),
    Placeholder(&'t str),
}

/// Visits the literal text and placeholder names of `template`, in order.
fn walk<'t>(
    template: &'t str,
    mut visit: impl FnMut(Piece<'t>) -> Result<(), PlaceholderError>,
) -> Result<(), PlaceholderError> {
    let bytes = template.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                visit(Piece::Literal(&template[start..i + 1]))?;
                i += 2;
                start = i;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                visit(Piece::Literal(&template[start..i + 1]))?;
                i += 2;
                start = i;
            }
            b'{' => {
                visit(Piece::Literal(&template[start..i]))?;
                let Some(len) = template[i + 1..].find(['}', '{']) else {
                    return Err(PlaceholderError::UnclosedBrace(i));
                };
                if bytes[i + 1 + len] == b'{' {
                    return Err(PlaceholderError::UnclosedBrace(i));
                }
                let name = &template[i + 1..i + 1 + len];
                let valid = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
                if !valid {
                    return Err(PlaceholderError::BadName(name.to_owned()));
                }
                visit(Piece::Placeholder(name))?;
                i += len + 2;
                start = i;
            }
            b'}' => return Err(PlaceholderError::StrayClosingBrace(i)),
            _ => i += 1,
        }
    }
    visit(Piece::Literal(&template[start..]))
}

/// The placeholder names used in `template`, in order of appearance.
///
/// ```
/// use scs_scope::args::placeholders;
/// assert_eq!(placeholders("-c {os_cloud} {testcases} {{x}}").unwrap(), ["os_cloud", "testcases"]);
/// assert!(placeholders("-c {os_cloud").is_err());
/// ```
pub fn placeholders(template: &str) -> Result<Vec<&str>, PlaceholderError> {
    let mut names = Vec::new();
    walk(template, |piece| {
        if let Piece::Placeholder(name) = piece {
            names.push(name);
        }
        Ok(())
    })?;
    Ok(names)
}

/// Replaces every `{name}` in `template` by `value(name)`; `{{`/`}}` become `{`/`}`.
///
/// ```
/// use scs_scope::args::substitute;
/// let value = |name: &str| (name == "os_cloud").then(|| "demo".to_string());
/// assert_eq!(substitute("-c {os_cloud} {{literal}}", value).unwrap(), "-c demo {literal}");
/// assert!(substitute("-k {kubeconfig}", value).is_err());
/// ```
pub fn substitute(
    template: &str,
    value: impl Fn(&str) -> Option<String>,
) -> Result<String, PlaceholderError> {
    let mut out = String::with_capacity(template.len());
    walk(template, |piece| {
        match piece {
            Piece::Literal(text) => out.push_str(text),
            Piece::Placeholder(name) => match value(name) {
                Some(v) => out.push_str(&v),
                None => return Err(PlaceholderError::Unknown(name.to_owned())),
            },
        }
        Ok(())
    })?;
    Ok(out)
}

/// Error of [`split`]: a quote that is never closed, or a trailing backslash.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// `'` or `"` without its closing partner.
    #[error("no closing quotation")]
    NoClosingQuotation,
    /// The text ends with a lone `\`.
    #[error("no escaped character")]
    NoEscapedCharacter,
}

/// Replaces every `{name}` in `args` like [`substitute`], but writes each value so that
/// [`split`] reads it back literally, inside the word it lands in: a value with spaces, quotes,
/// backslashes or shell characters never becomes more than one argument nor changes the words
/// around it. Values of the names in `verbatim` (the `testcases` list, from the scope itself) are
/// inserted as they are and split into words.
///
/// The reference checker substitutes and then splits, so there a value such as `a' -x '` adds
/// arguments; here values stay data. Values made only of `A-Za-z0-9_@%+=:,./-` are inserted
/// unchanged (as Python's `shlex.quote` leaves them), so real command lines read the same; an
/// empty value adds nothing, as in the reference.
///
/// ```
/// use scs_scope::args::{split, substitute_literal};
/// let value = |name: &str| {
///     Some(match name {
///         "cloud" => "x'; rm -rf / #".to_string(),
///         "testcases" => "a b".to_string(),
///         _ => "plain".to_string(),
///     })
/// };
/// let args = substitute_literal("-c {cloud} --p=\"{p}\" {testcases}", value, &["testcases"]).unwrap();
/// assert_eq!(split(&args).unwrap(), ["-c", "x'; rm -rf / #", "--p=plain", "a", "b"]);
/// ```
pub fn substitute_literal(
    args: &str,
    value: impl Fn(&str) -> Option<String>,
    verbatim: &[&str],
) -> Result<String, PlaceholderError> {
    let mut out = String::with_capacity(args.len());
    let mut at = SplitState::default();
    walk(args, |piece| {
        match piece {
            Piece::Literal(text) => {
                out.push_str(text);
                at.feed(text);
            }
            Piece::Placeholder(name) => {
                let Some(v) = value(name) else {
                    return Err(PlaceholderError::Unknown(name.to_owned()));
                };
                if verbatim.contains(&name) {
                    out.push_str(&v);
                    at.feed(&v);
                } else {
                    at.quote(&v, &mut out);
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// Where [`split`] stands after some text.
#[derive(Default)]
struct SplitState {
    quoting: Quoting,
    /// The last character was an unquoted, or double-quoted, backslash.
    escape: bool,
}

#[derive(Default, Clone, Copy, PartialEq)]
enum Quoting {
    #[default]
    Between,
    Word,
    Single,
    Double,
}

impl SplitState {
    /// Follows [`split`] over `text`.
    fn feed(&mut self, text: &str) {
        for c in text.chars() {
            if self.escape {
                self.escape = false;
                if self.quoting != Quoting::Double {
                    self.quoting = Quoting::Word;
                }
                continue;
            }
            self.quoting = match (self.quoting, c) {
                (Quoting::Between | Quoting::Word, ' ' | '\t' | '\r' | '\n') => Quoting::Between,
                (Quoting::Between | Quoting::Word, '\'') => Quoting::Single,
                (Quoting::Between | Quoting::Word, '"') => Quoting::Double,
                (Quoting::Between | Quoting::Word, '\\') => {
                    self.escape = true;
                    Quoting::Word
                }
                (Quoting::Between | Quoting::Word, _) => Quoting::Word,
                (Quoting::Single, '\'') | (Quoting::Double, '"') => Quoting::Word,
                (Quoting::Double, '\\') => {
                    self.escape = true;
                    Quoting::Double
                }
                (quoting, _) => quoting,
            };
        }
    }

    /// Writes `value` so that [`split`], standing here, reads it literally.
    fn quote(&mut self, value: &str, out: &mut String) {
        let mut rest = value;
        if self.escape {
            let Some(first) = value.chars().next() else {
                return;
            };
            self.escape = false;
            if self.quoting == Quoting::Double {
                // `\"` or `\\` would be an escape; make the template's backslash a literal one.
                if matches!(first, '"' | '\\') {
                    out.push('\\');
                }
            } else {
                // The template's backslash takes the first character literally, whatever it is.
                out.push(first);
                self.quoting = Quoting::Word;
                rest = &value[first.len_utf8()..];
            }
        }
        match self.quoting {
            Quoting::Between | Quoting::Word if rest.is_empty() => {}
            Quoting::Between | Quoting::Word => {
                let safe = |c: char| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c);
                if rest.chars().all(safe) {
                    out.push_str(rest);
                } else {
                    out.push('\'');
                    out.push_str(&rest.replace('\'', r#"'"'"'"#));
                    out.push('\'');
                }
                self.quoting = Quoting::Word;
            }
            // Close the quote, add the quote character in double quotes, open again.
            Quoting::Single => out.push_str(&rest.replace('\'', r#"'"'"'"#)),
            Quoting::Double => {
                for c in rest.chars() {
                    if matches!(c, '"' | '\\') {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
        }
    }
}

/// Splits a command line into words like Python's `shlex.split(text)` (POSIX mode, no comments).
///
/// Outside quotes, `\` escapes any character; inside double quotes it escapes only `"` and `\`;
/// inside single quotes nothing is special. Empty quotes give an empty word.
///
/// ```
/// use scs_scope::args::split;
/// assert_eq!(
///     split(r#"run -c 'cncf-k8s-conformance' -a '--e2e-focus "NetworkPolicy"'"#).unwrap(),
///     ["run", "-c", "cncf-k8s-conformance", "-a", r#"--e2e-focus "NetworkPolicy""#],
/// );
/// assert_eq!(split(r#"a\ b "c\$d" ''"#).unwrap(), ["a b", r"c\$d", ""]);
/// assert!(split("'open").is_err());
/// ```
pub fn split(text: &str) -> Result<Vec<String>, SplitError> {
    #[derive(PartialEq)]
    enum State {
        Between,
        Word,
        Single,
        Double,
    }
    let mut words = Vec::new();
    let mut word = String::new();
    let mut state = State::Between;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match state {
            State::Between | State::Word => match c {
                ' ' | '\t' | '\r' | '\n' => {
                    if state == State::Word {
                        words.push(std::mem::take(&mut word));
                        state = State::Between;
                    }
                }
                '\'' => state = State::Single,
                '"' => state = State::Double,
                '\\' => {
                    word.push(chars.next().ok_or(SplitError::NoEscapedCharacter)?);
                    state = State::Word;
                }
                _ => {
                    word.push(c);
                    state = State::Word;
                }
            },
            State::Single => match c {
                '\'' => state = State::Word,
                _ => word.push(c),
            },
            State::Double => match c {
                '"' => state = State::Word,
                '\\' => {
                    let next = chars.next().ok_or(SplitError::NoClosingQuotation)?;
                    if next != '"' && next != '\\' {
                        word.push('\\');
                    }
                    word.push(next);
                }
                _ => word.push(c),
            },
        }
    }
    match state {
        State::Single | State::Double => Err(SplitError::NoClosingQuotation),
        State::Word => {
            words.push(word);
            Ok(words)
        }
        State::Between => Ok(words),
    }
}

/// Splits output into lines like Python's `str.splitlines()` (the reference's stdout/stderr lists).
///
/// ```
/// use scs_scope::args::split_lines;
/// assert_eq!(split_lines("a\r\nb\rc\n\nd"), ["a", "b", "c", "", "d"]);
/// assert!(split_lines("").is_empty());
/// ```
pub fn split_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                lines.push(std::mem::take(&mut line));
            }
            '\n' | '\u{0b}' | '\u{0c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}'
            | '\u{2029}' => lines.push(std::mem::take(&mut line)),
            _ => line.push(c),
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Shows a command line the way the reference writes `cmd` into the report:
/// `ENV=value executable args`, with the substituted but unsplit `args`.
pub(crate) struct CommandLine<'a> {
    pub env: &'a [(String, String)],
    pub executable: &'a str,
    pub args: &'a str,
}

impl fmt::Display for CommandLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let env: Vec<String> = self.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let line = format!("{} {} {}", env.join(" "), self.executable, self.args);
        f.write_str(line.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_matches_python_shlex() {
        // Expected values produced with Python 3: shlex.split(...)
        let cases: &[(&str, &[&str])] = &[
            ("-c {x} a b", &["-c", "{x}", "a", "b"]),
            ("  lead  and trail  ", &["lead", "and", "trail"]),
            ("a'b c'd", &["ab cd"]),
            (r#""a\"b" 'c\d'"#, &[r#"a"b"#, r"c\d"]),
            (r#""\\x""#, &[r"\x"]),
            ("a\\\nb", &["a\nb"]),
            ("x '' \"\"", &["x", "", ""]),
            ("#not-a-comment", &["#not-a-comment"]),
        ];
        for (input, want) in cases {
            assert_eq!(split(input).unwrap(), *want, "input {input:?}");
        }
        assert_eq!(split("\"open"), Err(SplitError::NoClosingQuotation));
        assert_eq!(split("end\\"), Err(SplitError::NoEscapedCharacter));
    }

    #[test]
    fn placeholder_errors() {
        assert_eq!(
            placeholders("a {b"),
            Err(PlaceholderError::UnclosedBrace(2))
        );
        assert_eq!(
            placeholders("a {b{c}"),
            Err(PlaceholderError::UnclosedBrace(2))
        );
        assert_eq!(
            placeholders("a } b"),
            Err(PlaceholderError::StrayClosingBrace(2))
        );
        assert_eq!(
            placeholders("{}"),
            Err(PlaceholderError::BadName(String::new()))
        );
        assert_eq!(
            placeholders("{a.b}"),
            Err(PlaceholderError::BadName("a.b".into()))
        );
        assert_eq!(placeholders("{{}} {x}"), Ok(vec!["x"]));
    }

    #[test]
    fn substitute_keeps_unicode_and_braces() {
        let v = |n: &str| Some(format!("<{n}>"));
        assert_eq!(substitute("ä{x}ö}}{{", v).unwrap(), "ä<x>ö}{");
    }
}
