//! The layout stage: an edition's slides in, one frame (page) per slide out.
//!
//! Text is its own small pipeline: `text` shapes and breaks, `flow` stacks and fits, `slides`
//! places each layout's parts on the page.

mod chart;
mod code;
mod contents;
mod cover;
mod flow;
pub mod frame;
mod panels;
mod picture;
mod section;
mod slides;
mod steps;
mod table;
pub mod text;

use crate::diag::Diagnostic;
use crate::edition::Edition;
use crate::markup;
pub use frame::{Document, Item, Page, Rect};
use std::sync::atomic::{AtomicUsize, Ordering};
use text::TextEngine;

/// Lay out every slide of an edition. Diagnostics (overflow, missing glyphs) are collected for
/// all slides; the document is laid out even when there are errors, for inspection.
/// `notes_pages` adds each slide's speaker notes as a page after it.
pub fn layout(
    edition: &Edition,
    engine: &mut TextEngine,
    notes_pages: bool,
) -> (Document, Vec<Diagnostic>) {
    layout_streaming(edition, engine, notes_pages, None, None)
}

/// Where slides' pages go as they are laid out, from any thread and in any order.
pub struct Sink<'a> {
    /// Each slide's pages (its page, and its notes page), by the slide's index, as soon as they
    /// are laid out. It may take the pages' items (the document then keeps the pages without
    /// them).
    pub take: &'a (dyn Fn(usize, &mut [Page]) + Sync),
    /// Called before the slide of an index is laid out: returns when it may be (pages taken
    /// but not yet used wait in memory; the one the taker needs next is always let through).
    pub wait: &'a (dyn Fn(usize) + Sync),
    /// The thread that takes the pages has stopped (it panicked): `wait` waits no more.
    pub stop: &'a (dyn Fn() + Sync),
}

/// What the calling thread does beside laying out its share of the slides: the PDF writer,
/// whose document stays on one thread. The pool's threads hand their slides to `Sink`.
pub trait Caller {
    /// Before each slide the calling thread lays out: use what the other threads finished.
    fn between(&mut self);
    /// A slide the calling thread laid out, by its index.
    fn take(&mut self, i: usize, pages: &mut [Page]);
    /// No slide is left to lay out: return once every slide is used (or the caller stopped).
    /// `laying_out` counts the pool's threads still laying out.
    fn finish(&mut self, laying_out: &AtomicUsize);
}

/// As `layout`, also handing each slide's pages to `sink` as they are laid out (the PDF
/// writer works on them while later slides are laid out). The calling thread lays slides out
/// too, beside the pool's threads, handing its own to `caller` when there is one.
pub fn layout_streaming(
    edition: &Edition,
    engine: &mut TextEngine,
    notes_pages: bool,
    sink: Option<&Sink>,
    caller: Option<&mut dyn Caller>,
) -> (Document, Vec<Diagnostic>) {
    let mut caller = caller;
    let deck = &edition.deck;
    let mut diags = Vec::new();
    let families = deck.theme.families_for(&edition.lang).to_vec();
    for name in &families {
        if !engine.families().contains(name) {
            diags.push(
                Diagnostic::error(
                    "missing-font",
                    format!("no font file provides the family `{name}`"),
                )
                .with_lang(&edition.lang)
                .with_hint(format!(
                    "the loaded files provide {}",
                    engine
                        .families()
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
    }
    engine.set_code_families(&deck.theme.code_families());
    let bold_before = engine.missing_bold().clone();
    let italic_before = engine.missing_italic().clone();
    // Slides are laid out on as many threads as pay (each its own text engine, taking the next
    // slide as it finishes one), then put back in order: the same pages as one by one.
    let next = AtomicUsize::new(0);
    // One thread's share: the next slide not yet taken, until none is left. `before` and
    // `after` are what the thread does around each slide.
    let work = |engine: &mut TextEngine,
                before: &mut dyn FnMut(usize),
                after: &mut dyn FnMut(usize, &mut [Page])| {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slide) = deck.slides.get(i) else {
                break;
            };
            before(i);
            let (mut pages, diags) = lay_out_slide(edition, engine, &families, slide, notes_pages);
            after(i, &mut pages);
            done.push((i, (pages, diags)));
        }
        done
    };
    // This thread's share: its slides go to the caller, if any, else to the sink as the pool's
    // do. If this thread panics, the sink stops, so that no thread of the pool waits for this
    // one's pages before they are joined (the panic goes on once they end).
    struct Abandon<'a>(Option<&'a Sink<'a>>);
    impl Drop for Abandon<'_> {
        fn drop(&mut self) {
            if let Some(sink) = self.0
                && std::thread::panicking()
            {
                (sink.stop)();
            }
        }
    }
    let mut here = |engine: &mut TextEngine, laying_out: &AtomicUsize| {
        let _abandon = Abandon(sink);
        match caller.take() {
            Some(caller) => {
                let caller = std::cell::RefCell::new(caller);
                let done = work(
                    engine,
                    &mut |_| caller.borrow_mut().between(),
                    &mut |i, pages| caller.borrow_mut().take(i, pages),
                );
                caller.borrow_mut().finish(laying_out);
                done
            }
            None => {
                let (mut before, mut after) = via(sink);
                work(engine, &mut before, &mut after)
            }
        }
    };
    // As many as rayon's pool has threads (one per core), this one among them, or as
    // `DECKGEN_THREADS` says. (The pool counted the cores once; asking again reads the cgroup
    // files.) A thread of the pool is then free for the rest: pages' compression, images.
    let threads = match deck.slides.len() / SLIDES_PER_THREAD {
        0 | 1 => 1,
        most => std::env::var("DECKGEN_THREADS")
            .ok()
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or_else(rayon::current_num_threads)
            .clamp(1, MAX_THREADS)
            .min(most),
    };
    let laying_out = AtomicUsize::new(0);
    let mut done = if threads > 1 {
        // This thread and threads of rayon's pool, which krilla also compresses pages on: no
        // threads of their own (each new thread's first allocations take fresh memory the
        // kernel must clear).
        let mut forks: Vec<TextEngine> = (1..threads).map(|_| engine.fork()).collect();
        let work = &work;
        let mut done = Vec::new();
        let mut more: Vec<Vec<_>> = (1..threads).map(|_| Vec::new()).collect();
        laying_out.store(forks.len(), Ordering::Release);
        let laying_out = &laying_out;
        rayon::in_place_scope(|scope| {
            for (fork, more) in forks.iter_mut().zip(more.iter_mut()) {
                scope.spawn(move |_| {
                    // Counted off even if laying out panics, so the caller stops waiting.
                    struct Done<'a>(&'a AtomicUsize);
                    impl Drop for Done<'_> {
                        fn drop(&mut self) {
                            self.0.fetch_sub(1, Ordering::AcqRel);
                        }
                    }
                    let _done = Done(laying_out);
                    let (mut before, mut after) = via(sink);
                    *more = work(fork, &mut before, &mut after);
                });
            }
            done = here(engine, laying_out);
        });
        done.extend(more.into_iter().flatten());
        for fork in forks {
            engine.absorb(fork);
        }
        done
    } else {
        here(engine, &laying_out)
    };
    done.sort_by_key(|(i, _)| *i);
    let mut pages = Vec::new();
    for (_, (mut slide_pages, mut d)) in done {
        pages.append(&mut slide_pages);
        diags.append(&mut d);
    }
    filter_budget(&pages, &mut diags);
    let missing = [
        (
            "missing-bold",
            "bold",
            "its bold text is set in regular",
            "Bold",
            engine.missing_bold(),
            &bold_before,
        ),
        (
            "missing-italic",
            "italic",
            "its emphasis is set upright",
            "Italic",
            engine.missing_italic(),
            &italic_before,
        ),
    ];
    for (code, face, effect, suffix, now, before) in missing {
        for family in now.difference(before) {
            diags.push(
                Diagnostic::warning(code, format!("the family `{family}` has no {face} face: {effect}"))
                    .with_lang(&edition.lang)
                    .with_hint(format!(
                        "add the family's {face} file to `[theme.fonts] files` (e.g. `{}-{suffix}.ttf`)",
                        family.replace(' ', "")
                    )),
            );
        }
    }
    let doc = Document {
        pages,
        ..metadata(edition)
    };
    (doc, diags)
}

/// What a thread does around each slide it lays out, for a sink: wait for its turn, then hand
/// the slide's pages over.
fn via<'a>(
    sink: Option<&'a Sink<'a>>,
) -> (impl FnMut(usize) + 'a, impl FnMut(usize, &mut [Page]) + 'a) {
    let before = move |i: usize| {
        if let Some(sink) = sink {
            (sink.wait)(i);
        }
    };
    let after = move |i: usize, pages: &mut [Page]| {
        if let Some(sink) = sink {
            (sink.take)(i, pages);
        }
    };
    (before, after)
}

/// An edition's document without its pages: title, author, language, direction, date.
pub fn metadata(edition: &Edition) -> Document {
    let deck = &edition.deck;
    Document {
        title: markup::plain(&deck.meta.title.text),
        author: deck.meta.author.as_ref().map(|a| markup::plain(&a.text)),
        language: crate::locale::bcp47(&edition.lang),
        rtl: edition.rtl,
        date: deck.meta.iso_date,
        edition: deck.meta.edition.as_ref().map(|e| markup::plain(&e.text)),
        pages: Vec::new(),
    }
}

/// At most this many threads lay out slides.
const MAX_THREADS: usize = 8;
/// A thread is started for every this many slides (a fork of the text engine costs a fraction
/// of a slide's layout: the report's 11 slides take 2 threads).
const SLIDES_PER_THREAD: usize = 4;

/// One slide's page, and its notes page when asked for one.
fn lay_out_slide(
    edition: &Edition,
    engine: &mut TextEngine,
    families: &[String],
    slide: &crate::deck::model::Slide,
    notes_pages: bool,
) -> (Vec<Page>, Vec<Diagnostic>) {
    engine.clear_cache();
    let mut cx = slides::SlideCx::new(edition, engine, families, slide);
    cx.lay_out();
    let (page, mut diags) = cx.finish();
    let mut pages = vec![page];
    if notes_pages && slide.notes.is_some() {
        let mut cx = slides::SlideCx::new(edition, engine, families, slide);
        cx.notes_page();
        let (mut page, mut d) = cx.finish();
        page.label = format!("Notes: {}", page.label);
        page.notes = true;
        page.section = false;
        diags.append(&mut d);
        pages.push(page);
    }
    (pages, diags)
}

/// SVG filters become bitmaps in the PDF: their pixels, over the whole deck, must stay within
/// `MAX_FILTER_PIXELS`, or a 500-byte SVG could keep the writer busy for a minute.
fn filter_budget(pages: &[Page], diags: &mut Vec<Diagnostic>) {
    use crate::assets::MAX_FILTER_PIXELS;
    let mut spent = 0u64;
    for (n, page) in pages.iter().enumerate() {
        for item in &page.items {
            let Item::Image {
                rect,
                image,
                origin,
                ..
            } = item
            else {
                continue;
            };
            spent = spent.saturating_add(image.filter_pixels(rect.w));
            if spent > MAX_FILTER_PIXELS {
                diags.push(
                    Diagnostic::error(
                        "bad-image",
                        format!(
                            "the deck's SVG filters would be drawn at more than \
                             {MAX_FILTER_PIXELS} pixels in all (the limit, to bound time)"
                        ),
                    )
                    .with_span(origin.clone())
                    .with_slide(n + 1)
                    .with_hint(
                        "make the filter regions (`x`, `y`, `width`, `height` of `<filter>`) \
                         smaller, or use fewer filters",
                    ),
                );
                return;
            }
        }
    }
}
