//! Which editions of a card a build writes beside its pages, decided from the
//! dataset alone, so that the build and the card (its "Save for offline"
//! link) make the same decision without telling each other.
//!
//! Architecture invariant: a rule on the dataset's own figures (its number
//! of claims, which a dataset in parts carries in its index too), never on
//! what the build happened to write.

use crate::Dataset;

/// Above this many claims the single-file edition is left out. It carries
/// the whole compiled dataset and both data downloads inside one HTML file:
/// about 1.8 KB a claim at the synthetic datasets' density (36 MB at 20,000
/// claims; 179 MB at 100,000, whose brotli alone took a minute of the
/// build), past what a reader passes on by messaging app or memory card.
/// A reader of a larger card still has its standalone page offline through
/// the service worker.
pub const SINGLE_FILE_MAX_CLAIMS: usize = 20_000;

/// The single-file edition's file name ("Save for offline"), or `None` when
/// the dataset is too large for one ([`SINGLE_FILE_MAX_CLAIMS`]).
pub fn single_file(dataset: &Dataset) -> Option<String> {
    (dataset.claim_count() <= SINGLE_FILE_MAX_CLAIMS).then(|| dataset.meta.offline_file_name())
}
