//! How a PDF's bytes divide: fonts, images, the rest. For the benchmark:
//! `cargo run --release --example pdfstats -- FILE.pdf...` prints one Markdown row per file.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read the PDF");
        let doc = lopdf::Document::load_mem(&bytes).expect("parse the PDF");
        // Font programs are the streams font descriptors point at; images are image XObjects.
        let mut font_ids = std::collections::BTreeSet::new();
        let mut images = 0usize;
        for obj in doc.objects.values() {
            if let Ok(d) = obj.as_dict() {
                for key in [&b"FontFile"[..], b"FontFile2", b"FontFile3"] {
                    if let Ok(id) = d.get(key).and_then(|r| r.as_reference()) {
                        font_ids.insert(id);
                    }
                }
            }
            if let Ok(stream) = obj.as_stream()
                && stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image")
            {
                images += stream.content.len();
            }
        }
        let fonts: usize = font_ids
            .iter()
            .filter_map(|id| {
                doc.get_object(*id)
                    .ok()?
                    .as_stream()
                    .ok()
                    .map(|s| s.content.len())
            })
            .sum();
        let total = bytes.len();
        let pct = |n: usize| 100.0 * n as f64 / total as f64;
        println!(
            "| {} | {} KB | {:.0}% | {:.0}% |",
            std::path::Path::new(&path)
                .file_name()
                .unwrap()
                .to_string_lossy(),
            total / 1024,
            pct(fonts),
            pct(images)
        );
    }
}
