//! The public exports (`claims.json`, `claims.csv`; a contract documented in
//! `data/README.md`) and the generated Rust source.

mod common;

use common::Builder;
use serde_json::Value;
use who_backs_whom_core::load::{codegen, export};
use who_backs_whom_core::{Dataset, Relation, Stance};

/// The keys `data/README.md` promises; later versions may add, never remove.
const DATASET_KEYS: &[&str] = &["title", "as_of", "version"];
const ACTOR_KEYS: &[&str] = &["id", "name", "kind", "description", "aliases"];
const SOURCE_KEYS: &[&str] = &["id", "title", "publisher", "kind", "date", "url"];
const CLAIM_KEYS: &[&str] = &[
    "id",
    "subject",
    "relation",
    "object",
    "stance",
    "date",
    "summary",
    "attributed_to",
    "sources",
    "quote",
    "status",
];

fn json(d: &Dataset) -> Value {
    serde_json::from_str(&export::to_json(d)).expect("claims.json is JSON")
}

fn assert_has_keys(value: &Value, keys: &[&str], what: &str) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object"));
    for key in keys {
        assert!(object.contains_key(*key), "{what} has no `{key}`: {value}");
    }
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            r.expect("a well-formed row")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    (header, rows)
}

// ---------------------------------------------------------------------------
// claims.json
// ---------------------------------------------------------------------------

#[test]
fn json_has_every_contract_key() {
    for d in [common::valid().dataset, common::shipped().dataset] {
        let v = json(&d);
        assert_has_keys(
            &v,
            &["dataset", "actors", "sources", "claims"],
            "the top level",
        );
        assert_has_keys(&v["dataset"], DATASET_KEYS, "dataset");
        for (list, keys) in [
            ("actors", ACTOR_KEYS),
            ("sources", SOURCE_KEYS),
            ("claims", CLAIM_KEYS),
        ] {
            for item in v[list]
                .as_array()
                .unwrap_or_else(|| panic!("`{list}` is not a list"))
            {
                assert_has_keys(item, keys, list);
            }
        }
    }
}

#[test]
fn json_lists_every_record_in_dataset_order() {
    let d = common::shipped().dataset;
    let v = json(&d);
    let ids = |list: &str| -> Vec<String> {
        v[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids("actors"),
        d.actors
            .iter()
            .map(|a| a.id.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        ids("sources"),
        d.sources
            .iter()
            .map(|s| s.id.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(
        ids("claims"),
        d.claims
            .iter()
            .map(|c| c.id.to_string())
            .collect::<Vec<_>>()
    );
}

#[test]
fn json_claim_references_resolve_to_listed_actors_and_sources() {
    let d = common::shipped().dataset;
    let v = json(&d);
    let actor_ids: Vec<&str> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let source_ids: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for (c, claim) in v["claims"].as_array().unwrap().iter().zip(d.claims.iter()) {
        for key in ["subject", "object", "attributed_to"] {
            let id = c[key]
                .as_str()
                .unwrap_or_else(|| panic!("`{key}` is not a string: {c}"));
            assert!(actor_ids.contains(&id), "{key} `{id}` is not an actor");
        }
        assert_eq!(c["subject"], d.actor(claim.subject).id.as_ref());
        assert_eq!(c["object"], d.actor(claim.object).id.as_ref());
        assert_eq!(c["attributed_to"], d.actor(claim.attributed_to).id.as_ref());
        let sources = c["sources"].as_array().expect("a list of source ids");
        assert!(!sources.is_empty());
        for s in sources {
            assert!(
                source_ids.contains(&s.as_str().unwrap()),
                "unknown source {s}"
            );
        }
    }
}

#[test]
fn json_values_use_the_stable_vocabulary_ids_and_keep_date_precision() {
    let d = common::shipped().dataset;
    let v = json(&d);
    assert_eq!(v["dataset"]["as_of"], "2025");
    assert_eq!(v["dataset"]["version"], d.meta.version.as_ref());
    for (c, claim) in v["claims"].as_array().unwrap().iter().zip(d.claims.iter()) {
        assert_eq!(c["relation"], claim.relation.id());
        assert_eq!(c["stance"], claim.stance.id());
        assert_eq!(c["status"], claim.status.id());
        assert_eq!(c["quote"], claim.quote.as_ref());
        match claim.date {
            Some(date) => assert_eq!(c["date"], date.iso()),
            None => assert!(c["date"].is_null()),
        }
    }
    let by_id = |id: &str| {
        v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        by_id("min-aung-hlaing-visits-russia-dmd")["date"],
        "2025-03"
    );
    assert_eq!(
        by_id("dmd-condemns-lukashenko-assisting-junta")["date"],
        "2025-03-14"
    );
    assert_eq!(by_id("hun-sen-visit-2022-news-report")["date"], "2022");
}

#[test]
fn json_unknown_publisher_and_url_are_null() {
    let v = json(&common::shipped().dataset);
    let news = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "news-report-lukashenko-2025")
        .unwrap();
    assert!(news["publisher"].is_null(), "{news}");
    assert!(news["url"].is_null(), "{news}");
    assert_eq!(news["date"], "2025");
    let dmd = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "dmd-2025-03-14")
        .unwrap();
    assert_eq!(dmd["publisher"], "Defend Myanmar Democracy");
}

#[test]
fn json_actor_aliases_are_a_list() {
    let d = common::valid().dataset;
    let v = json(&d);
    let alpha = &v["actors"][0];
    assert_eq!(alpha["id"], "alpha-state");
    assert_eq!(alpha["kind"], "state");
    assert_eq!(alpha["aliases"], serde_json::json!(["Alpha"]));
    assert_eq!(v["actors"][1]["aliases"], serde_json::json!([]));
}

// ---------------------------------------------------------------------------
// claims.csv
// ---------------------------------------------------------------------------

#[test]
fn csv_has_the_documented_header_and_one_row_per_claim() {
    for d in [common::valid().dataset, common::shipped().dataset] {
        let (header, rows) = csv_rows(&export::to_csv(&d));
        assert_eq!(header, export::CSV_COLUMNS);
        assert_eq!(rows.len(), d.claims.len());
        for (row, claim) in rows.iter().zip(d.claims.iter()) {
            assert_eq!(row.len(), export::CSV_COLUMNS.len());
            assert_eq!(row[0], claim.id.as_ref());
        }
    }
}

#[test]
fn csv_documented_columns_are_in_the_documented_order() {
    // data/README.md lists these columns, in this order.
    assert_eq!(
        export::CSV_COLUMNS,
        [
            "id",
            "subject",
            "subject_name",
            "relation",
            "stance",
            "object",
            "object_name",
            "date",
            "summary",
            "attributed_to",
            "attributed_to_name",
            "sources",
            "source_titles",
            "quote",
            "status",
        ]
    );
}

#[test]
fn csv_rows_carry_ids_names_and_values() {
    let d = common::shipped().dataset;
    let (header, rows) = csv_rows(&export::to_csv(&d));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, c) in rows.iter().zip(d.claims.iter()) {
        assert_eq!(row[col("subject")], d.actor(c.subject).id.as_ref());
        assert_eq!(row[col("subject_name")], d.actor(c.subject).name.as_ref());
        assert_eq!(row[col("object")], d.actor(c.object).id.as_ref());
        assert_eq!(row[col("object_name")], d.actor(c.object).name.as_ref());
        assert_eq!(row[col("relation")], c.relation.id());
        assert_eq!(row[col("stance")], c.stance.id());
        assert_eq!(row[col("status")], c.status.id());
        assert_eq!(
            row[col("date")],
            c.date.map(|x| x.iso()).unwrap_or_default()
        );
        assert_eq!(row[col("summary")], c.summary.as_ref());
        assert_eq!(row[col("quote")], c.quote.as_ref());
        assert_eq!(
            row[col("attributed_to")],
            d.actor(c.attributed_to).id.as_ref()
        );
        assert!(row[col("attributed_to_name")].starts_with(d.actor(c.attributed_to).name.as_ref()));
        let ids: Vec<&str> = c.sources.iter().map(|s| d.source(*s).id.as_ref()).collect();
        assert_eq!(row[col("sources")], ids.join(";"));
        assert_eq!(row[col("source_titles")].split(';').count(), ids.len());
    }
}

#[test]
fn csv_shows_a_supplied_title_in_brackets() {
    let d = common::shipped().dataset;
    let (header, rows) = csv_rows(&export::to_csv(&d));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| r[0] == "belarus-strongest-supporter-news-report")
        .unwrap();
    assert_eq!(
        row[col("source_titles")],
        "[News report on Alexander Lukashenko's goodwill visit to Myanmar]"
    );
    assert_eq!(row[col("date")], "", "an undated claim has an empty date");
}

#[test]
fn csv_quotes_commas_double_quotes_and_line_breaks() {
    let mut b = Builder::new();
    let (x, y) = (b.actor("x", "X, the first"), b.actor("y", "Y"));
    let tricky = "He said \"no\", then left.\nNext line";
    b.claim_full(
        x,
        Relation::Criticism,
        Stance::Opposes,
        y,
        Some("2025-03"),
        tricky,
    );
    let d = b.build(x);
    let text = export::to_csv(&d);
    // RFC 4180: the field is enclosed in double quotes, inner quotes doubled.
    assert!(
        text.contains("\"He said \"\"no\"\", then left.\nNext line\""),
        "{text}"
    );
    assert!(text.contains("\"X, the first\""), "{text}");
    let (_, rows) = csv_rows(&text);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][13], tricky);
    assert_eq!(rows[0][2], "X, the first");
    assert_eq!(rows[0][7], "2025-03");
}

#[test]
fn csv_keeps_the_shipped_quotes_verbatim() {
    // The shipped quotes hold curly apostrophes, elisions and commas.
    let d = common::shipped().dataset;
    let (_, rows) = csv_rows(&export::to_csv(&d));
    assert!(d
        .claims
        .iter()
        .any(|c| c.quote.contains(',') && c.quote.contains('’')));
    for (row, claim) in rows.iter().zip(d.claims.iter()) {
        assert_eq!(row[13], claim.quote.as_ref());
    }
}

// ---------------------------------------------------------------------------
// Generated Rust
// ---------------------------------------------------------------------------

#[test]
fn codegen_defines_the_static_and_contains_every_id() {
    let d = common::shipped().dataset;
    let rust = codegen::to_rust(&d);
    assert!(rust.contains("pub static DATASET: who_backs_whom_core::Dataset"));
    for claim in d.claims.iter() {
        assert!(
            rust.contains(&format!("Claim {{ id: B({:?})", claim.id.as_ref())),
            "claim {} missing",
            claim.id
        );
    }
    for actor in d.actors.iter() {
        assert!(
            rust.contains(&format!("Actor {{ id: B({:?})", actor.id.as_ref())),
            "actor {} missing",
            actor.id
        );
    }
    for item in d.context.iter() {
        assert!(
            rust.contains(&format!("ContextItem {{ id: B({:?})", item.id.as_ref())),
            "context {} missing",
            item.id
        );
    }
    assert_eq!(rust.matches("Claim { id:").count(), d.claims.len());
}

#[test]
fn codegen_writes_quotes_as_escaped_string_literals() {
    let mut b = Builder::new();
    let (x, y) = (b.actor("x", "X"), b.actor("y", "Y"));
    b.claim_full(
        x,
        Relation::Criticism,
        Stance::Opposes,
        y,
        None,
        "A \"quoted\" word\\ and ’ … \n",
    );
    let rust = codegen::to_rust(&b.build(x));
    assert!(
        rust.contains(r#"quote: B("A \"quoted\" word\\ and ’ … \n")"#),
        "{rust}"
    );
}

#[test]
fn codegen_is_deterministic_and_balanced() {
    let d = common::shipped().dataset;
    let rust = codegen::to_rust(&d);
    assert_eq!(rust, codegen::to_rust(&d));
    // Outside string literals, brackets balance.
    let mut depth: i64 = 0;
    let (mut in_string, mut escaped) = (false, false);
    for ch in rust.chars() {
        match (in_string, escaped, ch) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (true, false, _) => {}
            (false, _, '"') => in_string = true,
            (false, _, '{' | '(' | '[') => depth += 1,
            (false, _, '}' | ')' | ']') => {
                depth -= 1;
                assert!(depth >= 0, "a bracket closes before it opens");
            }
            _ => {}
        }
    }
    assert!(!in_string);
    assert_eq!(depth, 0);
}

/// The valid fixture's generated source, compiled into this test.
mod generated {
    include!("fixtures/valid/generated.rs");
}

#[test]
fn generated_rust_compiles_to_the_dataset_it_was_made_from() {
    // Borrowed (compiled-in) and owned (loaded) data compare by value.
    assert_eq!(generated::DATASET, common::valid().dataset);
}

#[test]
fn generated_fixture_is_what_codegen_writes_today() {
    let path = common::fixtures().join("valid/generated.rs");
    let now = codegen::to_rust(&common::valid().dataset);
    if std::env::var_os("WBW_BLESS").is_some() {
        std::fs::write(&path, &now).expect("write the generated fixture");
    }
    assert!(
        now == include_str!("fixtures/valid/generated.rs"),
        "codegen output changed: rerun with WBW_BLESS=1 to rewrite {}, then rerun the tests",
        path.display()
    );
}
