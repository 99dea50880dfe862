//! Keeping catalogs in step with a changing deck, as gettext's msgmerge does, and counting
//! what each catalog still lacks.
//!
//! In: the deck's template entries and a catalog. Out: the catalog's new entries (kept
//! translations, fuzzy matches with their previous msgid, new strings, obsolete ones), and its
//! statistics.

use super::po::{Catalog, Entry};
use std::collections::{HashMap, HashSet};

/// How alike two strings must be (more than this, 0..1) for an old translation to be offered as
/// fuzzy, as msgmerge's `FUZZY_THRESHOLD`.
const FUZZY_THRESHOLD: f64 = 0.6;

/// Merge `template` into `catalog`, in the template's order, obsolete entries last. Near-linear
/// in the number of strings: exact matches through a hash map, fuzzy ones through an index of
/// character trigrams.
pub fn merge(template: &[Entry], catalog: &Catalog) -> Vec<Entry> {
    let old: Vec<&Entry> = catalog.entries.iter().collect();
    let mut used = vec![false; old.len()];
    let mut out = Vec::new();
    // Exact matches first, so a fuzzy match never takes an entry another string keeps; a live
    // entry before an obsolete one with the same text.
    let mut by_key: HashMap<(Option<&str>, &str), usize> = HashMap::new();
    for (i, e) in old.iter().enumerate() {
        let key = (e.msgctxt.as_deref(), e.msgid.as_str());
        match by_key.get(&key) {
            Some(&j) if !old[j].obsolete || e.obsolete => {}
            _ => {
                by_key.insert(key, i);
            }
        }
    }
    let exact: Vec<Option<usize>> = template
        .iter()
        .map(|t| {
            let i = by_key
                .get(&(t.msgctxt.as_deref(), t.msgid.as_str()))
                .copied();
            if let Some(i) = i {
                used[i] = true;
            }
            i
        })
        .collect();
    // As msgmerge: every translated live entry is a candidate for a fuzzy match, also one that
    // another string keeps exactly; only the unused ones become obsolete.
    let index = FuzzyIndex::new(&old);
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
            entry.previous_msgctxt = e.previous_msgctxt.clone();
            entry.previous_msgid_plural = e.previous_msgid_plural.clone();
            entry.msgstr = e.msgstr.clone();
        } else if let Some(i) = index.best_match(&t.msgid, &old) {
            // The source text changed: keep the old translation for review, marked fuzzy, with
            // the text it was made for (an entry fuzzy already keeps its own previous text).
            let e = old[i];
            used[i] = true;
            entry.translator_comments = e.translator_comments.clone();
            entry.flags = e.flags.iter().filter(|f| *f != "fuzzy").cloned().collect();
            entry.flags.insert(0, "fuzzy".into());
            let carried = e.is_fuzzy() && e.previous_msgid.is_some();
            if carried {
                entry.previous_msgid = e.previous_msgid.clone();
                entry.previous_msgctxt = e.previous_msgctxt.clone();
                entry.previous_msgid_plural = e.previous_msgid_plural.clone();
            } else {
                entry.previous_msgid = Some(e.msgid.clone());
                entry.previous_msgctxt = e.msgctxt.clone();
                entry.previous_msgid_plural = e.msgid_plural.clone();
            }
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

/// Below this many candidates every one is compared; above it, only those sharing the most
/// trigrams with the new string.
const COMPARE_ALL: usize = 256;
/// How many of the best-sharing candidates are compared, for a large catalog.
const SHORTLIST: usize = 16;
/// A trigram in more candidates than this says little, and is not followed.
const COMMON_TRIGRAM: usize = 512;
/// Strings whose lengths multiply past this are not compared (edit distance is quadratic).
const MAX_COMPARED: usize = 4_000_000;

/// The translated old entries that a changed string may be matched to.
struct FuzzyIndex {
    candidates: Vec<usize>,
    postings: HashMap<[char; 3], Vec<usize>>,
}

impl FuzzyIndex {
    fn new(old: &[&Entry]) -> FuzzyIndex {
        let candidates: Vec<usize> = (0..old.len())
            .filter(|&i| !old[i].obsolete && old[i].msgstr.iter().any(|s| !s.is_empty()))
            .collect();
        let mut postings: HashMap<[char; 3], Vec<usize>> = HashMap::new();
        if candidates.len() > COMPARE_ALL {
            for &i in &candidates {
                for gram in trigrams(&old[i].msgid) {
                    let list = postings.entry(gram).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        }
        FuzzyIndex {
            candidates,
            postings,
        }
    }

    /// The old entry most like `msgid`, if alike enough (the earlier one on a tie).
    fn best_match(&self, msgid: &str, old: &[&Entry]) -> Option<usize> {
        let shortlist: Vec<usize> = if self.candidates.len() <= COMPARE_ALL {
            self.candidates.clone()
        } else {
            let mut shared: HashMap<usize, usize> = HashMap::new();
            let mut grams: Vec<[char; 3]> = trigrams(msgid).collect();
            grams.sort_unstable();
            grams.dedup();
            for gram in grams {
                if let Some(list) = self
                    .postings
                    .get(&gram)
                    .filter(|l| l.len() <= COMMON_TRIGRAM)
                {
                    for &i in list {
                        *shared.entry(i).or_default() += 1;
                    }
                }
            }
            let mut ranked: Vec<(usize, usize)> = shared.into_iter().collect();
            ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.into_iter().take(SHORTLIST).map(|(i, _)| i).collect()
        };
        let len = msgid.len();
        let mut best: Option<(usize, f64)> = None;
        let mut shortlist = shortlist;
        shortlist.sort_unstable();
        for i in shortlist {
            let other = old[i].msgid.len();
            // Too different in length to pass the threshold (the common part is at most the
            // shorter string), or too long to compare.
            let bound = best.map_or(FUZZY_THRESHOLD, |(_, s)| s);
            if 2.0 * (len.min(other) as f64) / ((len + other).max(1) as f64) <= bound
                || len.saturating_mul(other) > MAX_COMPARED
            {
                continue;
            }
            let s = similarity(msgid, &old[i].msgid);
            // Strictly better only: on a tie the earlier entry stays, as in msgmerge.
            if s > bound {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    }
}

/// The character trigrams of a string.
fn trigrams(s: &str) -> impl Iterator<Item = [char; 3]> + '_ {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len().saturating_sub(2)).map(move |i| [chars[i], chars[i + 1], chars[i + 2]])
}

/// gettext's `fstrcmp`: 1 for equal strings, 0 for nothing in common; the share of both strings'
/// bytes left when the fewest insertions and deletions turning one into the other are taken out,
/// that is twice their longest common subsequence over their total length.
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    // The longest common subsequence, one row at a time.
    let mut row = vec![0u32; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    2.0 * f64::from(row[b.len()]) / (a.len() + b.len()) as f64
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
        let mut live: HashMap<(Option<&str>, &str), &Entry> = HashMap::new();
        for e in catalog.entries.iter().filter(|e| !e.obsolete) {
            live.entry((e.msgctxt.as_deref(), e.msgid.as_str()))
                .or_insert(e);
        }
        for t in template {
            match live.get(&(t.msgctxt.as_deref(), t.msgid.as_str())) {
                Some(e) if e.translation().is_some() => stats.translated += 1,
                Some(e) if e.is_fuzzy() && e.msgstr.iter().any(|s| !s.is_empty()) => {
                    stats.fuzzy += 1
                }
                _ => stats.untranslated += 1,
            }
        }
        let wanted: HashSet<(Option<&str>, &str)> = template
            .iter()
            .map(|t| (t.msgctxt.as_deref(), t.msgid.as_str()))
            .collect();
        stats.obsolete = catalog
            .entries
            .iter()
            .filter(|e| e.obsolete || !wanted.contains(&(e.msgctxt.as_deref(), e.msgid.as_str())))
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
    fn ten_thousand_changed_strings_still_find_their_fuzzy_matches() {
        // Every string reworded a little: each finds its old translation among 10,000, through
        // the trigram index rather than 10,000 comparisons each.
        let mut text = String::new();
        for i in 0..10_000 {
            text.push_str(&format!(
                "msgid \"Item {i} of the programme, round {}\"\nmsgstr \"Point {i}\"\n\n",
                i % 7
            ));
        }
        let old = Catalog::parse(Source::new("fr.po", text)).unwrap();
        let template: Vec<Entry> = (0..10_000)
            .map(|i| entry(&format!("Item {i} of the programme, round {}!", i % 7)))
            .collect();
        let merged = merge(&template, &old);
        assert_eq!(merged.len(), 10_000, "no entry left obsolete");
        for (i, e) in merged.iter().enumerate() {
            assert!(e.is_fuzzy(), "{i}");
            assert_eq!(e.msgstr, vec![format!("Point {i}")]);
        }
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
