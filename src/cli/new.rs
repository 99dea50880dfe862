//! `deckgen new`: a starter deck that builds as it is: a theme, one slide of each layout, the
//! images it uses (with their licenses), today's date, a `.gitignore` for the PDFs, and an
//! i18n/ folder with its template. No font files: the built-in faces serve.

use super::args::NewArgs;
use deckgen::Project;
use std::path::Path;

/// The files a new deck gets, with their bytes, built into the binary.
const FILES: &[(&str, &[u8])] = &[
    (
        "images/icons/bulb.svg",
        include_bytes!("../../images/icons/bulb.svg"),
    ),
    (
        "images/icons/users.svg",
        include_bytes!("../../images/icons/users.svg"),
    ),
    (
        "images/icons/world.svg",
        include_bytes!("../../images/icons/world.svg"),
    ),
    (
        "images/icons/LICENSE-tabler-icons.txt",
        include_bytes!("../../images/icons/LICENSE-tabler-icons.txt"),
    ),
    (
        "images/flags/np.svg",
        include_bytes!("../../images/flags/np.svg"),
    ),
    (
        "images/flags/LICENSE-flag-icons.txt",
        include_bytes!("../../images/flags/LICENSE-flag-icons.txt"),
    ),
    (
        ".gitignore",
        b"# Built by deckgen from deck.toml: `deckgen build` makes them again.\n*.pdf\n",
    ),
];

const STARTER: &str = r##"#:schema ./deck.schema.json
# A starter deck: one slide of each layout. Build it with `deckgen build`, look at it with
# `deckgen render --contact-sheet slides.png`, and translate it with `deckgen extract`.

[deck]
title = "A New Deck"
author = "Your Organisation"
date = "{ISO_DATE}"
language = "en"
size = "16:9"
footer = "Your Organisation · A New Deck"

[theme]
title_bar = "rule"
colors = { primary = "#123A63", accent = "#C0392B" }

# Fonts: deckgen's built-in Noto Sans, Noto Sans Arabic and JetBrains Mono serve as they are.
# To use your own, name the files and their families:
# [theme.fonts]
# files = ["fonts/MyFont-Regular.ttf", "fonts/MyFont-Bold.ttf"]
# default = ["My Font", "Noto Sans", "Noto Sans Arabic"]

[[slide]]
layout = "title"
title = "A New Deck"
subtitle = "Your Organisation"
date = "{SHOWN_DATE}"

[[slide]]
layout = "contents"
title = "Contents"
items = ["Why", "How", "Next steps"]

[[slide]]
layout = "section"
number = "01"
title = "Why"

[[slide]]
layout = "bullets"
title = "Three reasons"
bullets = [
  "Text stays text: selectable and searchable",
  { text = "Every script as well as English", items = ["Arabic right to left", "Chinese line breaking"] },
  "See [the README](https://example.org/deckgen) for the whole format",
]
notes = "Speaker notes go here; `deckgen build --notes pages` prints them after the slide."

[[slide]]
layout = "columns"
title = "How it works"
lead = { text = "A deck is a TOML file; deckgen lays it out and writes a PDF." }

[[slide.columns]]
image = "images/icons/bulb.svg"
alt = "Icon: a light bulb"
heading = "Write"
bullets = ["Slides in TOML", "Images beside the deck"]

[[slide.columns]]
image = "images/icons/users.svg"
alt = "Icon: a group of people"
heading = "Translate"
bullets = ["gettext catalogs", "One edition per language"]

[[slide.columns]]
image = "images/icons/world.svg"
alt = "Icon: a globe"
heading = "Publish"
bullets = ["Same input, same bytes", "PDF/A and PDF/UA"]

[[slide]]
layout = "cards"
title = "Cards"

[[slide.cards]]
image = "images/flags/np.svg"
alt = "Flag of Nepal"
heading = "A card with a flag"
caption = "And a caption under it"

[[slide.cards]]
heading = "A card without an image"
caption = "Cards in one row share one height"

[[slide]]
layout = "steps"
title = "Next steps"

[[slide.steps]]
heading = "Edit deck.toml"
bullets = ["Change a title"]

[[slide.steps]]
heading = "Build"
bullets = ["deckgen build"]

[[slide.steps]]
heading = "Translate"
bullets = ["deckgen extract"]

[[slide]]
layout = "quadrants"
title = "Quadrants"
banner = "A banner line along the bottom"

[[slide.quadrants]]
heading = "Background"
bullets = ["Where we start"]

[[slide.quadrants]]
heading = "Implementation"
bullets = ["What we do"]

[[slide.quadrants]]
heading = "Outcome"
bullets = ["What changed"]

[[slide.quadrants]]
heading = "Suggestion"
bullets = ["What comes next"]

[[slide]]
layout = "closing"
title = "Thank you!"
"##;

pub fn new(args: &NewArgs) -> i32 {
    let dir = &args.dir;
    if std::fs::symlink_metadata(dir.join("deck.toml")).is_ok() {
        say!(
            "error[output]: `{}` already exists; deckgen new never overwrites a deck",
            dir.join("deck.toml").display()
        );
        return 1;
    }
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if occupied && !args.force {
        say!(
            "error[output]: `{}` is not empty; `deckgen new` starts a deck in a new or empty \
             folder (`--force` adds the starter's files beside what is there, replacing none)",
            dir.display()
        );
        return 1;
    }
    let deck = starter_deck(today());
    let files = FILES
        .iter()
        .copied()
        .chain(std::iter::once(("deck.toml", deck.as_bytes())));
    for (name, bytes) in files {
        if let Err(e) = write(dir, name, bytes) {
            say!(
                "error[output]: cannot write `{}`: {e}",
                dir.join(name).display()
            );
            return 1;
        }
    }
    if let Err(e) = write(
        dir,
        "deck.schema.json",
        deckgen::schema::schema_json().as_bytes(),
    ) {
        say!("error[output]: cannot write the schema: {e}");
        return 1;
    }
    // The template, made from the deck just written.
    let (project, diags) = Project::open(&dir.join("deck.toml"));
    let Some(project) = project else {
        super::report::print(&diags, super::args::Format::Human);
        return 1;
    };
    let entries = deckgen::i18n::template_entries(&project.deck, "deck.toml");
    let pot = deckgen::i18n::template(&project.deck, &entries);
    if let Err(e) = write(dir, "i18n/deck.pot", pot.as_bytes()) {
        say!("error[output]: cannot write the template: {e}");
        return 1;
    }
    say!(
        "created a deck in {}\nnext: cd {} && deckgen build",
        dir.display(),
        dir.display()
    );
    0
}

/// Today's date (UTC), from the clock: a new deck is dated the day it is made.
fn today() -> (u16, u8, u8) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    deckgen::civil_date(secs)
}

/// The starter deck, dated `date`.
fn starter_deck((y, m, d): (u16, u8, u8)) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS[usize::from(m.clamp(1, 12)) - 1];
    STARTER
        .replace("{ISO_DATE}", &format!("{y:04}-{m:02}-{d:02}"))
        .replace("{SHOWN_DATE}", &format!("{d} {month} {y}"))
}

/// Write a new file; one already there (or a link) is kept as it is.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // `create_new` never follows a link planted at the name, and never truncates a file.
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut f) => f.write_all(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            say!("kept `{}` (already there)", path.display());
            Ok(())
        }
        Err(e) => Err(e),
    }
}
