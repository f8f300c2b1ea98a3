#!/usr/bin/env bash
# `make bench`, end to end: `tomtat batch` over the DEV sets.
#
#   tests/benches/batch.sh BIN SHARED            # check outputs, then time
#   BLESS=1 tests/benches/batch.sh BIN SHARED    # accept new outputs
#
# 1. Equality: the batch output of each DEV set (as `vi_eval.py sum-input` /
#    `kw-input` write them) must hash to the value committed in
#    tests/benches/batch.sha256, so an optimization that changes one byte of
#    output fails here. Only hashes are committed, never DEV text. A change
#    of behaviour (a new rule, a retrained model) re-blesses them in the
#    same commit, with BLESS=1.
# 2. Speed: vietnews DEV (1,500 articles, keywords on) on 1 and 2 threads,
#    best of TRIALS, wall clock and CPU time (user + system), beside `wc -w`
#    over the same input in the same run (the one-pass floor of issue 8).
# 3. Memory: with BIG_MB=N (default 64; 0 skips), a corpus of N MB made of
#    the DEV lines repeated in shuffled order is streamed through `tomtat
#    batch` on 2 threads: peak RSS and articles/s.
# 4. Instructions per article, counted by valgrind's callgrind (INSTR=0
#    skips it).
#
# Needs python3 and GNU time (/usr/bin/time, for the big corpus).

set -euo pipefail
BIN=${1:?usage: batch.sh BIN SHARED}
SHARED=${2:?usage: batch.sh BIN SHARED}
TRIALS=${TRIALS:-3}
BIG_MB=${BIG_MB:-64}
HERE=$(cd "$(dirname "$0")" && pwd)
SUMS=$HERE/batch.sha256
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for set in vietnews vims vnmds; do
  python3 "$SHARED/eval/vi_eval.py" sum-input "$SHARED/data/$set/dev.jsonl" > "$TMP/$set.in"
done
python3 "$SHARED/eval/vi_eval.py" kw-input "$SHARED/data/kw24h/dev.jsonl" > "$TMP/kw24h.in"

# 1. Equality.
fail=0
for set in vietnews vims vnmds kw24h; do
  "$BIN" batch < "$TMP/$set.in" > "$TMP/$set.out"
  got=$(sha256sum < "$TMP/$set.out" | cut -d' ' -f1)
  if [[ ${BLESS:-0} == 1 ]]; then
    echo "$got  $set" >> "$TMP/sums"
  else
    want=$(awk -v s="$set" '$2 == s {print $1}' "$SUMS")
    if [[ $got == "$want" ]]; then
      echo "output $set: same as committed ($got)"
    else
      echo "output $set: CHANGED: $got, committed ${want:-none}" >&2
      fail=1
    fi
  fi
done
if [[ ${BLESS:-0} == 1 ]]; then
  mv "$TMP/sums" "$SUMS"
  echo "wrote $SUMS"
fi
[[ $fail == 0 ]] || { echo "error: batch output differs from tests/benches/batch.sha256" >&2; exit 1; }

# 2. Speed. `best IN OUT CMD...` runs CMD < IN > OUT TRIALS times and
# prints the best wall and CPU seconds and the peak RSS (runtime.py: CPU
# time to the microsecond, where GNU time rounds to 10 ms).
best() {
  local in=$1 out=$2; shift 2
  python3 "$HERE/runtime.py" "${RUNS:-$TRIALS}" "$in" "$out" "$@"
}
in=$TMP/vietnews.in
n=$(wc -l < "$in")
mb=$(python3 -c "print(round($(wc -c < "$in") / 1e6, 1))")
# wc -w costs little: ten runs steady its figure.
read -r w0 c0 _ < <(RUNS=10 best "$in" /dev/null wc -w)
read -r w1 c1 r1 < <(best "$in" "$TMP/j1.out" "$BIN" batch -j1)
read -r w2 c2 r2 < <(best "$in" "$TMP/j2.out" "$BIN" batch -j2)
# What this machine can give two threads right now: two independent -j1
# runs at once, against one (2.0 on two idle cores; less when other work
# holds a core, which caps the -j2 figure the same way).
TIMEFORMAT=%R
pair=$( { time { "$BIN" batch -j1 < "$in" > /dev/null & "$BIN" batch -j1 < "$in" > /dev/null; wait; }; } 2>&1 )
cmp -s "$TMP/j1.out" "$TMP/vietnews.out" && cmp -s "$TMP/j2.out" "$TMP/vietnews.out" \
  || { echo "error: -j1 and -j2 outputs differ from the checked one" >&2; exit 1; }
python3 - "$n" "$mb" "$w0" "$c0" "$w1" "$c1" "$r1" "$w2" "$c2" "$r2" "$TRIALS" "$pair" <<'EOF'
import sys
n, mb, w0, c0, w1, c1, r1, w2, c2, r2, trials, pair = sys.argv[1:]
n = int(n); w0, c0, w1, c1, w2, c2, pair = map(float, (w0, c0, w1, c1, w2, c2, pair))
rate = lambda t: n / t if t > 0 else float("inf")
print(f"batch: vietnews DEV, {n} articles, {mb} MB; best of {trials}")
print("| figure | value | goal |")
print("|---|---|---|")
print(f"| `tomtat batch -j1` | {rate(w1):,.0f} articles/s ({w1:.3f} s wall, {c1:.3f} s CPU, {int(r1)/1024:.0f} MB peak RSS) | |")
print(f"| `tomtat batch -j2` | {rate(w2):,.0f} articles/s ({w2:.3f} s wall, {c2:.3f} s CPU, {int(r2)/1024:.0f} MB peak RSS) | >= 20,000 |")
print(f"| 2 threads / 1 thread | x{w1 / w2:.2f} (machine ceiling now: x{2 * w1 / pair:.2f}, two -j1 runs at once) | >= x1.80 |")
print(f"| CPU, batch / `wc -w` | x{c1 / c0:.1f} ({c1:.3f} s / {c0:.3f} s; wc -w {w0:.3f} s wall) | <= x5 |")
EOF

# 3. A big streamed corpus.
if [[ $BIG_MB != 0 ]]; then
  python3 - "$in" "$TMP/big.in" "$BIG_MB" <<'EOF'
import random, sys
src, dst, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(src, encoding="utf-8").read().splitlines(keepends=True)
rng = random.Random(8)
size, target = 0, mb << 20
with open(dst, "w", encoding="utf-8") as f:
    while size < target:
        rng.shuffle(lines)
        for l in lines:
            f.write(l)
            size += len(l.encode())
            if size >= target:
                break
EOF
  big_n=$(wc -l < "$TMP/big.in")
  big_mb=$(( $(wc -c < "$TMP/big.in") >> 20 ))
  /usr/bin/time -o "$TMP/t" -f '%e %U %S %M' "$BIN" batch -j2 < "$TMP/big.in" | wc -l > "$TMP/big.lines"
  read -r e u s m < "$TMP/t"
  [[ $(cat "$TMP/big.lines") == "$big_n" ]] || { echo "error: big corpus: $(cat "$TMP/big.lines") lines out, $big_n in" >&2; exit 1; }
  python3 -c "
n, e, c, m = $big_n, $e, $u + $s, $m
print(f'| {$big_mb} MB streamed, -j2 ({n:,} articles) | {n / e:,.0f} articles/s ({e:.1f} s wall, {c:.1f} s CPU), peak RSS {m / 1024:.0f} MB | <= 300 MB |')"
fi

# 4. Instructions per article: callgrind counts them the same on a busy
# machine or a quiet one, so this is the figure to compare commits by.
# INSTR=0 skips it.
if [[ ${INSTR:-1} != 0 ]]; then
  command -v valgrind > /dev/null || { echo "error: valgrind not installed (INSTR=0 skips this figure)" >&2; exit 1; }
  valgrind --tool=callgrind --callgrind-out-file="$TMP/cg" "$BIN" batch -j1 < "$in" > /dev/null 2> "$TMP/cg.log"
  total=$(sed -n 's/^summary: //p' "$TMP/cg")
  python3 -c "print(f'| instructions per article (callgrind, -j1) | {$total / $n / 1e6:.3f} M | |')"
fi
