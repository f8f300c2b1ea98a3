//! k-fold cross-validation of the part-of-speech tagger on the treebank
//! (`$TOMTAT_SHARED/data/vtb_pos/dev.conllu`): fold `f` trains on all
//! sentences but the `f`-th contiguous block and tags that block. Run by
//! `make eval`.
//!
//! ```text
//! cargo run --release --features train --example tag-cv -- [--k 5] [--out PRED.txt] [--variants]
//!     [--features F1,F2,...] [--features-only] [--interleaved] [--seed S]
//!     [--learner perceptron|pa:C|softmax:ETA:LAMBDA:START[:gold]|softmax-l1:ETA:L1:LAMBDA] [--learn-all] [--prune P] [--size]
//! ```
//!
//! `--out` writes every sentence as tagged by the model that did not
//! train on it (`word/UPOS` words), for `vi_eval.py pos`; `--variants`
//! also scores the variants the shipped parameters were chosen among;
//! `--features` scores the shipped parameters with each of the feature
//! sets given (`V_*` bits, their predictions to `PRED.txt.F` with
//! `--out`), and `--features-only` those alone;
//! `--interleaved` holds out every `k`-th sentence rather than
//! contiguous blocks (a second split, for the noise of the first);
//! `--learner` learns the final model with another learner than the
//! perceptron (`Learner`; `softmax-l1` is the softmax with L1 as well
//! as L2, which makes weights zero as it learns), and `--learn-all` the first stages too;
//! `--prune` zeroes the final model's weights nearer zero than `P`
//! (shipped 0.02; `--learner perceptron --epochs 15 --prune 0` is the
//! perceptron shipped before the eighteenth session);
//! `--size` only prints the bytes of the model learned on every
//! sentence.

use tomtat::tag::{
    cross_validate, cross_validate_split, read_conllu, Corpus, Learner, Params, Tagged,
};

#[path = "tag-common/news.rs"]
mod news;

fn main() -> std::io::Result<()> {
    let shared = std::env::var("TOMTAT_SHARED").unwrap_or_else(|_| "../shared".into());
    let mut k = 5;
    let mut out = None;
    let mut variants = false;
    let mut features_only = false;
    let mut interleaved = false;
    let mut features = Vec::new();
    let mut size = false;
    let mut shipped = Params::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--k" => k = args.next().and_then(|v| v.parse().ok()).unwrap_or(k),
            "--out" => out = args.next(),
            "--variants" => variants = true,
            "--features-only" => features_only = true,
            "--interleaved" => interleaved = true,
            "--features" => {
                features = args
                    .next()
                    .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
                    .unwrap_or_default()
            }
            "--self-train" => {
                shipped.self_train = args.next().and_then(|v| v.parse().ok()).unwrap_or(0)
            }
            "--gold-weight" => {
                shipped.gold_weight = args.next().and_then(|v| v.parse().ok()).unwrap_or(1)
            }
            "--min-margin" => {
                shipped.min_margin = args.next().and_then(|v| v.parse().ok()).unwrap_or(0.0)
            }
            "--rounds" => {
                shipped.profile_rounds = args.next().and_then(|v| v.parse().ok()).unwrap_or(1)
            }
            "--jackknife" => {
                shipped.jackknife = args.next().and_then(|v| v.parse().ok()).unwrap_or(0)
            }
            "--jackknife-below" => {
                shipped.jackknife_below = args.next().and_then(|v| v.parse().ok()).unwrap_or(2)
            }
            "--learner" => {
                let v = args.next().unwrap_or_default();
                shipped.learner = learner(&v).unwrap_or_else(|| {
                    eprintln!(
                        "tag-cv: --learner perceptron | pa:C | softmax:ETA:LAMBDA:START[:gold] | softmax-l1:ETA:L1:LAMBDA"
                    );
                    std::process::exit(2);
                })
            }
            "--learn-all" => shipped.learn_all = true,
            "--prune" => shipped.prune = args.next().and_then(|v| v.parse().ok()).unwrap_or(0.0),
            "--size" => size = true,
            "--seed" => shipped.seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            "--models" => shipped.models = args.next().and_then(|v| v.parse().ok()).unwrap_or(5),
            "--epochs" => shipped.epochs = args.next().and_then(|v| v.parse().ok()).unwrap_or(10),
            "--bits" => shipped.bits = args.next().and_then(|v| v.parse().ok()).unwrap_or(18),
            "--feat" => shipped.features = args.next().and_then(|v| v.parse().ok()).unwrap_or(0),
            other => {
                eprintln!("tag-cv: unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let path = format!("{shared}/data/vtb_pos/dev.conllu");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}")))?;
    let gold = read_conllu(&text);
    if size {
        let model = tomtat::tag::train(&gold, &shipped).to_bytes();
        println!("model of {shipped:?}: {} bytes", model.len());
        return Ok(());
    }
    let t0 = std::time::Instant::now();
    let corpus = news::news(&shared)?;
    eprintln!(
        "news: {} words, {:.1} s",
        corpus.words(),
        t0.elapsed().as_secs_f64()
    );
    if !features_only {
        shipped_cv(&gold, k, interleaved, &shipped, &corpus, out.as_deref())?;
    }
    for &f in &features {
        let p = Params {
            features: f,
            ..shipped.clone()
        };
        let (mut right, mut words, mut unknown, mut unknown_right) = (0, 0, 0, 0);
        let mut each = Vec::new();
        let mut pred = Vec::new();
        for f in cross_validate_split(&gold, k, interleaved, &p, Some(&corpus), &mut pred) {
            right += f.right;
            words += f.words;
            unknown += f.unknown;
            unknown_right += f.unknown_right;
            each.push(format!(
                "{:.2}",
                100.0 * f.right as f64 / f.words.max(1) as f64
            ));
        }
        if let Some(out) = &out {
            std::fs::write(format!("{out}.{f}"), pred.join("\n") + "\n")?;
        }
        let known = words - unknown;
        println!(
            "| features {f} | {:.2} | folds {} | has / lacks {:.2} / {:.2} |",
            100.0 * right as f64 / words.max(1) as f64,
            each.join(" "),
            100.0 * (right - unknown_right) as f64 / known.max(1) as f64,
            100.0 * unknown_right as f64 / unknown.max(1) as f64
        );
    }
    if variants {
        println!("\n| variant | accuracy |\n|---|---|");
        let base = Params::default();
        let mut rows = Vec::new();
        for epochs in [5, 15, 25] {
            rows.push((
                format!("{epochs} epochs"),
                Params {
                    epochs,
                    ..base.clone()
                },
            ));
        }
        for bits in [16, 17, 20] {
            rows.push((
                format!("2^{bits} rows"),
                Params {
                    bits,
                    ..base.clone()
                },
            ));
        }
        for (name, p) in rows {
            let (mut right, mut words) = (0, 0);
            for f in cross_validate(&gold, k, &p, Some(&corpus), &mut Vec::new()) {
                right += f.right;
                words += f.words;
            }
            println!(
                "| {name} | {:.2} |",
                100.0 * right as f64 / words.max(1) as f64
            );
        }
    }
    Ok(())
}

/// `perceptron`, `pa:C`, `softmax:ETA:LAMBDA:START[:gold]` or
/// `softmax-l1:ETA:L1:LAMBDA` (the softmax at `START` 0 with L1 too).
fn learner(v: &str) -> Option<Learner> {
    let parts: Vec<&str> = v.split(':').collect();
    match parts.as_slice() {
        ["perceptron"] => Some(Learner::Perceptron),
        ["pa", c] => Some(Learner::PassiveAggressive { c: c.parse().ok()? }),
        ["softmax", eta, lambda, start, rest @ ..] => Some(Learner::Softmax {
            eta: eta.parse().ok()?,
            lambda: lambda.parse().ok()?,
            start: start.parse().ok()?,
            gold_history: rest == ["gold"],
            l1: 0.0,
        }),
        ["softmax-l1", eta, l1, lambda] => Some(Learner::Softmax {
            eta: eta.parse().ok()?,
            lambda: lambda.parse().ok()?,
            start: 0.0,
            gold_history: false,
            l1: l1.parse().ok()?,
        }),
        _ => None,
    }
}

/// Cross-validates `shipped` and prints the folds; `out` gets the
/// predictions.
fn shipped_cv(
    gold: &[Tagged],
    k: usize,
    interleaved: bool,
    shipped: &Params,
    corpus: &Corpus,
    out: Option<&str>,
) -> std::io::Result<()> {
    let mut pred = Vec::new();
    let folds = cross_validate_split(gold, k, interleaved, shipped, Some(corpus), &mut pred);
    let split = if interleaved {
        "interleaved"
    } else {
        "contiguous"
    };
    println!(
        "{k}-fold cross-validation ({split} folds), {} sentences, {shipped:?}",
        gold.len()
    );
    println!("| fold | train | test | words | accuracy |\n|---|---|---|---|---|");
    let (mut right, mut words, mut unknown, mut unknown_right) = (0, 0, 0, 0);
    for (f, fold) in folds.iter().enumerate() {
        right += fold.right;
        words += fold.words;
        unknown += fold.unknown;
        unknown_right += fold.unknown_right;
        println!(
            "| {} | {} | {} | {} | {:.2} |",
            f + 1,
            fold.train,
            fold.test,
            fold.words,
            100.0 * fold.right as f64 / fold.words.max(1) as f64
        );
    }
    println!(
        "| all (pooled) | | {} | {words} | **{:.2}** |",
        gold.len(),
        100.0 * right as f64 / words.max(1) as f64
    );
    let known = words - unknown;
    println!(
        "\nwords the training part has: {:.2} ({known}); words it lacks: {:.2} ({unknown})",
        100.0 * (right - unknown_right) as f64 / known.max(1) as f64,
        100.0 * unknown_right as f64 / unknown.max(1) as f64
    );
    if let Some(out) = out {
        std::fs::write(out, pred.join("\n") + "\n")?;
    }
    Ok(())
}
