//! A small JSON Schema checker for the tests: the subset `deckgen schema` uses (type,
//! properties, additionalProperties, required, items, enum, anyOf, $ref to #/definitions).

use serde_json::Value;

/// Every place `value` breaks `schema`, as JSON-pointer-like paths with a reason.
pub fn check(root: &Value, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/definitions/");
        return check(root, &root["definitions"][name], value, path, errors);
    }
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        let ok = options.iter().any(|o| {
            let mut e = Vec::new();
            check(root, o, value, path, &mut e);
            e.is_empty()
        });
        if !ok {
            errors.push(format!("{path}: matches no alternative"));
        }
        return;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        errors.push(format!("{path}: {value} is not one of {allowed:?}"));
    }
    let ty = schema.get("type").and_then(Value::as_str);
    let type_ok = match ty {
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        _ => true,
    };
    if !type_ok {
        errors.push(format!("{path}: expected {}", ty.unwrap_or("?")));
        return;
    }
    if let Some(obj) = value.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(req.as_str().unwrap_or("")) {
                errors.push(format!("{path}: missing {req}"));
            }
        }
        for (k, v) in obj {
            let sub = format!("{path}/{k}");
            match props.and_then(|p| p.get(k)) {
                Some(s) => check(root, s, v, &sub, errors),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => errors.push(format!("{sub}: unknown key")),
                    Some(s @ Value::Object(_)) => check(root, s, v, &sub, errors),
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            check(root, items, v, &format!("{path}/{i}"), errors);
        }
    }
}

/// Check a TOML text against the schema.
pub fn check_toml(schema: &Value, toml_text: &str) -> Vec<String> {
    let value: toml::Value = toml::from_str(toml_text).expect("TOML parses");
    let json = serde_json::to_value(value).expect("TOML converts to JSON");
    let mut errors = Vec::new();
    check(schema, schema, &json, "", &mut errors);
    errors
}
