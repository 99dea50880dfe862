//! PowerPoint (Office Open XML) export: the same frames as the PDF, as editable slides.
//!
//! Every flow of paragraphs is one text box that reflows when edited (its paragraphs, runs,
//! bullets and levels as PowerPoint writes them); glyph runs outside a flow (chart labels,
//! page numbers) are one-line text boxes where they stood; rectangles, circles and lines are
//! shapes; pictures keep their format (SVG as SVG with a PNG fallback, as Office writes it);
//! speaker notes are notes slides. Right-to-left paragraphs are `rtl="1"`, the layout already
//! mirrored by the frames. The package is deterministic: fixed order, fixed zip timestamps.

use crate::assets::{Image, ImageKind, RasterFormat};
use crate::deck::theme::Rgb;
use crate::layout::frame::{
    Document, FontHandle, Item, Page, Paragraph, Piece, Rect, TextBox, TextRun,
};
use crate::layout::text::Align;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::Arc;

/// EMUs (English Metric Units) per point.
const EMU: f32 = 12_700.0;

fn emu(pt: f32) -> i64 {
    (pt * EMU).round() as i64
}

/// Hundredths of a point, as font sizes and spacing are written.
fn centipoints(pt: f32) -> i64 {
    (pt * 100.0).round() as i64
}

fn hex(c: Rgb) -> String {
    format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Text for XML: escaped, and without the control characters XML 1.0 cannot hold.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// What a PowerPoint file needs besides the pages: each slide's speaker notes.
pub struct PptxInput<'a> {
    pub doc: &'a Document,
    /// The speaker notes of slide N at index N - 1, as written.
    pub notes: Vec<Option<String>>,
    /// (year, month, day, hour, minute, second) for the file's metadata, when known.
    pub modified: Option<(u16, u8, u8, u8, u8, u8)>,
}

/// A slide's relationships: rId1 is its layout; the rest are added as they are needed.
struct Rels {
    entries: Vec<(String, String, bool)>,
}

impl Rels {
    fn new() -> Rels {
        Rels {
            entries: Vec::new(),
        }
    }

    /// Add a relationship, returning its id; the same target and type give the same id.
    fn add(&mut self, kind: &str, target: &str, external: bool) -> String {
        if let Some(i) = self
            .entries
            .iter()
            .position(|(k, t, e)| k == kind && t == target && *e == external)
        {
            return format!("rId{}", i + 1);
        }
        self.entries
            .push((kind.to_string(), target.to_string(), external));
        format!("rId{}", self.entries.len())
    }

    fn xml(&self) -> String {
        let mut s = String::from(XML_HEAD);
        s.push_str(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        );
        for (i, (kind, target, external)) in self.entries.iter().enumerate() {
            let _ = write!(
                s,
                "<Relationship Id=\"rId{}\" Type=\"{}\" Target=\"{}\"{}/>",
                i + 1,
                kind,
                esc(target),
                if *external {
                    " TargetMode=\"External\""
                } else {
                    ""
                }
            );
        }
        s.push_str("</Relationships>");
        s
    }
}

/// The relationships of a fixed part: (type, target) each.
fn fixed_rels(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut rels = Rels::new();
    for (kind, target) in entries {
        rels.add(&format!("{REL}/{kind}"), target, false);
    }
    rels.xml().into_bytes()
}

/// The package's media: one file per distinct image (by its decoded data), in order of use.
#[derive(Default)]
struct Media {
    files: Vec<(String, Vec<u8>)>,
    by_image: HashMap<*const Image, (String, Option<String>)>,
}

impl Media {
    /// The part names of an image's file and, for SVG, its PNG fallback (drawn for the size
    /// the picture first takes on a slide, `shown`, in points).
    fn add(
        &mut self,
        image: &Arc<Image>,
        shown: (f32, f32),
    ) -> Result<(String, Option<String>), String> {
        let key = Arc::as_ptr(image);
        if let Some(found) = self.by_image.get(&key) {
            return Ok(found.clone());
        }
        let n = self.files.len() + 1;
        let found = match &image.kind {
            ImageKind::Raster(format, data) => {
                let (ext, bytes) = match format {
                    RasterFormat::Png => ("png", data.to_vec()),
                    RasterFormat::Jpeg => ("jpeg", data.to_vec()),
                    RasterFormat::Gif => ("gif", data.to_vec()),
                    // Office reads WebP only in its newest versions: a PNG for everyone.
                    RasterFormat::Webp => ("png", webp_to_png(data)?),
                };
                let name = format!("image{n}.{ext}");
                self.files.push((name.clone(), bytes));
                (name, None)
            }
            ImageKind::Svg(tree, _) => {
                let svg = tree.to_string(&usvg::WriteOptions::default());
                let png = svg_to_png(tree, shown)?;
                let name = format!("image{n}.svg");
                let fallback = format!("image{}.png", n + 1);
                self.files.push((name.clone(), svg.into_bytes()));
                self.files.push((fallback.clone(), png));
                (fallback, Some(name))
            }
        };
        self.by_image.insert(key, found.clone());
        Ok(found)
    }
}

fn webp_to_png(data: &[u8]) -> Result<Vec<u8>, String> {
    let img = image::load_from_memory_with_format(data, image::ImageFormat::WebP)
        .map_err(|e| format!("cannot convert a WebP picture for PowerPoint: {e}"))?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| format!("cannot convert a WebP picture for PowerPoint: {e}"))?;
    Ok(out.into_inner())
}

/// The PNG Office shows where it cannot draw SVG: the drawing at 192 dpi for the size it takes
/// on the slide, at most 2,000 pixels on its longer side.
fn svg_to_png(tree: &usvg::Tree, (width, height): (f32, f32)) -> Result<Vec<u8>, String> {
    let (width, height) = (width.max(1.0), height.max(1.0));
    let longest = width.max(height);
    let scale = (192.0f32 / 72.0).min(2000.0 / longest);
    let (w, h) = (
        ((width * scale).ceil() as u32).max(1),
        ((height * scale).ceil() as u32).max(1),
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| "cannot draw an SVG picture's PNG fallback".to_string())?;
    let size = tree.size();
    let transform = resvg::tiny_skia::Transform::from_scale(
        w as f32 / size.width().max(1e-3),
        h as f32 / size.height().max(1e-3),
    );
    resvg::render(tree, transform, &mut pixmap.as_mut());
    let mut rgba = Vec::with_capacity((w * h * 4) as usize);
    for p in pixmap.pixels() {
        let c = p.demultiply();
        rgba.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbaImage::from_raw(w, h, rgba)
        .ok_or_else(|| "cannot draw an SVG picture's PNG fallback".to_string())?
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| format!("cannot encode an SVG picture's PNG fallback: {e}"))?;
    Ok(out.into_inner())
}

/// Family names of faces, read once each.
#[derive(Default)]
struct Families {
    names: HashMap<(usize, u32), Option<String>>,
}

impl Families {
    fn of(&mut self, font: &FontHandle) -> Option<String> {
        let data: &[u8] = (*font.data).as_ref();
        let key = (data.as_ptr() as usize, font.index);
        self.names
            .entry(key)
            .or_insert_with(|| {
                ttf_parser::Face::parse(data, font.index)
                    .ok()
                    .and_then(|face| crate::fonts::family_name(&face))
            })
            .clone()
    }
}

/// The families the deck's text uses most, by slot: the theme's fonts in the file.
#[derive(Default, Clone)]
struct ThemeFonts {
    latin: Option<String>,
    east_asian: Option<String>,
    complex: Option<String>,
}

fn theme_fonts(doc: &Document, families: &mut Families) -> ThemeFonts {
    let mut counts: [BTreeMap<String, usize>; 3] = Default::default();
    for page in &doc.pages {
        for item in &page.items {
            let Item::TextBox(b) = item else { continue };
            for p in &b.paragraphs {
                let chars: usize = p.pieces.iter().map(|x| x.text.chars().count()).sum();
                let slots = [&p.fonts.latin, &p.fonts.east_asian, &p.fonts.complex];
                for (count, font) in counts.iter_mut().zip(slots) {
                    if let Some(name) = font.as_ref().and_then(|f| families.of(f)) {
                        *count.entry(name).or_default() += chars;
                    }
                }
            }
        }
    }
    let most = |m: &BTreeMap<String, usize>| {
        m.iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| k.clone())
    };
    ThemeFonts {
        latin: most(&counts[0]),
        east_asian: most(&counts[1]),
        complex: most(&counts[2]),
    }
}

/// Write a document as a PowerPoint file.
pub fn export(input: &PptxInput) -> Result<Vec<u8>, String> {
    let doc = input.doc;
    let slides: Vec<&Page> = doc.pages.iter().filter(|p| !p.notes).collect();
    let (width, height) = slides
        .first()
        .map_or((960.0, 540.0), |p| (p.width, p.height));
    let lang = crate::locale::office(&doc.language);
    let mut families = Families::default();
    let fonts = theme_fonts(doc, &mut families);
    let mut media = Media::default();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut content_types: Vec<(String, &str)> = Vec::new();
    let ct = |kind: &str| format!("application/vnd.openxmlformats-officedocument.{kind}+xml");

    let mut notes_count = 0;
    for (i, page) in slides.iter().enumerate() {
        let n = i + 1;
        let mut rels = Rels::new();
        rels.add(
            &format!("{REL}/slideLayout"),
            "../slideLayouts/slideLayout1.xml",
            false,
        );
        let xml = slide_xml(page, &lang, &mut rels, &mut media, &mut families)?;
        let notes = input
            .notes
            .get(page.slide.wrapping_sub(1))
            .cloned()
            .flatten();
        if let Some(notes) = notes {
            notes_count += 1;
            let m = notes_count;
            rels.add(
                &format!("{REL}/notesSlide"),
                &format!("../notesSlides/notesSlide{m}.xml"),
                false,
            );
            let mut nrels = Rels::new();
            nrels.add(
                &format!("{REL}/notesMaster"),
                "../notesMasters/notesMaster1.xml",
                false,
            );
            nrels.add(
                &format!("{REL}/slide"),
                &format!("../slides/slide{n}.xml"),
                false,
            );
            parts.push((
                format!("ppt/notesSlides/notesSlide{m}.xml"),
                notes_xml(&notes, &lang, doc.rtl).into_bytes(),
            ));
            parts.push((
                format!("ppt/notesSlides/_rels/notesSlide{m}.xml.rels"),
                nrels.xml().into_bytes(),
            ));
            content_types.push((
                format!("/ppt/notesSlides/notesSlide{m}.xml"),
                "presentationml.notesSlide",
            ));
        }
        parts.push((format!("ppt/slides/slide{n}.xml"), xml.into_bytes()));
        parts.push((
            format!("ppt/slides/_rels/slide{n}.xml.rels"),
            rels.xml().into_bytes(),
        ));
        content_types.push((format!("/ppt/slides/slide{n}.xml"), "presentationml.slide"));
    }

    // The presentation and its fixed parts.
    let mut prels = Rels::new();
    prels.add(
        &format!("{REL}/slideMaster"),
        "slideMasters/slideMaster1.xml",
        false,
    );
    prels.add(
        &format!("{REL}/notesMaster"),
        "notesMasters/notesMaster1.xml",
        false,
    );
    prels.add(&format!("{REL}/theme"), "theme/theme1.xml", false);
    prels.add(&format!("{REL}/presProps"), "presProps.xml", false);
    prels.add(&format!("{REL}/viewProps"), "viewProps.xml", false);
    prels.add(&format!("{REL}/tableStyles"), "tableStyles.xml", false);
    let mut slide_ids = String::new();
    for n in 1..=slides.len() {
        let id = prels.add(
            &format!("{REL}/slide"),
            &format!("slides/slide{n}.xml"),
            false,
        );
        let _ = write!(slide_ids, "<p:sldId id=\"{}\" r:id=\"{id}\"/>", 255 + n);
    }
    let presentation = format!(
        "{XML_HEAD}<p:presentation {NS} saveSubsetFonts=\"1\"{rtl}>\
         <p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>\
         <p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst>\
         <p:sldIdLst>{slide_ids}</p:sldIdLst>\
         <p:sldSz cx=\"{cx}\" cy=\"{cy}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/>\
         <p:defaultTextStyle><a:defPPr><a:defRPr lang=\"{lang}\"/></a:defPPr></p:defaultTextStyle>\
         </p:presentation>",
        rtl = if doc.rtl { " rtl=\"1\"" } else { "" },
        cx = emu(width).clamp(914_400, 51_206_400),
        cy = emu(height).clamp(914_400, 51_206_400),
    );
    let mut package: Vec<(String, Vec<u8>)> = Vec::new();
    let mut types = String::from(XML_HEAD);
    types.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Default Extension=\"png\" ContentType=\"image/png\"/>\
         <Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>\
         <Default Extension=\"gif\" ContentType=\"image/gif\"/>\
         <Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>",
    );
    let fixed = [
        ("/ppt/presentation.xml", "presentationml.presentation.main"),
        (
            "/ppt/slideMasters/slideMaster1.xml",
            "presentationml.slideMaster",
        ),
        (
            "/ppt/slideLayouts/slideLayout1.xml",
            "presentationml.slideLayout",
        ),
        (
            "/ppt/notesMasters/notesMaster1.xml",
            "presentationml.notesMaster",
        ),
        ("/ppt/theme/theme1.xml", "theme"),
        ("/ppt/theme/theme2.xml", "theme"),
        ("/ppt/presProps.xml", "presentationml.presProps"),
        ("/ppt/viewProps.xml", "presentationml.viewProps"),
        ("/ppt/tableStyles.xml", "presentationml.tableStyles"),
        ("/docProps/app.xml", "extended-properties"),
    ];
    for (part, kind) in fixed
        .iter()
        .copied()
        .chain(content_types.iter().map(|(p, k)| (p.as_str(), *k)))
    {
        let _ = write!(
            types,
            "<Override PartName=\"{part}\" ContentType=\"{}\"/>",
            ct(kind)
        );
    }
    types.push_str("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>");
    package.push(("[Content_Types].xml".into(), types.into_bytes()));
    package.push((
        "_rels/.rels".into(),
        format!(
            "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"ppt/presentation.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
             <Relationship Id=\"rId3\" Type=\"{REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
             </Relationships>"
        )
        .into_bytes(),
    ));
    package.push(("docProps/core.xml".into(), core_xml(input).into_bytes()));
    package.push((
        "docProps/app.xml".into(),
        app_xml(slides.len(), notes_count).into_bytes(),
    ));
    package.push(("ppt/presentation.xml".into(), presentation.into_bytes()));
    package.push((
        "ppt/_rels/presentation.xml.rels".into(),
        prels.xml().into_bytes(),
    ));
    package.push((
        "ppt/slideMasters/slideMaster1.xml".into(),
        master_xml(doc.rtl).into_bytes(),
    ));
    package.push((
        "ppt/slideMasters/_rels/slideMaster1.xml.rels".into(),
        fixed_rels(&[
            ("slideLayout", "../slideLayouts/slideLayout1.xml"),
            ("theme", "../theme/theme1.xml"),
        ]),
    ));
    package.push((
        "ppt/slideLayouts/slideLayout1.xml".into(),
        format!(
            "{XML_HEAD}<p:sldLayout {NS} preserve=\"1\" userDrawn=\"1\"><p:cSld name=\"Blank\">{}</p:cSld>\
             <p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>",
            empty_tree("")
        )
        .into_bytes(),
    ));
    package.push((
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels".into(),
        fixed_rels(&[("slideMaster", "../slideMasters/slideMaster1.xml")]),
    ));
    package.push((
        "ppt/notesMasters/notesMaster1.xml".into(),
        notes_master_xml().into_bytes(),
    ));
    package.push((
        "ppt/notesMasters/_rels/notesMaster1.xml.rels".into(),
        fixed_rels(&[("theme", "../theme/theme2.xml")]),
    ));
    package.push((
        "ppt/theme/theme1.xml".into(),
        theme_xml("deckgen", &fonts).into_bytes(),
    ));
    package.push((
        "ppt/theme/theme2.xml".into(),
        theme_xml("deckgen notes", &fonts).into_bytes(),
    ));
    package.push((
        "ppt/presProps.xml".into(),
        format!("{XML_HEAD}<p:presentationPr {NS}/>").into_bytes(),
    ));
    package.push((
        "ppt/viewProps.xml".into(),
        format!(
            "{XML_HEAD}<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz=\"15620\"/>\
             <p:restoredTop sz=\"94660\"/></p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
        )
        .into_bytes(),
    ));
    package.push((
        "ppt/tableStyles.xml".into(),
        format!(
            "{XML_HEAD}<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
             def=\"{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}\"/>"
        )
        .into_bytes(),
    ));
    package.extend(parts);
    for (name, bytes) in std::mem::take(&mut media.files) {
        package.push((format!("ppt/media/{name}"), bytes));
    }
    zip_package(&package)
}

/// The zip archive: entries in the order given, every timestamp 1980-01-01, XML deflated,
/// pictures (already compressed) stored.
fn zip_package(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let fail = |e: &dyn std::fmt::Display| format!("cannot write the PowerPoint file: {e}");
    for (name, bytes) in entries {
        let stored = [".png", ".jpeg", ".gif"].iter().any(|e| name.ends_with(e));
        let options = SimpleFileOptions::default()
            .compression_method(if stored {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            })
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        zip.start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}

fn empty_tree(shapes: &str) -> String {
    format!(
        "<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\
         <p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/>\
         <a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>{shapes}</p:spTree>"
    )
}

const CLR_MAP: &str = "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" \
     accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" \
     accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";

fn master_xml(rtl: bool) -> String {
    let rtl = if rtl { " rtl=\"1\"" } else { "" };
    format!(
        "{XML_HEAD}<p:sldMaster {NS}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>{}</p:cSld>\
         {CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>\
         <p:txStyles><p:titleStyle><a:lvl1pPr{rtl}><a:defRPr><a:latin typeface=\"+mj-lt\"/><a:ea typeface=\"+mj-ea\"/><a:cs typeface=\"+mj-cs\"/></a:defRPr></a:lvl1pPr></p:titleStyle>\
         <p:bodyStyle><a:lvl1pPr{rtl}><a:defRPr><a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs typeface=\"+mn-cs\"/></a:defRPr></a:lvl1pPr></p:bodyStyle>\
         <p:otherStyle><a:lvl1pPr{rtl}><a:defRPr><a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs typeface=\"+mn-cs\"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles>\
         </p:sldMaster>",
        empty_tree("")
    )
}

fn notes_master_xml() -> String {
    format!(
        "{XML_HEAD}<p:notesMaster {NS}><p:cSld>{}</p:cSld>{CLR_MAP}</p:notesMaster>",
        empty_tree(&notes_page_shapes(None))
    )
}

/// A notes page's two placeholders: the slide's image above, the notes (with `body`) below.
fn notes_page_shapes(body: Option<&str>) -> String {
    let image = placeholder(
        2,
        "Slide Image",
        "sldImg",
        1,
        (381_000, 685_800, 6_096_000, 3_429_000),
        None,
    );
    let notes = placeholder(
        3,
        "Notes",
        "body",
        1,
        (685_800, 4_343_400, 5_486_400, 4_114_800),
        body,
    );
    image + &notes
}

/// A placeholder shape of a notes page, with its text (a body) or without (the slide's image).
fn placeholder(
    id: u32,
    name: &str,
    kind: &str,
    idx: u32,
    (x, y, w, h): (i64, i64, i64, i64),
    body: Option<&str>,
) -> String {
    let idx = if kind == "body" {
        format!(" idx=\"{idx}\"")
    } else {
        String::new()
    };
    let text = body.map_or_else(String::new, |b| {
        format!("<p:txBody><a:bodyPr/><a:lstStyle/>{b}</p:txBody>")
    });
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>\
         <p:nvPr><p:ph type=\"{kind}\"{idx}/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"{x}\" y=\"{y}\"/>\
         <a:ext cx=\"{w}\" cy=\"{h}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>{text}</p:sp>"
    )
}

/// A notes slide: the slide's image and the notes, one paragraph per line, markup as plain
/// text.
fn notes_xml(notes: &str, lang: &str, rtl: bool) -> String {
    let ppr = if rtl {
        "<a:pPr rtl=\"1\" algn=\"r\"/>"
    } else {
        ""
    };
    let mut body = String::new();
    for line in notes.lines() {
        let text = crate::markup::plain(line);
        if text.is_empty() {
            let _ = write!(body, "<a:p>{ppr}<a:endParaRPr lang=\"{lang}\"/></a:p>");
        } else {
            let _ = write!(
                body,
                "<a:p>{ppr}<a:r><a:rPr lang=\"{lang}\" dirty=\"0\"/><a:t>{}</a:t></a:r></a:p>",
                esc(&text)
            );
        }
    }
    if body.is_empty() {
        body = format!("<a:p><a:endParaRPr lang=\"{lang}\"/></a:p>");
    }
    let shapes = notes_page_shapes(Some(&body));
    format!(
        "{XML_HEAD}<p:notes {NS}><p:cSld>{}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>",
        empty_tree(&shapes)
    )
}

fn core_xml(input: &PptxInput) -> String {
    let doc = input.doc;
    let mut s = format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title>",
        esc(&doc.title)
    );
    if let Some(author) = &doc.author {
        let _ = write!(s, "<dc:creator>{}</dc:creator>", esc(author));
    }
    let _ = write!(
        s,
        "<dc:language>{}</dc:language>",
        esc(&crate::locale::bcp47(&doc.language))
    );
    if let Some(edition) = &doc.edition {
        let _ = write!(s, "<cp:version>{}</cp:version>", esc(edition));
    }
    let when = input
        .modified
        .or_else(|| doc.date.map(|(y, m, d)| (y, m, d, 0, 0, 0)));
    if let Some((y, mo, d, h, mi, se)) = when {
        let stamp = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}Z");
        let _ = write!(
            s,
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:created>\
             <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{stamp}</dcterms:modified>"
        );
    }
    s.push_str("</cp:coreProperties>");
    s
}

fn app_xml(slides: usize, notes: usize) -> String {
    format!(
        "{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>deckgen</Application><PresentationFormat>Custom</PresentationFormat>\
         <Slides>{slides}</Slides><Notes>{notes}</Notes></Properties>"
    )
}

fn theme_xml(name: &str, fonts: &ThemeFonts) -> String {
    let face = |f: &Option<String>| esc(f.as_deref().unwrap_or(""));
    let font_set = format!(
        "<a:latin typeface=\"{}\"/><a:ea typeface=\"{}\"/><a:cs typeface=\"{}\"/>",
        if fonts.latin.is_some() {
            face(&fonts.latin)
        } else {
            "Calibri".into()
        },
        face(&fonts.east_asian),
        face(&fonts.complex)
    );
    let solid = |c: &str| format!("<a:solidFill><a:schemeClr val=\"{c}\"/></a:solidFill>");
    let line = |w: u32| {
        format!(
            "<a:ln w=\"{w}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\">{}<a:prstDash val=\"solid\"/></a:ln>",
            solid("phClr")
        )
    };
    format!(
        "{XML_HEAD}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"{name}\"><a:themeElements>\
         <a:clrScheme name=\"deckgen\"><a:dk1><a:srgbClr val=\"000000\"/></a:dk1><a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1>\
         <a:dk2><a:srgbClr val=\"1F2937\"/></a:dk2><a:lt2><a:srgbClr val=\"F3F4F6\"/></a:lt2>\
         <a:accent1><a:srgbClr val=\"1D4ED8\"/></a:accent1><a:accent2><a:srgbClr val=\"DC2626\"/></a:accent2>\
         <a:accent3><a:srgbClr val=\"059669\"/></a:accent3><a:accent4><a:srgbClr val=\"D97706\"/></a:accent4>\
         <a:accent5><a:srgbClr val=\"7C3AED\"/></a:accent5><a:accent6><a:srgbClr val=\"0891B2\"/></a:accent6>\
         <a:hlink><a:srgbClr val=\"1D4ED8\"/></a:hlink><a:folHlink><a:srgbClr val=\"6D28D9\"/></a:folHlink></a:clrScheme>\
         <a:fontScheme name=\"deckgen\"><a:majorFont>{font_set}</a:majorFont><a:minorFont>{font_set}</a:minorFont></a:fontScheme>\
         <a:fmtScheme name=\"deckgen\"><a:fillStyleLst>{f}{f}{f}</a:fillStyleLst>\
         <a:lnStyleLst>{l1}{l2}{l3}</a:lnStyleLst>\
         <a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>\
         <a:bgFillStyleLst>{f}{f}{f}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>",
        f = solid("phClr"),
        l1 = line(6350),
        l2 = line(12700),
        l3 = line(19050),
    )
}

/// One slide's shapes, in the frame's drawing order.
fn slide_xml(
    page: &Page,
    lang: &str,
    rels: &mut Rels,
    media: &mut Media,
    families: &mut Families,
) -> Result<String, String> {
    let mut shapes = String::new();
    let mut id = 1u32;
    let mut next_id = || {
        id += 1;
        id
    };
    // A link's underline is a thin rectangle inside its area: the text box's link underlines
    // its own text, and edits move it along.
    let links: Vec<&Rect> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Link { rect, .. } => Some(rect),
            _ => None,
        })
        .collect();
    let inside = |r: &Rect, l: &Rect| {
        r.x >= l.x - 0.01
            && r.y >= l.y - 0.01
            && r.right() <= l.right() + 0.01
            && r.bottom() <= l.bottom() + 0.01
    };
    let mut items = page.items.iter().peekable();
    while let Some(item) = items.next() {
        match item {
            Item::Rect { rect, fill } => {
                if links.iter().any(|l| inside(rect, l)) {
                    continue;
                }
                let n = next_id();
                shape(&mut shapes, n, "Rectangle", "rect", *rect, *fill);
            }
            Item::Circle { cx, cy, r, fill } => {
                let n = next_id();
                let rect = Rect::new(cx - r, cy - r, 2.0 * r, 2.0 * r);
                shape(&mut shapes, n, "Oval", "ellipse", rect, *fill);
            }
            Item::Polyline {
                points,
                width,
                color,
            } => {
                let n = next_id();
                polyline(&mut shapes, n, points, *width, *color);
            }
            Item::Image {
                rect,
                image,
                alt,
                decorative,
                clip,
                ..
            } => {
                // The whole picture, of which a cropped one shows a part.
                let (file, svg) = media.add(image, (rect.w, rect.h))?;
                let blip = rels.add(&format!("{REL}/image"), &format!("../media/{file}"), false);
                let svg =
                    svg.map(|s| rels.add(&format!("{REL}/image"), &format!("../media/{s}"), false));
                let n = next_id();
                picture(
                    &mut shapes,
                    n,
                    *rect,
                    *clip,
                    &blip,
                    svg.as_deref(),
                    alt.as_deref(),
                    *decorative,
                );
            }
            Item::TextBox(b) => {
                let n = next_id();
                text_box(&mut shapes, n, b, lang, rels, families);
            }
            Item::Text(run) if !run.boxed => {
                // Runs on one baseline, one after another, are one line of text.
                let mut line = vec![run];
                while let Some(Item::Text(next)) = items.peek() {
                    let same = !next.boxed
                        && (next.y - run.y).abs() < 0.01
                        && next.size == run.size
                        && next.semantic == run.semantic
                        && Arc::ptr_eq(&next.text, &run.text);
                    if !same {
                        break;
                    }
                    line.push(next);
                    items.next();
                }
                let n = next_id();
                text_line(&mut shapes, n, &line, lang, families);
            }
            Item::Text(_) | Item::Link { .. } | Item::Figure { .. } => {}
        }
    }
    Ok(format!(
        "{XML_HEAD}<p:sld {NS}><p:cSld>{}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
        empty_tree(&shapes)
    ))
}

fn xfrm(rect: Rect) -> String {
    format!(
        "<a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
        emu(rect.x),
        emu(rect.y),
        emu(rect.w.max(0.0)),
        emu(rect.h.max(0.0))
    )
}

fn shape(out: &mut String, id: u32, name: &str, geometry: &str, rect: Rect, fill: Rgb) {
    let _ = write!(
        out,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>\
         <p:spPr>{}<a:prstGeom prst=\"{geometry}\"><a:avLst/></a:prstGeom>\
         <a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
        xfrm(rect),
        hex(fill)
    );
}

fn polyline(out: &mut String, id: u32, points: &[(f32, f32)], width: f32, color: Rgb) {
    let Some(&(x0, y0)) = points.first() else {
        return;
    };
    let (mut x1, mut y1, mut x2, mut y2) = (x0, y0, x0, y0);
    for &(x, y) in points {
        x1 = x1.min(x);
        y1 = y1.min(y);
        x2 = x2.max(x);
        y2 = y2.max(y);
    }
    let rect = Rect::new(x1, y1, x2 - x1, y2 - y1);
    let (w, h) = (emu(rect.w).max(1), emu(rect.h).max(1));
    let mut path = String::new();
    for (i, &(x, y)) in points.iter().enumerate() {
        let pt = format!("<a:pt x=\"{}\" y=\"{}\"/>", emu(x - x1), emu(y - y1));
        if i == 0 {
            let _ = write!(path, "<a:moveTo>{pt}</a:moveTo>");
        } else {
            let _ = write!(path, "<a:lnTo>{pt}</a:lnTo>");
        }
    }
    let _ = write!(
        out,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Line {id}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>\
         <p:spPr>{}<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l=\"0\" t=\"0\" r=\"r\" b=\"b\"/>\
         <a:pathLst><a:path w=\"{w}\" h=\"{h}\" fill=\"none\">{path}</a:path></a:pathLst></a:custGeom>\
         <a:noFill/><a:ln w=\"{}\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill><a:round/></a:ln>\
         </p:spPr></p:sp>",
        xfrm(rect),
        emu(width),
        hex(color)
    );
}

#[allow(clippy::too_many_arguments)]
fn picture(
    out: &mut String,
    id: u32,
    rect: Rect,
    clip: Option<Rect>,
    blip: &str,
    svg: Option<&str>,
    alt: Option<&str>,
    decorative: bool,
) {
    // A cropped picture: the frame is the part shown, the source rectangle says which part.
    let (frame, crop) = match clip {
        Some(c) if rect.w > 0.0 && rect.h > 0.0 => {
            let pct = |v: f32, whole: f32| ((v / whole) * 100_000.0).round() as i64;
            (
                c,
                format!(
                    "<a:srcRect l=\"{}\" t=\"{}\" r=\"{}\" b=\"{}\"/>",
                    pct(c.x - rect.x, rect.w),
                    pct(c.y - rect.y, rect.h),
                    pct(rect.right() - c.right(), rect.w),
                    pct(rect.bottom() - c.bottom(), rect.h)
                ),
            )
        }
        _ => (rect, String::new()),
    };
    let descr = alt.map_or_else(String::new, |a| format!(" descr=\"{}\"", esc(a)));
    let decor = if decorative {
        "<a:extLst><a:ext uri=\"{C183D7F6-B498-43B3-948B-1728B52AA6E4}\">\
         <adec:decorative xmlns:adec=\"http://schemas.microsoft.com/office/drawing/2017/decorative\" val=\"1\"/>\
         </a:ext></a:extLst>"
    } else {
        ""
    };
    let svg = svg.map_or_else(String::new, |s| {
        format!(
            "<a:extLst><a:ext uri=\"{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}\">\
             <asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"{s}\"/>\
             </a:ext></a:extLst>"
        )
    });
    let _ = write!(
        out,
        "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"Picture {id}\"{descr}>{decor}</p:cNvPr>\
         <p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>\
         <p:blipFill><a:blip r:embed=\"{blip}\">{svg}</a:blip>{crop}<a:stretch><a:fillRect/></a:stretch></p:blipFill>\
         <p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
        xfrm(frame)
    );
}

const BODY_PR: &str = "lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" rtlCol=\"0\" anchor=\"t\"";

/// A flow's paragraphs as one text box.
fn text_box(
    out: &mut String,
    id: u32,
    b: &TextBox,
    lang: &str,
    rels: &mut Rels,
    families: &mut Families,
) {
    let mut body = String::new();
    for p in &b.paragraphs {
        paragraph(&mut body, p, lang, rels, families);
    }
    text_shape(out, id, b.rect, "square", &body);
}

/// A text box shape holding `body` (its paragraphs), no insets, no fill, no autofit; `wrap`
/// is `square` (lines break at its width) or `none`.
fn text_shape(out: &mut String, id: u32, rect: Rect, wrap: &str, body: &str) {
    let _ = write!(
        out,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"TextBox {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
         <p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>\
         <p:txBody><a:bodyPr wrap=\"{wrap}\" {BODY_PR}><a:noAutofit/></a:bodyPr><a:lstStyle/>{body}</p:txBody></p:sp>",
        xfrm(rect)
    );
}

/// A string's language as Office writes it; numbers and symbols (`und`) take the deck's.
fn lang_or(lang: &str, doc_lang: &str) -> String {
    if lang.is_empty() || lang == "und" {
        doc_lang.to_string()
    } else {
        crate::locale::office(lang)
    }
}

/// The alignment attribute: the frames' start and end are the paragraph's own sides.
fn algn(align: Align, rtl: bool) -> &'static str {
    match (align, rtl) {
        (Align::Center, _) => "ctr",
        (Align::Start, false) | (Align::End, true) => "l",
        (Align::Start, true) | (Align::End, false) => "r",
    }
}

fn paragraph(
    out: &mut String,
    p: &Paragraph,
    doc_lang: &str,
    rels: &mut Rels,
    families: &mut Families,
) {
    let lang = lang_or(&p.lang, doc_lang);
    let mut ppr = format!(
        "<a:pPr algn=\"{}\"{}",
        algn(p.align, p.rtl),
        if p.rtl { " rtl=\"1\"" } else { " rtl=\"0\"" }
    );
    if let Some(bullet) = &p.bullet {
        let _ = write!(
            ppr,
            " marL=\"{}\" indent=\"{}\" lvl=\"{}\"",
            emu(bullet.indent),
            -emu(bullet.indent - bullet.marker_at),
            bullet.depth.min(8)
        );
    }
    let _ = write!(
        ppr,
        "><a:lnSpc><a:spcPts val=\"{}\"/></a:lnSpc><a:spcBef><a:spcPts val=\"0\"/></a:spcBef>\
         <a:spcAft><a:spcPts val=\"{}\"/></a:spcAft>",
        centipoints(p.line_height),
        centipoints(p.space_after)
    );
    match &p.bullet {
        Some(bullet) => {
            let face = p
                .fonts
                .latin
                .as_ref()
                .and_then(|f| families.of(f))
                .map_or_else(|| "+mn-lt".to_string(), |f| esc(&f));
            let _ = write!(
                ppr,
                "<a:buClr><a:srgbClr val=\"{}\"/></a:buClr><a:buSzPct val=\"100000\"/>\
                 <a:buFont typeface=\"{face}\"/><a:buChar char=\"{}\"/>",
                hex(bullet.color),
                esc(&bullet.marker)
            );
        }
        None => ppr.push_str("<a:buNone/>"),
    }
    ppr.push_str("</a:pPr>");
    let _ = write!(out, "<a:p>{ppr}");
    let faces = Faces::of(p, families);
    for piece in &p.pieces {
        // Line breaks in the text are breaks in the paragraph.
        for (i, part) in piece.text.split('\n').enumerate() {
            if i > 0 {
                let _ = write!(out, "<a:br>{}</a:br>", rpr(p, piece, &lang, &faces, None));
            }
            if part.is_empty() {
                continue;
            }
            let link = piece
                .link
                .as_ref()
                .map(|url| rels.add(&format!("{REL}/hyperlink"), url, true));
            let _ = write!(
                out,
                "<a:r>{}<a:t>{}</a:t></a:r>",
                rpr(p, piece, &lang, &faces, link.as_deref()),
                esc(part)
            );
        }
    }
    let _ = write!(
        out,
        "<a:endParaRPr lang=\"{lang}\" sz=\"{}\" dirty=\"0\"/></a:p>",
        centipoints(p.size)
    );
}

/// A paragraph's faces by slot, as family names.
struct Faces {
    latin: Option<String>,
    east_asian: Option<String>,
    complex: Option<String>,
    code: Option<String>,
}

impl Faces {
    fn of(p: &Paragraph, families: &mut Families) -> Faces {
        let mut name = |f: &Option<FontHandle>| f.as_ref().and_then(|f| families.of(f));
        Faces {
            latin: name(&p.fonts.latin),
            east_asian: name(&p.fonts.east_asian),
            complex: name(&p.fonts.complex),
            code: name(&p.fonts.code),
        }
    }
}

fn rpr(p: &Paragraph, piece: &Piece, lang: &str, faces: &Faces, link: Option<&str>) -> String {
    let mut s = format!("<a:rPr lang=\"{lang}\"");
    if lang.starts_with("zh") || lang.starts_with("ja") || lang.starts_with("ko") {
        s.push_str(" altLang=\"en-US\"");
    }
    let size = if piece.code { p.size * 0.9 } else { p.size };
    let _ = write!(s, " sz=\"{}\"", centipoints(size));
    if p.bold || piece.bold {
        s.push_str(" b=\"1\"");
    }
    if piece.italic {
        s.push_str(" i=\"1\"");
    }
    if link.is_some() {
        s.push_str(" u=\"sng\"");
    }
    let _ = write!(
        s,
        " dirty=\"0\"><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill>",
        hex(p.color)
    );
    let latin = if piece.code {
        faces.code.as_ref().or(faces.latin.as_ref())
    } else {
        faces.latin.as_ref()
    };
    if let Some(f) = latin {
        let _ = write!(s, "<a:latin typeface=\"{}\"/>", esc(f));
    }
    if let Some(f) = &faces.east_asian {
        let _ = write!(s, "<a:ea typeface=\"{}\"/>", esc(f));
    }
    if let Some(f) = &faces.complex {
        let _ = write!(s, "<a:cs typeface=\"{}\"/>", esc(f));
    }
    if let Some(id) = link {
        let _ = write!(s, "<a:hlinkClick r:id=\"{id}\"/>");
    }
    if p.rtl {
        s.push_str("<a:rtl val=\"1\"/>");
    }
    s.push_str("</a:rPr>");
    s
}

/// Glyph runs set outside a flow, on one baseline: a text box of one line where they stood,
/// each run (a colour, a face) one run of the box.
fn text_line(
    out: &mut String,
    id: u32,
    line: &[&TextRun],
    doc_lang: &str,
    families: &mut Families,
) {
    let first = line[0];
    let size = first.size;
    let (mut x1, mut x2) = (f32::MAX, f32::MIN);
    for run in line {
        let w: f32 = run.glyphs.iter().map(|g| g.advance * run.size).sum();
        x1 = x1.min(run.x);
        x2 = x2.max(run.x + w);
    }
    // In logical order: every run indexes the same paragraph text; a run's text reaches to
    // where the next one starts (the spaces between them included).
    let span = |r: &TextRun| {
        let start = r.glyphs.iter().map(|g| g.range.start).min().unwrap_or(0);
        let end = r.glyphs.iter().map(|g| g.range.end).max().unwrap_or(0);
        (start, end)
    };
    let mut runs: Vec<(usize, usize, &TextRun)> = line
        .iter()
        .map(|r| {
            let (s, e) = span(r);
            (s, e, *r)
        })
        .collect();
    runs.sort_by_key(|(s, _, _)| *s);
    let lang = lang_or(first.lang.as_deref().unwrap_or(""), doc_lang);
    let rtl = first.rtl;
    let mut body = String::new();
    for (i, (start, end, run)) in runs.iter().enumerate() {
        let to = runs.get(i + 1).map_or(*end, |next| next.0.max(*start));
        let mut text = run.text.get(*start..to).unwrap_or("");
        if i + 1 == runs.len() {
            text = text.trim_end();
        }
        if text.is_empty() {
            continue;
        }
        let face = families.of(&run.font).map_or_else(String::new, |f| {
            let f = esc(&f);
            format!("<a:latin typeface=\"{f}\"/><a:ea typeface=\"{f}\"/><a:cs typeface=\"{f}\"/>")
        });
        let _ = write!(
            body,
            "<a:r><a:rPr lang=\"{lang}\" sz=\"{}\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill>{face}{}</a:rPr>\
             <a:t>{}</a:t></a:r>",
            centipoints(run.size),
            hex(run.color),
            if rtl { "<a:rtl val=\"1\"/>" } else { "" },
            esc(text)
        );
    }
    if body.is_empty() {
        return;
    }
    // The box is the line's height around its baseline, a little wider than its glyphs so
    // another program's metrics do not wrap it.
    let line_height = size * 1.2;
    let rect = Rect::new(
        if rtl { x1 - size * 0.5 } else { x1 },
        first.y - size * 0.95,
        x2 - x1 + size * 0.5,
        line_height,
    );
    let paragraph = format!(
        "<a:p><a:pPr algn=\"{}\" rtl=\"{}\"><a:lnSpc><a:spcPts val=\"{}\"/></a:lnSpc><a:buNone/></a:pPr>{body}</a:p>",
        if rtl { "r" } else { "l" },
        u8::from(rtl),
        centipoints(line_height),
    );
    text_shape(out, id, rect, "none", &paragraph);
}
