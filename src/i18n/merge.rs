//! Keeping catalogs in step with a changing deck, as gettext's msgmerge does, and counting
//! what each catalog still lacks.
//!
//! In: the deck's template entries and a catalog. Out: the catalog's new entries (kept
//! translations, fuzzy matches with their previous msgid, new strings, obsolete ones), and its
//! statistics.

use super::po::{Catalog, Entry};

/// How alike two strings must be (0..1) for an old translation to be offered as fuzzy, as
/// msgmerge's default.
const FUZZY_THRESHOLD: f64 = 0.6;

/// Merge `template` into `catalog`, in the template's order, obsolete entries last.
pub fn merge(template: &[Entry], catalog: &Catalog) -> Vec<Entry> {
    let old: Vec<&Entry> = catalog.entries.iter().collect();
    let mut used = vec![false; old.len()];
    let mut out = Vec::new();
    // Exact matches first, so a fuzzy match never takes an entry another string keeps.
    let exact: Vec<Option<usize>> = template
        .iter()
        .map(|t| {
            let i = old
                .iter()
                .position(|e| e.msgid == t.msgid && e.msgctxt == t.msgctxt && !e.obsolete)
                .or_else(|| {
                    old.iter()
                        .position(|e| e.msgid == t.msgid && e.msgctxt == t.msgctxt)
                });
            if let Some(i) = i {
                used[i] = true;
            }
            i
        })
        .collect();
    for (t, exact) in template.iter().zip(exact) {
        let mut entry = Entry {
            references: t.references.clone(),
            extracted_comments: t.extracted_comments.clone(),
            msgctxt: t.msgctxt.clone(),
            msgid: t.msgid.clone(),
            msgid_plural: t.msgid_plural.clone(),
            msgstr: vec![String::new()],
            ..Entry::default()
        };
        if let Some(i) = exact {
            let e = old[i];
            entry.translator_comments = e.translator_comments.clone();
            entry.flags = e.flags.clone();
            entry.previous_msgid = e.previous_msgid.clone();
            entry.msgstr = e.msgstr.clone();
        } else if let Some(i) = best_match(&t.msgid, &old, &used) {
            // The source text changed: keep the old translation for review, marked fuzzy.
            let e = old[i];
            used[i] = true;
            entry.translator_comments = e.translator_comments.clone();
            entry.flags = e.flags.iter().filter(|f| *f != "fuzzy").cloned().collect();
            entry.flags.insert(0, "fuzzy".into());
            entry.previous_msgid = Some(e.msgid.clone());
            entry.msgstr = e.msgstr.clone();
        }
        out.push(entry);
    }
    for (e, used) in old.iter().zip(used) {
        if !used && e.msgstr.iter().any(|s| !s.is_empty()) {
            out.push(Entry {
                obsolete: true,
                references: Vec::new(),
                extracted_comments: Vec::new(),
                span: None,
                ..(*e).clone()
            });
        }
    }
    out
}

/// The unused old entry most like `msgid`, if alike enough; translated ones only.
fn best_match(msgid: &str, old: &[&Entry], used: &[bool]) -> Option<usize> {
    old.iter()
        .enumerate()
        .filter(|(i, e)| !used[*i] && e.msgstr.iter().any(|s| !s.is_empty()))
        .map(|(i, e)| (i, similarity(msgid, &e.msgid)))
        .filter(|(_, s)| *s >= FUZZY_THRESHOLD)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i)
}

/// 1 for equal strings, 0 for nothing in common: edit distance over the longer length.
fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// What a catalog holds, counted as `deckgen status` shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub translated: usize,
    pub fuzzy: usize,
    pub untranslated: usize,
    pub obsolete: usize,
}

impl Stats {
    /// Count `catalog` against the deck's current `template` (strings the catalog lacks count
    /// as untranslated; entries the deck no longer has as obsolete).
    pub fn of(catalog: &Catalog, template: &[Entry]) -> Stats {
        let mut stats = Stats::default();
        for t in template {
            match catalog
                .entries
                .iter()
                .find(|e| !e.obsolete && e.msgid == t.msgid && e.msgctxt == t.msgctxt)
            {
                Some(e) if e.translation().is_some() => stats.translated += 1,
                Some(e) if e.is_fuzzy() && e.msgstr.iter().any(|s| !s.is_empty()) => {
                    stats.fuzzy += 1
                }
                _ => stats.untranslated += 1,
            }
        }
        stats.obsolete = catalog
            .entries
            .iter()
            .filter(|e| {
                e.obsolete
                    || !template
                        .iter()
                        .any(|t| t.msgid == e.msgid && t.msgctxt == e.msgctxt)
            })
            .count();
        stats
    }

    /// Translated share of the deck's strings, in percent.
    pub fn percent(&self) -> f64 {
        let total = self.translated + self.fuzzy + self.untranslated;
        if total == 0 {
            100.0
        } else {
            100.0 * self.translated as f64 / total as f64
        }
    }
}

/// The text of a catalog: its header as it was, then `entries`.
pub fn write_catalog(catalog: &Catalog, entries: &[Entry]) -> String {
    let mut out = String::new();
    if let Some(header) = &catalog.header {
        super::po::write_entry(&mut out, header);
    }
    for e in entries {
        if !out.is_empty() {
            out.push('\n');
        }
        super::po::write_entry(&mut out, e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Source;

    fn entry(msgid: &str) -> Entry {
        Entry {
            msgid: msgid.into(),
            msgstr: vec![String::new()],
            references: vec!["deck.toml:1".into()],
            ..Entry::default()
        }
    }

    #[test]
    fn changed_new_and_removed_strings() {
        let old = Catalog::parse(Source::new(
            "fr.po",
            "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\n# checked by Anne\nmsgid \"101 TISC in 2021\"\nmsgstr \"101 CATI en 2021\"\n\nmsgid \"Contents\"\nmsgstr \"Sommaire\"\n\nmsgid \"Gone soon\"\nmsgstr \"Bientôt parti\"\n".into(),
        ))
        .unwrap();
        let template = [
            entry("Contents"),
            entry("150 TISC in 2023"),
            entry("A new bullet"),
        ];
        let merged = merge(&template, &old);
        assert_eq!(merged.len(), 4);
        assert_eq!(merged[0].msgstr, vec!["Sommaire"]);
        assert!(!merged[0].is_fuzzy());
        let changed = &merged[1];
        assert!(changed.is_fuzzy());
        assert_eq!(changed.previous_msgid.as_deref(), Some("101 TISC in 2021"));
        assert_eq!(changed.msgstr, vec!["101 CATI en 2021"]);
        assert_eq!(changed.translator_comments, vec!["checked by Anne"]);
        assert_eq!(merged[2].msgstr, vec![""]);
        assert!(merged[3].obsolete && merged[3].msgid == "Gone soon");

        let stats = Stats::of(
            &Catalog::parse(Source::new("fr.po", write_catalog(&old, &merged))).unwrap(),
            &template,
        );
        assert_eq!(
            stats,
            Stats {
                translated: 1,
                fuzzy: 1,
                untranslated: 1,
                obsolete: 1
            }
        );
    }

    #[test]
    fn merging_twice_changes_nothing() {
        let old = Catalog::parse(Source::new(
            "fr.po",
            "msgid \"a b c\"\nmsgstr \"x\"\n".into(),
        ))
        .unwrap();
        let template = [entry("a b c d")];
        let once = write_catalog(&old, &merge(&template, &old));
        let again_catalog = Catalog::parse(Source::new("fr.po", once.clone())).unwrap();
        let twice = write_catalog(&again_catalog, &merge(&template, &again_catalog));
        assert_eq!(once, twice);
    }
}
