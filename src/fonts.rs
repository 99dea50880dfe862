//! Where fonts come from besides the files a theme names: the faces built into deckgen, and
//! folders given with `--font-path` (or `DECKGEN_FONT_PATHS`), or the system's on request.
//!
//! In: folders. Out: font files as bytes, each with where it came from; and, for `deckgen
//! fonts`, what each face is (family, style, scripts covered).

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Font bytes shared by the text engine and the PDF writer.
pub type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// Where a font file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into deckgen.
    Builtin(&'static str),
    /// Named by the deck's theme.
    Deck(PathBuf),
    /// Found in a font folder (`--font-path`, `DECKGEN_FONT_PATHS`, `--system-fonts`).
    Folder(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Builtin(name) => write!(f, "built in ({name})"),
            Origin::Deck(p) | Origin::Folder(p) => write!(f, "{}", p.display()),
        }
    }
}

/// A font file's bytes and where they came from.
#[derive(Clone)]
pub struct FontSource {
    pub origin: Origin,
    pub data: FontData,
}

/// The faces deckgen carries, so a deck that names no fonts builds: Noto Sans (Latin, Greek,
/// Cyrillic, Devanagari; regular, bold, italic, bold italic), Noto Sans Arabic (regular, bold)
/// and JetBrains Mono for code, all under the SIL Open Font License (see CREDITS.md).
pub const BUILTIN: &[(&str, &str, &[u8])] = &[
    (
        "NotoSans-Regular.ttf",
        "Noto Sans",
        include_bytes!("../fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold.ttf",
        "Noto Sans",
        include_bytes!("../fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSans-Italic.ttf",
        "Noto Sans",
        include_bytes!("../fonts/NotoSans-Italic.ttf"),
    ),
    (
        "NotoSans-BoldItalic.ttf",
        "Noto Sans",
        include_bytes!("../fonts/NotoSans-BoldItalic.ttf"),
    ),
    (
        "NotoSansArabic-Regular.ttf",
        "Noto Sans Arabic",
        include_bytes!("../fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold.ttf",
        "Noto Sans Arabic",
        include_bytes!("../fonts/NotoSansArabic-Bold.ttf"),
    ),
    (
        "JetBrainsMono-Regular.ttf",
        "JetBrains Mono",
        include_bytes!("../fonts/JetBrainsMono-Regular.ttf"),
    ),
    (
        "JetBrainsMono-Bold.ttf",
        "JetBrains Mono",
        include_bytes!("../fonts/JetBrainsMono-Bold.ttf"),
    ),
];

/// The built-in faces whose family is not in `taken` (a deck's own Noto Sans wins).
pub fn builtin_sources(taken: &[String]) -> Vec<FontSource> {
    BUILTIN
        .iter()
        .filter(|(_, family, _)| !taken.iter().any(|t| t == family))
        .map(|(name, _, bytes)| FontSource {
            origin: Origin::Builtin(name),
            data: Arc::new(*bytes) as FontData,
        })
        .collect()
}

/// How far a font folder is searched.
const MAX_DEPTH: usize = 8;
/// The most font files taken from the font folders together.
pub const MAX_FOLDER_FONTS: usize = 4096;

/// The font files (`.ttf`, `.otf`, `.ttc`, `.otc`) in `folders` and below them, in a stable
/// order (folders as given, then by path), with a warning for each that cannot be read.
pub fn scan_folders(folders: &[PathBuf]) -> (Vec<FontSource>, Vec<String>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for folder in folders {
        if !folder.is_dir() {
            warnings.push(format!(
                "font folder `{}` is not a folder",
                folder.display()
            ));
            continue;
        }
        let mut found = Vec::new();
        walk(folder, 0, &mut found);
        found.sort();
        files.extend(found);
    }
    files.dedup();
    if files.len() > MAX_FOLDER_FONTS {
        warnings.push(format!(
            "the font folders hold {} font files; only the first {MAX_FOLDER_FONTS} are used",
            files.len()
        ));
        files.truncate(MAX_FOLDER_FONTS);
    }
    let mut sources = Vec::new();
    for path in files {
        match crate::assets::map_font(&path) {
            Ok(data) => sources.push(FontSource {
                origin: Origin::Folder(path),
                data,
            }),
            Err(msg) => warnings.push(format!("font skipped: {msg}")),
        }
    }
    (sources, warnings)
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH || out.len() > MAX_FOLDER_FONTS {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Links to folders are not followed (no loops); links to files are.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, depth + 1, out);
        } else if is_font_file(&path) {
            out.push(path);
        }
    }
}

fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

/// The folders of `DECKGEN_FONT_PATHS` (separated as `PATH` is: `:` on Unix, `;` on Windows).
pub fn env_folders() -> Vec<PathBuf> {
    std::env::var_os("DECKGEN_FONT_PATHS")
        .map(|v| {
            std::env::split_paths(&v)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The system's font folders, for `--system-fonts`.
pub fn system_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        folders.push(home.join(".local/share/fonts"));
        folders.push(home.join(".fonts"));
        folders.push(home.join("Library/Fonts"));
    }
    folders.retain(|f| f.is_dir());
    folders
}

/// A face's family name: the typographic family (name ID 16) where there is one, else the
/// family (ID 1), as font pickers show it.
pub fn family_name(face: &ttf_parser::Face) -> Option<String> {
    let names = face.names();
    let get = |id| {
        names
            .into_iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
    };
    get(ttf_parser::name_id::TYPOGRAPHIC_FAMILY).or_else(|| get(ttf_parser::name_id::FAMILY))
}

/// What `deckgen fonts` says of one face.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaceInfo {
    pub family: String,
    /// e.g. `Bold Italic`, from the face's weight and slant.
    pub style: String,
    /// The codes of the scripts of `SCRIPTS` it covers.
    pub scripts: Vec<&'static str>,
    pub origin: String,
}

/// Every face of a font file, described.
pub fn describe(source: &FontSource) -> Vec<FaceInfo> {
    let bytes = (*source.data).as_ref();
    let count = ttf_parser::fonts_in_collection(bytes).unwrap_or(1);
    (0..count)
        .filter_map(|i| ttf_parser::Face::parse(bytes, i).ok())
        .map(|face| {
            let weight = face.weight().to_number();
            let mut style = match weight {
                0..=150 => "Thin",
                151..=250 => "ExtraLight",
                251..=350 => "Light",
                351..=450 => "Regular",
                451..=550 => "Medium",
                551..=650 => "SemiBold",
                651..=750 => "Bold",
                751..=850 => "ExtraBold",
                _ => "Black",
            }
            .to_string();
            if face.is_variable() {
                style = "Variable".into();
            }
            if face.is_italic() || face.is_oblique() {
                style = if style == "Regular" {
                    "Italic".into()
                } else {
                    format!("{style} Italic")
                };
            }
            let scripts = SCRIPTS
                .iter()
                .filter(|(_, _, sample)| sample.chars().all(|c| face.glyph_index(c).is_some()))
                .map(|(code, _, _)| *code)
                .collect();
            FaceInfo {
                family: family_name(&face).unwrap_or_else(|| "?".into()),
                style,
                scripts,
                origin: source.origin.to_string(),
            }
        })
        .collect()
}

/// A script a face may cover, with a few characters that stand for it.
pub const SCRIPTS: &[(&str, &str, &str)] = &[
    ("Latn", "Latin", "aeAZ"),
    ("Grek", "Greek", "αωΑΩ"),
    ("Cyrl", "Cyrillic", "адяЖ"),
    ("Arab", "Arabic", "ابتي"),
    ("Hebr", "Hebrew", "אבגש"),
    ("Deva", "Devanagari", "कखगह"),
    ("Beng", "Bengali", "কখগহ"),
    ("Thai", "Thai", "กขคง"),
    ("Khmr", "Khmer", "កខគឃ"),
    ("Hani", "Chinese (Han)", "中国的字"),
    ("Hira", "Japanese (Kana)", "あいアイ"),
    ("Hang", "Korean (Hangul)", "한국어글"),
    ("Ethi", "Ethiopic", "ሀለሐመ"),
    ("Geor", "Georgian", "აბგდ"),
    ("Armn", "Armenian", "աբգդ"),
    ("Taml", "Tamil", "அஆஇஈ"),
];

/// The script a character belongs to (Unicode's Script property, from ICU4X), for messages: its
/// ISO 15924 code and a name. Common characters (digits, punctuation) have none.
pub fn script_of(c: char) -> Option<(&'static str, &'static str)> {
    use icu_properties::props::Script;
    let script = icu_properties::CodePointMapData::<Script>::new().get(c);
    if matches!(script, Script::Common | Script::Inherited | Script::Unknown) {
        return None;
    }
    let code = icu_properties::PropertyNamesShort::<Script>::new().get(script)?;
    // Han, Hiragana, Katakana and Hangul share one advice; name them as `SCRIPTS` does.
    let code = match code {
        "Kana" => "Hira",
        other => other,
    };
    let name = SCRIPTS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|s| s.1)
        .or_else(|| icu_properties::PropertyNamesLong::<Script>::new().get(script))?;
    Some((code, name))
}

/// How to get a font for a script, for the error when no face covers a character.
pub fn how_to_add(script: Option<&str>) -> String {
    let generic = "name a font file that covers it in `[theme.fonts] files`, or pass \
                   `--font-path DIR` with a folder that holds one";
    match script {
        Some("Hani" | "Hira" | "Hang") => format!(
            "deckgen carries no CJK font (20 MB); {generic}: e.g. Debian's fonts-noto-cjk gives \
             `--font-path /usr/share/fonts/opentype/noto` (Noto Sans CJK, a .ttc), or add \
             Noto Sans SC/TC/JP/KR files to the deck's fonts/"
        ),
        Some(code) => {
            let name = SCRIPTS
                .iter()
                .find(|(c, _, _)| *c == code)
                .map_or(code, |s| s.1);
            format!("{generic}: e.g. a Noto Sans {name} file (Debian: fonts-noto-core)")
        }
        None => generic.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_of_characters() {
        assert_eq!(script_of('中').map(|s| s.0), Some("Hani"));
        assert_eq!(script_of('ب').map(|s| s.0), Some("Arab"));
        assert_eq!(script_of('ក').map(|s| s.0), Some("Khmr"));
        assert_eq!(script_of('1'), None);
        assert_eq!(script_of('ᚠ'), Some(("Runr", "Runic")));
        assert!(how_to_add(Some("Hani")).contains("--font-path"));
    }

    #[test]
    fn a_deck_family_replaces_the_builtin_one() {
        let all = builtin_sources(&[]);
        assert_eq!(all.len(), BUILTIN.len());
        let rest = builtin_sources(&["Noto Sans".to_string()]);
        assert_eq!(rest.len(), BUILTIN.len() - 4);
    }
}
