//! A small PDF text extractor for the tests, reading what conforming viewers read: each font's
//! ToUnicode map, `/ActualText` spans and `/ReversedChars` sections. (pdf-extract ignores the
//! last two, so it cannot judge Arabic; this reads them, and nothing else.)

use lopdf::content::Content;
use lopdf::{Document, Object};
use std::collections::HashMap;

/// The text of every page, lines separated by newlines, in content order.
pub fn extract(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("parse PDF");
    doc.get_pages()
        .values()
        .map(|&page| page_text(&doc, page))
        .collect()
}

fn page_text(doc: &Document, page: lopdf::ObjectId) -> String {
    let fonts: HashMap<Vec<u8>, HashMap<u32, String>> = doc
        .get_page_fonts(page)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, font)| (name, to_unicode(doc, font)))
        .collect();
    let content = Content::decode(&doc.get_page_content(page).expect("content")).expect("decode");
    let mut out = String::new();
    let mut font: Option<&HashMap<u32, String>> = None;
    // Marked content: (reversed, actual text) per open section, and the units (glyph texts,
    // nested spans) gathered in each; a reversed section reverses its units, not its letters.
    type Section = (bool, Option<String>, Vec<String>);
    let mut stack: Vec<Section> = Vec::new();
    let emit = |stack: &mut Vec<Section>, out: &mut String, s: &str| match stack.last_mut() {
        Some(top) => top.2.push(s.to_string()),
        None => out.push_str(s),
    };
    for op in &content.operations {
        match op.operator.as_str() {
            "BT" => emit(&mut stack, &mut out, "\n"),
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| fonts.get(n));
            }
            "Tj" | "TJ" => {
                let mut units: Vec<String> = Vec::new();
                let strings: Vec<&Object> = match op.operands.first() {
                    Some(Object::Array(items)) => items.iter().collect(),
                    Some(o) => vec![o],
                    None => vec![],
                };
                for s in strings {
                    if let Object::String(bytes, _) = s {
                        for code in bytes.chunks(2) {
                            let code = code.iter().fold(0u32, |a, b| a << 8 | u32::from(*b));
                            if let Some(t) = font.and_then(|f| f.get(&code)) {
                                units.push(t.clone());
                            }
                        }
                    }
                }
                for u in units {
                    emit(&mut stack, &mut out, &u);
                }
            }
            "BMC" | "BDC" => {
                let tag = op
                    .operands
                    .first()
                    .and_then(|t| t.as_name().ok())
                    .unwrap_or(b"");
                let actual = op
                    .operands
                    .get(1)
                    .and_then(|p| p.as_dict().ok())
                    .and_then(|d| d.get(b"ActualText").ok())
                    .and_then(|t| lopdf::decode_text_string(t).ok());
                stack.push((tag == b"ReversedChars", actual, Vec::new()));
            }
            "EMC" => {
                if let Some((reversed, actual, units)) = stack.pop() {
                    let text = match actual {
                        Some(a) => a,
                        None if reversed => units.into_iter().rev().collect(),
                        None => units.concat(),
                    };
                    emit(&mut stack, &mut out, &text);
                }
            }
            _ => {}
        }
    }
    out
}

/// A font's ToUnicode map: glyph code to text.
fn to_unicode(doc: &Document, font: &lopdf::Dictionary) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    let Ok(stream) = font
        .get(b"ToUnicode")
        .and_then(|r| r.as_reference())
        .and_then(|id| doc.get_object(id))
        .and_then(|o| o.as_stream())
    else {
        return map;
    };
    let data = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let text = String::from_utf8_lossy(&data);
    let hex = |s: &str| u32::from_str_radix(s.trim_matches(['<', '>']), 16).ok();
    let utf16 = |s: &str| {
        let s = s.trim_matches(['<', '>']);
        let units: Vec<u16> = (0..s.len() / 4)
            .filter_map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).ok())
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut section = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") || line.ends_with("beginbfrange") {
            section = if line.ends_with("beginbfchar") {
                "char"
            } else {
                "range"
            };
            continue;
        }
        if line.starts_with("endbf") {
            section = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (section, parts.as_slice()) {
            ("char", [code, dst]) => {
                if let Some(c) = hex(code) {
                    map.insert(c, utf16(dst));
                }
            }
            ("range", [lo, hi, dst]) if dst.starts_with('<') => {
                if let (Some(lo), Some(hi)) = (hex(lo), hex(hi)) {
                    let first = utf16(dst);
                    let base = first.chars().last().map_or(0, |c| c as u32);
                    let prefix: String = first
                        .chars()
                        .take(first.chars().count().saturating_sub(1))
                        .collect();
                    for (i, code) in (lo..=hi).enumerate() {
                        let c = char::from_u32(base + i as u32).unwrap_or('\u{FFFD}');
                        map.insert(code, format!("{prefix}{c}"));
                    }
                }
            }
            _ => {}
        }
    }
    map
}
