//! Every input in the fuzz targets' corpus (`fuzz/corpus/<target>/`), run through its target as
//! a plain test: what the fuzzer once found stays fixed, on stable Rust and in CI.
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "helpers outside #[test] fail the test loudly"
)]

use std::path::PathBuf;

fn corpus_dir(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target)
}

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = corpus_dir(target);
    let mut inputs: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{} holds no inputs", dir.display());
    inputs
}

fn replay(target: &str, run: fn(&[u8])) {
    for (path, input) in corpus(target) {
        let outcome = std::panic::catch_unwind(|| run(&input));
        assert!(outcome.is_ok(), "{} fails its target", path.display());
    }
}

#[test]
fn the_facts_corpus_is_judged_or_refused() {
    replay("facts_json", aftercare_fuzz::facts_json);
}

#[test]
fn the_policy_corpus_loads_or_is_refused() {
    replay("policy_toml", aftercare_fuzz::policy_toml);
}

#[test]
fn the_csv_corpus_imports_and_exports_as_itself() {
    replay("csv_import", aftercare_fuzz::csv_import);
}

#[test]
fn the_upload_corpus_is_answered_without_a_server_error() {
    replay("multipart", aftercare_fuzz::multipart);
}

#[test]
fn the_upload_target_reaches_the_upload_handler_signed_in() {
    let seed = |name: &str| std::fs::read(corpus_dir("multipart").join(name)).unwrap();
    assert_eq!(aftercare_fuzz::upload(&seed("photo.bin")), 201);
    assert_eq!(aftercare_fuzz::upload(&seed("php-named-jpg.bin")), 422);
}
