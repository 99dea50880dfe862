fn main() {
    let path = std::env::args().nth(1).unwrap();
    let (doc, _) = deckgen::lay_out(std::path::Path::new(&path));
    for item in &doc.unwrap().pages[0].items {
        if let deckgen::layout::Item::Text(run) = item {
            println!("run at {:.1} {:?}", run.x, run.source_text());
            for g in &run.glyphs {
                println!(
                    "   id {} adv {:.3} xo {:.3} range {:?} {:?}",
                    g.id,
                    g.advance,
                    g.x_offset,
                    g.range,
                    &run.text[g.range.clone()]
                );
            }
        }
    }
}
