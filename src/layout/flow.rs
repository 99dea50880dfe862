//! Flow and fit: stack paragraphs and bullets in a box, and shrink a group of sibling boxes
//! together until they all fit or their roles reach the theme's minimum sizes.
//!
//! In: blocks of the model's `Text`, box sizes, the theme's role sizes. Out: placed items, the
//! scale chosen, and an overflow diagnostic for what cannot fit.

use super::frame::{Bullet, FontSlots, Item, Paragraph, Piece, Rect, Semantic, TextBox};
use super::text::{Align, Shaped, TextEngine, TextStyle};
use crate::deck::Text;
use crate::deck::theme::{Rgb, Role, Sizes, is_rtl};
use crate::diag::Diagnostic;
use crate::markup;

/// One thing in a vertical flow.
#[derive(Debug, Clone)]
pub enum Block<'a> {
    Para {
        text: &'a Text,
        role: Role,
        bold: bool,
        color: Rgb,
        align: Align,
        /// Space after, as a multiple of the block's size.
        after: f32,
    },
    Bullet {
        marker: &'a str,
        text: &'a Text,
        depth: usize,
        color: Rgb,
        marker_color: Rgb,
    },
}

impl Block<'_> {
    fn role(&self) -> Role {
        match self {
            Block::Para { role, .. } => *role,
            Block::Bullet { .. } => Role::Body,
        }
    }

    fn text(&self) -> &Text {
        match self {
            Block::Para { text, .. } | Block::Bullet { text, .. } => text,
        }
    }

    /// How its text looks: a bullet's is body text at the start of its line.
    fn look(&self) -> Look {
        match self {
            Block::Para {
                role,
                bold,
                color,
                align,
                ..
            } => Look {
                role: *role,
                bold: *bold,
                color: *color,
                align: *align,
            },
            Block::Bullet { color, .. } => Look {
                role: Role::Body,
                bold: false,
                color: *color,
                align: Align::Start,
            },
        }
    }
}

/// Where a bullet's text starts, at its depth and body size.
fn bullet_indent(size: f32, depth: usize) -> f32 {
    size * 1.25 * (depth as f32 + 1.0)
}

/// A flow laid out at one scale.
#[derive(Debug, Default)]
pub struct Flowed {
    pub items: Vec<Item>,
    pub height: f32,
    /// Each block's bottom edge, in block order.
    pub bottoms: Vec<f32>,
    /// The widest line, to catch a glyph cluster wider than its box.
    pub width: f32,
    /// Texts with characters no font covers.
    pub missing: Vec<(Text, Vec<char>)>,
}

impl Flowed {
    /// Move every item by (dx, dy).
    pub fn translate(mut self, dx: f32, dy: f32) -> Vec<Item> {
        for item in &mut self.items {
            translate(item, dx, dy);
        }
        self.items
    }
}

/// The lowest point an item reaches (a text run's, a little below its baseline).
pub fn bottom_of(item: &Item) -> f32 {
    match item {
        Item::Text(run) => run.y + run.size * 0.28,
        Item::Rect { rect, .. }
        | Item::Image { rect, .. }
        | Item::Link { rect, .. }
        | Item::Figure { rect, .. } => rect.y + rect.h,
        Item::Circle { cy, r, .. } => cy + r,
        // The box's text is its runs, which say where it ends; the box also holds the space
        // after its last paragraph.
        Item::TextBox(_) => f32::NEG_INFINITY,
        Item::Polyline { points, width, .. } => {
            points.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max) + width / 2.0
        }
    }
}

pub fn translate(item: &mut Item, dx: f32, dy: f32) {
    match item {
        Item::Text(run) => {
            run.x += dx;
            run.y += dy;
        }
        Item::Image { rect, clip, .. } => {
            rect.x += dx;
            rect.y += dy;
            if let Some(clip) = clip {
                clip.x += dx;
                clip.y += dy;
            }
        }
        Item::Rect { rect, .. } | Item::Link { rect, .. } | Item::Figure { rect, .. } => {
            rect.x += dx;
            rect.y += dy;
        }
        Item::Polyline { points, .. } => {
            for p in points {
                p.0 += dx;
                p.1 += dy;
            }
        }
        Item::Circle { cx, cy, .. } => {
            *cx += dx;
            *cy += dy;
        }
        Item::TextBox(b) => {
            b.rect.x += dx;
            b.rect.y += dy;
        }
    }
}

/// What text settings a flow needs besides the blocks.
pub struct FlowEnv<'a> {
    pub sizes: &'a Sizes,
    pub families: &'a [String],
    pub lang: &'a str,
    pub rtl: bool,
    /// Whether words wider than their line may break inside (the last resort of fitting).
    pub break_words: bool,
}

const LEADING: f32 = 1.28;

/// How a paragraph looks, apart from its size.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub role: Role,
    pub bold: bool,
    pub color: Rgb,
    pub align: Align,
}

/// Shape one paragraph of a role at a scale, its inline markup applied; also gives the
/// paragraph as markup left it (the text as shown, its styles and links).
pub fn shape_role(
    engine: &mut TextEngine,
    env: &FlowEnv,
    text: &Text,
    look: Look,
    scale: f32,
    width: f32,
) -> (std::sync::Arc<Shaped>, markup::Inline) {
    let inline = markup::parse(&text.text);
    let shaped = shape_with(
        engine,
        env,
        &inline.text,
        &inline.styles,
        text,
        look,
        scale,
        width,
    );
    (shaped, inline)
}

/// Shape a paragraph's text as it is, without reading markup (markers, numbers).
pub fn shape_plain(
    engine: &mut TextEngine,
    env: &FlowEnv,
    text: &Text,
    look: Look,
    scale: f32,
    width: f32,
) -> std::sync::Arc<Shaped> {
    shape_with(engine, env, &text.text, &[], text, look, scale, width)
}

#[allow(clippy::too_many_arguments)]
fn shape_with(
    engine: &mut TextEngine,
    env: &FlowEnv,
    shown: &str,
    spans: &[(std::ops::Range<usize>, markup::Style)],
    text: &Text,
    look: Look,
    scale: f32,
    width: f32,
) -> std::sync::Arc<Shaped> {
    engine.shape(shown, &text_style(env, text, spans, look, scale), width)
}

/// How a paragraph of the deck is set at a scale.
fn text_style<'a>(
    env: &'a FlowEnv,
    text: &'a Text,
    spans: &'a [(std::ops::Range<usize>, markup::Style)],
    look: Look,
    scale: f32,
) -> TextStyle<'a> {
    // A string in another language than the edition's (a fallback) keeps its own direction.
    let (lang, rtl) = lang_of(env, text);
    TextStyle {
        size: env.sizes.get(look.role).size * scale,
        bold: look.bold,
        color: look.color,
        align: look.align,
        leading: leading(look.role),
        families: env.families,
        lang,
        rtl,
        break_words: env.break_words,
        spans,
        colors: &[],
    }
}

/// Lay out blocks top to bottom in `width`, at `scale` times each role's size.
pub fn flow(
    engine: &mut TextEngine,
    env: &FlowEnv,
    blocks: &[Block],
    width: f32,
    scale: f32,
) -> Flowed {
    let mut out = Flowed::default();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut y = 0.0f32;
    // The block that starts the current run of bullets: one list in the tagged PDF.
    let mut list: Option<u32> = None;
    for (index, block) in blocks.iter().enumerate() {
        let index = index as u32;
        match block {
            Block::Para {
                text,
                role,
                bold,
                color,
                align,
                after,
            } => {
                let (shaped, inline) = shape_role(engine, env, text, block.look(), scale, width);
                let links = &inline.links;
                note_missing(&mut out, text, &shaped);
                out.width = out.width.max(shaped.width);
                let semantic = match role {
                    Role::Title => Semantic::Heading {
                        level: 1,
                        block: index,
                    },
                    Role::Heading => Semantic::Heading {
                        level: 2,
                        block: index,
                    },
                    Role::Body | Role::Caption => Semantic::Paragraph { block: index },
                };
                list = None;
                let start = out.items.len();
                out.items.extend(shaped.place(0.0, y));
                mark_items(&mut out.items[start..], semantic, Some(text));
                let size = env.sizes.get(*role).size * scale;
                let (lang, rtl) = lang_of(env, text);
                paragraphs.push(Paragraph {
                    pieces: pieces(&inline),
                    size,
                    color: *color,
                    bold: *bold,
                    align: *align,
                    line_height: size * leading(*role),
                    space_after: after * size,
                    lang: lang.to_string(),
                    rtl,
                    fonts: font_slots(&mut out.items[start..], &inline),
                    bullet: None,
                });
                link_items(&mut out.items, start, links, *color);
                // As written before text boxes, to the last bit: (after * size) * scale.
                y += shaped.height + after * env.sizes.get(*role).size * scale;
            }
            Block::Bullet {
                marker,
                text,
                depth,
                color,
                marker_color,
            } => {
                let size = env.sizes.body.size * scale;
                let indent = bullet_indent(size, *depth);
                let text_width = (width - indent).max(size);
                let body = block.look();
                let (shaped, inline) = shape_role(engine, env, text, body, scale, text_width);
                let links = &inline.links;
                note_missing(&mut out, text, &shaped);
                out.width = out.width.max(shaped.width + indent);
                let mark_look = Look {
                    bold: true,
                    color: *marker_color,
                    ..body
                };
                // Markers are symbols: shaped left to right in their own tight box, whatever the
                // edition's direction.
                let marker_text = Text {
                    lang: Some("und".into()),
                    ..Text::plain(*marker)
                };
                let mark = shape_plain(engine, env, &marker_text, mark_look, scale, size * 2.0);
                note_missing(&mut out, &marker_text, &mark);
                // The marker sits on the first line's baseline, in the indent before the text.
                // Right-aligned in the indent, so wide markers (→) keep their distance too.
                let marker_x = (indent - size * 0.5 - mark.width).max(indent - size * 1.25);
                let dy = shaped.first_baseline - mark.first_baseline;
                let list_id = *list.get_or_insert(index);
                let (mark_x, text_x) = if env.rtl {
                    (width - marker_x - mark.width, 0.0)
                } else {
                    (marker_x, indent)
                };
                let start = out.items.len();
                out.items.extend(mark.place(mark_x, y + dy));
                let label = Semantic::ListLabel {
                    list: list_id,
                    item: index,
                };
                mark_items(&mut out.items[start..], label, None);
                for item in &mut out.items[start..] {
                    if let Item::Text(run) = item {
                        // The text box's bullet stands for it.
                        run.boxed = true;
                    }
                }
                let start = out.items.len();
                out.items.extend(shaped.place(text_x, y));
                let body = Semantic::ListBody {
                    list: list_id,
                    item: index,
                };
                mark_items(&mut out.items[start..], body, Some(text));
                let (lang, rtl) = lang_of(env, text);
                paragraphs.push(Paragraph {
                    pieces: pieces(&inline),
                    size,
                    color: *color,
                    bold: false,
                    align: Align::Start,
                    line_height: size * LEADING,
                    space_after: size * 0.45,
                    lang: lang.to_string(),
                    rtl,
                    fonts: font_slots(&mut out.items[start..], &inline),
                    bullet: Some(Bullet {
                        marker: (*marker).to_string(),
                        color: *marker_color,
                        depth: *depth,
                        indent,
                        marker_at: marker_x,
                    }),
                });
                link_items(&mut out.items, start, links, *color);
                y += shaped.height + size * 0.45;
            }
        }
        out.bottoms.push(y);
    }
    out.height = y;
    if !paragraphs.is_empty() {
        out.items.push(Item::TextBox(Box::new(TextBox {
            rect: Rect::new(0.0, 0.0, width, y),
            paragraphs,
        })));
    }
    out
}

/// A string's language and direction: the edition's, or its own when it is a fallback.
fn lang_of<'a>(env: &'a FlowEnv, text: &'a Text) -> (&'a str, bool) {
    match &text.lang {
        Some(lang) => (lang.as_str(), is_rtl(lang)),
        None => (env.lang, env.rtl),
    }
}

fn leading(role: Role) -> f32 {
    if role == Role::Title { 1.15 } else { LEADING }
}

/// A paragraph's text cut where its style or link changes.
fn pieces(inline: &markup::Inline) -> Vec<Piece> {
    let text = &inline.text;
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (r, _) in &inline.styles {
        cuts.extend([r.start, r.end]);
    }
    for (r, _) in &inline.links {
        cuts.extend([r.start, r.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Piece> = Vec::new();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        if from >= to || !text.is_char_boundary(from) || !text.is_char_boundary(to) {
            continue;
        }
        let style = inline
            .styles
            .iter()
            .find(|(r, _)| r.start <= from && to <= r.end)
            .map(|(_, s)| *s)
            .unwrap_or_default();
        let link = inline
            .links
            .iter()
            .find(|(r, _)| r.start <= from && to <= r.end)
            .map(|(_, url)| url.clone());
        let piece = Piece {
            text: text[from..to].to_string(),
            bold: style.bold,
            italic: style.italic,
            code: style.code,
            link,
        };
        // Next to a piece set the same way: one piece.
        let styled = |p: &Piece| (p.bold, p.italic, p.code, p.link.clone());
        match out.last_mut() {
            Some(last) if styled(last) == styled(&piece) => last.text.push_str(&piece.text),
            _ => out.push(piece),
        }
    }
    out
}

/// The faces a paragraph's runs were set in, by the slot a presentation program reads for
/// their script; the runs are marked as held by a text box.
fn font_slots(items: &mut [Item], inline: &markup::Inline) -> FontSlots {
    let mut slots = FontSlots::default();
    for item in items {
        let Item::Text(run) = item else { continue };
        run.boxed = true;
        let Some(first) = run.glyphs.iter().find(|g| !g.range.is_empty()) else {
            continue;
        };
        let at = first.range.start;
        let code = inline
            .styles
            .iter()
            .any(|(r, s)| s.code && r.start <= at && at < r.end);
        let slot = if code {
            &mut slots.code
        } else {
            let source = run.source_text();
            match source.chars().find_map(script_slot) {
                Some(Slot::EastAsian) => &mut slots.east_asian,
                Some(Slot::Complex) => &mut slots.complex,
                _ => &mut slots.latin,
            }
        };
        if slot.is_none() {
            *slot = Some(run.font.clone());
        }
    }
    slots
}

enum Slot {
    Latin,
    EastAsian,
    Complex,
}

/// The font slot of a letter's script (Unicode's Script property, `fonts::script_of`), as
/// Office picks a face: Han, kana, Hangul, Bopomofo and Yi are East Asian; Latin, Greek,
/// Cyrillic, Armenian and Georgian Latin; the others (right to left, Indic, Thai, Khmer…)
/// complex; digits (of no script) Latin. Punctuation and spaces have no slot of their own.
fn script_slot(c: char) -> Option<Slot> {
    if !c.is_alphanumeric() {
        return None;
    }
    let Some((code, _)) = crate::fonts::script_of(c) else {
        return Some(Slot::Latin);
    };
    Some(match code {
        "Hani" | "Hira" | "Hang" | "Bopo" | "Yiii" => Slot::EastAsian,
        "Latn" | "Grek" | "Cyrl" | "Armn" | "Geor" => Slot::Latin,
        _ => Slot::Complex,
    })
}

/// Add a link area and an underline over each line of each linked range of the runs from
/// `items[start..]`.
fn link_items(
    items: &mut Vec<Item>,
    start: usize,
    links: &[(std::ops::Range<usize>, String)],
    color: Rgb,
) {
    if links.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for item in &items[start..] {
        let Item::Text(run) = item else { continue };
        for (range, url) in links {
            let mut x = run.x;
            let (mut from, mut to) = (f32::MAX, f32::MIN);
            for g in &run.glyphs {
                let w = g.advance * run.size;
                if g.range.start < range.end && g.range.end > range.start && !g.range.is_empty() {
                    from = from.min(x);
                    to = to.max(x + w);
                }
                x += w;
            }
            if from < to {
                let size = run.size;
                added.push(Item::Link {
                    rect: Rect::new(from, run.y - size * 0.85, to - from, size * 1.1),
                    url: url.clone(),
                });
                added.push(Item::Rect {
                    rect: Rect::new(from, run.y + size * 0.12, to - from, (size * 0.05).max(0.5)),
                    fill: color,
                });
            }
        }
    }
    items.extend(added);
}

/// Give runs their place in the document's structure, their language and their origin.
fn mark_items(items: &mut [Item], semantic: Semantic, text: Option<&Text>) {
    for item in items {
        if let Item::Text(run) = item {
            run.semantic = semantic;
            run.lang = text.and_then(|t| t.lang.clone());
            run.origin = text.and_then(|t| t.span.clone());
        }
    }
}

fn note_missing(out: &mut Flowed, text: &Text, shaped: &Shaped) {
    if !shaped.missing.is_empty() {
        out.missing.push((text.clone(), shaped.missing.clone()));
    }
}

/// A box to fill: its blocks, its size, and a name for diagnostics ("column 2").
pub struct FitBox<'a> {
    pub name: String,
    pub blocks: Vec<Block<'a>>,
    pub width: f32,
    pub height: f32,
}

/// The result of fitting a group of sibling boxes.
pub struct Fitted {
    pub scale: f32,
    pub flows: Vec<Flowed>,
    pub diags: Vec<Diagnostic>,
}

/// Whether a flow fits its box: not too tall, and no line (a cluster that cannot break) too wide.
/// The share of its box that grown text may fill.
const GROWN_ROOM: f32 = 0.8;

/// Whether a flow of this height and width fits `room` of its box's height, and its width.
fn fits_box(height: f32, width: f32, b: &FitBox, room: f32) -> bool {
    height <= b.height * room + 0.01 && width <= b.width + 0.5
}

/// Whether boxes of these sizes (height, width) fit theirs at `scale`: text grown past the
/// theme's size (a sparse slide) must leave some of its box empty.
fn all_fit(sizes: impl Iterator<Item = (f32, f32)>, boxes: &[FitBox], scale: f32) -> bool {
    let room = if scale > 1.0 + 1e-4 { GROWN_ROOM } else { 1.0 };
    sizes
        .zip(boxes)
        .all(|((height, width), b)| fits_box(height, width, b, room))
}

/// The smallest scale the roles in these boxes allow.
fn min_scale(sizes: &Sizes, boxes: &[FitBox]) -> f32 {
    boxes
        .iter()
        .flat_map(|b| b.blocks.iter().map(Block::role))
        .map(|r| {
            let rs = sizes.get(r);
            rs.min / rs.size
        })
        .fold(0.0f32, f32::max)
        .min(1.0)
}

/// A flow's height and widest line, without its items.
#[derive(Debug, Clone, Copy)]
struct Size2 {
    height: f32,
    width: f32,
}

/// Measure blocks as `flow` would lay them out, from paragraphs shaped once at another size
/// (`TextEngine::measure`): heights and widths only, for the search of a scale.
fn measure(
    engine: &mut TextEngine,
    env: &FlowEnv,
    blocks: &[Block],
    width: f32,
    scale: f32,
) -> Size2 {
    let mut y = 0.0f32;
    let mut widest = 0.0f32;
    for block in blocks {
        let text = block.text();
        let inline = markup::parse(&text.text);
        let style = text_style(env, text, &inline.styles, block.look(), scale);
        match block {
            Block::Para { role, after, .. } => {
                let (h, w) = engine.measure(&inline.text, &style, width);
                widest = widest.max(w);
                y += h + after * env.sizes.get(*role).size * scale;
            }
            Block::Bullet { depth, .. } => {
                let size = env.sizes.body.size * scale;
                let indent = bullet_indent(size, *depth);
                let (h, w) = engine.measure(&inline.text, &style, (width - indent).max(size));
                widest = widest.max(w + indent);
                y += h + size * 0.45;
            }
        }
    }
    Size2 {
        height: y,
        width: widest,
    }
}

/// Body sizes on a 0.5 pt grid below the largest scale, and the search for the largest of
/// them at which every box fits: the theme's own size first where text may grow, stepping from
/// an interpolated guess when it grows, bisecting when it shrinks. `eval` lays the boxes out
/// (or measures them) at a scale. Returns the scale found, or none when none on the grid fits.
fn search(
    env: &FlowEnv,
    boxes: &[FitBox],
    max_scale: f32,
    floor: f32,
    mut eval: impl FnMut(f32) -> Vec<Size2>,
) -> Option<f32> {
    let fits = |sizes: &[Size2], scale: f32| {
        all_fit(sizes.iter().map(|f| (f.height, f.width)), boxes, scale)
    };
    let grown = eval(max_scale);
    if fits(&grown, max_scale) {
        return Some(max_scale);
    }
    let base = env.sizes.body.size;
    // Body sizes on the 0.5 pt grid below `max_scale`, k = 1..=max_k; find the smallest k that
    // fits.
    let top = (base * max_scale * 2.0 - 1e-3).ceil() / 2.0;
    let max_k = ((top - floor * base) / 0.5).floor() as u32;
    let scale_of = |k: u32| ((top - 0.5 * k as f32) / base).max(floor);
    let mut best: Option<f32> = None;
    let (mut lo, mut hi) = (1u32, max_k);
    // Allowed to grow but not to the most: the theme's own size first, which splits the search
    // into growing (a sparse slide) and shrinking (a dense one, as many steps as without growth).
    let k1 = ((top - base) / 0.5).round() as u32;
    if max_scale > 1.0 + 1e-4 && (1..=max_k).contains(&k1) {
        let at1 = eval(scale_of(k1));
        if fits(&at1, scale_of(k1)) {
            // Growing: the heights at the theme's size and at the most, interpolated, say
            // where the text will fill its room; step from there to the largest that fits
            // (one or two layouts, where a search from the middle takes four).
            let t = boxes
                .iter()
                .zip(at1.iter().zip(&grown))
                .map(|(b, (at1, atg))| {
                    let room = b.height * GROWN_ROOM - at1.height;
                    let rise = (atg.height - at1.height).max(1e-3);
                    (room / rise).clamp(0.0, 1.0)
                })
                .fold(1.0f32, f32::min);
            let guess = 1.0 + (max_scale - 1.0) * t;
            let mut k = ((((top - base * guess) / 0.5).ceil()) as u32).clamp(1, k1);
            best = Some(scale_of(k1));
            if k < k1 {
                if fits(&eval(scale_of(k)), scale_of(k)) {
                    best = Some(scale_of(k));
                    // Up while it fits.
                    while k > 1 {
                        if !fits(&eval(scale_of(k - 1)), scale_of(k - 1)) {
                            break;
                        }
                        k -= 1;
                        best = Some(scale_of(k));
                    }
                } else {
                    // Down until it fits; the theme's size does.
                    while k + 1 < k1 {
                        k += 1;
                        if fits(&eval(scale_of(k)), scale_of(k)) {
                            best = Some(scale_of(k));
                            break;
                        }
                    }
                }
            }
            lo = hi + 1;
        } else {
            lo = k1 + 1;
        }
    }
    while lo <= hi {
        let mid = (lo + hi) / 2;
        if fits(&eval(scale_of(mid)), scale_of(mid)) {
            best = Some(scale_of(mid));
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
    best
}

/// Fit sibling boxes at one shared scale: the largest, at most `max_scale` and in steps of 0.5 pt
/// of body text, at which every box fits, down to the theme's minimum. Past that, an overflow
/// error for each box.
///
/// The search measures paragraphs shaped once (their advances scale with the size); the scale
/// it finds is laid out for real and kept if it fits, else the search is made again with
/// layouts at every size it tries.
pub fn fit(
    engine: &mut TextEngine,
    env: &FlowEnv,
    boxes: &[FitBox],
    slide: usize,
    max_scale: f32,
) -> Fitted {
    let run = |engine: &mut TextEngine, scale: f32| -> Vec<Flowed> {
        boxes
            .iter()
            .map(|b| flow(engine, env, &b.blocks, b.width, scale))
            .collect()
    };
    let sizes = |flows: &[Flowed]| -> Vec<Size2> {
        flows
            .iter()
            .map(|f| Size2 {
                height: f.height,
                width: f.width,
            })
            .collect()
    };
    let fits = |flows: &[Flowed], scale: f32| {
        all_fit(flows.iter().map(|f| (f.height, f.width)), boxes, scale)
    };
    let floor = min_scale(env.sizes, boxes).min(max_scale);
    let measured = search(env, boxes, max_scale, floor, |scale| {
        measure_boxes(engine, env, boxes, scale)
    });
    let mut best = None;
    if let Some(scale) = measured {
        let flows = run(engine, scale);
        if fits(&flows, scale) {
            best = Some((scale, flows));
        }
    }
    if best.is_none() {
        let exact = search(env, boxes, max_scale, floor, |scale| {
            sizes(&run(engine, scale))
        });
        best = exact.map(|scale| (scale, run(engine, scale)));
    }
    let base = env.sizes.body.size;
    // The floor itself, which may lie between two steps; kept for the report if nothing fits.
    let mut at_floor = None;
    if best.is_none() {
        let flows = run(engine, floor);
        if fits(&flows, floor) {
            best = Some((floor, flows));
        } else {
            at_floor = Some(flows);
        }
    }
    if best.is_none() {
        // Last resort, at the floor: break words that are wider than their line (URLs, long
        // compounds) inside, rather than report them.
        let env = FlowEnv {
            break_words: true,
            ..*env
        };
        let flows: Vec<Flowed> = boxes
            .iter()
            .map(|b| flow(engine, &env, &b.blocks, b.width, floor))
            .collect();
        if fits(&flows, floor) {
            best = Some((floor, flows));
        }
    }
    if let Some((scale, flows)) = best {
        return Fitted {
            scale,
            flows,
            diags: Vec::new(),
        };
    }
    let flows = at_floor.unwrap_or_else(|| run(engine, floor));
    let mut diags = Vec::new();
    for (flowed, b) in flows.iter().zip(boxes) {
        if fits_box(flowed.height, flowed.width, b, 1.0) {
            continue;
        }
        if flowed.height <= b.height + 0.01 {
            diags.push(
                Diagnostic::error(
                    "overflow",
                    format!(
                        "text does not fit in {}: needs {:.0} pt of width, box has {:.0} pt",
                        b.name, flowed.width, b.width
                    ),
                )
                .with_span(b.blocks.first().and_then(|bl| bl.text().span.clone()))
                .with_slide(slide)
                .with_lang(env.lang),
            );
            continue;
        }
        let first_over = flowed
            .bottoms
            .iter()
            .position(|&bottom| bottom > b.height + 0.01)
            .unwrap_or(0);
        let text = b.blocks.get(first_over).map(Block::text);
        diags.push(
            Diagnostic::error(
                "overflow",
                format!(
                    "text does not fit in {}: needs {:.0} pt, box has {:.0} pt",
                    b.name, flowed.height, b.height
                ),
            )
            .with_span(text.and_then(|t| t.span.clone()))
            .with_slide(slide)
            .with_lang(env.lang)
            .with_hint(format!(
                "already at the theme's smallest size ({:.1} pt body text); shorten the text or lower `min` in `[theme.sizes]`",
                base * floor
            )),
        );
    }
    Fitted {
        scale: floor,
        flows,
        diags,
    }
}

/// As `fit`, for a search probe: the boxes' sizes from their measured text, their items left
/// out. Where the measured search finds a scale, `fit` takes the same one (laying the text out
/// at it confirms what measuring found); where it finds none, this is `fit`.
pub fn fit_measured(
    engine: &mut TextEngine,
    env: &FlowEnv,
    boxes: &[FitBox],
    slide: usize,
    max_scale: f32,
) -> Fitted {
    let floor = min_scale(env.sizes, boxes).min(max_scale);
    match search(env, boxes, max_scale, floor, |scale| {
        measure_boxes(engine, env, boxes, scale)
    }) {
        Some(scale) => Fitted {
            scale,
            flows: measure_boxes(engine, env, boxes, scale)
                .into_iter()
                .map(|size| Flowed {
                    items: Vec::new(),
                    height: size.height,
                    bottoms: Vec::new(),
                    width: size.width,
                    missing: Vec::new(),
                })
                .collect(),
            diags: Vec::new(),
        },
        None => fit(engine, env, boxes, slide, max_scale),
    }
}

/// Each box's text measured at `scale`.
fn measure_boxes(
    engine: &mut TextEngine,
    env: &FlowEnv,
    boxes: &[FitBox],
    scale: f32,
) -> Vec<Size2> {
    boxes
        .iter()
        .map(|b| measure(engine, env, &b.blocks, b.width, scale))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::model::Text;

    /// The report's theme and fonts, and a text engine over them.
    fn report_engine() -> (crate::deck::theme::Theme, TextEngine) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let world = crate::assets::World::new(dir, dir).unwrap();
        let text = std::fs::read_to_string(dir.join("deck.toml")).unwrap();
        let (deck, diags) = crate::deck::load(&world, dir.join("deck.toml"), text);
        let deck = deck.unwrap_or_else(|| panic!("{diags:?}"));
        let (engine, diags) = TextEngine::new(&deck.theme.fonts, &[]);
        assert!(diags.is_empty(), "{diags:?}");
        (deck.theme, engine)
    }

    #[test]
    fn a_measured_fit_finds_the_size_and_room_a_laid_out_fit_does() {
        let (theme, mut engine) = report_engine();
        let texts = [
            ("en", "Capacity building"),
            (
                "en",
                "November 2022, the CNIPA and WIPO co-organized an International Symposium on Intellectual Property, Traditional Knowledge and Genetic Resources, **with experts** from 20 countries.",
            ),
            (
                "ar",
                "عقدت الإدارة الوطنية للملكية الفكرية والويبو ندوة دولية حول الملكية الفكرية والمعارف التقليدية والموارد الوراثية",
            ),
            (
                "zh",
                "2022年11月，国家知识产权局与世界知识产权组织联合举办知识产权、传统知识和遗传资源国际研讨会，分享区域、国家和地方的实践与经验。",
            ),
        ];
        let mut compared = 0;
        for (lang, text) in texts {
            let families = theme.families_for(lang).to_vec();
            let env = FlowEnv {
                sizes: &theme.sizes,
                families: &families,
                lang,
                rtl: lang == "ar",
                break_words: false,
            };
            let para = Text::plain(text);
            let head = Text::plain("Objectives");
            let blocks = || {
                vec![
                    Block::Para {
                        text: &head,
                        role: Role::Heading,
                        bold: true,
                        color: Rgb(0, 0, 0),
                        align: Align::Start,
                        after: 0.35,
                    },
                    Block::Bullet {
                        marker: "•",
                        text: &para,
                        depth: 0,
                        color: Rgb(0, 0, 0),
                        marker_color: Rgb(0, 0, 0),
                    },
                ]
            };
            // Roomy (grows), tight (shrinks), and too small (nothing fits: the same report).
            for (width, height, cap) in
                [(600.0, 400.0, 1.3), (260.0, 150.0, 1.0), (90.0, 40.0, 1.0)]
            {
                let boxes = [
                    FitBox {
                        name: "a".into(),
                        blocks: blocks(),
                        width,
                        height,
                    },
                    FitBox {
                        name: "b".into(),
                        blocks: blocks(),
                        width: width * 0.8,
                        height,
                    },
                ];
                engine.clear_cache();
                let laid = fit(&mut engine, &env, &boxes, 1, cap);
                engine.clear_cache();
                let measured = fit_measured(&mut engine, &env, &boxes, 1, cap);
                assert_eq!(laid.scale, measured.scale, "{lang} {width}x{height}");
                for (a, b) in laid.flows.iter().zip(&measured.flows) {
                    assert!(
                        (a.height - b.height).abs() < 0.01,
                        "{lang}: {} {}",
                        a.height,
                        b.height
                    );
                    assert!(
                        (a.width - b.width).abs() < 0.01,
                        "{lang}: {} {}",
                        a.width,
                        b.width
                    );
                }
                let codes = |f: &Fitted| f.diags.iter().map(|d| d.code).collect::<Vec<_>>();
                assert_eq!(codes(&laid), codes(&measured));
                assert!(
                    measured.flows.iter().all(|f| f.items.is_empty()) || !laid.diags.is_empty()
                );
                compared += 1;
            }
        }
        assert_eq!(compared, 12);
    }
}
