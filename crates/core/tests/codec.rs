//! The compiled dataset file (`codec.rs`): every dataset the project has
//! round-trips exactly, and anything else is refused without a panic.

mod common;

use who_backs_whom_core::codec::{decode, encode, fnv1a, DecodeError, FORMAT_VERSION, MAGIC};
use who_backs_whom_core::Dataset;

fn second() -> Dataset {
    let path = common::fixtures().join("../../../../tests/fixtures/second-dataset/dataset.toml");
    who_backs_whom_core::load::load(&path)
        .expect("the second dataset is valid")
        .dataset
}

#[test]
fn every_dataset_round_trips_exactly() {
    for (name, dataset) in [
        ("shipped", common::shipped().dataset),
        ("valid fixture", common::valid().dataset),
        ("second", second()),
    ] {
        let file = encode(&dataset);
        assert_eq!(decode(&file).as_ref(), Ok(&dataset), "{name}");
        // Encoding is deterministic: the same dataset gives the same bytes (and hash).
        assert_eq!(encode(&decode(&file).unwrap()), file, "{name}");
    }
}

#[test]
fn text_with_every_escaped_character_round_trips() {
    let mut b = common::Builder::new();
    let (x, y) = (b.actor("x", "X; <y>\\"), b.actor("y", "Y\tZ"));
    b.claim_full(
        x,
        who_backs_whom_core::Relation::Criticism,
        who_backs_whom_core::Stance::Opposes,
        y,
        Some("2025-03"),
        "Line one\nline two\r\n; a \\- and \\ < / </script> <!-- …",
    );
    let mut d = b.build(x);
    d.actors.to_mut()[0].aliases = vec!["X;Y".into(), "\\-".into()].into();
    let file = encode(&d);
    assert!(
        !file.contains('<'),
        "no `<` survives, so the file can stand inside a <script>"
    );
    assert!(!file.contains('\r'));
    assert_eq!(decode(&file), Ok(d));
}

#[test]
fn the_header_names_the_format_version_and_the_content_hash() {
    let file = encode(&common::valid().dataset);
    let (header, body) = file.split_once('\n').unwrap();
    assert_eq!(
        header,
        format!("{MAGIC}\t{FORMAT_VERSION}\t{:016x}", fnv1a(body.as_bytes()))
    );
}

#[test]
fn another_format_version_is_refused_by_name() {
    let file = encode(&common::valid().dataset);
    let other = file.replacen(&format!("\t{FORMAT_VERSION}\t"), "\t2\t", 1);
    let error = decode(&other).unwrap_err();
    assert_eq!(error, DecodeError::Version { found: "2".into() });
    assert!(error.message().contains("format 2"), "{}", error.message());
}

#[test]
fn what_is_not_a_dataset_is_refused() {
    for text in [
        "",
        "hello",
        "<!doctype html>\n<p>404</p>",
        "who-backs-whom dataset",
    ] {
        assert_eq!(decode(text), Err(DecodeError::NotADataset), "{text:?}");
    }
}

#[test]
fn a_changed_or_truncated_body_fails_its_hash() {
    let file = encode(&common::shipped().dataset);
    let truncated = &file[..file.len() - 10];
    assert_eq!(decode(truncated), Err(DecodeError::Damaged));
    let changed = file.replacen("Belarus", "Belaruz", 1);
    assert_eq!(decode(&changed), Err(DecodeError::Damaged));
}

/// A body with a correct hash: what a buggy or hostile encoder could write.
fn with_hash(body: &str) -> String {
    format!(
        "{MAGIC}\t{FORMAT_VERSION}\t{:016x}\n{body}",
        fnv1a(body.as_bytes())
    )
}

#[test]
fn records_that_point_outside_the_dataset_are_refused() {
    let file = encode(&common::valid().dataset);
    let body = file.split_once('\n').unwrap().1;
    let actors = body.lines().filter(|l| l.starts_with("A\t")).count();
    // A claim whose subject is one past the last actor.
    let bad: Vec<String> = body
        .lines()
        .map(|l| {
            if l.starts_with("C\t") {
                let mut f: Vec<&str> = l.split('\t').collect();
                let out = actors.to_string();
                f[2] = Box::leak(out.into_boxed_str());
                f.join("\t")
            } else {
                l.to_string()
            }
        })
        .collect();
    let bad = with_hash(&(bad.join("\n") + "\n"));
    assert!(matches!(decode(&bad), Err(DecodeError::Corrupt { .. })));
}

#[test]
fn malformed_records_are_refused_with_their_line() {
    let file = encode(&common::valid().dataset);
    let body = file.split_once('\n').unwrap().1;
    let cases = [
        body.replacen("\tstate\t", "\tplanet\t", 1), // unknown vocabulary
        body.to_string() + "Q\tunknown record\n",    // unknown record
        body.replacen('\n', "\textra\n", 1),         // a field too many
        body.replacen("\\", "\\q", 1),               // bad escape (if any)
        body.lines()
            .filter(|l| !l.starts_with('M'))
            .map(|l| l.to_string() + "\n")
            .collect(), // no meta
    ];
    for (i, case) in cases.iter().enumerate() {
        if case == body {
            continue;
        }
        let result = decode(&with_hash(case));
        assert!(
            matches!(result, Err(DecodeError::Corrupt { line }) if line >= 2),
            "case {i}: {result:?}"
        );
    }
}

#[test]
fn every_truncation_and_byte_flip_is_refused_without_a_panic() {
    let file = encode(&common::valid().dataset);
    let (header, body) = file.split_once('\n').unwrap();
    for cut in (0..body.len()).filter(|i| body.is_char_boundary(*i)) {
        // Under the original header: the hash refuses every cut.
        let truncated = format!("{header}\n{}", &body[..cut]);
        assert_eq!(
            decode(&truncated),
            Err(DecodeError::Damaged),
            "cut at {cut}"
        );
        // With a recomputed hash the structure is read: it may be a smaller
        // dataset (a cut between records), or refused; it never panics.
        let _ = decode(&with_hash(&body[..cut]));
    }
    let bytes = body.as_bytes();
    for at in 0..bytes.len() {
        let mut flipped = bytes.to_vec();
        flipped[at] ^= 0x5a;
        if let Ok(text) = String::from_utf8(flipped) {
            assert!(
                decode(&format!("{header}\n{text}")).is_err(),
                "flip at {at}"
            );
            let _ = decode(&with_hash(&text));
        }
    }
}
