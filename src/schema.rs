//! The JSON Schema of the deck format, for editors (taplo, VS Code's TOML extensions) to
//! complete and check `deck.toml`, and for the key checker (`deck/keys.rs`), which walks it.
//! It is derived from the serde types that parse a deck (`deck/raw.rs`): one definition,
//! committed as `deck.schema.json` (`deckgen schema` writes it; a test keeps the two equal).

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

/// The schema the key checker walks: the committed `deck.schema.json`, which the tests keep
/// equal to the one the serde types generate (`generated`). Read rather than generated on
/// every build: generating it was 0.3 ms of the report's 9.4.
pub fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(COMMITTED).expect("deck.schema.json is JSON"))
}

/// `deck.schema.json` as committed.
const COMMITTED: &str = include_str!("../deck.schema.json");

/// The schema, generated from the serde types that parse a deck.
pub fn generated() -> Value {
    let mut settings = SchemaSettings::draft07();
    settings.transforms.push(Box::new(ForToml));
    let schema = settings.into_generator().into_root_schema_for::<RawDeck>();
    let mut value = schema.to_value();
    value["$id"] = "https://deckgen.invalid/deck.schema.json".into();
    value
}

/// The generated schema, pretty-printed (`deckgen schema`: what `deck.schema.json` holds).
pub fn schema_json() -> String {
    serde_json::to_string_pretty(&generated()).expect("a JSON value serializes")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_key_checker_walks_the_schema_the_types_generate() {
        assert_eq!(
            super::schema(),
            &super::generated(),
            "run `deckgen schema > deck.schema.json`"
        );
        assert_eq!(format!("{}\n", super::schema_json()), super::COMMITTED);
    }
}
