//! The JSON Schema of each JSONL file, generated from the Rust type every line of it is
//! serialized from (`schemars`, deriving `JsonSchema` beside `Serialize`): `documents.jsonl` →
//! `documents.schema.json` beside it, and so for `clauses`, `records`, `entities` and `errors`.
//!
//! A JSONL format lists its schema file among its files and writes the schema as that file's
//! header ([`super::Format::headers`]): the schema is staged, committed and listed in `run.json`
//! with the file it describes, and a run that writes `clauses.jsonl` ships
//! `clauses.schema.json`.
//!
//! The schemas describe what polex *writes* (schemars' serialize contract): every field is
//! required (an `Option` is written as `null`, never left out) except those serde skips when
//! empty (`Practice.name`); the closed sets of `model::kinds` are `enum`s; every object is
//! closed (`additionalProperties: false`, also on `Document`, whose parts are
//! `#[serde(flatten)]`ed into one object). Draft 2020-12.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;

/// The schema file of a JSONL file: `documents.jsonl` → `documents.schema.json`.
pub fn file_of(jsonl: &str) -> String {
    format!("{}.schema.json", jsonl.trim_end_matches(".jsonl"))
}

/// The JSON Schema of the lines of `jsonl` (a file name), made from `T`, with `description`.
pub fn schema_of<T: JsonSchema>(jsonl: &str, description: &str) -> Value {
    let schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut v = schema.to_value();
    close_objects(&mut v);
    let o = v.as_object_mut().expect("a struct's schema is an object");
    o.insert("title".into(), format!("one line of {jsonl}").into());
    o.insert("description".into(), description.into());
    v
}

/// The bytes of the schema file of `jsonl` (pretty JSON, one newline at the end).
pub fn schema_file<T: JsonSchema>(jsonl: &str, description: &str) -> Vec<u8> {
    let mut b = serde_json::to_vec_pretty(&schema_of::<T>(jsonl, description))
        .expect("serializing to memory cannot fail");
    b.push(b'\n');
    b
}

/// The headers of a format that writes `jsonl` and its schema file, in that order: nothing for
/// the JSONL file, the schema of `T` for the schema file.
pub fn jsonl_headers<T: JsonSchema>(jsonl: &str, description: &str) -> Vec<Vec<u8>> {
    vec![Vec::new(), schema_file::<T>(jsonl, description)]
}

/// Every object schema (one with `properties`) allows no other property: polex's records are
/// closed. schemars leaves the parts a struct flattens open (the outer struct decides): here the
/// outer struct is closed too.
fn close_objects(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if o.get("properties").is_some_and(Value::is_object) {
                o.remove("unevaluatedProperties");
                o.insert("additionalProperties".into(), false.into());
            }
            o.values_mut().for_each(close_objects);
        }
        Value::Array(a) => a.iter_mut().for_each(close_objects),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    /// The properties of an object schema, following a `$ref` into `$defs`.
    fn props<'a>(root: &'a Value, s: &'a Value) -> &'a serde_json::Map<String, Value> {
        let s = match s["$ref"].as_str() {
            Some(r) => &root["$defs"][r.trim_start_matches("#/$defs/")],
            None => s,
        };
        s["properties"].as_object().expect("an object schema")
    }

    #[test]
    fn the_document_schema_is_flat_closed_and_requires_every_field() {
        let s = schema_of::<Document>("documents.jsonl", "d");
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/000_73a257b880c7e22b.txt"
        ))
        .unwrap();
        let doc = crate::Engine::new().analyze(&text, Default::default());
        let line = serde_json::to_value(&doc).unwrap();
        let fields: Vec<&String> = line.as_object().unwrap().keys().collect();
        let p: Vec<&String> = props(&s, &s).keys().collect();
        assert_eq!(p.len(), fields.len());
        assert!(fields.iter().all(|f| p.contains(f)), "{p:?}");
        let required: Vec<&str> = s["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        assert_eq!(required.len(), fields.len(), "{required:?}");
        assert_eq!(s["additionalProperties"], false);
        let op = props(&s, &props(&s, &s)["findings"]["items"]);
        assert!(op.contains_key("code"));
        let practice = &s["$defs"]["Practice"];
        let req = practice["required"].as_array().unwrap();
        assert!(!req.contains(&"name".into()), "name is skipped when empty");
        assert!(req.contains(&"dpv".into()), "null is written");
        assert_eq!(practice["additionalProperties"], false);
        let kinds = &s["$defs"]["RetentionKind"]["enum"];
        assert_eq!(
            kinds.as_array().unwrap().len(),
            crate::model::RetentionKind::ALL.len()
        );
    }

    #[test]
    fn schema_files_sit_beside_their_jsonl() {
        assert_eq!(file_of("documents.jsonl"), "documents.schema.json");
        assert_eq!(file_of("errors.jsonl"), "errors.schema.json");
    }
}
