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

/// Find `[text](url)` and bare `http(s)://` URLs.
pub fn parse(s: &str) -> Linked {
    let mut text = String::with_capacity(s.len());
    let mut links = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        // A markdown-style link.
        if let Some(after) = rest.strip_prefix('[')
            && let Some(close) = after.find("](")
            && let Some(end) = after[close + 2..].find(')')
        {
            let label = &after[..close];
            let url = &after[close + 2..close + 2 + end];
            if !label.is_empty() && is_url(url) && !label.contains('[') {
                let start = text.len();
                text.push_str(label);
                links.push((start..text.len(), url.to_string()));
                rest = &after[close + 2 + end + 1..];
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
            rest = &rest[url.len()..];
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Linked { text, links }
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
    fn plain_text_and_brackets_are_left_alone() {
        let l = parse("[draft] not a link (really)");
        assert_eq!(l.text, "[draft] not a link (really)");
        assert!(l.links.is_empty());
    }
}
