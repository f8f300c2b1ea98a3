//! `tomtat df-table FILE...`: the background document-frequency table.
//!
//! Counts, for every word key, the documents it occurs in (body and title,
//! as the keyword stage sees them). Only statistics are written, never text,
//! and only keys seen in at least `--min-df` documents.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;
use tomtat::Engine;

pub fn run(files: &[PathBuf], min_df: u32) -> anyhow::Result<ExitCode> {
    let engine = Engine::new();
    let mut texts = Vec::new();
    for path in files {
        let f = std::fs::File::open(path).with_context(|| format!("{}", path.display()))?;
        for (n, line) in io::BufReader::new(f).lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&line)
                .with_context(|| format!("{}:{}", path.display(), n + 1))?;
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                texts.push(t.to_string());
            }
            if let Some(docs) = v.get("docs").and_then(|d| d.as_array()) {
                texts.extend(docs.iter().filter_map(|d| d.as_str()).map(str::to_string));
            }
        }
    }
    let sets: Vec<HashSet<String>> = texts
        .par_iter()
        .map(|t| {
            let doc = engine.document(t, None);
            let mut key = String::new();
            let mut keys = HashSet::new();
            let words = doc
                .title_words
                .iter()
                .chain(doc.sentences.iter().flat_map(|s| &s.words));
            for w in words {
                let form = w.of(&doc.text);
                if form.chars().any(char::is_alphabetic) {
                    engine.lexicon().key_into(form, &mut key);
                    keys.insert(key.clone());
                }
            }
            keys
        })
        .collect();
    let mut df: BTreeMap<&str, u32> = BTreeMap::new();
    for set in &sets {
        for k in set {
            *df.entry(k.as_str()).or_default() += 1;
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "#docs\t{}", sets.len())?;
    for (k, n) in df {
        if n >= min_df {
            writeln!(out, "{k}\t{n}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
