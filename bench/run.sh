#!/usr/bin/env bash
# The benchmark: the release binary as whole processes, timed over repeated runs.
#   bench/run.sh [RUNS]     (default 21 for the report, fewer for the larger cases)
# Prints Markdown tables: wall time (median) and peak memory (max RSS, via GNU time when
# installed) for the report, every edition in one run, and generated decks of 50, 500 and 2,000
# slides; then each edition's PDF size with the share of fonts and images.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
# The profile releases ship (`dist`: the release profile with LTO).
cargo build --profile dist --quiet
cargo build --release --quiet --example pdfstats
bin=$PWD/target/dist/deckgen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The clock is bash's own ($EPOCHREALTIME, microseconds): `$(date +%s%N)` after a command would
# count the start of the `date` process too (about a millisecond here).
# elapsed_us START END: microseconds between two readings of $EPOCHREALTIME.
elapsed_us() { echo $(( ${2/[.,]/} - ${1/[.,]/} )); }

# median_ms CMD...: run CMD $n times, print the median wall time in ms (3 decimals).
median_ms() {
  local n=$1; shift
  local times=()
  for _ in $(seq "$n"); do
    local start end
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
    end=$EPOCHREALTIME
    times+=("$(elapsed_us "$start" "$end")")
  done
  local m
  m=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (n + 1) / 2 ))p")
  printf '%d.%01d ms' $((m / 1000)) $(( (m % 1000) / 100 ))
}

# peak_mb CMD...: the command's maximum resident memory.
peak_mb() {
  if [ -x /usr/bin/time ]; then
    local kb
    kb=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1)
    echo "$(( kb / 1024 )) MB"
  else
    echo "n/a"
  fi
}

# Warm the file cache; every case must build, or the benchmark stops here.
must_build() { "$@" >/dev/null 2>&1 || { echo "bench: does not build: $*" >&2; exit 1; }; }
must_build "$bin" build deck.toml -o "$work/warm.pdf"
echo "| case | pages | median wall | runs | peak memory |"
echo "|---|---|---|---|---|"
pages=$(grep -c '^\[\[slide\]\]' deck.toml)
printf '| report (deck.toml) | %s | %s | %s | %s |\n' "$pages" \
  "$(median_ms "$runs" "$bin" build deck.toml -o "$work/deck.pdf")" "$runs" \
  "$(peak_mb "$bin" build deck.toml -o "$work/deck.pdf")"
editions=$(( $(ls i18n/*.po | wc -l) + 1 ))
printf '| all %s editions in one run (--all-langs) | %s | %s | %s | %s |\n' "$editions" "$(( pages * editions ))" \
  "$(median_ms $(( (runs + 2) / 3 )) "$bin" build deck.toml --all-langs --out-dir "$work/dist")" $(( (runs + 2) / 3 )) \
  "$(peak_mb "$bin" build deck.toml --all-langs --out-dir "$work/dist")"
printf '| pseudo-locale (--lang qps) | %s | %s | %s | %s |\n' "$pages" \
  "$(median_ms "$runs" "$bin" build deck.toml --lang qps --out-dir "$work/dist")" "$runs" \
  "$(peak_mb "$bin" build deck.toml --lang qps --out-dir "$work/dist")"
for n in 50 500 2000; do
  # The generated deck links to the repository's fonts and images: the root spans both.
  python3 bench/gen_deck.py "$n" "$work/big$n.toml"
  must_build "$bin" build "$work/big$n.toml" --root /
  reps=$(( n >= 2000 ? 3 : 5 ))
  printf '| generated deck, every layout and script | %s | %s | %s | %s |\n' "$n" \
    "$(median_ms "$reps" "$bin" build "$work/big$n.toml" --root /)" "$reps" \
    "$(peak_mb "$bin" build "$work/big$n.toml" --root /)"
done
echo
echo "| edition | PDF size | fonts | images |"
echo "|---|---|---|---|"
"$bin" build deck.toml --lang qps --out-dir "$work/dist" >/dev/null 2>&1
target/release/examples/pdfstats "$work"/dist/deck*.pdf

# Beside Typst, when its PyPI build is installed (`pip install typst`): the report and a twin
# deck of 2,000 slides (bullets and card rows in five scripts, bench/gen_twin.py) written for
# each tool, the same strings and font files (bench/typst/), the two tools' runs alternating.
# Typst compiles cold, in a process of its own, timed around the compile alone; its memory is
# the process's peak less Python's before the compile. deckgen's time and memory are its whole
# process's.
if python3 -c "import typst" 2>/dev/null; then
  ln -s "$PWD/bench" "$work/bench"
  # side_by_side N TOML TYP: N rounds, each one deckgen build and one Typst compile, so a
  # machine that speeds up or slows down meanwhile moves both alike. Prints the medians: deckgen
  # ms, Typst ms, Typst's compile memory (MB); deckgen's memory is measured once after.
  # Both are timed on a CPU that was just busy: Typst's compile inside the Python process that
  # has just imported it, deckgen's build right after an untimed one. (On this VM a process that
  # starts on a CPU that was idle or ran something else runs slower: a hello-world takes 0.95 ms
  # back to back, 2.07 ms after 200 ms idle.) Each round also times a process that does
  # nothing (`true`) the same way: the start and end any command costs here, which deckgen's
  # time includes and Typst's (inside Python) does not. Its median is printed fourth.
  side_by_side() {
    local n=$1 toml=$2 typ=$3 runs_file="$work/typst-runs" d_times=() t_times=()
    : >"$runs_file"
    for _ in $(seq "$n"); do
      local start end
      "$bin" build "$toml" -o "$work/d.pdf" --root / >/dev/null 2>&1 ||
        { echo "bench: failed: $toml" >&2; exit 1; }
      start=$EPOCHREALTIME
      "$bin" build "$toml" -o "$work/d.pdf" --root / >/dev/null 2>&1 ||
        { echo "bench: failed: $toml" >&2; exit 1; }
      end=$EPOCHREALTIME
      d_times+=("$(elapsed_us "$start" "$end")")
      start=$EPOCHREALTIME
      "$nothing"
      end=$EPOCHREALTIME
      t_times+=("$(elapsed_us "$start" "$end")")
      python3 bench/typst_compile.py "$typ" "$work/typst.pdf" "$work" "$PWD/fonts" >>"$runs_file" ||
        { echo "bench: typst failed: $typ" >&2; exit 1; }
    done
    local mid=$(( (n + 1) / 2 )) d_us t_us
    d_us=$(printf '%s\n' "${d_times[@]}" | sort -n | sed -n "${mid}p")
    t_us=$(printf '%s\n' "${t_times[@]}" | sort -n | sed -n "${mid}p")
    echo "$((d_us / 1000)).$(( (d_us % 1000) / 100 ))" \
      "$(awk '{ print $1 }' "$runs_file" | sort -n | sed -n "${mid}p")" \
      "$(awk '{ printf "%.0f\n", ($2 - $3) / 1024 }' "$runs_file" | sort -n | sed -n "${mid}p")" \
      "$((t_us / 1000)).$(( (t_us % 1000) / 100 ))"
  }
  nothing=$(type -P true)  # the program, not bash's builtin
  cp bench/typst/report.typ "$work/report.typ"
  sed -i 's|#import "slides.typ"|#import "/bench/typst/slides.typ"|' "$work/report.typ"
  python3 bench/gen_twin.py 2000 "$work/twin.toml" "$work/twin.typ"
  echo
  echo "| deck, beside Typst $(python3 -c 'import typst; print(typst.__version__)') | deckgen | Typst | time ratio | deckgen memory | Typst memory | memory ratio |"
  echo "|---|---|---|---|---|---|---|"
  for case in "report:deck.toml:$work/report.typ:$runs" "2,000 slides (twin):$work/twin.toml:$work/twin.typ:3"; do
    IFS=: read -r name toml typ reps <<<"$case"
    read -r d_ms t_ms t_mb nothing_ms < <(side_by_side "$reps" "$toml" "$typ")
    d_mb=$(peak_mb "$bin" build "$toml" -o "$work/d.pdf" --root / | sed 's/ MB//')
    printf '| %s | %s ms | %s ms | %s | %s MB | %s MB | %s |\n' "$name" "$d_ms" "$t_ms" \
      "$(awk -v a="$d_ms" -v b="$t_ms" 'BEGIN { printf "%.2f", a / b }')" "$d_mb" "$t_mb" \
      "$(awk -v a="$d_mb" -v b="$t_mb" 'BEGIN { printf "%.2f", a / b }')"
    if [ "$name" = report ]; then
      report_note="A process that does nothing (\`true\`), timed the same way beside the report: \
$nothing_ms ms; the report less that: $(awk -v a="$d_ms" -v z="$nothing_ms" 'BEGIN { printf "%.1f", a - z }') ms, \
$(awk -v a="$d_ms" -v z="$nothing_ms" -v b="$t_ms" 'BEGIN { printf "%.2f", (a - z) / b }') of Typst's compile."
    fi
  done
  echo
  echo "$report_note"
fi
