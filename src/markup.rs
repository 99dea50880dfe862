//! Inline markup in the deck's strings: CommonMark's inline syntax (emphasis, strong, code
//! spans, links, autolinks, hard breaks, escapes), parsed with pulldown-cmark. Bare
//! `http(s)://` URLs link themselves. Block syntax does not apply: a string is one paragraph,
//! so "1. Introduction" or "# of patents" stay as written, and a line break is a line break.
//!
//! In: a string as the deck (or a catalog) has it. Out: the text to set, with the byte ranges
//! of it that are emphasised, strong, code or links.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// How a range of text is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    pub italic: bool,
    pub bold: bool,
    pub code: bool,
}

/// A string with its markup taken out.
#[derive(Debug, Default, PartialEq)]
pub struct Inline {
    /// The text to show.
    pub text: String,
    /// Ranges of `text` not set plainly, in order, not overlapping.
    pub styles: Vec<(Range<usize>, Style)>,
    /// Ranges of `text` that link, with their targets.
    pub links: Vec<(Range<usize>, String)>,
    /// Link targets the markup names that are not web or mail addresses (shown, not linked).
    pub refused: Vec<String>,
}

/// The text of a string with its markup taken out: for the PDF's outline, metadata, alt text.
pub fn plain(s: &str) -> String {
    if !s.contains(MARKUP_CHARS) {
        return s.to_string();
    }
    parse(s).text
}

/// Characters without which a string has no markup but bare URLs.
const MARKUP_CHARS: &[char] = &['*', '_', '`', '[', '<', '\\', '&', '\n', '!'];

/// Parse a string's inline markup.
pub fn parse(s: &str) -> Inline {
    if !s.contains(MARKUP_CHARS) {
        let mut out = Inline {
            text: s.to_string(),
            ..Inline::default()
        };
        autolink(&mut out, std::slice::from_ref(&(0..s.len())));
        return out;
    }
    let source = inline_only(s);
    let mut out = Inline::default();
    let mut style = Style::default();
    // Styles and links open, with where they start in `out.text`.
    let mut emphasis: Vec<bool> = Vec::new();
    let mut link: Option<(usize, String)> = None;
    // Runs of text outside links and code, where bare URLs link themselves.
    let mut bare: Vec<Range<usize>> = Vec::new();
    let push = |out: &mut Inline, text: &str, style: Style| {
        let start = out.text.len();
        out.text.push_str(text);
        if style != Style::default() && !text.is_empty() {
            match out.styles.last_mut() {
                Some((range, last)) if *last == style && range.end == start => {
                    range.end = out.text.len()
                }
                _ => out.styles.push((start..out.text.len(), style)),
            }
        }
    };
    for event in Parser::new_ext(&source, Options::empty()) {
        match event {
            Event::Text(t) => {
                let start = out.text.len();
                push(&mut out, &t, style);
                if link.is_none() {
                    match bare.last_mut() {
                        Some(run) if run.end == start => run.end = out.text.len(),
                        _ => bare.push(start..out.text.len()),
                    }
                }
            }
            Event::Code(t) => push(
                &mut out,
                &t,
                Style {
                    code: true,
                    ..style
                },
            ),
            Event::SoftBreak | Event::HardBreak => push(&mut out, "\n", style),
            // Raw HTML is not markup here: it shows as written.
            Event::Html(t) | Event::InlineHtml(t) => push(&mut out, &t, style),
            Event::Start(Tag::Emphasis) => {
                emphasis.push(false);
                style.italic = true;
            }
            Event::Start(Tag::Strong) => {
                emphasis.push(true);
                style.bold = true;
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                emphasis.pop();
                style.italic = emphasis.iter().any(|strong| !strong);
                style.bold = emphasis.iter().any(|strong| *strong);
            }
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => {
                let url = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.to_string(),
                };
                link = Some((out.text.len(), url));
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, url)) = link.take() {
                    if linkable(&url) {
                        out.links.push((start..out.text.len(), url));
                    } else {
                        out.refused.push(url);
                    }
                }
            }
            // An image in a string shows its description.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            _ => {}
        }
    }
    autolink(&mut out, &bare);
    out
}

/// Link the bare URLs in the given ranges of `out.text` (text outside links and code).
fn autolink(out: &mut Inline, ranges: &[Range<usize>]) {
    let mut found = Vec::new();
    for range in ranges {
        let text = &out.text[range.clone()];
        let mut at = 0;
        while let Some(offset) = text[at..].find("http") {
            let begin = at + offset;
            let rest = &text[begin..];
            let boundary = !text[..begin].ends_with(|c: char| c.is_alphanumeric());
            if boundary && is_url(rest) {
                let len = rest
                    .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
                    .unwrap_or(rest.len());
                // Trailing punctuation ends a sentence, not the URL.
                let url = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
                let start = range.start + begin;
                found.push((start..start + url.len(), url.to_string()));
                at = begin + url.len();
            } else {
                at = begin + 4;
            }
        }
    }
    if !found.is_empty() {
        out.links.extend(found);
        out.links.sort_by_key(|(r, _)| r.start);
    }
}

fn is_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && s.len() > "https://".len()
}

/// The link targets deckgen makes clickable: the web and mail. Others (a file, `javascript:`)
/// show their label only.
fn linkable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && url.len() > 8
        || lower.starts_with("mailto:") && url.len() > 7
}

/// The string with every line's block syntax escaped, so that CommonMark reads it as one
/// paragraph of inline text: list markers, headings, quotes, rules, fences, indented code,
/// setext underlines and link definitions stay as written.
fn inline_only(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // A paragraph's lines lose their leading blanks anyway; four would make code.
        let body = line.trim_start_matches([' ', '\t']);
        if needs_escape(body) {
            escape_marker(&mut out, body);
        } else {
            out.push_str(body);
        }
    }
    out
}

fn needs_escape(line: &str) -> bool {
    let first = match line.chars().next() {
        Some(c) => c,
        None => return false,
    };
    let after = |n: usize| line[n..].chars().next();
    let blank_after = |n: usize| after(n).is_none_or(|c| c == ' ' || c == '\t');
    match first {
        '>' => true,
        '#' => {
            let hashes = line.chars().take_while(|c| *c == '#').count();
            hashes <= 6 && blank_after(hashes)
        }
        '-' | '+' | '*' | '_' | '=' => {
            blank_after(1) || line.chars().all(|c| c == first || c == ' ' || c == '\t')
        }
        '`' | '~' => {
            let run = line.chars().take_while(|c| *c == first).count();
            run >= 3 && (first == '~' || !line[run..].contains('`'))
        }
        '[' => line
            .find("]:")
            .is_some_and(|end| !line[1..end].contains(']')),
        '0'..='9' => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            digits <= 9 && matches!(after(digits), Some('.' | ')')) && blank_after(digits + 1)
        }
        _ => false,
    }
}

/// Write `line` with a backslash before the character that would start a block.
fn escape_marker(out: &mut String, line: &str) {
    let at = if line.starts_with(|c: char| c.is_ascii_digit()) {
        line.chars().take_while(char::is_ascii_digit).count()
    } else {
        0
    };
    out.push_str(&line[..at]);
    out.push('\\');
    out.push_str(&line[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(s: &str) -> Vec<(String, Style)> {
        let p = parse(s);
        p.styles
            .iter()
            .map(|(r, st)| (p.text[r.clone()].to_string(), *st))
            .collect()
    }

    const B: Style = Style {
        bold: true,
        italic: false,
        code: false,
    };
    const I: Style = Style {
        bold: false,
        italic: true,
        code: false,
    };
    const C: Style = Style {
        bold: false,
        italic: false,
        code: true,
    };

    #[test]
    fn emphasis_strong_and_code() {
        let p = parse("A **bold** and *new* `deckgen build` tool");
        assert_eq!(p.text, "A bold and new deckgen build tool");
        assert_eq!(
            styled("A **bold** and *new* `deckgen build` tool"),
            vec![
                ("bold".into(), B),
                ("new".into(), I),
                ("deckgen build".into(), C)
            ]
        );
        assert_eq!(
            styled("***both*** _under_"),
            vec![
                (
                    "both".into(),
                    Style {
                        bold: true,
                        italic: true,
                        code: false
                    }
                ),
                ("under".into(), I)
            ]
        );
    }

    #[test]
    fn links_balance_parentheses_and_take_mail() {
        let p = parse(
            "[x](https://en.wikipedia.org/wiki/Strangler_fig_(pattern)) and [me](mailto:a@b.org), <c@d.org>",
        );
        assert_eq!(p.text, "x and me, c@d.org");
        assert_eq!(
            p.links,
            vec![
                (
                    0..1,
                    "https://en.wikipedia.org/wiki/Strangler_fig_(pattern)".to_string()
                ),
                (6..8, "mailto:a@b.org".to_string()),
                (10..17, "mailto:c@d.org".to_string()),
            ]
        );
    }

    #[test]
    fn bare_urls_link_themselves_without_trailing_punctuation() {
        let p = parse("Visit https://www.cnipa.gov.cn/en.");
        assert_eq!(p.text, "Visit https://www.cnipa.gov.cn/en.");
        assert_eq!(
            p.links,
            vec![(6..33, "https://www.cnipa.gov.cn/en".to_string())]
        );
        // Underscores inside a URL are not emphasis, and the URL is one link.
        let p = parse("See https://example.org/a_b_c or *not*");
        assert_eq!(p.text, "See https://example.org/a_b_c or not");
        assert_eq!(p.links, vec![(4..29, "https://example.org/a_b_c".into())]);
    }

    #[test]
    fn block_syntax_stays_text() {
        for s in [
            "1. Introduction",
            "2023. A good year",
            "# of patents",
            "- a dash",
            "> quoted",
            "---",
            "[a]: https://x.org",
            "```",
            "+ plus",
        ] {
            assert_eq!(parse(s).text, s, "{s}");
        }
        assert_eq!(parse("    *indented*").text, "indented");
        assert_eq!(parse("*emphasis* first").text, "emphasis first");
    }

    #[test]
    fn line_breaks_are_line_breaks() {
        assert_eq!(parse("one\ntwo").text, "one\ntwo");
        assert_eq!(parse("one\\\ntwo").text, "one\ntwo");
        assert_eq!(parse("a\n1. b").text, "a\n1. b");
    }

    #[test]
    fn escapes_and_other_targets() {
        let p = parse(r"2\*3\*4 and [file](secret.pdf) and [js](javascript:alert(1))");
        assert_eq!(p.text, "2*3*4 and file and js");
        assert!(p.links.is_empty());
        assert_eq!(p.refused, vec!["secret.pdf", "javascript:alert(1)"]);
    }

    #[test]
    fn many_brackets_take_linear_time() {
        // 300 KB of `[`, of half-made links, of emphasis: quadratic scanning took over a minute.
        for unit in ["[", "[a](", "[a](h", "[a](https://x", "*a", "**", "`", "<a"] {
            let s = unit.repeat(300_000 / unit.len());
            let started = std::time::Instant::now();
            parse(&s);
            assert!(started.elapsed().as_secs() < 5, "{unit}");
        }
    }
}
