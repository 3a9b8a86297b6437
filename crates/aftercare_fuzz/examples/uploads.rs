//! Tallies how the server answers every upload in a folder (a fuzz corpus, an attack corpus):
//! `cargo run -p aftercare_fuzz --example uploads -- fuzz/corpus/multipart`.

use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: uploads <folder of multipart bodies>")?;
    let mut answers: BTreeMap<u16, usize> = BTreeMap::new();
    for entry in std::fs::read_dir(&dir)? {
        let body = std::fs::read(entry?.path())?;
        *answers.entry(aftercare_fuzz::upload(&body)).or_default() += 1;
    }
    let total: usize = answers.values().sum();
    println!("{total} uploads from {dir}");
    for (status, count) in answers {
        println!("{status}: {count}");
    }
    Ok(())
}
