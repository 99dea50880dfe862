//! The `code` layout: a block of code on a panel, in the theme's code face, never wrapped
//! (a long line shrinks the block, down to the caption's smallest size, then is an overflow
//! error at the code's line), left to right in every edition, with comments, strings, numbers
//! and keywords coloured for a few common languages.

use super::flow::Flowed;
use super::frame::{Item, Rect, Semantic};
use super::slides::SlideCx;
use super::text::{Align, TextStyle};
use crate::deck::theme::Rgb;
use crate::deck::{Code, Text};
use crate::diag::Diagnostic;
use std::ops::Range;

impl SlideCx<'_> {
    pub(super) fn code(&mut self, code: &Code, body: Rect) {
        let c = self.colors().clone();
        let sizes = self.theme.sizes.clone();
        let mut room = body;
        let mut caption_flow = None;
        if let Some(caption) = &code.caption {
            let flowed = self.caption(caption, body.w, body.h * 0.2, "the code's caption");
            room.h -= flowed.height + 12.0;
            caption_flow = Some(flowed);
        }
        let text = code.text.replace('\t', "    ");
        let colors: Vec<(Range<usize>, Rgb)> = highlight(&text, code.language.as_deref())
            .into_iter()
            .map(|(range, token)| (range, token.color(&c)))
            .collect();
        let mut families: Vec<String> = self.engine.code_families().to_vec();
        families.extend(self.families.iter().cloned());
        let pad = 18.0;
        let inner_w = room.w - 2.0 * pad;
        let inner_h = room.h - 2.0 * pad;
        // The largest size on the 0.5 pt grid, from a little under the body's, at which the
        // longest line and all the lines fit.
        let start = (sizes.body.size * 0.9 * self.cap * 2.0).floor() / 2.0;
        let floor = sizes.caption.min.min(start);
        let mut size = start;
        let shaped = loop {
            let style = TextStyle {
                size,
                bold: false,
                color: c.text,
                align: Align::Start,
                leading: 1.35,
                families: &families,
                lang: "und",
                rtl: false,
                break_words: false,
                spans: &[],
                colors: &colors,
            };
            let shaped = self.engine.shape(&text, &style, 1e5);
            let fits = shaped.width <= inner_w && shaped.height <= inner_h;
            if fits || size <= floor {
                if !fits {
                    self.diags.push(
                        Diagnostic::error(
                            "overflow",
                            format!(
                                "the code does not fit at {floor} pt: it needs {:.0} x {:.0} pt, the slide has {:.0} x {:.0}",
                                shaped.width, shaped.height, inner_w, inner_h
                            ),
                        )
                        .with_span(code.span.clone().or_else(|| self.slide.span.clone()))
                        .with_slide(self.slide.number)
                        .with_hint("shorten its longest line, split it over two slides, or show less of it"),
                    );
                }
                break shaped;
            }
            size = (size - 0.5).max(floor);
        };
        self.smallest = self.smallest.min(size / sizes.body.size);
        if !shaped.missing.is_empty() {
            let shown = Text {
                span: code.span.clone(),
                ..Text::plain(text.clone())
            };
            self.missing_glyphs(&shown, &shaped.missing);
        }
        let panel = Rect::new(
            room.x,
            room.y,
            room.w,
            (shaped.height + 2.0 * pad).min(room.h),
        );
        self.rect(panel, c.panel);
        self.rect(Rect::new(panel.x, panel.y, 4.0, panel.h), c.accent);
        let mut items: Vec<Item> = shaped.place(0.0, 0.0).collect();
        for item in &mut items {
            if let Item::Text(run) = item {
                run.semantic = Semantic::Paragraph { block: 0 };
                run.origin = code.span.clone();
            }
        }
        let flowed = Flowed {
            items,
            height: shaped.height,
            width: shaped.width,
            ..Flowed::default()
        };
        // Code reads left to right in every edition: its box is mirrored with the page, so in
        // a right-to-left edition it is placed where mirroring brings it back to the left.
        let x = if self.edition.rtl {
            self.width - (panel.x + pad) - inner_w
        } else {
            panel.x + pad
        };
        self.place(flowed, x, panel.y + pad, inner_w);
        if let Some(flowed) = caption_flow {
            self.place(flowed, body.x, panel.bottom() + 12.0, body.w);
        }
    }
}

/// What a piece of code is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Keyword,
    Str,
    Comment,
    Number,
}

impl Token {
    fn color(self, c: &crate::deck::theme::Colors) -> Rgb {
        match self {
            Token::Keyword => c.primary,
            Token::Str => c.accent.mix(c.text, 0.35),
            Token::Comment => c.muted,
            Token::Number => c.accent,
        }
    }
}

/// Comments, strings, numbers and keywords of `text` in `language`: a small scanner, enough to
/// colour a slide's worth of code (an unknown language gets strings and numbers).
fn highlight(text: &str, language: Option<&str>) -> Vec<(Range<usize>, Token)> {
    let (line_comment, keywords): (&[&str], &[&str]) = match language.unwrap_or("") {
        "rust" | "rs" => (
            &["//"],
            &[
                "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else",
                "enum", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod",
                "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
                "trait", "true", "type", "use", "where", "while",
            ],
        ),
        "python" | "py" => (
            &["#"],
            &[
                "and", "as", "async", "await", "break", "class", "continue", "def", "elif", "else",
                "except", "False", "finally", "for", "from", "if", "import", "in", "is", "lambda",
                "None", "not", "or", "pass", "raise", "return", "True", "try", "while", "with",
                "yield",
            ],
        ),
        "javascript" | "js" | "typescript" | "ts" => (
            &["//"],
            &[
                "async",
                "await",
                "break",
                "class",
                "const",
                "continue",
                "else",
                "export",
                "false",
                "for",
                "from",
                "function",
                "if",
                "import",
                "in",
                "let",
                "new",
                "null",
                "of",
                "return",
                "this",
                "true",
                "typeof",
                "undefined",
                "var",
                "while",
            ],
        ),
        "toml" | "yaml" | "yml" => (&["#"], &["true", "false"]),
        "sh" | "bash" | "shell" | "console" => (
            &["#"],
            &[
                "case", "do", "done", "elif", "else", "esac", "export", "fi", "for", "function",
                "if", "in", "local", "return", "then", "while",
            ],
        ),
        "sql" => (
            &["--"],
            &[
                "AND", "AS", "BY", "FROM", "GROUP", "INSERT", "INTO", "JOIN", "NOT", "NULL", "ON",
                "OR", "ORDER", "SELECT", "SET", "UPDATE", "VALUES", "WHERE",
            ],
        ),
        "c" | "cpp" | "c++" | "go" | "java" | "kotlin" | "swift" | "css" => (
            &["//"],
            &[
                "break", "case", "class", "const", "continue", "else", "false", "for", "func",
                "if", "import", "return", "struct", "switch", "true", "var", "void", "while",
            ],
        ),
        _ => (&[], &[]),
    };
    let quotes: &[char] = if matches!(language, Some("rust" | "rs")) {
        &['"']
    } else {
        &['"', '\'']
    };
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if line_comment.iter().any(|m| rest.starts_with(*m)) {
            let end = rest.find('\n').map_or(text.len(), |e| i + e);
            out.push((i..end, Token::Comment));
            i = end;
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        if quotes.contains(&c) {
            let mut j = i + 1;
            while j < text.len() && bytes[j] != c as u8 && bytes[j] != b'\n' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(text.len());
            // A quote inside a multi-byte character cannot happen: quotes are ASCII, and `j`
            // stops on ASCII bytes or steps over one escaped byte.
            let end = (end..=text.len())
                .find(|e| text.is_char_boundary(*e))
                .unwrap_or(text.len());
            out.push((i..end, Token::Str));
            i = end;
            continue;
        }
        if c.is_ascii_digit() && !text[..i].ends_with(|p: char| p.is_alphanumeric() || p == '_') {
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '_'))
                .unwrap_or(rest.len());
            out.push((i..i + len, Token::Number));
            i += len;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let len = rest
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .unwrap_or(rest.len());
            if keywords.contains(&&rest[..len]) {
                out.push((i..i + len, Token::Keyword));
            }
            i += len;
            continue;
        }
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_strings_numbers_and_keywords() {
        let code = "fn main() { // start\n    let s = \"a // b\"; let n = 42;\n}";
        let found: Vec<(&str, Token)> = highlight(code, Some("rust"))
            .into_iter()
            .map(|(r, t)| (&code[r], t))
            .collect();
        assert_eq!(
            found,
            vec![
                ("fn", Token::Keyword),
                ("// start", Token::Comment),
                ("let", Token::Keyword),
                ("\"a // b\"", Token::Str),
                ("let", Token::Keyword),
                ("42", Token::Number),
            ]
        );
        // Unknown languages: strings and numbers only; odd input never panics.
        assert_eq!(highlight("x = 'é\\", None).len(), 1);
        assert!(highlight("élan 3", Some("python")).contains(&(6..7, Token::Number)));
    }
}
