//! k-fold cross-validation of the segmenter on the word-segmented treebank
//! (`$TOMTAT_SHARED/data/vtb_ws/dev.txt`): fold `f` trains on all lines but
//! the `f`-th contiguous block and segments that block. Run by `make eval`.
//!
//! ```text
//! cargo run --release --features train --example segment-cv -- [--k 5] [--out PRED.txt] [--variants]
//! ```
//!
//! `--out` writes every line as segmented by the model that did not train
//! on it, for `vi_eval.py ws`; `--variants` also scores the variants the
//! shipped parameters were chosen among.

use tomtat::segment::{cross_validate, Accuracy, Params};

fn main() -> std::io::Result<()> {
    let shared = std::env::var("TOMTAT_SHARED").unwrap_or_else(|_| "../shared".into());
    let mut k = 5;
    let mut out = None;
    let mut variants = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--k" => k = args.next().and_then(|v| v.parse().ok()).unwrap_or(k),
            "--out" => out = args.next(),
            "--variants" => variants = true,
            other => {
                eprintln!("segment-cv: unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    let path = format!("{shared}/data/vtb_ws/dev.txt");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}")))?;
    let lines: Vec<&str> = text.lines().collect();
    let mut pred = Vec::new();
    let shipped = Params::default();
    let folds = cross_validate(&lines, k, &shipped, &mut pred);
    println!(
        "{k}-fold cross-validation, {} sentences, {shipped:?}",
        lines.len()
    );
    println!("| fold | train | test | P | R | F1 |\n|---|---|---|---|---|---|");
    let mut all = Accuracy::default();
    for (f, fold) in folds.iter().enumerate() {
        let s = fold.score;
        all.add(s);
        println!(
            "| {} | {} | {} | {:.2} | {:.2} | {:.2} |",
            f + 1,
            fold.train,
            fold.test,
            s.p(),
            s.r(),
            s.f1()
        );
    }
    let mean = folds.iter().map(|f| f.score.f1()).sum::<f64>() / folds.len() as f64;
    println!(
        "| all (pooled) | | {} | {:.2} | {:.2} | **{:.2}** |",
        lines.len(),
        all.p(),
        all.r(),
        all.f1()
    );
    println!("mean of the fold F1s: {mean:.2}");
    if let Some(out) = out {
        std::fs::write(&out, pred.join("\n") + "\n")?;
    }
    if variants {
        println!("\n| variant | P | R | F1 |\n|---|---|---|---|");
        let base = Params::default();
        let rows: Vec<(&str, Params)> = vec![
            (
                "maximal matching, lists only (no learning)",
                Params {
                    epochs: 0,
                    learned_words: false,
                    ..base.clone()
                },
            ),
            (
                "maximal matching, lists + training words",
                Params {
                    epochs: 0,
                    ..base.clone()
                },
            ),
            (
                "perceptron, lists only",
                Params {
                    learned_words: false,
                    ..base.clone()
                },
            ),
            (
                "perceptron, lower-case training words only",
                Params {
                    learned_names: false,
                    ..base.clone()
                },
            ),
            (
                "perceptron, prior 0.5",
                Params {
                    prior: 0.5,
                    ..base.clone()
                },
            ),
            (
                "perceptron, prior 2",
                Params {
                    prior: 2.0,
                    ..base.clone()
                },
            ),
            (
                "perceptron, prior 4",
                Params {
                    prior: 4.0,
                    ..base.clone()
                },
            ),
            (
                "perceptron, 3 epochs",
                Params {
                    epochs: 3,
                    ..base.clone()
                },
            ),
            (
                "perceptron, 15 epochs",
                Params {
                    epochs: 15,
                    ..base.clone()
                },
            ),
        ];
        for (name, p) in rows {
            let mut s = Accuracy::default();
            for f in cross_validate(&lines, k, &p, &mut Vec::new()) {
                s.add(f.score);
            }
            println!("| {name} | {:.2} | {:.2} | {:.2} |", s.p(), s.r(), s.f1());
        }
    }
    Ok(())
}
