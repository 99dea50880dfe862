//! Arbitrary bytes as an image a deck names (SVG, PNG or JPEG by content): decoded and checked,
//! then, within the filter budget, drawn into a PDF page. Never a panic, never unbounded work.
#![no_main]

use deckgen::assets::{Image, MAX_FILTER_PIXELS};
use deckgen::layout::{Document, Item, Page, Rect};
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Ok(image) = Image::decode(data.to_vec(), Some("#123A63")) else {
        return;
    };
    let rect = Rect {
        x: 100.0,
        y: 100.0,
        w: 300.0,
        h: 200.0,
    };
    if image.filter_pixels(rect.w) > MAX_FILTER_PIXELS {
        return;
    }
    let doc = Document {
        title: "fuzz".into(),
        author: None,
        language: "en".into(),
        rtl: false,
        date: None,
        edition: None,
        pages: vec![Page {
            width: 960.0,
            height: 540.0,
            label: "1".into(),
            items: vec![Item::Image {
                rect,
                image: Arc::new(image),
                alt: Some("fuzz".into()),
                origin: None,
                decorative: false,
            }],
        }],
    };
    let _ = deckgen::export::pdf::export(&doc, &Default::default());
});
