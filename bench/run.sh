#!/usr/bin/env bash
# Measure the release binary building the report, as a whole process: median wall time over
# N runs, peak memory (max RSS), and the PDF's size. Usage: bench/run.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-21}
cargo build --release --quiet
bin=target/release/deckgen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" build deck.toml -o "$out/warm.pdf" 2>/dev/null   # warm the file cache
times=()
for _ in $(seq "$n"); do
  start=$(date +%s%N)
  "$bin" build deck.toml -o "$out/deck.pdf" 2>/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (n + 1) / 2 ))p")
if [ -x /usr/bin/time ]; then
  rss=$(/usr/bin/time -f '%M' "$bin" build deck.toml -o "$out/deck.pdf" 2>&1 >/dev/null | tail -n 1)
  rss="$(( rss / 1024 )) MB"
else
  rss="n/a (install GNU time)"
fi
size=$(stat -c %s "$out/deck.pdf")
pages=$(grep -c '^\[\[slide\]\]' deck.toml)
echo "| deck | pages | median wall ($n runs) | peak memory | PDF size |"
echo "|---|---|---|---|---|"
printf '| deck.toml | %s | %d.%03d ms | %s | %d KB |\n' "$pages" $((median / 1000)) $((median % 1000)) "$rss" $((size / 1024))
