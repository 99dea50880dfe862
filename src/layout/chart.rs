//! The `chart` layout: bar, stacked bar and line charts drawn from the deck's data as vector
//! shapes, labels set as text in the theme's faces (translated; numbers in the edition's
//! locale), mirrored in right-to-left editions, tagged as one figure whose alt text is the
//! deck's or is made from the data.

use super::flow::{Block, FitBox, Flowed};
use super::frame::{Item, Rect};
use super::slides::SlideCx;
use super::text::Align;
use crate::deck::theme::{Rgb, Role};
use crate::deck::{Chart, ChartKind, Text};
use crate::numbers::Numbers;

impl SlideCx<'_> {
    /// Draw a chart in `body`.
    pub(super) fn chart(&mut self, chart: &Chart, body: Rect) {
        let c = self.colors().clone();
        let numbers = Numbers::new(&self.edition.lang);
        let palette = palette(&c);
        let sizes = self.theme.sizes.clone();
        let caption = sizes.caption.size;
        let mut area = body;

        // The caption, under everything.
        if let Some(text) = &chart.caption {
            let flowed = self.fit_one(
                text,
                Role::Caption,
                c.muted,
                Align::Center,
                area.w,
                area.h * 0.15,
                "the chart's caption",
            );
            let h = flowed.height;
            self.place(flowed, area.x, area.bottom() - h, area.w);
            area.h -= h + 10.0;
        }
        // The legend, above the plot, when there is more than one series.
        if chart.series.len() > 1 {
            let mut x = area.x;
            let mut y = area.y;
            let mut line_h: f32 = 0.0;
            for (i, series) in chart.series.iter().enumerate() {
                let measured = self.fit_one(
                    &series.name,
                    Role::Caption,
                    c.text,
                    Align::Start,
                    area.w * 0.4,
                    caption * 3.0,
                    "a legend entry",
                );
                let flowed = self.fit_one(
                    &series.name,
                    Role::Caption,
                    c.text,
                    Align::Start,
                    measured.width + 1.0,
                    caption * 3.0,
                    "a legend entry",
                );
                let entry_w = flowed.width + caption * 1.6;
                if x + entry_w > area.right() && x > area.x {
                    x = area.x;
                    y += line_h + 6.0;
                    line_h = 0.0;
                }
                let swatch = caption * 0.8;
                self.rect(
                    Rect::new(x, y + (caption * 1.25 - swatch) / 2.0, swatch, swatch),
                    palette[i % palette.len()],
                );
                line_h = line_h.max(flowed.height);
                let w = flowed.width + 1.0;
                self.place_artifact(flowed, x + swatch + caption * 0.4, y, w);
                x += entry_w + caption;
            }
            let used = y + line_h + 12.0 - area.y;
            area.y += used;
            area.h -= used;
        }
        // The values' label above the axis, the categories' label under the plot.
        if let Some(text) = &chart.y_label {
            let flowed = self.fit_one(
                text,
                Role::Caption,
                c.muted,
                Align::Start,
                area.w,
                caption * 3.0,
                "the value axis label",
            );
            let h = flowed.height;
            let w = area.w;
            self.place_artifact(flowed, area.x, area.y, w);
            area.y += h + 6.0;
            area.h -= h + 6.0;
        }
        if let Some(text) = &chart.x_label {
            let flowed = self.fit_one(
                text,
                Role::Caption,
                c.muted,
                Align::Center,
                area.w,
                caption * 3.0,
                "the category axis label",
            );
            let h = flowed.height;
            let w = area.w;
            self.place_artifact(flowed, area.x, area.bottom() - h, w);
            area.h -= h + 6.0;
        }

        // The value axis: round steps from zero (or the lowest value) to the highest.
        let (lo, hi) = extent(chart);
        let ticks = nice_ticks(lo, hi);
        let (axis_lo, axis_hi) = (ticks[0], *ticks.last().unwrap_or(&1.0));
        let tick_texts: Vec<Text> = ticks
            .iter()
            .map(|t| Text {
                lang: None,
                ..Text::plain(numbers.format(*t))
            })
            .collect();
        let widest = tick_texts
            .iter()
            .map(|t| {
                self.fit_one(
                    t,
                    Role::Caption,
                    c.muted,
                    Align::Start,
                    area.w * 0.25,
                    caption * 2.0,
                    "a value label",
                )
                .width
            })
            .fold(0.0, f32::max);
        let axis_w = widest + 9.0;
        // Set again in a box as wide as the widest, flush against the axis.
        let tick_flows: Vec<Flowed> = tick_texts
            .iter()
            .map(|t| {
                self.fit_one(
                    t,
                    Role::Caption,
                    c.muted,
                    Align::End,
                    widest + 1.0,
                    caption * 2.0,
                    "a value label",
                )
            })
            .collect();

        // Category labels under the plot, each in its slot.
        let n = chart.categories.len().max(1);
        let plot_x = area.x + axis_w;
        let plot_w = (area.w - axis_w).max(1.0);
        let slot = plot_w / n as f32;
        let boxes: Vec<FitBox> = chart
            .categories
            .iter()
            .enumerate()
            .map(|(i, t)| FitBox {
                name: format!("category {}", i + 1),
                blocks: vec![Block::Para {
                    text: t,
                    role: Role::Caption,
                    bold: false,
                    color: c.text,
                    align: Align::Center,
                    after: 0.0,
                }],
                width: (slot - 4.0).max(1.0),
                height: caption * 2.8,
            })
            .collect();
        let cap = self.cap;
        self.cap = cap.min(1.0);
        let (_, label_flows) = self.fit(&sizes, &boxes);
        self.cap = cap;
        let labels_h = label_flows.iter().map(|f| f.height).fold(0.0, f32::max);
        let plot = Rect::new(
            plot_x,
            area.y + caption * 0.6,
            plot_w,
            (area.h - labels_h - 8.0 - caption * 0.6).max(10.0),
        );
        let y_of = |v: f64| {
            plot.bottom() - ((v - axis_lo) / (axis_hi - axis_lo).max(1e-12)) as f32 * plot.h
        };

        // The figure's area, tagged with what the chart says.
        let alt = match &chart.alt {
            Some(alt) => crate::markup::plain(&alt.text),
            None => describe(chart, self.slide.title.as_ref(), &numbers),
        };
        self.items.push(Item::Figure {
            rect: Rect {
                x: self.mirror_x(plot.x, plot.w),
                ..plot
            },
            alt,
        });
        // Grid lines and value labels.
        for (t, flowed) in ticks.iter().zip(tick_flows) {
            let y = y_of(*t);
            let color = if *t == 0.0 {
                c.muted
            } else {
                c.muted.tint(0.75)
            };
            self.rect(Rect::new(plot.x, y - 0.4, plot.w, 0.8), color);
            let h = flowed.height;
            self.place_artifact(flowed, area.x, y - h / 2.0, widest + 1.0);
        }
        // The data.
        let zero = y_of(0.0f64.clamp(axis_lo, axis_hi));
        match chart.kind {
            ChartKind::Bar => {
                let group = slot * 0.72;
                let bar = group / chart.series.len().max(1) as f32;
                for (s, series) in chart.series.iter().enumerate() {
                    for (i, v) in series.values.iter().enumerate() {
                        let x = plot.x + slot * i as f32 + (slot - group) / 2.0 + bar * s as f32;
                        let y = y_of(*v);
                        let (top, h) = if y < zero {
                            (y, zero - y)
                        } else {
                            (zero, y - zero)
                        };
                        self.rect(
                            Rect::new(x + bar * 0.06, top, bar * 0.88, h.max(0.5)),
                            palette[s % palette.len()],
                        );
                    }
                }
            }
            ChartKind::Stacked => {
                let bar = slot * 0.56;
                for i in 0..n {
                    let mut base = 0.0f64;
                    for (s, series) in chart.series.iter().enumerate() {
                        let v = series.values.get(i).copied().unwrap_or(0.0);
                        let (y0, y1) = (y_of(base), y_of(base + v));
                        base += v;
                        let x = plot.x + slot * i as f32 + (slot - bar) / 2.0;
                        self.rect(
                            Rect::new(x, y1, bar, (y0 - y1).max(0.0)),
                            palette[s % palette.len()],
                        );
                    }
                }
            }
            ChartKind::Line => {
                for (s, series) in chart.series.iter().enumerate() {
                    let color = palette[s % palette.len()];
                    let points: Vec<(f32, f32)> = series
                        .values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (plot.x + slot * (i as f32 + 0.5), y_of(*v)))
                        .collect();
                    let mirrored = points
                        .iter()
                        .map(|(x, y)| (self.mirror_x(*x, 0.0), *y))
                        .collect();
                    self.items.push(Item::Polyline {
                        points: mirrored,
                        width: 2.5,
                        color,
                    });
                    for (x, y) in points {
                        self.circle(x, y, 3.5, color);
                    }
                }
            }
        }
        // Category labels.
        for (i, flowed) in label_flows.into_iter().enumerate() {
            let x = plot.x + slot * i as f32 + 2.0;
            let w = (slot - 4.0).max(1.0);
            self.place_artifact(flowed, x, plot.bottom() + 8.0, w);
        }
    }

    /// Fit one paragraph in a box of its own, at most at the theme's size.
    #[allow(clippy::too_many_arguments)]
    fn fit_one(
        &mut self,
        text: &Text,
        role: Role,
        color: Rgb,
        align: Align,
        width: f32,
        height: f32,
        name: &str,
    ) -> Flowed {
        let sizes = self.theme.sizes.clone();
        let boxes = [FitBox {
            name: name.to_string(),
            blocks: vec![Block::Para {
                text,
                role,
                bold: false,
                color,
                align,
                after: 0.0,
            }],
            width,
            height,
        }];
        let cap = self.cap;
        self.cap = cap.min(1.0);
        let (_, mut flows) = self.fit(&sizes, &boxes);
        self.cap = cap;
        flows.remove(0)
    }

    /// Place a flow whose text is part of a figure: read through the figure's alt text, not
    /// on its own.
    fn place_artifact(&mut self, flowed: Flowed, x: f32, y: f32, w: f32) {
        let artifact = self.artifact;
        self.artifact = true;
        self.place(flowed, x, y, w);
        self.artifact = artifact;
    }
}

/// The series' colours: the theme's primary and accent, then lighter and mixed shades.
fn palette(c: &crate::deck::theme::Colors) -> Vec<Rgb> {
    vec![
        c.primary,
        c.accent,
        c.primary.tint(0.45),
        c.accent.tint(0.45),
        c.primary.mix(c.accent, 0.5),
        c.muted,
        c.primary.tint(0.7),
        c.accent.tint(0.7),
    ]
}

/// The lowest and highest values the axis must show (sums for stacked bars), zero included.
fn extent(chart: &Chart) -> (f64, f64) {
    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    match chart.kind {
        ChartKind::Stacked => {
            for i in 0..chart.categories.len() {
                let sum: f64 = chart.series.iter().filter_map(|s| s.values.get(i)).sum();
                hi = hi.max(sum);
            }
        }
        _ => {
            for v in chart.series.iter().flat_map(|s| &s.values) {
                lo = lo.min(*v);
                hi = hi.max(*v);
            }
        }
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    (lo, hi)
}

/// Round ticks covering `lo..=hi`: steps of 1, 2 or 5 times a power of ten, four to eight of
/// them.
fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = hi - lo;
    let raw = span / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| span / s <= 6.0)
        .unwrap_or(10.0 * power);
    let start = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut t = start;
    while t < hi + step * 0.999 && ticks.len() < 12 {
        // Clean binary noise: 0.30000000000000004 is 0.3.
        ticks.push((t / step).round() * step);
        t += step;
    }
    ticks
}

/// The chart in words, from its own strings and numbers only (so it reads in the edition's
/// language): "Title. 2021: China 695,946, Japan 184,372; 2022: …".
fn describe(chart: &Chart, title: Option<&Text>, numbers: &Numbers) -> String {
    let mut out = String::new();
    if let Some(title) = title {
        out.push_str(&crate::markup::plain(&title.text));
        out.push_str(". ");
    }
    if let Some(label) = &chart.y_label {
        out.push_str(&crate::markup::plain(&label.text));
        out.push_str(". ");
    }
    let groups: Vec<String> = chart
        .categories
        .iter()
        .enumerate()
        .map(|(i, category)| {
            let values: Vec<String> = chart
                .series
                .iter()
                .filter_map(|s| {
                    let v = s.values.get(i)?;
                    Some(format!(
                        "{} {}",
                        crate::markup::plain(&s.name.text),
                        numbers.format(*v)
                    ))
                })
                .collect();
            format!(
                "{}: {}",
                crate::markup::plain(&category.text),
                values.join(", ")
            )
        })
        .collect();
    out.push_str(&groups.join("; "));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            nice_ticks(0.0, 798347.0),
            vec![0.0, 200000.0, 400000.0, 600000.0, 800000.0]
        );
        let numbers = Numbers::new("en");
        let shown: Vec<String> = nice_ticks(0.0, 1.0)
            .iter()
            .map(|t| numbers.format(*t))
            .collect();
        assert_eq!(shown, ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
        assert_eq!(
            nice_ticks(-12.0, 30.0),
            vec![-20.0, -10.0, 0.0, 10.0, 20.0, 30.0]
        );
    }
}
