//! Which editions a build writes: the single-file edition up to
//! `edition::SINGLE_FILE_MAX_CLAIMS`, counted over the whole dataset (also
//! when the card holds only the index of a dataset in parts).

mod common;

use std::borrow::Cow;

use who_backs_whom_core::edition::{single_file, SINGLE_FILE_MAX_CLAIMS};
use who_backs_whom_core::model::Parts;

#[test]
fn the_shipped_card_has_its_single_file_edition() {
    let dataset = common::shipped().dataset;
    assert_eq!(
        single_file(&dataset).as_deref(),
        Some("who-backs-myanmars-junta-offline.html")
    );
}

#[test]
fn a_dataset_over_the_limit_has_none_whole_or_in_parts() {
    let mut dataset = common::valid().dataset;
    let claim = dataset.claims[0].clone();
    dataset.claims = Cow::Owned(vec![claim.clone(); SINGLE_FILE_MAX_CLAIMS]);
    assert!(
        single_file(&dataset).is_some(),
        "at the limit, it is written"
    );
    dataset.claims.to_mut().push(claim);
    assert_eq!(single_file(&dataset), None, "one claim over it, it is not");

    // The index of a dataset in parts holds a few claims but counts them all.
    let mut index = common::valid().dataset;
    index.parts = Some(Parts {
        total_claims: SINGLE_FILE_MAX_CLAIMS + 1,
        ..Parts::default()
    });
    assert_eq!(single_file(&index), None);
    index.parts = Some(Parts {
        total_claims: SINGLE_FILE_MAX_CLAIMS,
        ..Parts::default()
    });
    assert!(single_file(&index).is_some());
}
