//! The public exports (`claims.json`, `claims.csv`; a contract documented in
//! `data/README.md`) and the generated Rust source.

mod common;

use common::Builder;
use serde_json::Value;
use who_backs_whom_core::load::export;
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
    "note",
    "date_basis",
];
const CONTEXT_KEYS: &[&str] = &[
    "id",
    "about",
    "date",
    "summary",
    "attributed_to",
    "sources",
    "quote",
    "status",
    "note",
    "date_basis",
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
            ("context", CONTEXT_KEYS),
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
fn csv_has_the_documented_header_and_one_row_per_claim_then_per_context_item() {
    for d in [common::valid().dataset, common::shipped().dataset] {
        let (header, rows) = csv_rows(&export::to_csv(&d));
        assert_eq!(header, export::CSV_COLUMNS);
        assert_eq!(rows.len(), d.claims.len() + d.context.len());
        let record = header.iter().position(|h| h == "record").unwrap();
        let ids = d
            .claims
            .iter()
            .map(|c| (c.id.as_ref(), "claim"))
            .chain(d.context.iter().map(|c| (c.id.as_ref(), "context")));
        for (row, (id, kind)) in rows.iter().zip(ids) {
            assert_eq!(row.len(), export::CSV_COLUMNS.len());
            assert_eq!((row[0].as_str(), row[record].as_str()), (id, kind));
        }
    }
}

#[test]
fn csv_context_rows_have_no_relation_and_list_what_they_are_about() {
    let d = common::valid().dataset;
    let (header, rows) = csv_rows(&export::to_csv(&d));
    let row = rows.last().expect("the context item's row");
    let cell = |name: &str| row[header.iter().position(|h| h == name).unwrap()].as_str();
    assert_eq!(cell("id"), "region-tense-since-floods");
    assert_eq!(cell("record"), "context");
    assert_eq!(cell("about"), "alpha-state");
    for empty in [
        "subject",
        "subject_name",
        "relation",
        "stance",
        "object",
        "object_name",
    ] {
        assert_eq!(cell(empty), "", "{empty}");
    }
    assert_eq!(cell("date"), "2023");
    assert_eq!(cell("attributed_to"), "delta-watch");
    assert_eq!(cell("sources"), "doc-2025");
    assert_eq!(cell("status"), "reported");
    assert_eq!(
        cell("quote"),
        "The region has been tense since the floods of 2023."
    );
}

#[test]
fn note_and_date_basis_are_exported_in_both_formats() {
    let loaded = common::valid_edited(&[
        ("date = \"2025-03-14\"\ntext", "date = \"2025\"\ntext"),
        (
            "date = \"2025-03\"\nsummary",
            "date = \"2025-03\"\ndate_basis = \"continued in March 2025\"\nsummary",
        ),
        (
            "status = \"alleged\"",
            "status = \"alleged\"\nnote = \"=1+1, says the editor\"",
        ),
    ]);
    let d = &loaded.dataset;
    let v = json(d);
    assert_eq!(v["claims"][0]["date_basis"], "continued in March 2025");
    assert_eq!(v["claims"][0]["note"], "=1+1, says the editor");
    assert!(v["claims"][1]["date_basis"].is_null());
    assert!(v["claims"][1]["note"].is_null());
    assert!(v["context"][0]["date_basis"].is_null());
    let (header, rows) = csv_rows(&export::to_csv(d));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows[0][col("date_basis")], "continued in March 2025");
    // The note starts with `=`: neutralised in the CSV, restored by an importer.
    assert_eq!(rows[0][col("note")], "'=1+1, says the editor");
    assert_eq!(
        export::restore_cell(&rows[0][col("note")]),
        "=1+1, says the editor"
    );
    assert_eq!(rows[1][col("note")], "");
    assert_eq!(rows[1][col("date_basis")], "");
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
            "note",
            "date_basis",
            "record",
            "about",
            "hedges",
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
    // The shipped quotes hold curly apostrophes, elisions and commas (and none
    // starts like a formula, so none is neutralised).
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
// CSV cells that a spreadsheet would run
// ---------------------------------------------------------------------------

#[test]
fn csv_cells_that_start_like_a_formula_are_neutralised() {
    let mut b = Builder::new();
    let (x, y) = (b.actor("x", "+X"), b.actor("y", "@Y"));
    let quote = "=HYPERLINK(\"https://example.org\",\"click\")";
    b.claim_full(x, Relation::Criticism, Stance::Opposes, y, None, quote);
    b.claim_full(
        x,
        Relation::Criticism,
        Stance::Opposes,
        y,
        None,
        "-1 or \ttab",
    );
    b.claim_full(x, Relation::Criticism, Stance::Opposes, y, None, "\tTabbed");
    b.claim_full(x, Relation::Criticism, Stance::Opposes, y, None, "\rReturn");
    b.claim_full(
        x,
        Relation::Criticism,
        Stance::Opposes,
        y,
        None,
        "A = B, plainly",
    );
    let d = b.build(x);
    let text = export::to_csv(&d);
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains(",\"=HYPERLINK"),
        "{text}"
    );
    let (header, rows) = csv_rows(&text);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let quotes: Vec<&str> = rows.iter().map(|r| r[col("quote")].as_str()).collect();
    assert_eq!(
        quotes,
        [
            "'=HYPERLINK(\"https://example.org\",\"click\")",
            "'-1 or \ttab",
            "'\tTabbed",
            "'\rReturn",
            "A = B, plainly",
        ]
    );
    assert_eq!(rows[0][col("subject_name")], "'+X");
    assert_eq!(rows[0][col("object_name")], "'@Y");
    for (row, claim) in rows.iter().zip(d.claims.iter()) {
        assert_eq!(
            export::restore_cell(&row[col("quote")]),
            claim.quote.as_ref()
        );
    }
}

#[test]
fn neutralise_and_restore_cells_by_hand() {
    let cases = [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        // A cell that already starts with ' before a formula gets one more, so
        // restoring gives it back exactly.
        ("'=1", "''=1"),
        ("''+1", "'''+1"),
        // Anything else is left alone.
        ("'quoted'", "'quoted'"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("", ""),
        ("2025-03", "2025-03"),
    ];
    for (cell, neutralised) in cases {
        assert_eq!(export::neutralise_cell(cell), neutralised, "{cell:?}");
        assert_eq!(export::restore_cell(neutralised), cell, "{neutralised:?}");
    }
    // An importer leaves a `'` alone when no formula character follows it.
    assert_eq!(export::restore_cell("'hello"), "'hello");
}
