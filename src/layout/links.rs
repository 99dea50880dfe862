//! Links in text: `[text](https://…)` shows `text`, and a bare `https://…` shows itself; both
//! become PDF links.
//!
//! In: a string as the deck (or a catalog) has it. Out: the text to set, and the byte ranges of
//! it that link where.

use std::ops::Range;

/// The text to show and its links.
#[derive(Debug, PartialEq)]
pub struct Linked {
    pub text: String,
    pub links: Vec<(Range<usize>, String)>,
}

/// Find `[text](url)` and bare `http(s)://` URLs, in time linear in the length of `s`.
pub fn parse(s: &str) -> Linked {
    let mut text = String::with_capacity(s.len());
    let mut links = Vec::new();
    // Where the URL starting at each byte would end (a `)` or a space), found in one pass from
    // the back, so no `[` ever scans the rest of the string again.
    let mut url_end = vec![s.len(); s.len() + 1];
    for (i, b) in s.bytes().enumerate().rev() {
        url_end[i] = if b == b')' || b.is_ascii_whitespace() {
            i
        } else {
            url_end[i + 1]
        };
    }
    let mut at = 0;
    while at < s.len() {
        let rest = &s[at..];
        // A markdown-style link: a label without `[`, then `](`, a URL, `)`.
        if rest.starts_with('[')
            && let Some(close) = label_end(&rest[1..])
        {
            let url_start = at + 1 + close + 2;
            let end = url_end[url_start];
            let label = &rest[1..1 + close];
            let url = &s[url_start..end];
            if s[end..].starts_with(')') && !label.is_empty() && is_url(url) {
                let start = text.len();
                text.push_str(label);
                links.push((start..text.len(), url.to_string()));
                at = end + 1;
                continue;
            }
        }
        if is_url(rest) {
            let len = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
                .unwrap_or(rest.len());
            // Trailing punctuation ends a sentence, not the URL.
            let url = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            let start = text.len();
            text.push_str(url);
            links.push((start..text.len(), url.to_string()));
            at += url.len();
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        text.push(c);
        at += c.len_utf8();
    }
    Linked { text, links }
}

/// The length of a link label: up to `](`, stopping at the next `[` (so the scans of all the
/// `[` of a string together cover it once).
fn label_end(after: &str) -> Option<usize> {
    let stop = after.find(['[', ']'])?;
    after[stop..].starts_with("](").then_some(stop)
}

fn is_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && s.len() > "https://".len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_links_show_their_label() {
        let l = parse("See [WIPO](https://www.wipo.int) and more.");
        assert_eq!(l.text, "See WIPO and more.");
        assert_eq!(l.links, vec![(4..8, "https://www.wipo.int".to_string())]);
    }

    #[test]
    fn bare_urls_link_themselves_without_trailing_punctuation() {
        let l = parse("Visit https://www.cnipa.gov.cn/en.");
        assert_eq!(l.text, "Visit https://www.cnipa.gov.cn/en.");
        assert_eq!(
            l.links,
            vec![(6..33, "https://www.cnipa.gov.cn/en".to_string())]
        );
    }

    #[test]
    fn many_brackets_take_linear_time() {
        // 300 KB of `[`, and of half-made links: quadratic scanning took over a minute.
        for unit in ["[", "[a](", "[a](h", "[a](https://x"] {
            let s = unit.repeat(300_000 / unit.len());
            let started = std::time::Instant::now();
            let l = parse(&s);
            assert_eq!(l.text, s);
            assert!(started.elapsed().as_secs() < 5, "{unit}");
        }
    }

    #[test]
    fn plain_text_and_brackets_are_left_alone() {
        let l = parse("[draft] not a link (really)");
        assert_eq!(l.text, "[draft] not a link (really)");
        assert!(l.links.is_empty());
    }
}
