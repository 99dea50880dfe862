//! Gettext PO catalogs: a parser that reports syntax errors at the catalog's line, and a writer.
//!
//! In: PO text. Out: `Catalog` entries with gettext's semantics (fuzzy, obsolete, msgctxt,
//! plural forms, escapes, multi-line strings), or diagnostics pointing at `file.po:LINE:COL`.
//! (polib, the crate first considered, reports errors without a line and slices unchecked
//! strings, so `msgid "` alone panics; see the closing note of the translations issue.)

use crate::diag::{Diagnostic, Source, Span};
use std::fmt::Write as _;
use std::sync::Arc;

/// One message of a catalog.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// `# ` lines: the translator's own comments, kept as they are.
    pub translator_comments: Vec<String>,
    /// `#.` lines: comments for translators, written by the extractor.
    pub extracted_comments: Vec<String>,
    /// `#:` references such as `deck.toml:42`.
    pub references: Vec<String>,
    /// `#,` flags such as `fuzzy`.
    pub flags: Vec<String>,
    /// `#| msgid`: the source text a fuzzy translation was made for.
    pub previous_msgid: Option<String>,
    /// `#| msgctxt` and `#| msgid_plural`: the rest of that previous source.
    pub previous_msgctxt: Option<String>,
    pub previous_msgid_plural: Option<String>,
    pub msgctxt: Option<String>,
    pub msgid: String,
    pub msgid_plural: Option<String>,
    /// One string, or one per plural form.
    pub msgstr: Vec<String>,
    /// `#~` entries: no longer in the source, kept for reuse, never used.
    pub obsolete: bool,
    /// Where the entry's `msgid` is, for diagnostics.
    pub span: Option<Span>,
}

impl Entry {
    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }

    /// The translation, when there is one gettext would use: not fuzzy, not obsolete, not empty.
    pub fn translation(&self) -> Option<&str> {
        let s = self.msgstr.first()?;
        (!self.is_fuzzy() && !self.obsolete && !s.is_empty()).then_some(s.as_str())
    }
}

/// A parsed catalog: its header entry (msgid "") and its messages.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub source: Arc<Source>,
    pub header: Option<Entry>,
    pub entries: Vec<Entry>,
}

/// What a catalog has for a msgid.
#[derive(Debug, PartialEq)]
pub enum Lookup<'a> {
    Translated(&'a str),
    Fuzzy,
    Untranslated,
    Missing,
}

impl Catalog {
    /// A header field, e.g. `Language`.
    pub fn header_field(&self, name: &str) -> Option<&str> {
        let header = self.header.as_ref()?.msgstr.first()?;
        header.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            (k.trim().eq_ignore_ascii_case(name)).then(|| v.trim())
        })
    }

    /// Where a header field is written in the catalog's source, for diagnostics.
    pub fn header_field_span(&self, name: &str) -> Option<crate::diag::Span> {
        let span = self.header.as_ref()?.span.clone()?;
        let text = &span.source.text;
        let needle = format!("\"{name}:");
        // The header runs from its msgid to the first blank line.
        let block = &text[span.range.start..];
        let block = &block[..block.find("\n\n").unwrap_or(block.len())];
        let at = block.find(&needle)? + span.range.start + 1;
        let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        Some(crate::diag::Span::new(&span.source, at..end))
    }

    /// The catalog's language, from its `Language:` header.
    pub fn language(&self) -> Option<&str> {
        self.header_field("Language").filter(|l| !l.is_empty())
    }

    /// Look up a message without context, as gettext does.
    pub fn lookup(&self, msgid: &str) -> Lookup<'_> {
        Lookup::of(self.entry(msgid))
    }

    /// The live entries (not obsolete, without context) by msgid, the first of each: for looking
    /// up every string of a deck in time linear in the catalog.
    pub fn index(&self) -> std::collections::HashMap<&str, &Entry> {
        let mut index = std::collections::HashMap::with_capacity(self.entries.len());
        for e in self
            .entries
            .iter()
            .filter(|e| !e.obsolete && e.msgctxt.is_none())
        {
            index.entry(e.msgid.as_str()).or_insert(e);
        }
        index
    }

    /// The live entry (not obsolete, without context) of a msgid.
    pub fn entry(&self, msgid: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| !e.obsolete && e.msgctxt.is_none() && e.msgid == msgid)
    }
}

impl<'a> Lookup<'a> {
    /// What an entry (or its absence) gives a string.
    pub fn of(entry: Option<&'a Entry>) -> Lookup<'a> {
        let Some(e) = entry else {
            return Lookup::Missing;
        };
        match e.translation() {
            Some(t) => Lookup::Translated(t),
            None if e.is_fuzzy() && e.msgstr.first().is_some_and(|s| !s.is_empty()) => {
                Lookup::Fuzzy
            }
            None => Lookup::Untranslated,
        }
    }
}

impl Catalog {
    /// Parse PO text; every syntax error is reported, each at its line.
    pub fn parse(source: Arc<Source>) -> Result<Catalog, Vec<Diagnostic>> {
        let mut parser = Parser {
            source: Arc::clone(&source),
            entries: Vec::new(),
            current: Entry::default(),
            field: None,
            has_content: false,
            diags: Vec::new(),
        };
        let mut offset = 0;
        for line in source.text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            parser.line(content, offset);
            offset += line.len();
        }
        parser.finish_entry(offset);
        if !parser.diags.is_empty() {
            return Err(parser.diags);
        }
        let mut header = None;
        let mut entries = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut diags = Vec::new();
        for e in parser.entries {
            if e.msgid.is_empty() && e.msgctxt.is_none() && !e.obsolete {
                header = Some(e);
                continue;
            }
            if !e.obsolete && !seen.insert((e.msgctxt.clone(), e.msgid.clone())) {
                diags.push(
                    Diagnostic::error(
                        "catalog-syntax",
                        format!("duplicate message definition for \"{}\"", e.msgid),
                    )
                    .with_span(e.span.clone()),
                );
            }
            entries.push(e);
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        Ok(Catalog {
            source,
            header,
            entries,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Field {
    Ctxt,
    Id,
    IdPlural,
    Str(usize),
    PrevId,
    PrevCtxt,
    PrevIdPlural,
}

struct Parser {
    source: Arc<Source>,
    entries: Vec<Entry>,
    current: Entry,
    field: Option<Field>,
    /// Whether `current` has a msgid or msgstr yet (comments alone don't make an entry).
    has_content: bool,
    diags: Vec<Diagnostic>,
}

impl Parser {
    fn error(&mut self, range: std::ops::Range<usize>, message: impl Into<String>) {
        self.diags.push(
            Diagnostic::error("catalog-syntax", message)
                .with_span(Some(Span::new(&self.source, range))),
        );
    }

    fn finish_entry(&mut self, offset: usize) {
        if self.has_content {
            let entry = std::mem::take(&mut self.current);
            if entry.msgstr.is_empty() {
                let range = entry
                    .span
                    .as_ref()
                    .map_or(offset..offset, |s| s.range.clone());
                self.error(range, format!("message \"{}\" has no msgstr", entry.msgid));
            }
            self.entries.push(entry);
        } else {
            // Comments with nothing after them belong to nothing; drop them.
            self.current = Entry::default();
        }
        self.has_content = false;
        self.field = None;
    }

    fn line(&mut self, line: &str, offset: usize) {
        let trimmed = line.trim_start();
        let offset = offset + (line.len() - trimmed.len());
        if trimmed.is_empty() {
            self.finish_entry(offset);
            return;
        }
        if let Some(rest) = trimmed.strip_prefix("#~") {
            let rest_offset = offset + 2 + (rest.len() - rest.trim_start().len());
            let rest = rest.trim_start();
            if let Some(prev) = rest.strip_prefix('|') {
                return self.previous(
                    prev.trim_start(),
                    rest_offset + 1 + (prev.len() - prev.trim_start().len()),
                );
            }
            if !self.current.obsolete
                && self.has_content
                && self.field.is_some_and(|f| matches!(f, Field::Str(_)))
            {
                self.finish_entry(offset);
            }
            self.current.obsolete = true;
            return self.keyword_or_string(rest, rest_offset);
        }
        if let Some(rest) = trimmed.strip_prefix('#') {
            // A comment after a complete message starts the next one.
            if self.has_content && matches!(self.field, Some(Field::Str(_))) {
                self.finish_entry(offset);
            }
            let text = |s: &str| s.strip_prefix(' ').unwrap_or(s).to_string();
            match rest.chars().next() {
                Some('.') => self.current.extracted_comments.push(text(&rest[1..])),
                Some(':') => self
                    .current
                    .references
                    .extend(rest[1..].split_whitespace().map(str::to_string)),
                Some(',') => self.current.flags.extend(
                    rest[1..]
                        .split(',')
                        .map(|f| f.trim().to_string())
                        .filter(|f| !f.is_empty()),
                ),
                Some('|') => {
                    let prev = &rest[1..];
                    let at = offset + 2 + (prev.len() - prev.trim_start().len());
                    self.previous(prev.trim_start(), at);
                }
                _ => self.current.translator_comments.push(text(rest)),
            }
            return;
        }
        self.keyword_or_string(trimmed, offset);
    }

    /// `#| msgctxt`, `#| msgid`, `#| msgid_plural` (and their continuations): the previous
    /// source of a fuzzy entry.
    fn previous(&mut self, rest: &str, offset: usize) {
        // The longer keyword first: `msgid_plural` starts with `msgid`.
        for (keyword, field) in [
            ("msgid_plural", Field::PrevIdPlural),
            ("msgctxt", Field::PrevCtxt),
            ("msgid", Field::PrevId),
        ] {
            if let Some(s) = rest.strip_prefix(keyword) {
                let at = offset + keyword.len() + (s.len() - s.trim_start().len());
                if let Some(v) = self.string(s.trim_start(), at) {
                    let target = self.target(field);
                    target.clear();
                    target.push_str(&v);
                    self.field = Some(field);
                }
                return;
            }
        }
        if rest.starts_with('"')
            && let Some(field @ (Field::PrevId | Field::PrevCtxt | Field::PrevIdPlural)) =
                self.field
            && let Some(v) = self.string(rest, offset)
        {
            self.target(field).push_str(&v);
        }
    }

    fn keyword_or_string(&mut self, text: &str, offset: usize) {
        if text.starts_with('"') {
            let Some(field) = self
                .field
                .filter(|f| !matches!(f, Field::PrevId | Field::PrevCtxt | Field::PrevIdPlural))
            else {
                return self.error(offset..offset + 1, "a string continues no keyword");
            };
            if let Some(v) = self.string(text, offset) {
                self.target(field).push_str(&v);
            }
            return;
        }
        let keyword_len = text
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(text.len());
        let (keyword, rest) = text.split_at(keyword_len);
        let value_offset = offset + keyword_len + (rest.len() - rest.trim_start().len());
        let rest = rest.trim_start();
        let field = match keyword {
            "msgctxt" => Field::Ctxt,
            "msgid" => Field::Id,
            "msgid_plural" => Field::IdPlural,
            "msgstr" => Field::Str(0),
            k if k.starts_with("msgstr[") && k.ends_with(']') => match k[7..k.len() - 1].parse() {
                Ok(n) if n < 100 => Field::Str(n),
                _ => {
                    return self.error(
                        offset..offset + keyword_len,
                        format!("bad plural index in `{k}`"),
                    );
                }
            },
            other => {
                return self.error(
                    offset..offset + keyword_len.max(1),
                    format!(
                        "unknown keyword `{other}`; expected msgctxt, msgid, msgid_plural or msgstr"
                    ),
                );
            }
        };
        // A new msgctxt or msgid after a msgstr starts the next message.
        if matches!(field, Field::Ctxt | Field::Id) && matches!(self.field, Some(Field::Str(_))) {
            self.finish_entry(offset);
        }
        match field {
            Field::Str(_) | Field::IdPlural if !self.has_content || self.current.span.is_none() => {
                return self.error(
                    offset..offset + keyword_len,
                    format!("`{keyword}` before any msgid"),
                );
            }
            Field::Id => {
                self.current.span = Some(Span::new(&self.source, offset..offset + text.len()));
            }
            _ => {}
        }
        self.has_content = true;
        self.field = Some(field);
        if let Some(v) = self.string(rest, value_offset) {
            let target = self.target(field);
            target.clear();
            target.push_str(&v);
        }
    }

    fn target(&mut self, field: Field) -> &mut String {
        let e = &mut self.current;
        match field {
            Field::Ctxt => e.msgctxt.get_or_insert_with(String::new),
            Field::Id => &mut e.msgid,
            Field::IdPlural => e.msgid_plural.get_or_insert_with(String::new),
            Field::PrevId => e.previous_msgid.get_or_insert_with(String::new),
            Field::PrevCtxt => e.previous_msgctxt.get_or_insert_with(String::new),
            Field::PrevIdPlural => e.previous_msgid_plural.get_or_insert_with(String::new),
            Field::Str(n) => {
                if e.msgstr.len() <= n {
                    e.msgstr.resize(n + 1, String::new());
                }
                &mut e.msgstr[n]
            }
        }
    }

    /// A quoted string with C escapes, alone on the rest of its line.
    fn string(&mut self, text: &str, offset: usize) -> Option<String> {
        let Some(body) = text.strip_prefix('"') else {
            self.error(
                offset..offset + text.len().max(1),
                "expected a quoted string",
            );
            return None;
        };
        let mut out = String::new();
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    let tail = body[i + 1..].trim();
                    if !tail.is_empty() {
                        let at = offset + 1 + i + 1;
                        self.error(
                            at..at + tail.len(),
                            "unexpected text after the closing quote",
                        );
                        return None;
                    }
                    return Some(out);
                }
                '\\' => {
                    let Some((_, e)) = chars.next() else { break };
                    let decoded = match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'a' => '\x07',
                        'b' => '\x08',
                        'f' => '\x0c',
                        'v' => '\x0b',
                        '"' | '\\' | '\'' | '?' => e,
                        'x' => {
                            let mut v = 0u32;
                            let mut n = 0;
                            while let Some(&(_, h)) = chars.peek() {
                                let Some(d) = h.to_digit(16) else { break };
                                v = v * 16 + d;
                                n += 1;
                                chars.next();
                            }
                            if n == 0 {
                                let at = offset + 1 + i;
                                self.error(at..at + 2, "`\\x` without hex digits");
                                return None;
                            }
                            char::from_u32(v).unwrap_or('\u{FFFD}')
                        }
                        '0'..='7' => {
                            let mut v = e.to_digit(8).unwrap_or(0);
                            for _ in 0..2 {
                                match chars.peek().and_then(|&(_, d)| d.to_digit(8)) {
                                    Some(d) => {
                                        v = v * 8 + d;
                                        chars.next();
                                    }
                                    None => break,
                                }
                            }
                            char::from_u32(v).unwrap_or('\u{FFFD}')
                        }
                        other => {
                            let at = offset + 1 + i;
                            self.error(
                                at..at + 1 + other.len_utf8(),
                                format!("unknown escape `\\{other}`"),
                            );
                            return None;
                        }
                    };
                    out.push(decoded);
                }
                c => out.push(c),
            }
        }
        self.error(
            offset..offset + text.len(),
            "unterminated string: no closing quote",
        );
        None
    }
}

/// Quote and escape a string for a PO file; text with newlines is split after each.
pub fn quote(s: &str) -> String {
    let escape = |s: &str| {
        let mut out = String::with_capacity(s.len() + 2);
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out
    };
    if s.trim_end_matches('\n').contains('\n') {
        let mut out = String::from("\"\"");
        for part in s.split_inclusive('\n') {
            let _ = write!(out, "\n\"{}\"", escape(part));
        }
        out
    } else {
        format!("\"{}\"", escape(s))
    }
}

/// Write one entry in PO syntax.
pub fn write_entry(out: &mut String, e: &Entry) {
    let obsolete = if e.obsolete { "#~ " } else { "" };
    for c in &e.translator_comments {
        if c.is_empty() {
            out.push_str("#\n");
        } else {
            let _ = writeln!(out, "# {c}");
        }
    }
    for c in &e.extracted_comments {
        let _ = writeln!(out, "#. {c}");
    }
    if !e.references.is_empty() {
        let _ = writeln!(out, "#: {}", e.references.join(" "));
    }
    if !e.flags.is_empty() {
        let _ = writeln!(out, "#, {}", e.flags.join(", "));
    }
    let prefix = if e.obsolete { "#~| " } else { "#| " };
    for (key, value) in [
        ("msgctxt", &e.previous_msgctxt),
        ("msgid", &e.previous_msgid),
        ("msgid_plural", &e.previous_msgid_plural),
    ] {
        if let Some(prev) = value {
            let _ = writeln!(
                out,
                "{prefix}{key} {}",
                quote(prev).replace('\n', &format!("\n{prefix}"))
            );
        }
    }
    let field = |out: &mut String, key: &str, value: &str| {
        let _ = writeln!(
            out,
            "{obsolete}{key} {}",
            quote(value).replace('\n', &format!("\n{obsolete}"))
        );
    };
    if let Some(ctxt) = &e.msgctxt {
        field(out, "msgctxt", ctxt);
    }
    field(out, "msgid", &e.msgid);
    if let Some(plural) = &e.msgid_plural {
        field(out, "msgid_plural", plural);
        for (i, s) in e.msgstr.iter().enumerate() {
            field(out, &format!("msgstr[{i}]"), s);
        }
    } else {
        field(out, "msgstr", e.msgstr.first().map_or("", String::as_str));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Catalog, Vec<Diagnostic>> {
        Catalog::parse(Source::new("fr.po", text.to_string()))
    }

    const FR: &str = r#"# French translation.
msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. slide 1: title
#: deck.toml:3
msgid "Contents"
msgstr "Sommaire"

#, fuzzy
#| msgid "101 TISC in 2020"
msgid "101 TISC in 2021"
msgstr "101 CATI en 2020"

msgid "Untranslated"
msgstr ""

msgctxt "menu"
msgid "Open"
msgstr "Ouvrir (menu)"

msgid ""
"A long "
"string with \"quotes\"\tand a tab\n"
msgstr "Une longue chaîne avec « guillemets » !"

#~ msgid "Gone"
#~ msgstr "Parti"
"#;

    #[test]
    fn gettext_semantics() {
        let cat = parse(FR).unwrap();
        assert_eq!(cat.language(), Some("fr"));
        assert_eq!(cat.lookup("Contents"), Lookup::Translated("Sommaire"));
        assert_eq!(cat.lookup("101 TISC in 2021"), Lookup::Fuzzy);
        assert_eq!(cat.lookup("Untranslated"), Lookup::Untranslated);
        assert_eq!(
            cat.lookup("Open"),
            Lookup::Missing,
            "a msgctxt entry is not a plain msgid"
        );
        assert_eq!(
            cat.lookup("Gone"),
            Lookup::Missing,
            "obsolete entries are ignored"
        );
        assert_eq!(
            cat.lookup("A long string with \"quotes\"\tand a tab\n"),
            Lookup::Translated("Une longue chaîne avec « guillemets »\u{a0}!")
        );
        let fuzzy = &cat.entries[1];
        assert_eq!(fuzzy.previous_msgid.as_deref(), Some("101 TISC in 2020"));
        assert_eq!(cat.entries[0].extracted_comments, vec!["slide 1: title"]);
        assert_eq!(cat.entries[0].references, vec!["deck.toml:3"]);
        assert!(cat.entries.last().unwrap().obsolete);
    }

    #[test]
    fn escapes() {
        let cat = parse("msgid \"a\\x41\\101\\\\\"\nmsgstr \"ok\"\n").unwrap();
        assert_eq!(cat.entries[0].msgid, "aAA\\");
    }

    #[test]
    fn syntax_errors_point_at_their_lines() {
        let errs = parse("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"unterminated\nmsgstr \"c\"\n\nmsgidd \"x\"\nmsgstr \"y\"\n").unwrap_err();
        let found: Vec<_> = errs
            .iter()
            .map(|d| {
                (
                    d.span
                        .as_ref()
                        .unwrap()
                        .source
                        .line_col(d.span.as_ref().unwrap().range.start),
                    d.message.as_str(),
                )
            })
            .collect();
        assert_eq!(found[0], ((4, 7), "unterminated string: no closing quote"));
        assert_eq!(found[1].0, (7, 1));
        assert!(found[1].1.starts_with("unknown keyword `msgidd`"));
    }

    #[test]
    fn bare_quote_and_orphans_do_not_panic() {
        for text in [
            "msgid \"",
            "\"",
            "msgstr \"x\"",
            "msgid",
            "#~ msgstr",
            "msgstr[99999999999] \"\"",
            "msgid \"\\x\"",
        ] {
            assert!(parse(text).is_err(), "{text:?} should be an error");
        }
    }

    #[test]
    fn duplicates_are_errors() {
        let errs = parse("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n").unwrap_err();
        assert_eq!(errs[0].message, "duplicate message definition for \"a\"");
        assert_eq!(errs[0].span.as_ref().unwrap().line(), 4);
    }

    #[test]
    fn written_entries_parse_back() {
        let cat = parse(FR).unwrap();
        let mut out = String::new();
        for e in &cat.entries {
            write_entry(&mut out, e);
            out.push('\n');
        }
        let again = parse(&out).unwrap();
        let strip = |c: &Catalog| {
            c.entries
                .iter()
                .map(|e| Entry {
                    span: None,
                    ..e.clone()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&cat), strip(&again));
    }
}
