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
    let next = (FORMAT_VERSION + 1).to_string();
    let other = file.replacen(&format!("\t{FORMAT_VERSION}\t"), &format!("\t{next}\t"), 1);
    let error = decode(&other).unwrap_err();
    assert_eq!(
        error,
        DecodeError::Version {
            found: next.clone()
        }
    );
    assert!(
        error.message().contains(&format!("format {next}")),
        "{}",
        error.message()
    );
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

// ---------------------------------------------------------------------------
// A dataset in parts: an index and one part per actor
// ---------------------------------------------------------------------------

use who_backs_whom_core::codec::{decode_part, decode_sources, encode_parts};
use who_backs_whom_core::model::SourceId;
use who_backs_whom_core::{query, ActorId, Filter};

fn load_part(
    index: &Dataset,
    split: &who_backs_whom_core::codec::Split,
    actor: ActorId,
) -> Dataset {
    let file = index
        .missing_part(actor)
        .expect("a part to load")
        .to_string();
    let (_, text) = split
        .parts
        .iter()
        .find(|(name, _)| *name == file)
        .expect("the part file");
    decode_part(index, actor, text).expect("a part of this index")
}

#[test]
fn the_index_knows_every_count_and_no_claim() {
    let full = common::shipped().dataset;
    let split = encode_parts(&full);
    let index = decode(&split.index).expect("the index decodes");
    assert!(index.claims.is_empty());
    assert_eq!(index.claim_count(), full.claims.len());
    assert_eq!(index.claimants(), full.claimants());
    assert_eq!(index.relations_used(), full.relations_used());
    // Names and kinds for the network and lists; an actor's description and
    // aliases come with its part.
    for (i, a) in index.actors.iter().zip(full.actors.iter()) {
        assert_eq!(
            (&i.id, &i.name, i.kind, i.leads, i.member_of),
            (&a.id, &a.name, a.kind, a.leads, a.member_of)
        );
    }
    let focus = full.actor(full.meta.focus);
    assert!(!focus.description.is_empty());
    assert!(index.actor(full.meta.focus).description.is_empty());
    assert!(!split.index.contains(&*focus.description));
    assert!(!index.has_claims_of(full.meta.focus));
    // No source and no context item, only their numbers: they come with the
    // parts that cite them and the sources file.
    assert_eq!(index.sources.len(), full.sources.len());
    assert!((0..full.sources.len()).all(|s| !index.has_source(SourceId(s as u16))));
    assert!(index.context.is_empty());
    assert_eq!(index.context_count(), full.context.len());
    assert!(!split
        .index
        .lines()
        .any(|l| l.starts_with("S\t") || l.starts_with("X\t")));
    assert!(!split.index.contains(&*full.sources[0].title));
    assert_eq!(
        index.missing_sources(),
        Some(split.parts.last().unwrap().0.as_str())
    );
}

/// The index with the sources file of `split` merged.
fn load_sources(index: &Dataset, split: &who_backs_whom_core::codec::Split) -> Dataset {
    let file = index.missing_sources().expect("the sources file to load");
    let (_, text) = split
        .parts
        .iter()
        .find(|(name, _)| name == file)
        .expect("the sources file");
    decode_sources(index, text).expect("the sources file of this index")
}

#[test]
fn the_focus_part_alone_gives_the_focus_the_same_neighbourhood_and_claims() {
    let full = common::shipped().dataset;
    let split = encode_parts(&full);
    let index = decode(&split.index).unwrap();
    for actor in full.actor_ids() {
        let Some(_) = index.missing_part(actor) else {
            assert!(query::claims_involving(&full, actor, &Filter::default()).is_empty());
            continue;
        };
        let one = load_part(&index, &split, actor);
        assert!(one.has_claims_of(actor));
        common::assert_claims_have_their_sources(&one, &full);
        assert!(
            one.missing_sources().is_some(),
            "a part is not the sources file"
        );
        assert_eq!(
            one.actor(actor),
            full.actor(actor),
            "the part brings the rest of the actor"
        );
        let ids = |d: &Dataset| -> Vec<String> {
            query::claims_involving(d, actor, &Filter::default())
                .iter()
                .map(|&i| d.claims[i].id.to_string())
                .collect()
        };
        assert_eq!(
            ids(&one),
            ids(&full),
            "claims about {}",
            full.actor(actor).id
        );
        let n = |d: &Dataset| query::neighbourhood(d, actor, &Filter::default());
        assert_eq!(n(&one).shown_claims, n(&full).shown_claims);
        assert_eq!(n(&one).actors(), n(&full).actors());
    }
}

#[test]
fn every_part_loaded_in_any_order_is_the_whole_dataset_in_its_order() {
    let full = common::shipped().dataset;
    let split = encode_parts(&full);
    let mut d = decode(&split.index).unwrap();
    let mut actors: Vec<ActorId> = full.actor_ids().collect();
    actors.reverse();
    for (i, actor) in actors.iter().chain(actors.iter()).enumerate() {
        if d.missing_part(*actor).is_some() {
            d = load_part(&d, &split, *actor);
            common::assert_claims_have_their_sources(&d, &full);
        }
        // The sources file, merged half way, changes no loaded claim.
        if i == actors.len() / 2 {
            d = load_sources(&d, &split);
            common::assert_claims_have_their_sources(&d, &full);
        }
    }
    assert_eq!(d.missing_sources(), None);
    assert_eq!(d.sources, full.sources);
    assert_eq!(d.context, full.context);
    assert_eq!(d.claims_per_source(), full.claims_per_source());
    assert_eq!(
        d.claims, full.claims,
        "every claim once, in the dataset's order"
    );
    assert_eq!(d.actors, full.actors);
    assert!(d.actor_ids().all(|a| d.has_claims_of(a)));
}

#[test]
fn a_damaged_part_or_a_dataset_file_as_a_part_is_refused() {
    let full = common::shipped().dataset;
    let split = encode_parts(&full);
    let index = decode(&split.index).unwrap();
    let (_, text) = &split.parts[0];
    let focus = full.meta.focus;
    assert_eq!(
        decode_part(&index, focus, &text[..text.len() - 3]),
        Err(DecodeError::Damaged)
    );
    assert_eq!(
        decode_part(&index, focus, &split.index),
        Err(DecodeError::NotADataset)
    );
    assert_eq!(
        decode_part(&index, focus, "<!doctype html>"),
        Err(DecodeError::NotADataset)
    );
    // A part whose claims point past the index's claims is refused too.
    let body = text.split_once('\n').unwrap().1;
    let forged = body.replacen("P\t", "P\t99999", 1);
    let forged = format!(
        "{}\t{FORMAT_VERSION}\t{:016x}\n{forged}",
        who_backs_whom_core::codec::PART_MAGIC,
        fnv1a(forged.as_bytes())
    );
    assert!(matches!(
        decode_part(&index, focus, &forged),
        Err(DecodeError::Corrupt { .. })
    ));
}

#[test]
fn part_names_follow_their_content() {
    let split = encode_parts(&common::shipped().dataset);
    let (sources, parts) = split.parts.split_last().unwrap();
    for (name, text) in parts {
        assert_eq!(*name, who_backs_whom_core::codec::part_file_name(text));
        assert!(!text.contains('<'));
    }
    assert_eq!(
        sources.0,
        who_backs_whom_core::codec::sources_file_name(&sources.1)
    );
    assert!(sources.0.starts_with("parts/sources-"));
    assert!(!sources.1.contains('<'));
}

/// `body` under a header of `magic` with its right hash.
fn hashed(magic: &str, body: &str) -> String {
    format!(
        "{magic}\t{FORMAT_VERSION}\t{:016x}\n{body}",
        fnv1a(body.as_bytes())
    )
}

#[test]
fn the_sources_file_alone_gives_every_source_and_context_item() {
    let full = common::shipped().dataset;
    let split = encode_parts(&full);
    let d = load_sources(&decode(&split.index).unwrap(), &split);
    assert_eq!(d.sources, full.sources);
    assert_eq!(d.context, full.context);
    assert_eq!(d.claims_per_source(), full.claims_per_source());
    assert!(d.claims.is_empty(), "and no claim");
    // A part loaded after it adds claims and changes no source.
    let one = load_part(&d, &split, full.meta.focus);
    assert_eq!(one.sources, full.sources);
    common::assert_claims_have_their_sources(&one, &full);
}

#[test]
fn a_part_whose_sources_point_outside_are_missing_or_out_of_order_is_refused() {
    use who_backs_whom_core::codec::PART_MAGIC;
    let full = common::shipped().dataset;
    let split = encode_parts(&full);
    let index = decode(&split.index).unwrap();
    let focus = full.meta.focus;
    let file = index.missing_part(focus).unwrap();
    let text = &split.parts.iter().find(|(n, _)| n == file).unwrap().1;
    let body = text.split_once('\n').unwrap().1;
    let records: Vec<&str> = body.lines().filter(|l| l.starts_with("S\t")).collect();
    assert!(records.len() > 1, "the focus's part cites sources");
    let first = records[0];
    let position = first.split('\t').nth(1).unwrap();
    let outside = first.replacen(
        &format!("S\t{position}\t"),
        &format!("S\t{}\t", full.sources.len()),
        1,
    );
    for forged in [
        // One past the last source.
        body.replacen(first, &outside, 1),
        // A source its claims cite, left out.
        body.replacen(&format!("{first}\n"), "", 1),
        // Twice, or out of order.
        body.replacen(first, &format!("{first}\n{first}"), 1),
        body.replacen(
            &format!("{first}\n{}\n", records[1]),
            &format!("{}\n{first}\n", records[1]),
            1,
        ),
        // After a claim.
        body.replacen(&format!("{first}\n"), "", 1) + first + "\n",
    ] {
        assert_ne!(forged, body);
        let result = decode_part(&index, focus, &hashed(PART_MAGIC, &forged));
        assert!(
            matches!(result, Err(DecodeError::Corrupt { .. })),
            "{result:?}"
        );
    }
    // With the sources file loaded, a part's sources are already in.
    let with_sources = load_sources(&index, &split);
    let lean: String = body
        .lines()
        .filter(|l| !l.starts_with("S\t"))
        .map(|l| l.to_string() + "\n")
        .collect();
    let one =
        decode_part(&with_sources, focus, &hashed(PART_MAGIC, &lean)).expect("sources already in");
    common::assert_claims_have_their_sources(&one, &full);
}

#[test]
fn a_sources_file_that_does_not_add_up_or_is_damaged_is_refused() {
    use who_backs_whom_core::codec::SOURCES_MAGIC;
    let full = common::shipped().dataset;
    let split = encode_parts(&full);
    let index = decode(&split.index).unwrap();
    let text = &split.parts.last().unwrap().1;
    let body = text.split_once('\n').unwrap().1;
    let first_source = body.lines().find(|l| l.starts_with("S\t")).unwrap();
    let first_context = body.lines().find(|l| l.starts_with("X\t")).unwrap();
    let counts = body.lines().find(|l| l.starts_with("K\t")).unwrap();
    assert_eq!(
        decode_sources(&index, &text[..text.len() - 3]),
        Err(DecodeError::Damaged)
    );
    assert_eq!(
        decode_sources(&index, &split.parts[0].1),
        Err(DecodeError::NotADataset)
    );
    assert_eq!(
        decode_sources(&index, &split.index),
        Err(DecodeError::NotADataset)
    );
    assert_eq!(
        decode_part(&index, full.meta.focus, text),
        Err(DecodeError::NotADataset)
    );
    // Not an index: a dataset in one piece has no sources file.
    assert_eq!(decode_sources(&full, text), Err(DecodeError::NotADataset));
    for forged in [
        body.replacen(&format!("{first_source}\n"), "", 1),
        body.replacen(&format!("{first_context}\n"), "", 1),
        body.replacen(&format!("{counts}\n"), "", 1),
        body.replacen(counts, &format!("{counts};1"), 1),
        body.to_string() + first_source + "\n",
        body.replacen(
            first_context,
            &format!("{first_context}\n{first_source}"),
            1,
        ),
        body.replacen("\t0\t", "\t99999\t", 1),
        body.replacen(counts, &format!("{counts}\n{counts}"), 1),
    ] {
        assert_ne!(forged, body);
        let result = decode_sources(&index, &hashed(SOURCES_MAGIC, &forged));
        assert!(
            matches!(result, Err(DecodeError::Corrupt { .. })),
            "{result:?}"
        );
    }
}

#[test]
fn every_truncation_and_byte_flip_of_a_part_or_the_sources_file_is_refused_without_a_panic() {
    use who_backs_whom_core::codec::{PART_MAGIC, SOURCES_MAGIC};
    let full = common::shipped().dataset;
    let split = encode_parts(&full);
    let index = decode(&split.index).unwrap();
    let focus = full.meta.focus;
    let part = &split
        .parts
        .iter()
        .find(|(n, _)| Some(n.as_str()) == index.missing_part(focus))
        .unwrap()
        .1;
    let sources = &split.parts.last().unwrap().1;
    let read = |magic: &str, text: &str| match magic {
        PART_MAGIC => decode_part(&index, focus, text).map(|_| ()),
        _ => decode_sources(&index, text).map(|_| ()),
    };
    for (magic, file) in [(PART_MAGIC, part), (SOURCES_MAGIC, sources)] {
        let (header, body) = file.split_once('\n').unwrap();
        for cut in (0..body.len()).filter(|i| body.is_char_boundary(*i)) {
            let truncated = format!("{header}\n{}", &body[..cut]);
            assert_eq!(
                read(magic, &truncated),
                Err(DecodeError::Damaged),
                "{magic} cut at {cut}"
            );
            let _ = read(magic, &hashed(magic, &body[..cut]));
        }
        let bytes = body.as_bytes();
        for at in 0..bytes.len() {
            let mut flipped = bytes.to_vec();
            flipped[at] ^= 0x5a;
            if let Ok(text) = String::from_utf8(flipped) {
                assert!(
                    read(magic, &format!("{header}\n{text}")).is_err(),
                    "{magic} flip at {at}"
                );
                let _ = read(magic, &hashed(magic, &text));
            }
        }
    }
}

/// The shipped dataset with every claim repeated `times` (as if its actors
/// had that many more claims), for parts of more than one size.
fn repeated(times: usize) -> Dataset {
    let mut d = common::shipped().dataset;
    let claims: Vec<_> = (0..times).flat_map(|_| d.claims.iter().cloned()).collect();
    d.claims = std::borrow::Cow::Owned(claims);
    d
}

#[test]
fn actors_with_few_claims_share_a_part_and_a_busy_actor_has_its_own() {
    let full = repeated(60);
    let split = encode_parts(&full);
    let index = decode(&split.index).unwrap();
    let file = |a: ActorId| index.missing_part(a).map(str::to_string);
    let focus = full.meta.focus;
    let with_claims: Vec<ActorId> = full.actor_ids().filter(|&a| file(a).is_some()).collect();
    assert!(
        split.parts.len() > 1 && split.parts.len() < with_claims.len(),
        "{} parts for {} actors",
        split.parts.len(),
        with_claims.len()
    );
    // The focus is in every other actor's claims: its part is its own.
    assert!(with_claims
        .iter()
        .all(|&a| a == focus || file(a) != file(focus)));
    // Loading a shared part loads every actor it is for, with all their claims.
    let shared = with_claims
        .iter()
        .copied()
        .find(|&a| with_claims.iter().any(|&b| b != a && file(b) == file(a)))
        .expect("a shared part");
    let one = load_part(&index, &split, shared);
    for &a in &with_claims {
        assert_eq!(
            one.has_claims_of(a),
            file(a) == file(shared),
            "{}",
            full.actor(a).id
        );
        if file(a) == file(shared) {
            assert_eq!(
                query::claims_involving(&one, a, &Filter::default()).len(),
                query::claims_involving(&full, a, &Filter::default()).len()
            );
        }
    }
    // Each claim is once in a part, even between two actors of that part.
    for (_, text) in &split.parts {
        let mut seen: Vec<&str> = text
            .lines()
            .skip(1)
            .filter(|l| l.starts_with("P\t"))
            .map(|l| l.split('\t').nth(1).unwrap())
            .collect();
        let n = seen.len();
        seen.dedup();
        assert_eq!(seen.len(), n);
    }
}

#[test]
fn an_index_whose_actor_runs_overlap_or_point_outside_is_refused() {
    let split = encode_parts(&repeated(60));
    let line = split.index.lines().find(|l| l.starts_with("I\t")).unwrap();
    let actors = common::shipped().dataset.actors.len();
    for bad in [
        format!("{actors}"),
        "3-1".into(),
        "1;1".into(),
        "2-4;3".into(),
        String::new(),
    ] {
        let (head, _) = line.rsplit_once('\t').unwrap();
        let forged =
            split
                .index
                .split_once('\n')
                .unwrap()
                .1
                .replacen(line, &format!("{head}\t{bad}"), 1);
        assert!(
            matches!(
                decode(&with_hash(&forged)),
                Err(DecodeError::Corrupt { .. })
            ),
            "runs {bad:?}"
        );
    }
}

#[test]
fn a_part_whose_actor_text_points_outside_or_follows_a_claim_is_refused() {
    let full = common::shipped().dataset;
    let split = encode_parts(&full);
    let index = decode(&split.index).unwrap();
    let (_, text) = &split.parts[0];
    let body = text.split_once('\n').unwrap().1;
    let first_claim = body.lines().find(|l| l.starts_with("P\t")).unwrap();
    for forged in [
        format!("D\t99999\tdescription\t\n{body}"),
        format!("{first_claim}\nD\t0\tdescription\t\n{body}"),
    ] {
        let forged = format!(
            "{}\t{FORMAT_VERSION}\t{:016x}\n{forged}",
            who_backs_whom_core::codec::PART_MAGIC,
            fnv1a(forged.as_bytes())
        );
        assert!(matches!(
            decode_part(&index, full.meta.focus, &forged),
            Err(DecodeError::Corrupt { .. })
        ));
    }
}

/// A hub with `count` counterparts in every group, most with several claims
/// of different relation families, so that its part is too large to inline
/// and its network leaves actors out.
fn crowded_hub(count: usize) -> (Dataset, ActorId) {
    use who_backs_whom_core::vocab::{Relation, Stance};
    let mut b = common::Builder::new();
    let hub = b.actor("hub", "The hub");
    for i in 0..count {
        let other = b.actor(&format!("actor-{i}"), &format!("Actor number {i}"));
        let (subject, object) = if i % 2 == 0 {
            (other, hub)
        } else {
            (hub, other)
        };
        let stance = [Stance::Backs, Stance::Opposes, Stance::Neutral][i % 3];
        for k in 0..(1 + i % 7) * 6 {
            let relation = match (stance, k % 4) {
                (Stance::Backs, 0) => Relation::ArmsAndMilitaryAid,
                (Stance::Backs, 1) => Relation::ElectionObservers,
                (Stance::Backs, _) => Relation::GeneralBacking,
                (Stance::Opposes, _) => Relation::Criticism,
                _ => Relation::DiplomaticVisit,
            };
            let quote = format!("A quote long enough to make the part large, number {k} of {i}.");
            b.claim_full(subject, relation, stance, object, Some("2024-05"), &quote);
        }
        // Some counterparts are in two groups.
        if i % 5 == 0 {
            b.claim(object, Stance::Opposes, subject, None);
        }
    }
    (b.build(hub), hub)
}

#[test]
fn a_busy_actor_s_network_draws_from_the_index_as_from_every_claim() {
    use who_backs_whom_core::layout;
    for (full, hub) in [
        crowded_hub(120),
        (repeated(60), common::shipped().dataset.meta.focus),
    ] {
        let split = encode_parts(&full);
        let index = decode(&split.index).unwrap();
        assert!(!index.has_claims_of(hub));
        assert!(
            index.summary(hub).is_some(),
            "a part too large to inline has a summary"
        );
        let around = |d: &Dataset, filter: &Filter| query::neighbourhood(d, hub, filter);
        let (whole, summed) = (
            around(&full, &Filter::default()),
            around(&index, &Filter::default()),
        );
        assert!(summed.from_summary && !whole.from_summary);
        assert_eq!(
            (summed.shown_claims, summed.total_claims),
            (whole.shown_claims, whole.total_claims)
        );
        assert_eq!(
            layout::layout(&index, &summed),
            layout::layout(&full, &whole),
            "the same drawing, badges, counts and edges"
        );
        // A filter needs the claims: nothing is drawn from the summary.
        let mut filter = Filter::default();
        filter.toggle_stance(who_backs_whom_core::vocab::Stance::Backs);
        let filtered = around(&index, &filter);
        assert!(!filtered.from_summary && filtered.groups.is_empty());
        // Nothing counted from the claims loaded so far: the card says it is loading.
        assert!(filtered.waiting && filtered.total_claims == 0);
        assert!(!summed.waiting && !whole.waiting);
        // Once the part is in, the claims answer, and draw the same.
        let loaded = load_part(&index, &split, hub);
        let after = around(&loaded, &Filter::default());
        assert!(!after.from_summary);
        assert_eq!(after.actors(), whole.actors());
        assert_eq!(
            layout::layout(&loaded, &after),
            layout::layout(&full, &whole)
        );
    }
    // The crowded hub leaves actors out, and says how many.
    let (full, hub) = crowded_hub(120);
    let index = decode(&encode_parts(&full).index).unwrap();
    let summary = index.summary(hub).unwrap();
    assert!(summary.left_out_actors > 0 && summary.left_out_claims > 0);
    assert_eq!(
        summary.left_out_actors
            + layout::layout(&full, &query::neighbourhood(&full, hub, &Filter::default()))
                .nodes
                .len(),
        120
    );
    // An actor whose part is inlined (or shared) has none.
    assert!(index
        .actor_ids()
        .filter(|a| *a != hub)
        .all(|a| index.summary(a).is_none()));
}

#[test]
fn a_summary_that_does_not_add_up_is_refused() {
    let (full, _) = crowded_hub(120);
    let index = encode_parts(&full).index;
    let body = index.split_once('\n').unwrap().1;
    let g = body
        .lines()
        .find(|l| l.starts_with("G\t"))
        .expect("a G record");
    let forged = |line: &str| with_hash(&body.replacen(g, line, 1));
    let fields: Vec<&str> = g.split('\t').collect();
    let bad = [
        // an actor past the index's actors
        format!("G\t9999\t{}", fields[2..].join("\t")),
        // a group past the five
        g.replacen(
            &format!("\t{}", fields[5]),
            &format!("\t7{}", &fields[5][1..]),
            1,
        ),
        // a relation family past the three
        format!("{};0,1,1,9", g),
        // a field missing
        fields[..5].join("\t"),
    ];
    for line in &bad {
        assert!(
            matches!(decode(&forged(line)), Err(DecodeError::Corrupt { .. })),
            "{line}"
        );
    }
    // Two summaries of one actor, or out of order.
    let twice = with_hash(&body.replacen(g, &format!("{g}\n{g}"), 1));
    assert!(matches!(decode(&twice), Err(DecodeError::Corrupt { .. })));
}

#[test]
fn a_busy_actor_s_part_is_needed_only_when_a_reader_asks_for_its_claims() {
    use who_backs_whom_core::fragment::Options;
    use who_backs_whom_core::state::{Action, CardState, View};
    use who_backs_whom_core::vocab::Stance;
    let (full, hub) = crowded_hub(120);
    let index = decode(&encode_parts(&full).index).unwrap();
    let start = CardState::new(Options::defaults(&index));
    assert_eq!(start.focus, hub);
    // The network draws from the index: no part is fetched at start.
    assert!(start.claims_needed(&index).is_empty());
    let other = ActorId(3);
    let selected = start.reduce(&index, Action::Select(other));
    assert_eq!(selected.claims_needed(&index), vec![other]);
    for asks in [
        Action::SetView(View::List),
        Action::SetView(View::Timeline),
        Action::ToggleStance(Stance::Backs),
    ] {
        assert_eq!(start.reduce(&index, asks).claims_needed(&index), vec![hub]);
    }
    // A filter before the claims are in is announced as loading, not as a
    // count of the claims some selected actor's part happened to bring.
    let split = encode_parts(&full);
    let with_part = load_part(&index, &split, other);
    assert!(with_part
        .claims
        .iter()
        .any(|c| c.counterpart(hub).is_some()));
    let filtered = selected.reduce(&with_part, Action::ToggleStance(Stance::Backs));
    assert_eq!(filtered.announcement, "Loading the claims about The hub…");
    assert!(query::neighbourhood(&with_part, hub, &filtered.filter).waiting);
    // An actor without a summary needs its part for its network.
    let refocused = start.reduce(&index, Action::Refocus(other));
    assert_eq!(refocused.claims_needed(&index), vec![other]);
}

#[test]
fn an_id_the_name_spells_is_left_out_and_read_back() {
    let mut b = common::Builder::new();
    let spelled = b.actor("government-of-telren", "Government of Telren");
    let own = b.actor("junta", "Myanmar's military government");
    b.claim(
        spelled,
        who_backs_whom_core::vocab::Stance::Backs,
        own,
        None,
    );
    let d = b.build(own);
    let file = encode(&d);
    assert!(file.contains("\nA\t\tGovernment of Telren\t"), "{file}");
    assert!(file.contains("\nA\tjunta\tMyanmar's military government\t"));
    assert_eq!(decode(&file).unwrap(), d);
    // An empty id with a name that spells none is refused.
    let body = file.split_once('\n').unwrap().1;
    let forged = body.replacen("A\t\tGovernment of Telren\t", "A\t\t…\t", 1);
    assert!(matches!(
        decode(&with_hash(&forged)),
        Err(DecodeError::Corrupt { .. })
    ));
}
