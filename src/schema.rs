//! The JSON Schema of the deck format, for editors (taplo, VS Code's TOML extensions) to
//! complete and check `deck.toml`, and for the key checker (`deck/keys.rs`), which walks it.
//! It is derived from the serde types that parse a deck (`deck/raw.rs`): one definition.

use crate::deck::raw::RawDeck;
use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use serde_json::Value;
use std::sync::OnceLock;

/// TOML has no null: an optional key is one that may be left out, not one that may be null.
/// And a doc comment's wrapped lines are one line of description.
#[derive(Clone)]
struct ForToml;

impl Transform for ForToml {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(Value::String(text)) = schema.get_mut("description") {
            *text = text.replace('\n', " ");
        }
        if let Some(Value::Array(types)) = schema.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let only = types[0].clone();
                schema.insert("type".into(), only);
            }
        }
        if let Some(Value::Array(options)) = schema.get_mut("anyOf") {
            options.retain(|o| o.get("type").is_none_or(|t| t != "null"));
        }
        transform_subschemas(self, schema);
    }
}

/// The schema as a JSON value.
pub fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut settings = SchemaSettings::draft07();
        settings.transforms.push(Box::new(ForToml));
        let schema = settings.into_generator().into_root_schema_for::<RawDeck>();
        let mut value = schema.to_value();
        value["$id"] = "https://deckgen.invalid/deck.schema.json".into();
        value
    })
}

/// The schema, pretty-printed.
pub fn schema_json() -> String {
    serde_json::to_string_pretty(schema()).expect("a JSON value serializes")
}
