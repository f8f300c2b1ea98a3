#!/usr/bin/env python3
"""`make eval`: score tomtat on the DEV sets with ../shared/eval/vi_eval.py and
print each result beside the anchors of ../shared/eval/ANCHORS.md.

Runs the release binary on: vtb_ws (segmentation), vietnews, vims, vnmds
(summaries), kw24h (keywords), vtb_pos (parts of speech). Intermediate files go to --out.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

SETS = [
    # (name, kind, data file, ANCHORS.md heading key)
    ("vtb_ws", "ws", "data/vtb_ws/dev.txt", "vtb_ws/dev.txt"),
    ("vietnews", "sum", "data/vietnews/dev.jsonl", "vietnews/dev.jsonl"),
    ("vims", "sum", "data/vims/dev.jsonl", "vims/dev.jsonl"),
    ("vnmds", "sum", "data/vnmds/dev.jsonl", "vnmds/dev.jsonl"),
    ("kw24h", "kw", "data/kw24h/dev.jsonl", "kw24h/dev.jsonl"),
    ("vtb_pos", "pos", "data/vtb_pos/dev.conllu", "vtb_pos/dev.conllu"),
]

# ANCHORS.md column -> key in vi_eval's JSON (or our timing)
COLUMNS = {
    "P": "precision", "R": "recall", "F1": "f1",
    "R-1": "rouge1", "R-2": "rouge2", "R-L": "rougeL",
    "summary tokens": "mean_summary_tokens",
    "P@5": "P@5", "R@5": "R@5", "F1@5": "F1@5",
    "P@10": "P@10", "R@10": "R@10", "F1@10": "F1@10",
    "accuracy": "accuracy",
}


def run(cmd, stdin=None, stdout=None):
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as i, \
            open(stdout, "wb") if stdout else open(os.devnull, "wb") as o:
        t = time.perf_counter()
        subprocess.run(cmd, stdin=i, stdout=o, check=True)
        return time.perf_counter() - t


def vi_eval(shared, *args):
    out = subprocess.run([sys.executable, os.path.join(shared, "eval", "vi_eval.py"), *args],
                         check=True, capture_output=True, text=True).stdout
    return out


def anchors(shared):
    """{heading key: (columns, rows)} from the markdown tables of ANCHORS.md."""
    text = open(os.path.join(shared, "eval", "ANCHORS.md"), encoding="utf-8").read()
    out = {}
    for sec in re.split(r"^## ", text, flags=re.M)[1:]:
        head = sec.splitlines()[0]
        m = re.search(r"`([^`]+)`", head)
        if not m:
            continue
        lines = [l for l in sec.splitlines() if l.startswith("|")]
        if len(lines) < 3:
            continue
        cells = lambda l: [c.strip() for c in l.strip().strip("|").split("|")]
        out[m.group(1)] = (cells(lines[0]), [cells(l) for l in lines[2:]])
    return out


def cross_validation(a, data):
    """The segmenter's honest score: 5-fold cross-validation on the same
    treebank (`examples/segment-cv.rs`: train on four contiguous fifths,
    segment the fifth), the held-out predictions scored by vi_eval.py."""
    oof = os.path.join(a.out, "vtb_ws.cv.out")
    env = dict(os.environ, TOMTAT_SHARED=os.path.abspath(a.shared))
    cv = subprocess.run([os.environ.get("CARGO", "cargo"), "run", "--quiet", "--release",
                         "--locked", "--features", "train", "--example", "segment-cv", "--", "--out", oof],
                        check=True, capture_output=True, text=True, env=env).stdout
    res = json.loads(vi_eval(a.shared, "ws", data, oof))
    print("\n## vtb_ws: 5-fold cross-validation (the segmenter's score)\n")
    print(cv.rstrip())
    print(f"\nvi_eval.py ws on the held-out predictions: P {res['precision']} "
          f"R {res['recall']} **F1 {res['f1']}**")
    return res


def tagger_cross_validation(a, data):
    """The tagger's honest score: 5-fold cross-validation on the same
    treebank (`examples/tag-cv.rs`: train on four contiguous fifths, tag
    the fifth), the held-out predictions scored by vi_eval.py."""
    oof = os.path.join(a.out, "vtb_pos.cv.out")
    env = dict(os.environ, TOMTAT_SHARED=os.path.abspath(a.shared))
    cv = subprocess.run([os.environ.get("CARGO", "cargo"), "run", "--quiet", "--release",
                         "--locked", "--features", "train", "--example", "tag-cv", "--", "--out", oof],
                        check=True, capture_output=True, text=True, env=env).stdout
    res = json.loads(vi_eval(a.shared, "pos", data, oof))
    print("\n## vtb_pos: 5-fold cross-validation (the tagger's score)\n")
    print(cv.rstrip())
    print(f"\nvi_eval.py pos on the held-out predictions: **accuracy {res['accuracy']}**")
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", nargs="*", help="set names to run")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    table = anchors(a.shared)
    results = {}
    for name, kind, rel, key in SETS:
        if a.only and name not in a.only:
            continue
        data = os.path.join(a.shared, rel)
        inp = os.path.join(a.out, f"{name}.in")
        pred = os.path.join(a.out, f"{name}.out")
        with open(inp, "w", encoding="utf-8") as f:
            f.write(vi_eval(a.shared, f"{kind}-input", data))
        if kind == "pos":
            secs = run([a.bin, "tag", "--words"], inp, pred)
            n_units = sum(len(l.split()) for l in open(inp, encoding="utf-8"))
            speed = ("words/s", n_units / secs)
        elif kind == "ws":
            secs = run([a.bin, "segment"], inp, pred)
            n_units = sum(len(l.split()) for l in open(inp, encoding="utf-8"))
            speed = ("syllables/s", n_units / secs)
        else:
            secs = run([a.bin, "batch"], inp, pred)
            n_items = sum(1 for _ in open(inp, encoding="utf-8"))
            speed = ("items/s", n_items / secs)
        res = json.loads(vi_eval(a.shared, kind, data, pred))
        res["_speed"] = speed
        results[name] = res
        if kind == "ws":
            res["_cv"] = cross_validation(a, data)
        if kind == "pos":
            res["_cv"] = tagger_cross_validation(a, data)
        cols, rows = table.get(key, ([], []))
        print(f"\n## {name} ({kind}, {os.path.relpath(data, a.shared)})\n")
        if not cols:
            print(json.dumps(res))
            continue
        print("| " + " | ".join(cols) + " |")
        print("|" + "---|" * len(cols))
        for r in rows:
            print("| " + " | ".join(r) + " |")
        if "_cv" in res:
            cv = res["_cv"]
            print("| " + " | ".join(
                "**tomtat, 5-fold CV (held out)**" if c in ("segmenter", "tagger")
                else f"**{cv[COLUMNS[c]]}**" if c in COLUMNS and COLUMNS[c] in cv
                else "—" for c in cols) + " |")
        ours = []
        for c in cols:
            if c in ("segmenter", "tagger") and "_cv" in res:
                ours.append("tomtat, shipped model (trained on this file: not a claim)")
            elif c in ("method", "segmenter", "tagger"):
                ours.append("**tomtat**")
            elif c in COLUMNS and COLUMNS[c] in res:
                ours.append(f"**{res[COLUMNS[c]]}**")
            elif "/s" in c:
                ours.append(f"**{speed[1]:,.0f}** (Rust, whole run)")
            else:
                ours.append("—")
        print("| " + " | ".join(ours) + " |")
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
