//! The one seam to the outside world: files read relative to the deck, decoded and checked.
//!
//! In: paths as the deck names them. Out: bytes, decoded images (with size limits enforced before
//! decoding) and parsed SVG trees, or a message saying what is wrong with the file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The largest raster image accepted, per side, in pixels. Checked from the header, before decoding.
pub const MAX_IMAGE_SIDE: u32 = 16_384;
/// The largest raster image accepted, in pixels (width x height).
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;
/// The largest file deckgen reads as an image or a deck.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the files a deck names, relative to the deck's folder.
#[derive(Debug, Clone)]
pub struct World {
    root: PathBuf,
}

impl World {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        World { root: root.into() }
    }

    /// The folder paths are resolved against.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path a deck-relative name resolves to.
    pub fn resolve(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Read a file, with a message fit for a diagnostic on failure.
    pub fn read(&self, name: &str) -> Result<Vec<u8>, String> {
        let path = self.resolve(name);
        let meta = std::fs::metadata(&path).map_err(|e| io_message(&path, &e))?;
        if meta.is_dir() {
            return Err(format!("`{}` is a directory, not a file", path.display()));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(format!(
                "`{}` is {} bytes; the limit is {MAX_FILE_BYTES}",
                path.display(),
                meta.len()
            ));
        }
        std::fs::read(&path).map_err(|e| io_message(&path, &e))
    }

    /// Load and check an image: PNG, JPEG or SVG, by content.
    pub fn image(&self, name: &str, current_color: Option<&str>) -> Result<Image, String> {
        let data = self.read(name)?;
        Image::decode(data, current_color)
    }
}

fn io_message(path: &Path, err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => format!("no file at `{}`", path.display()),
        _ => format!("cannot read `{}`: {err}", path.display()),
    }
}

/// A decoded, checked image, ready for layout (its size) and export (its data).
#[derive(Debug)]
pub struct Image {
    pub kind: ImageKind,
    /// Intrinsic width and height: pixels for raster images, user units for SVG.
    pub width: f32,
    pub height: f32,
}

#[derive(Debug)]
pub enum ImageKind {
    Png(Arc<Vec<u8>>),
    Jpeg(Arc<Vec<u8>>),
    Svg(Arc<usvg::Tree>),
}

impl Image {
    /// Decode and check `data`; `current_color` (`#RRGGBB`) replaces an SVG's `currentColor`.
    pub fn decode(data: Vec<u8>, current_color: Option<&str>) -> Result<Image, String> {
        if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            Self::raster(data, image::ImageFormat::Png)
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Self::raster(data, image::ImageFormat::Jpeg)
        } else if looks_like_svg(&data) {
            Self::svg(&data, current_color)
        } else {
            Err("not a PNG, JPEG or SVG image".into())
        }
    }

    fn raster(data: Vec<u8>, format: image::ImageFormat) -> Result<Image, String> {
        let name = if format == image::ImageFormat::Png {
            "PNG"
        } else {
            "JPEG"
        };
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
        // Decode fully once, so a truncated or corrupt file is refused here, not mid-export.
        let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&data), format);
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_IMAGE_SIDE);
        limits.max_image_height = Some(MAX_IMAGE_SIDE);
        limits.max_alloc = Some(MAX_IMAGE_PIXELS * 8);
        reader.limits(limits);
        reader
            .decode()
            .map_err(|e| format!("corrupt {name}: {e}"))?;
        let data = Arc::new(data);
        let kind = if format == image::ImageFormat::Png {
            ImageKind::Png(data)
        } else {
            ImageKind::Jpeg(data)
        };
        Ok(Image {
            kind,
            width: w as f32,
            height: h as f32,
        })
    }

    fn svg(data: &[u8], current_color: Option<&str>) -> Result<Image, String> {
        // Icons drawn in `currentColor` take the theme's colour instead of black.
        let recoloured;
        let data = match (current_color, std::str::from_utf8(data)) {
            (Some(color), Ok(text)) if text.contains("currentColor") => {
                recoloured = text.replace("currentColor", color);
                recoloured.as_bytes()
            }
            _ => data,
        };
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
        Ok(Image {
            kind: ImageKind::Svg(Arc::new(tree)),
            width: size.width(),
            height: size.height(),
        })
    }
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
        let err = Image::decode(b"GIF89a....".to_vec(), None).unwrap_err();
        assert_eq!(err, "not a PNG, JPEG or SVG image");
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
