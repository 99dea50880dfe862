//! Flow and fit: stack paragraphs and bullets in a box, and shrink a group of sibling boxes
//! together until they all fit or their roles reach the theme's minimum sizes.
//!
//! In: blocks of the model's `Text`, box sizes, the theme's role sizes. Out: placed items, the
//! scale chosen, and an overflow diagnostic for what cannot fit.

use super::frame::{Item, Rect, Semantic};
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
/// paragraph's links (ranges of the text as shown).
pub fn shape_role(
    engine: &mut TextEngine,
    env: &FlowEnv,
    text: &Text,
    look: Look,
    scale: f32,
    width: f32,
) -> (
    std::sync::Arc<Shaped>,
    Vec<(std::ops::Range<usize>, String)>,
) {
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
    (shaped, inline.links)
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
    // A string in another language than the edition's (a fallback) keeps its own direction.
    let (lang, rtl) = match &text.lang {
        Some(lang) => (lang.as_str(), is_rtl(lang)),
        None => (env.lang, env.rtl),
    };
    let style = TextStyle {
        size: env.sizes.get(look.role).size * scale,
        bold: look.bold,
        color: look.color,
        align: look.align,
        leading: if look.role == Role::Title {
            1.15
        } else {
            LEADING
        },
        families: env.families,
        lang,
        rtl,
        break_words: env.break_words,
        spans,
        colors: &[],
    };
    engine.shape(shown, &style, width)
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
                let look = Look {
                    role: *role,
                    bold: *bold,
                    color: *color,
                    align: *align,
                };
                let (shaped, links) = shape_role(engine, env, text, look, scale, width);
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
                link_items(&mut out.items, start, &links, *color);
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
                let indent = size * 1.25 * (*depth as f32 + 1.0);
                let text_width = (width - indent).max(size);
                let body = Look {
                    role: Role::Body,
                    bold: false,
                    color: *color,
                    align: Align::Start,
                };
                let (shaped, links) = shape_role(engine, env, text, body, scale, text_width);
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
                let start = out.items.len();
                out.items.extend(shaped.place(text_x, y));
                let body = Semantic::ListBody {
                    list: list_id,
                    item: index,
                };
                mark_items(&mut out.items[start..], body, Some(text));
                link_items(&mut out.items, start, &links, *color);
                y += shaped.height + size * 0.45;
            }
        }
        out.bottoms.push(y);
    }
    out.height = y;
    out
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

/// Whether a flow fits `room` of its box's height, and its width.
fn fits_box(f: &Flowed, b: &FitBox, room: f32) -> bool {
    f.height <= b.height * room + 0.01 && f.width <= b.width + 0.5
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

/// Fit sibling boxes at one shared scale: the largest, at most `max_scale` and in steps of 0.5 pt
/// of body text, at which every box fits, down to the theme's minimum. Past that, an overflow
/// error for each box.
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
    // Text grown past the theme's size (a sparse slide) must leave some of its box empty.
    let fits = |flows: &[Flowed], scale: f32| {
        let room = if scale > 1.0 + 1e-4 { GROWN_ROOM } else { 1.0 };
        flows.iter().zip(boxes).all(|(f, b)| fits_box(f, b, room))
    };

    let floor = min_scale(env.sizes, boxes).min(max_scale);
    let grown = run(engine, max_scale);
    if fits(&grown, max_scale) {
        return Fitted {
            scale: max_scale,
            flows: grown,
            diags: Vec::new(),
        };
    }
    let base = env.sizes.body.size;
    // Body sizes on the 0.5 pt grid below `max_scale`, k = 1..=max_k; find the smallest k that
    // fits.
    let top = (base * max_scale * 2.0 - 1e-3).ceil() / 2.0;
    let max_k = ((top - floor * base) / 0.5).floor() as u32;
    let scale_of = |k: u32| ((top - 0.5 * k as f32) / base).max(floor);
    let mut best: Option<(f32, Vec<Flowed>)> = None;
    let (mut lo, mut hi) = (1u32, max_k);
    // Allowed to grow but not to the most: the theme's own size first, which splits the search
    // into growing (a sparse slide) and shrinking (a dense one, as many steps as without growth).
    let k1 = ((top - base) / 0.5).round() as u32;
    if max_scale > 1.0 + 1e-4 && (1..=max_k).contains(&k1) {
        let flows = run(engine, scale_of(k1));
        if fits(&flows, scale_of(k1)) {
            // Growing: the heights at the theme's size and at the most, interpolated, say
            // where the text will fill its room; step from there to the largest that fits
            // (one or two layouts, where a search from the middle takes four).
            let t = boxes
                .iter()
                .zip(flows.iter().zip(&grown))
                .map(|(b, (at1, atg))| {
                    let room = b.height * GROWN_ROOM - at1.height;
                    let rise = (atg.height - at1.height).max(1e-3);
                    (room / rise).clamp(0.0, 1.0)
                })
                .fold(1.0f32, f32::min);
            let guess = 1.0 + (max_scale - 1.0) * t;
            let mut k = ((((top - base * guess) / 0.5).ceil()) as u32).clamp(1, k1);
            best = Some((scale_of(k1), flows));
            if k < k1 {
                let flows = run(engine, scale_of(k));
                if fits(&flows, scale_of(k)) {
                    best = Some((scale_of(k), flows));
                    // Up while it fits.
                    while k > 1 {
                        let flows = run(engine, scale_of(k - 1));
                        if !fits(&flows, scale_of(k - 1)) {
                            break;
                        }
                        k -= 1;
                        best = Some((scale_of(k), flows));
                    }
                } else {
                    // Down until it fits; the theme's size does.
                    while k + 1 < k1 {
                        k += 1;
                        let flows = run(engine, scale_of(k));
                        if fits(&flows, scale_of(k)) {
                            best = Some((scale_of(k), flows));
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
        let flows = run(engine, scale_of(mid));
        if fits(&flows, scale_of(mid)) {
            best = Some((scale_of(mid), flows));
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
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
        if fits_box(flowed, b, 1.0) {
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
