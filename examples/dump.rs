//! Print the frames of a deck, one item a line:
//! `cargo run --example dump -- deck.toml [LANG]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a deck path");
    let spec = args
        .next()
        .map_or(deckgen::EditionSpec::Source, deckgen::EditionSpec::Lang);
    let (project, diags) = deckgen::Project::open(std::path::Path::new(&path));
    for d in &diags {
        eprintln!("{}", d.render_human(false));
    }
    let Some(mut project) = project else { return };
    let (edition, diags) = project.edition(&spec);
    for d in &diags {
        eprintln!("{}", d.render_human(false));
    }
    let Some(edition) = edition else { return };
    let (doc, diags) = project.lay_out(&edition);
    for d in &diags {
        eprintln!("{}", d.render_human(false));
    }
    for (i, page) in doc.pages.iter().enumerate() {
        println!("page {} {:?}", i + 1, page.label);
        for item in &page.items {
            println!("  {item:?}");
        }
    }
}
