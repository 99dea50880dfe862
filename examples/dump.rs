//! Print the frames of a deck, one item a line: `cargo run --example dump -- deck.toml`.
fn main() {
    let path = std::env::args().nth(1).expect("a deck path");
    let (doc, diags) = deckgen::lay_out(std::path::Path::new(&path));
    for d in &diags {
        eprintln!("{}", d.render_human(false));
    }
    if let Some(doc) = doc {
        for (i, page) in doc.pages.iter().enumerate() {
            println!("page {} {:?}", i + 1, page.label);
            for item in &page.items {
                println!("  {item:?}");
            }
        }
    }
}
