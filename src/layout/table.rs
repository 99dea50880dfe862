//! The `table` layout: a header row and rows of cells, columns as wide as their text needs
//! (text columns wrap, number columns do not), numbers formatted by the edition's locale and
//! aligned on their decimal separator, rows set off by bands or rules as the theme says, all
//! cells fitted at one size like any text, columns mirrored in right-to-left editions, and
//! tagged as a PDF table.

use super::flow::{self, Block, FlowEnv, Flowed};
use super::frame::{Item, Rect, Semantic};
use super::slides::SlideCx;
use super::text::Align;
use crate::deck::theme::{Role, TableStyle};
use crate::deck::{ColumnAlign, Table, Text};
use crate::diag::Diagnostic;
use crate::numbers::Numbers;

/// One cell, laid out at a scale: its text set in its column, where it goes.
struct CellOut {
    flowed: Flowed,
    /// Logical x of the text's box (left to right; mirrored when placed).
    x: f32,
    y: f32,
    w: f32,
}

/// The table at one scale.
struct Laid {
    cells: Vec<CellOut>,
    x: f32,
    width: f32,
    /// Each row's top and height; the header's first when there is one.
    rows: Vec<(f32, f32)>,
    height: f32,
    /// Whether every cell's text fits its column's width.
    fits: bool,
}

impl SlideCx<'_> {
    /// Lay out a table in `body` at the largest size (0.5 pt steps of body text, up to the
    /// slide's cap, down to the theme's minimum) at which it fits; past that, an overflow error.
    pub(super) fn table(&mut self, table: &Table, body: Rect) {
        let numbers = Numbers::new(&self.edition.lang);
        let texts = cell_texts(table, &numbers);
        let sizes = self.theme.sizes.clone();
        let base = sizes.body.size;
        let floor = (sizes.body.min / base).min(self.cap);
        let mut caption_h = 0.0;
        let mut caption_flow = None;
        if let Some(caption) = &table.caption {
            let flowed = self.caption(caption, body.w, body.h * 0.2, "the table's caption");
            caption_h = flowed.height + 10.0;
            caption_flow = Some(flowed);
        }
        let room = Rect::new(body.x, body.y, body.w, body.h - caption_h);
        // Steps of 0.5 pt from the cap down to the floor; the largest that fits.
        let top = base * self.cap;
        let steps = ((top - floor * base) / 0.5).floor().max(0.0) as u32;
        let scale_of = |k: u32| ((top - 0.5 * k as f32) / base).max(floor);
        let fits = |laid: &Laid| laid.fits && laid.height <= room.h + 0.01;
        let (mut lo, mut hi) = (0u32, steps);
        let mut best: Option<(f32, Laid)> = None;
        while lo <= hi {
            let mid = (lo + hi) / 2;
            let laid = self.lay_table(table, &texts, &numbers, room, scale_of(mid));
            if fits(&laid) {
                best = Some((scale_of(mid), laid));
                if mid == 0 {
                    break;
                }
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        let (scale, laid) = match best {
            Some(found) => found,
            None => {
                let laid = self.lay_table(table, &texts, &numbers, room, floor);
                let why = if laid.fits {
                    format!(
                        "needs {:.0} pt of height, the slide has {:.0} pt",
                        laid.height, room.h
                    )
                } else {
                    "a cell's text is wider than its column".to_string()
                };
                self.diags.push(
                    Diagnostic::error(
                        "overflow",
                        format!("the table does not fit at the theme's smallest size: {why}"),
                    )
                    .with_span(table.span.clone().or_else(|| self.slide.span.clone()))
                    .with_slide(self.slide.number)
                    .with_lang(&self.edition.lang)
                    .with_hint("split the table over two slides, shorten its cells, or lower `[theme.sizes] body.min`"),
                );
                (floor, laid)
            }
        };
        self.smallest = self.smallest.min(scale);
        let bottom = self.draw_table(table, laid);
        if let Some(flowed) = caption_flow {
            self.place(flowed, body.x, bottom + 10.0, body.w);
        }
    }

    fn lay_table(
        &mut self,
        table: &Table,
        texts: &[Vec<(Text, bool)>],
        numbers: &Numbers,
        room: Rect,
        scale: f32,
    ) -> Laid {
        let sizes = self.theme.sizes.clone();
        let env = FlowEnv {
            sizes: &sizes,
            families: self.families,
            lang: &self.edition.lang,
            rtl: self.edition.rtl,
            break_words: false,
        };
        let size = sizes.body.size * scale;
        let (pad_x, pad_y) = (size * 0.5, size * 0.32);
        let columns = table.align.len();
        let header = !table.header.is_empty();
        let para = para;
        // Natural widths: each cell on one line.
        let mut natural = vec![0.0f32; columns];
        let mut widths: Vec<Vec<f32>> = Vec::new();
        for (r, row) in texts.iter().enumerate() {
            let mut row_w = Vec::new();
            for (c, (text, _)) in row.iter().enumerate() {
                let bold = header && r == 0;
                let f = flow::flow(
                    self.engine,
                    &env,
                    &[para(text, bold, Align::Start)],
                    1e5,
                    scale,
                );
                natural[c] = natural[c].max(f.width);
                row_w.push(f.width);
            }
            widths.push(row_w);
        }
        // Numbers aligned on the separator: the widest part before it and after it.
        let separator = numbers.decimal_separator();
        let mut parts = vec![(0.0f32, 0.0f32); columns];
        let first_body = usize::from(header);
        for (c, align) in table.align.iter().enumerate() {
            if *align != ColumnAlign::Decimal {
                continue;
            }
            for row in texts.iter().skip(first_body) {
                let Some((text, _)) = row.get(c) else {
                    continue;
                };
                let (int, frac) = self.split_number(&env, text, separator, scale);
                parts[c].0 = parts[c].0.max(int);
                parts[c].1 = parts[c].1.max(frac);
            }
            natural[c] = natural[c].max(parts[c].0 + parts[c].1);
        }
        let needed: Vec<f32> = natural.iter().map(|w| w + 2.0 * pad_x).collect();
        let total: f32 = needed.iter().sum();
        let mut fits = true;
        let col_w: Vec<f32> = if total <= room.w {
            // Room to spare: a wide table fills the body; a narrow one is a little airier and
            // centred.
            let width = if total > room.w * 0.55 {
                room.w
            } else {
                (total * 1.3).min(room.w)
            };
            needed
                .iter()
                .map(|w| w + (width - total) * w / total)
                .collect()
        } else {
            // Too wide: the text columns wrap, sharing what the numbers leave.
            let fixed: f32 = (0..columns)
                .filter(|c| table.align[*c] == ColumnAlign::Decimal)
                .map(|c| needed[c])
                .sum();
            let wrap: f32 = total - fixed;
            let left = room.w - fixed;
            if left <= 0.0 || wrap <= 0.0 {
                fits = false;
                needed.clone()
            } else {
                (0..columns)
                    .map(|c| {
                        if table.align[c] == ColumnAlign::Decimal {
                            needed[c]
                        } else {
                            needed[c] * left / wrap
                        }
                    })
                    .collect()
            }
        };
        let width: f32 = col_w.iter().sum();
        let x0 = room.x + ((room.w - width) / 2.0).max(0.0);
        let mut col_x = Vec::with_capacity(columns);
        let mut x = x0;
        for w in &col_w {
            col_x.push(x);
            x += w;
        }
        let mut cells = Vec::new();
        let mut rows = Vec::new();
        let mut y = room.y;
        for (r, row) in texts.iter().enumerate() {
            let is_header = header && r == 0;
            let mut row_h = 0.0f32;
            let start = cells.len();
            for (c, (text, _)) in row.iter().enumerate() {
                let inner = col_w[c] - 2.0 * pad_x;
                let mut align = match table.align[c] {
                    ColumnAlign::Decimal | ColumnAlign::End => Align::End,
                    ColumnAlign::Center => Align::Center,
                    ColumnAlign::Start => Align::Start,
                };
                // A figure set left to right in a right-to-left edition keeps the column's side.
                if self.edition.rtl && text.lang.as_deref() == Some("und") {
                    align = match align {
                        Align::Start => Align::End,
                        Align::End => Align::Start,
                        Align::Center => Align::Center,
                    };
                }
                let mut flowed = flow::flow(
                    self.engine,
                    &env,
                    &[para(text, is_header, align)],
                    inner,
                    scale,
                );
                if flowed.width > inner + 0.5 {
                    fits = false;
                }
                mark_cell(&mut flowed, r, c, is_header);
                let (mut cx, mut cw) = (col_x[c] + pad_x, inner);
                if table.align[c] == ColumnAlign::Decimal && !is_header {
                    // A box as wide as the number, placed so its separator lines up.
                    let (int, _) = self.split_number(&env, text, separator, scale);
                    let tight = widths[r][c].max(1.0);
                    let sep_x = col_x[c] + col_w[c] - pad_x - parts[c].1;
                    cx = sep_x - int;
                    cw = tight;
                    if self.edition.rtl {
                        // Mirrored, the column's end is its left: the separator stands as far
                        // from it as the widest integer part.
                        let page_w = self.width;
                        let phys_col = page_w - col_x[c] - col_w[c];
                        let phys_sep = phys_col + pad_x + parts[c].0;
                        let phys_x = phys_sep - int;
                        cx = page_w - phys_x - cw;
                    }
                    flowed = flow::flow(
                        self.engine,
                        &env,
                        &[para(text, false, Align::Start)],
                        cw + 0.5,
                        scale,
                    );
                    mark_cell(&mut flowed, r, c, false);
                }
                row_h = row_h.max(flowed.height);
                cells.push(CellOut {
                    flowed,
                    x: cx,
                    y: 0.0,
                    w: cw,
                });
            }
            let h = row_h + 2.0 * pad_y;
            for cell in &mut cells[start..] {
                cell.y = y + pad_y;
            }
            rows.push((y, h));
            y += h;
        }
        Laid {
            cells,
            x: x0,
            width,
            rows,
            height: y - room.y,
            fits,
        }
    }

    /// The widths of a number's text before and after its decimal separator.
    fn split_number(
        &mut self,
        env: &FlowEnv,
        text: &Text,
        separator: Option<char>,
        scale: f32,
    ) -> (f32, f32) {
        let block = |t| para(t, false, Align::Start);
        let whole = flow::flow(self.engine, env, &[block(text)], 1e5, scale).width;
        let Some(at) = separator.and_then(|s| text.text.rfind(s)) else {
            return (whole, 0.0);
        };
        let int = Text {
            text: text.text[..at].to_string(),
            ..text.clone()
        };
        let int_w = flow::flow(self.engine, env, &[block(&int)], 1e5, scale).width;
        (int_w, (whole - int_w).max(0.0))
    }

    /// Draw the bands or rules and the cells; returns the table's bottom.
    fn draw_table(&mut self, table: &Table, laid: Laid) -> f32 {
        let c = self.colors().clone();
        let header = !table.header.is_empty();
        let style = self.theme.table;
        for (r, (y, h)) in laid.rows.iter().enumerate() {
            let band = Rect::new(laid.x, *y, laid.width, *h);
            match (style, header && r == 0) {
                (TableStyle::Bands, true) => self.rect(band, c.primary),
                (TableStyle::Bands, false) if (r + usize::from(!header)) % 2 == 0 => {
                    self.rect(band, c.panel)
                }
                (TableStyle::Rules, true) => {
                    self.rect(Rect::new(laid.x, y + h - 2.0, laid.width, 2.0), c.accent)
                }
                (TableStyle::Rules, false) if r + 1 < laid.rows.len() => self.rect(
                    Rect::new(laid.x, y + h - 0.5, laid.width, 0.75),
                    c.muted.tint(0.6),
                ),
                _ => {}
            }
        }
        let header_color = match style {
            TableStyle::Bands => c.on_primary,
            TableStyle::Rules => c.primary,
        };
        let columns = table.align.len().max(1);
        // One table in the structure: every cell's runs take the same table number.
        let id = self.next_id;
        for (index, mut cell) in laid.cells.into_iter().enumerate() {
            let color = if header && index < columns {
                header_color
            } else {
                c.text
            };
            for item in &mut cell.flowed.items {
                match item {
                    Item::Text(run) => run.color = color,
                    Item::TextBox(b) => {
                        for p in &mut b.paragraphs {
                            p.color = color;
                        }
                    }
                    _ => {}
                }
            }
            self.next_id = id;
            self.place(cell.flowed, cell.x, cell.y, cell.w);
        }
        laid.rows.last().map_or(0.0, |(y, h)| y + h)
    }
}

/// Every row's cells as the edition shows them (numbers formatted), the header row first.
fn cell_texts(table: &Table, numbers: &Numbers) -> Vec<Vec<(Text, bool)>> {
    let columns = table.align.len();
    let row = |cells: &[crate::deck::Cell], body: bool| -> Vec<(Text, bool)> {
        (0..columns)
            .map(|c| match cells.get(c) {
                // Numbers and figures without words ("+14.7 %") read left to right in every
                // edition, as they are written.
                Some(cell) => match cell.number {
                    Some(n) => (
                        Text {
                            text: numbers.format(n),
                            lang: Some("und".into()),
                            ..cell.text.clone()
                        },
                        true,
                    ),
                    None if body && !crate::i18n::is_translatable(&cell.text.text) => (
                        Text {
                            lang: Some("und".into()),
                            ..cell.text.clone()
                        },
                        false,
                    ),
                    None => (cell.text.clone(), false),
                },
                None => (Text::plain(""), false),
            })
            .collect()
    };
    let mut out = Vec::new();
    if !table.header.is_empty() {
        out.push(row(&table.header, false));
    }
    out.extend(table.rows.iter().map(|r| row(r, true)));
    out
}

/// A cell's paragraph (its colour is set when the table is drawn).
fn para(text: &Text, bold: bool, align: Align) -> Block<'_> {
    Block::Para {
        text,
        role: Role::Body,
        bold,
        color: crate::deck::theme::Rgb(0, 0, 0),
        align,
        after: 0.0,
    }
}

/// Tag a cell's runs as that cell of the table.
fn mark_cell(flowed: &mut Flowed, row: usize, col: usize, header: bool) {
    for item in &mut flowed.items {
        if let Item::Text(run) = item {
            run.semantic = Semantic::TableCell {
                table: 0,
                row: row as u32,
                col: col as u32,
                header,
            };
        }
    }
}
