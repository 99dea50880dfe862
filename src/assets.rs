//! The one seam to the outside world: files read relative to the deck, decoded and checked.
//!
//! In: paths as the deck names them. Out: bytes, decoded images (with size limits enforced before
//! decoding) and parsed SVG trees, or a message saying what is wrong with the file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The largest raster image accepted, per side, in pixels. Checked from the header, before decoding.
pub const MAX_IMAGE_SIDE: u32 = 16_384;
/// The largest raster image accepted, in pixels (width x height).
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;
/// The most bytes one decoded raster image may take (16-bit RGBA at 50 MP would be 400 MB).
pub const MAX_IMAGE_DECODED_BYTES: u64 = 256 * 1024 * 1024;
/// The most raster pixels a whole deck may hold, all images together.
pub const MAX_DECK_PIXELS: u64 = 200_000_000;
/// The most pixels a deck's SVG filters may be rasterized at, all together, counting each
/// filter primitive once (a blur over 25 million pixels takes seconds).
pub const MAX_FILTER_PIXELS: u64 = 16_000_000;
/// The largest file deckgen reads as an image or a font.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The largest text file deckgen reads: a deck, a theme or a catalog.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the files a deck names: relative to a base folder, never outside the project's root,
/// regular files only, each with a size cap. Remembers every file it resolved, so a command
/// knows its inputs (never to overwrite them, and for `watch` to follow them).
#[derive(Debug, Clone)]
pub struct World {
    /// Nothing outside this folder is read (canonical).
    root: PathBuf,
    /// Names are relative to this folder (canonical, inside `root`).
    base: PathBuf,
    inputs: Arc<Mutex<BTreeSet<PathBuf>>>,
    /// Decoded raster pixels so far, against `MAX_DECK_PIXELS`.
    pixels: Arc<Mutex<u64>>,
}

impl World {
    /// A world reading names relative to `base`, confined to `root`. Both must exist, and
    /// `base` must be inside `root`.
    pub fn new(root: &Path, base: &Path) -> Result<World, String> {
        let root = canonical_dir(root)?;
        let base = canonical_dir(base)?;
        if !base.starts_with(&root) {
            return Err(format!(
                "`{}` is outside the project root `{}`",
                base.display(),
                root.display()
            ));
        }
        Ok(World {
            root,
            base,
            inputs: Arc::default(),
            pixels: Arc::default(),
        })
    }

    /// The same world, with names relative to `base` (a file's own folder, e.g. a theme's).
    pub fn at(&self, base: &Path) -> World {
        World {
            base: base.to_path_buf(),
            ..self.clone()
        }
    }

    /// The folder nothing is read outside of.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder names are relative to.
    pub fn base(&self) -> &Path {
        &self.base
    }

    /// Every file resolved so far, canonical, sorted.
    pub fn inputs(&self) -> Vec<PathBuf> {
        lock(&self.inputs).iter().cloned().collect()
    }

    /// Note a file read by other means (the deck itself, a catalog).
    pub fn record(&self, path: &Path) {
        lock(&self.inputs).insert(path.to_path_buf());
    }

    /// The canonical path a name resolves to, inside the root; the file must exist.
    pub fn resolve(&self, name: &str) -> Result<PathBuf, FileError> {
        let path = self.confine(name, false)?;
        self.record(&path);
        Ok(path)
    }

    /// As `resolve`, without noting the file as an input (for files a command may also write,
    /// such as catalogs, which `Project::inputs` adds itself).
    pub fn locate(&self, name: &str) -> Result<PathBuf, FileError> {
        self.confine(name, false)
    }

    /// The canonical path of a folder a deck names, inside the root; it need not exist yet.
    pub fn resolve_dir(&self, name: &str) -> Result<PathBuf, FileError> {
        self.confine(name, true)
    }

    fn confine(&self, name: &str, may_be_missing: bool) -> Result<PathBuf, FileError> {
        let named = Path::new(name);
        if name.is_empty() || name.contains('\0') {
            return Err(FileError {
                code: "missing-file",
                message: "the path is empty or holds a NUL character".into(),
            });
        }
        if named.has_root() || named.is_absolute() {
            return Err(outside_root(format!(
                "`{name}` is an absolute path; name files relative to the deck, inside the \
                 project root `{}`",
                self.root.display()
            )));
        }
        let outside = || {
            outside_root(format!(
                "`{name}` is outside the project root `{}`; deckgen reads nothing outside it \
                 (`--root DIR` widens it)",
                self.root.display()
            ))
        };
        let lexical = normalize(&self.base.join(named));
        if !lexical.starts_with(&self.root) {
            return Err(outside());
        }
        match lexical.canonicalize() {
            // Symlinks are followed, and must land inside the root too.
            Ok(real) if real.starts_with(&self.root) => Ok(real),
            Ok(_) => Err(outside_root(format!(
                "`{name}` leads outside the project root `{}` through a symbolic link; deckgen \
                 reads nothing outside it (`--root DIR` widens it)",
                self.root.display()
            ))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && may_be_missing => Ok(lexical),
            Err(e) => Err(FileError {
                code: if e.kind() == std::io::ErrorKind::NotFound {
                    "missing-file"
                } else {
                    "unreadable-file"
                },
                message: io_message(&lexical, &e),
            }),
        }
    }

    /// Read a file the deck names, with a message fit for a diagnostic on failure.
    pub fn read(&self, name: &str) -> Result<Vec<u8>, FileError> {
        let path = self.resolve(name)?;
        read_file(&path, MAX_FILE_BYTES).map_err(|message| FileError {
            code: "unreadable-file",
            message,
        })
    }

    /// Load and check an SVG as `image` does, or `None` when the file is not an SVG (a raster
    /// image counts against the deck's pixels, in the deck's order: `image` loads those).
    pub fn svg(&self, name: &str, current_color: Option<&str>) -> Option<Result<Image, FileError>> {
        let data = match self.read(name) {
            Ok(data) => data,
            Err(e) => return Some(Err(e)),
        };
        looks_like_svg(&data).then(|| Image::decode(data, current_color).map_err(bad_image))
    }

    /// Load and check an image: PNG, JPEG, GIF, WebP or SVG, by content.
    pub fn image(&self, name: &str, current_color: Option<&str>) -> Result<Image, FileError> {
        let data = self.read(name)?;
        let image = Image::decode(data, current_color).map_err(bad_image)?;
        if !matches!(image.kind, ImageKind::Svg(..)) {
            let mut pixels = lock(&self.pixels);
            *pixels += (image.width * image.height) as u64;
            if *pixels > MAX_DECK_PIXELS {
                return Err(bad_image(format!(
                    "the deck's raster images hold more than {MAX_DECK_PIXELS} pixels in all \
                     (the limit, to bound memory); scale the pictures down"
                )));
            }
        }
        Ok(image)
    }
}

/// Why a file could not be had, with a message fit for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The diagnostic code: `missing-file`, `outside-root` or `unreadable-file`.
    pub code: &'static str,
    pub message: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<FileError> for String {
    fn from(e: FileError) -> String {
        e.message
    }
}

fn bad_image(message: String) -> FileError {
    FileError {
        code: "bad-image",
        message,
    }
}

fn outside_root(message: String) -> FileError {
    FileError {
        code: "outside-root",
        message,
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn canonical_dir(dir: &Path) -> Result<PathBuf, String> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    match dir.canonicalize() {
        Ok(d) if d.is_dir() => Ok(d),
        Ok(d) => Err(format!("`{}` is not a folder", d.display())),
        Err(e) => Err(io_message(dir, &e)),
    }
}

/// `a/b/../c/./d` as `a/c/d`, without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Read a regular file of at most `cap` bytes. Devices, FIFOs and folders are refused before
/// they are opened, and the cap holds while reading, whatever the metadata said.
pub fn read_file(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_message(path, &e))?;
    check_regular(path, &meta)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Never block on open, should the file have turned into a FIFO since the check.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|e| io_message(path, &e))?;
    check_regular(path, &file.metadata().map_err(|e| io_message(path, &e))?)?;
    let too_large = || format!("`{}` is larger than {cap} bytes, the limit", path.display());
    if meta.len() > cap {
        return Err(too_large());
    }
    let mut data = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1)
        .read_to_end(&mut data)
        .map_err(|e| io_message(path, &e))?;
    if data.len() as u64 > cap {
        return Err(too_large());
    }
    Ok(data)
}

/// A font file's bytes, memory-mapped where the platform allows (a 10 MB CJK face is then read
/// only where it is used: a few tables and the glyphs a deck sets), with the same checks as
/// `read_file`.
pub fn map_font(path: &Path) -> Result<crate::fonts::FontData, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(path, &e))?;
    check_regular(path, &meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "`{}` is larger than {MAX_FILE_BYTES} bytes, the limit",
            path.display()
        ));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|e| io_message(path, &e))?;
    let opened = file.metadata().map_err(|e| io_message(path, &e))?;
    check_regular(path, &opened)?;
    if opened.len() == 0 || opened.len() > MAX_FILE_BYTES {
        return read_file(path, MAX_FILE_BYTES).map(|d| Arc::new(d) as crate::fonts::FontData);
    }
    // SAFETY: the map is read-only and lives as long as the bytes are shared; a font file
    // changed by another process while deckgen runs is the one case this does not cover (as
    // with every program that maps fonts).
    match unsafe { memmap2::Mmap::map(&file) } {
        Ok(map) => Ok(Arc::new(map) as crate::fonts::FontData),
        Err(_) => read_file(path, MAX_FILE_BYTES).map(|d| Arc::new(d) as crate::fonts::FontData),
    }
}

fn check_regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), String> {
    let kind = meta.file_type();
    if kind.is_file() {
        Ok(())
    } else if kind.is_dir() {
        Err(format!("`{}` is a directory, not a file", path.display()))
    } else {
        Err(format!(
            "`{}` is not a regular file (a device, FIFO or socket); deckgen reads only files",
            path.display()
        ))
    }
}

pub fn io_message(path: &Path, err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => format!("no file at `{}`", path.display()),
        _ => format!("cannot read `{}`: {err}", path.display()),
    }
}

/// A decoded, checked image, ready for layout (its size) and export (its data).
#[derive(Debug, Clone)]
pub struct Image {
    pub kind: ImageKind,
    /// Intrinsic width and height: pixels for raster images, user units for SVG.
    pub width: f32,
    pub height: f32,
}

#[derive(Debug, Clone)]
pub enum ImageKind {
    /// A PNG, JPEG, GIF (its first frame) or WebP file, passed to the PDF as it is.
    Raster(RasterFormat, Arc<Vec<u8>>),
    /// A parsed SVG, and its source when it has text (parsed again with the deck's fonts at
    /// layout, where they are loaded).
    Svg(Arc<usvg::Tree>, Option<Arc<Vec<u8>>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RasterFormat {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl RasterFormat {
    fn name(self) -> &'static str {
        match self {
            RasterFormat::Png => "PNG",
            RasterFormat::Jpeg => "JPEG",
            RasterFormat::Gif => "GIF",
            RasterFormat::Webp => "WebP",
        }
    }

    fn image_format(self) -> image::ImageFormat {
        match self {
            RasterFormat::Png => image::ImageFormat::Png,
            RasterFormat::Jpeg => image::ImageFormat::Jpeg,
            RasterFormat::Gif => image::ImageFormat::Gif,
            RasterFormat::Webp => image::ImageFormat::WebP,
        }
    }
}

impl Image {
    /// Decode and check `data`; `current_color` (`#RRGGBB`) replaces an SVG's `currentColor`.
    pub fn decode(data: Vec<u8>, current_color: Option<&str>) -> Result<Image, String> {
        if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            Self::raster(data, RasterFormat::Png)
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Self::raster(data, RasterFormat::Jpeg)
        } else if data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a") {
            Self::raster(data, RasterFormat::Gif)
        } else if data.len() >= 12 && data.starts_with(b"RIFF") && &data[8..12] == b"WEBP" {
            Self::raster(data, RasterFormat::Webp)
        } else if looks_like_svg(&data) {
            Self::svg(&data, current_color, None)
        } else {
            Err("not a PNG, JPEG, GIF, WebP or SVG image".into())
        }
    }

    fn raster(data: Vec<u8>, raster: RasterFormat) -> Result<Image, String> {
        let name = raster.name();
        let format = raster.image_format();
        // The header alone gives the size: check it before anything is decoded or allocated.
        let size = imagesize::blob_size(&data).map_err(|e| format!("corrupt {name}: {e}"))?;
        let (w, h) = (size.width as u32, size.height as u32);
        if w == 0 || h == 0 {
            return Err(format!("corrupt {name}: it has no pixels ({w}x{h})"));
        }
        if w > MAX_IMAGE_SIDE
            || h > MAX_IMAGE_SIDE
            || u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS
        {
            return Err(format!(
                "{name} claims {w}x{h} pixels; the limit is {MAX_IMAGE_SIDE} per side and \
                 {MAX_IMAGE_PIXELS} pixels in all"
            ));
        }
        if format == image::ImageFormat::Jpeg {
            // The decoder makes up what a cut or lying file lacks: check its structure first.
            check_jpeg(&data).map_err(|e| format!("corrupt JPEG: {e}"))?;
        }
        // Decode fully once, so a truncated or corrupt file is refused here, not mid-export.
        let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&data), format);
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_IMAGE_SIDE);
        limits.max_image_height = Some(MAX_IMAGE_SIDE);
        limits.max_alloc = Some(MAX_IMAGE_DECODED_BYTES);
        reader.limits(limits);
        reader.decode().map_err(|e| match e {
            image::ImageError::Limits(_) => format!(
                "{name} of {w}x{h} pixels would take more than {} MiB decoded (the limit, to \
                 bound memory); save it with 8 bits per channel, or smaller",
                MAX_IMAGE_DECODED_BYTES >> 20
            ),
            e => format!("corrupt {name}: {e}"),
        })?;
        Ok(Image {
            kind: ImageKind::Raster(raster, Arc::new(data)),
            width: w as f32,
            height: h as f32,
        })
    }

    /// Parse an SVG; `fonts` (the deck's faces) set its text, which is otherwise left out
    /// until layout parses it again with them.
    fn svg(
        data: &[u8],
        current_color: Option<&str>,
        fonts: Option<(&Arc<usvg::fontdb::Database>, &str)>,
    ) -> Result<Image, String> {
        // Icons drawn in `currentColor` take the theme's colour instead of black.
        let recoloured;
        let data = match (current_color, std::str::from_utf8(data)) {
            (Some(color), Ok(text)) if text.contains("currentColor") => {
                recoloured = text.replace("currentColor", color);
                recoloured.as_bytes()
            }
            _ => data,
        };
        check_svg_numbers(data)?;
        let refused = std::sync::Mutex::new(Vec::<String>::new());
        let tree = {
            // Nothing is ever fetched or read: refuse every external reference, and remember it.
            let opts = usvg::Options {
                resources_dir: None,
                image_href_resolver: usvg::ImageHrefResolver {
                    resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
                    resolve_string: Box::new(|href, _| {
                        refused
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(href.to_string());
                        None
                    }),
                },
                ..usvg::Options::default()
            };
            let mut opts = opts;
            if let Some((db, family)) = fonts {
                opts.fontdb = Arc::clone(db);
                opts.font_family = family.to_string();
            }
            usvg::Tree::from_data(data, &opts).map_err(|e| format!("corrupt SVG: {e}"))?
        };
        let refused = refused.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(href) = refused.first() {
            return Err(format!(
                "the SVG refers to an external file or URL (`{href}`); deckgen fetches nothing: \
                 embed the image in the SVG or use the file directly"
            ));
        }
        let size = tree.size();
        let text = has_text(data).then(|| Arc::new(data.to_vec()));
        Ok(Image {
            kind: ImageKind::Svg(Arc::new(tree), text),
            width: size.width(),
            height: size.height(),
        })
    }
}

impl Image {
    /// This SVG with its text set in `fonts` (the deck's faces), or itself when it has none.
    pub fn with_fonts(
        &self,
        fonts: &Arc<usvg::fontdb::Database>,
        family: &str,
    ) -> Result<Option<Image>, String> {
        match &self.kind {
            // The source is already recoloured: no `currentColor` is left to replace.
            ImageKind::Svg(_, Some(source)) => {
                Self::svg(source, None, Some((fonts, family))).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// The text of an SVG's `<text>` elements, one string per element, read from its source
    /// (so text no font can set is still found).
    pub fn svg_texts(&self) -> Vec<String> {
        let ImageKind::Svg(_, Some(source)) = &self.kind else {
            return Vec::new();
        };
        let Ok(text) = std::str::from_utf8(source) else {
            return Vec::new();
        };
        let Ok(doc) = usvg::roxmltree::Document::parse(text) else {
            return Vec::new();
        };
        doc.descendants()
            .filter(|n| n.tag_name().name() == "text")
            .map(|n| {
                n.descendants()
                    .filter(|d| d.is_text())
                    .filter_map(|d| d.text())
                    .collect::<String>()
            })
            .collect()
    }
}

/// The characters of an SVG's laid-out text that came out as no glyph (a font's `.notdef`).
pub fn svg_notdef(image: &Image) -> Vec<char> {
    fn walk(group: &usvg::Group, out: &mut Vec<char>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => {
                    for span in t.layouted() {
                        for g in span.positioned_glyphs.iter().filter(|g| g.id.0 == 0) {
                            out.extend(g.text.chars().filter(|c| !c.is_whitespace()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    if let ImageKind::Svg(tree, _) = &image.kind {
        walk(tree.root(), &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether an SVG has text elements (`<text>`, or `<svg:text>` with a prefix).
fn has_text(data: &[u8]) -> bool {
    data.windows(5).any(|w| w == b"<text" || w == b":text")
}

/// The largest number an SVG may hold. An arc of radius 4e35 in a 500-byte icon kept the SVG
/// library converting it to curves for minutes; no drawing needs coordinates this large.
pub const MAX_SVG_NUMBER: f64 = 1e9;

/// Refuse an SVG with a number beyond `MAX_SVG_NUMBER` (in any attribute or style), before it is
/// parsed.
fn check_svg_numbers(data: &[u8]) -> Result<(), String> {
    let mut i = 0;
    while i < data.len() {
        // A colour (`#1f4e79`) or a name with digits (`grad1e10`) holds no number; a path
        // command letter right before digits (`a3`) does start one.
        let word = data[i] == b'#'
            || (data[i].is_ascii_alphabetic() && !b"MmLlHhVvCcSsQqTtAaZz".contains(&data[i]))
            || data[i] == b'_';
        if word {
            i += 1;
            while i < data.len() && (data[i].is_ascii_alphanumeric() || data[i] == b'_') {
                i += 1;
            }
            continue;
        }
        if !data[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // A number: digits, a fraction, an exponent.
        let start = i;
        while i < data.len() && (data[i].is_ascii_digit() || data[i] == b'.') {
            i += 1;
        }
        if i < data.len() && matches!(data[i], b'e' | b'E') {
            let mut j = i + 1;
            if j < data.len() && matches!(data[j], b'+' | b'-') {
                j += 1;
            }
            if j < data.len() && data[j].is_ascii_digit() {
                while j < data.len() && data[j].is_ascii_digit() {
                    j += 1;
                }
                i = j;
            }
        }
        let token = String::from_utf8_lossy(&data[start..i]);
        // `1.2.3` is two numbers in path data: the first dot ends the first.
        let value = token
            .split_once('.')
            .map_or(token.as_ref(), |(int, rest)| {
                if rest.contains('.') {
                    int
                } else {
                    token.as_ref()
                }
            })
            .parse::<f64>()
            .unwrap_or(0.0);
        if value.abs() > MAX_SVG_NUMBER {
            let shown: String = token.chars().take(24).collect();
            return Err(format!(
                "the SVG holds a number too large to draw (`{shown}`); numbers beyond \
                 {MAX_SVG_NUMBER:e} are refused"
            ));
        }
    }
    Ok(())
}

impl Image {
    /// How many pixels the PDF writer will rasterize this SVG's filters at when the image is
    /// drawn `width` points wide, times the primitives each filter runs; 0 for other images.
    /// (krilla-svg draws a filtered group as a bitmap at 4x its size on the page, at most 5000
    /// pixels a side.)
    pub fn filter_pixels(&self, width: f32) -> u64 {
        match &self.kind {
            ImageKind::Svg(tree, _) => filter_pixels(tree, width / self.width.max(1e-3)),
            _ => 0,
        }
    }
}

fn filter_pixels(tree: &usvg::Tree, page_scale: f32) -> u64 {
    fn walk(group: &usvg::Group, page_scale: f32, total: &mut u64) {
        if !group.filters().is_empty() {
            let bbox = group.abs_layer_bounding_box();
            let (w, h) = (bbox.width(), bbox.height());
            let longest = w.max(h);
            let raster = (longest * page_scale * 4.0).min(5000.0) / longest;
            let pixels = (w * raster) as u64 * (h * raster) as u64;
            let primitives: usize = group.filters().iter().map(|f| f.primitives().len()).sum();
            *total = total.saturating_add(pixels.saturating_mul(primitives.max(1) as u64));
        }
        for child in group.children() {
            if let usvg::Node::Group(g) = child {
                walk(g, page_scale, total);
            }
        }
    }
    let mut total = 0;
    walk(tree.root(), page_scale, &mut total);
    total
}

/// Walk a JPEG's markers from start to end of image: every segment whole, every scan's data
/// followed by a marker, an end-of-image marker at the end, and enough scan data for the
/// picture its frame header claims (Huffman coding spends at least two bits on each 8x8 block
/// of a baseline image, one on each block of a progressive one's first scan).
fn check_jpeg(data: &[u8]) -> Result<(), String> {
    let cut = |place: &str| format!("the file ends {place} (cut short?)");
    let mut at = 2; // after SOI
    let mut scan_bytes = 0u64;
    let mut least_bits = 0u64;
    loop {
        // Fill bytes (0xFF runs) may stand before a marker.
        while data.get(at) == Some(&0xFF) && data.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (data.get(at), data.get(at + 1)) else {
            return Err(cut("before its end-of-image marker"));
        };
        at += 2;
        match marker {
            0xD9 => break,
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let segment = match (data.get(at), data.get(at + 1)) {
            (Some(&hi), Some(&lo)) => usize::from(hi) << 8 | usize::from(lo),
            _ => 0,
        };
        let Some(body) = data
            .get(at + 2..at + segment.max(2))
            .filter(|_| segment >= 2)
        else {
            return Err(cut("inside a segment"));
        };
        at += segment;
        match marker {
            // Huffman frames: baseline, extended, progressive.
            0xC0..=0xC2 => {
                let bits_per_block = if marker == 0xC2 { 1 } else { 2 };
                least_bits = frame_blocks(body).ok_or("a malformed frame header")? * bits_per_block;
            }
            0xDA => {
                // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or
                // a restart marker.
                let start = at;
                loop {
                    match data.get(at..at + 2) {
                        None => return Err(cut("inside the picture data")),
                        Some([0xFF, next]) if *next != 0 && !(0xD0..=0xD7).contains(next) => break,
                        _ => at += 1,
                    }
                }
                scan_bytes += (at - start) as u64;
            }
            _ => {}
        }
    }
    if scan_bytes * 8 < least_bits {
        return Err("its header claims a larger picture than its data holds".into());
    }
    Ok(())
}

/// The number of 8x8 blocks of every component of a frame (SOFn segment body).
fn frame_blocks(body: &[u8]) -> Option<u64> {
    let height = u64::from(u16::from_be_bytes([*body.get(1)?, *body.get(2)?]));
    let width = u64::from(u16::from_be_bytes([*body.get(3)?, *body.get(4)?]));
    let count = usize::from(*body.get(5)?);
    let factors: Vec<(u64, u64)> = (0..count)
        .map(|i| {
            body.get(7 + 3 * i)
                .map(|f| (u64::from(f >> 4), u64::from(f & 15)))
        })
        .collect::<Option<_>>()?;
    let h_max = factors.iter().map(|f| f.0).max()?.max(1);
    let v_max = factors.iter().map(|f| f.1).max()?.max(1);
    Some(
        factors
            .iter()
            .map(|(h, v)| (width * h).div_ceil(8 * h_max) * (height * v).div_ceil(8 * v_max))
            .sum(),
    )
}

fn looks_like_svg(data: &[u8]) -> bool {
    let head = &data[..data.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    head.contains("<svg") || head.trim_start().starts_with("<?xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_unknown_formats() {
        let err = Image::decode(b"BM6.......".to_vec(), None).unwrap_err();
        assert_eq!(err, "not a PNG, JPEG, GIF, WebP or SVG image");
        let err = Image::decode(b"GIF89a....".to_vec(), None).unwrap_err();
        assert!(err.starts_with("corrupt GIF"), "{err}");
    }

    #[test]
    fn colours_and_names_are_not_numbers() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect id="grad1e10" width="4" height="4" fill="#1f4e79"/></svg>"##;
        assert!(Image::decode(svg.to_vec(), None).is_ok());
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><path d="M1 1a1e40 1 0 1 0 4 0"/></svg>"#;
        assert!(
            Image::decode(svg.to_vec(), None).is_err(),
            "a path command starts a number"
        );
    }

    #[test]
    fn gif_and_webp_are_pictures() {
        let picture = image::RgbaImage::from_fn(30, 20, |x, y| {
            image::Rgba([x as u8 * 8, y as u8 * 12, 90, 255])
        });
        for (format, raster) in [
            (image::ImageFormat::Gif, RasterFormat::Gif),
            (image::ImageFormat::WebP, RasterFormat::Webp),
        ] {
            let mut bytes = std::io::Cursor::new(Vec::new());
            picture.write_to(&mut bytes, format).unwrap();
            let decoded = Image::decode(bytes.into_inner(), None).unwrap();
            assert!(matches!(decoded.kind, ImageKind::Raster(f, _) if f == raster));
            assert_eq!((decoded.width, decoded.height), (30.0, 20.0));
        }
    }

    #[test]
    fn svg_with_absurd_numbers_is_refused_before_parsing() {
        // Found by the `svg` fuzz target: this arc kept usvg busy for minutes.
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><path d="M12 15a3 3 0 1 0 444444444444444444444444444444444446 0" stroke="black"/></svg>"#;
        let err = Image::decode(svg.to_vec(), None).unwrap_err();
        assert!(err.contains("number too large"), "{err}");
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><circle r="1e40"/></svg>"#;
        assert!(Image::decode(svg.to_vec(), None).is_err());
        // Ordinary numbers, fractions and exponents pass.
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><path d="M1.5.5L2e2 3E-4z"/></svg>"#;
        assert!(Image::decode(svg.to_vec(), None).is_ok());
    }

    #[test]
    fn svg_keeps_its_size() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30"/></svg>"#;
        let img = Image::decode(svg.to_vec(), None).unwrap();
        assert_eq!((img.width, img.height), (40.0, 30.0));
    }

    #[test]
    fn svg_with_external_reference_is_refused() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="4" height="4"><image xlink:href="https://example.com/x.png" width="4" height="4"/></svg>"#;
        let err = Image::decode(svg.to_vec(), None).unwrap_err();
        assert!(
            err.contains("external file or URL (`https://example.com/x.png`)"),
            "{err}"
        );
    }
}
