//! The JSON Schema of the deck format, for editors (taplo, VS Code's TOML extensions) to
//! complete and check `deck.toml`. It names the same keys as the deck stage accepts; a test
//! holds the two together.

use serde_json::{Value, json};

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn strings(description: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "description": description })
}

fn object(description: &str, properties: Value) -> Value {
    json!({ "type": "object", "additionalProperties": false, "description": description, "properties": properties })
}

/// The schema as a JSON value.
pub fn schema() -> Value {
    let size = object(
        "A role's size in points, the smallest size fitting may shrink it to, and the largest a sparse slide may grow it to.",
        json!({ "size": { "type": "number", "minimum": 4, "maximum": 400 }, "min": { "type": "number", "exclusiveMinimum": 0 }, "max": { "type": "number", "minimum": 4, "maximum": 400 } }),
    );
    let bullet = json!({
        "description": "A bullet: a string, or a table with its own marker and sub-bullets.",
        "anyOf": [
            { "type": "string" },
            {
                "type": "object", "additionalProperties": false, "required": ["text"],
                "properties": {
                    "text": string("The bullet's text."),
                    "marker": string("This bullet's marker, e.g. \"✓\" or \"→\"."),
                    "items": { "type": "array", "items": { "$ref": "#/definitions/bullet" }, "description": "Sub-bullets." }
                }
            }
        ]
    });
    let bullets = json!({ "type": "array", "items": { "$ref": "#/definitions/bullet" }, "description": "Bullets, nested up to three levels." });
    let panel = object(
        "A column, card, step or quadrant.",
        json!({
            "heading": string("The panel's heading."),
            "caption": string("A line under the heading (or the card's text, alone)."),
            "bullets": bullets,
            "marker": string("The marker of this panel's bullets."),
            "image": string("An image file (PNG, JPEG or SVG), relative to the deck."),
            "images": strings("Several images side by side."),
            "alt": string("What the image shows, for screen readers."),
            "number": string("The step's label, instead of 01, 02…")
        }),
    );
    let panels = |d: &str| json!({ "type": "array", "items": { "$ref": "#/definitions/panel" }, "description": d });
    let slide = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["layout"],
        "properties": {
            "layout": {
                "enum": ["title", "contents", "section", "bullets", "columns", "cards", "steps", "quadrants", "closing"],
                "description": "How the slide is laid out."
            },
            "title": string("The slide's title."),
            "subtitle": string("title, section, closing: the line under the title."),
            "date": string("title: the date as shown, e.g. \"May 2023\"."),
            "number": string("section: its number, e.g. \"01\"."),
            "heading": string("A heading above the body."),
            "lead": object("A heading, a sentence and/or bullets above the body.", json!({
                "heading": string("The lead's heading."),
                "text": string("A sentence."),
                "bullets": bullets,
                "marker": string("The marker of the lead's bullets.")
            })),
            "items": strings("contents: the numbered items."),
            "bullets": bullets,
            "marker": string("The bullet marker, default \"•\"."),
            "columns": panels("columns: 2 to 4 columns."),
            "cards": panels("cards: 1 to 6 cards."),
            "steps": panels("steps: 2 to 6 numbered steps."),
            "quadrants": panels("quadrants: exactly 4 panels."),
            "banner": string("A highlighted line along the bottom."),
            "figure": object("An image at the side of the body.", json!({
                "image": string("The image file."),
                "alt": string("What the image shows."),
                "caption": string("A caption under it.")
            })),
            "notes": string("Speaker notes."),
            "background": string("This slide's background: a colour (`#RRGGBB`, a CSS name) or an image file, drawn to cover the page."),
            "accent": string("This slide's accent colour, instead of the theme's.")
        }
    });
    let color = json!({ "type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$" });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://deckgen.invalid/deck.schema.json",
        "title": "deckgen deck",
        "description": "A slide deck for deckgen: `deckgen build deck.toml` makes the PDF.",
        "type": "object",
        "additionalProperties": false,
        "required": ["deck"],
        "properties": {
            "deck": object("The deck's metadata.", json!({
                "title": string("The deck's title: the PDF's title and first outline entry."),
                "author": string("The author or organisation."),
                "date": { "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$", "description": "An ISO date: the PDF's date." },
                "language": string("A BCP 47 tag, e.g. en, fr, zh-Hans, ar."),
                "size": { "enum": ["16:9", "4:3"], "description": "The page size." },
                "theme": string("A theme file whose [theme] this deck's [theme] overrides."),
                "footer": string("The footer line of content slides."),
                "i18n": string("The folder of translation catalogs, default \"i18n\"."),
                "edition": string("This printing's edition or version, e.g. \"2023-05\".")
            })),
            "theme": { "$ref": "#/definitions/theme" },
            "slide": { "type": "array", "items": { "$ref": "#/definitions/slide" }, "description": "The slides, in order." }
        },
        "definitions": {
            "bullet": bullet,
            "panel": panel,
            "slide": slide,
            "theme": object("Colours, fonts, sizes, margins, footer, title bars.", json!({
                "colors": object("Colours as #RRGGBB.", json!({
                    "primary": color, "accent": color, "text": color, "muted": color,
                    "panel": color, "background": color, "on_primary": color
                })),
                "fonts": {
                    "type": "object",
                    "description": "`files`: font files; every other key (`default`, a language or a script) a family list.",
                    "additionalProperties": { "type": "array", "items": { "type": "string" } }
                },
                "sizes": object("Sizes per role, in points.", json!({ "title": size, "heading": size, "body": size, "caption": size })),
                "margin": { "type": "number", "minimum": 0, "maximum": 200 },
                "footer": object("The footer.", json!({ "page_numbers": { "type": "boolean" }, "show": { "type": "boolean" } })),
                "title_bar": { "enum": ["rule", "band"] },
                "logo": { "type": "string", "description": "An image drawn at the top corner of every content slide." },
                "background": { "type": "string", "description": "Every slide's background: a colour or an image file, drawn to cover the page." },
                "body_align": { "enum": ["top", "center", "balanced"], "description": "Where a content slide's body sits when it does not fill the room below the title." },
                "edition": { "enum": ["title", "footer", "none"], "description": "Where the deck's edition is shown." }
            }))
        }
    })
}

/// The schema, pretty-printed.
pub fn schema_json() -> String {
    serde_json::to_string_pretty(&schema()).expect("a JSON value serializes")
}
