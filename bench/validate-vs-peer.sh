#!/usr/bin/env bash
# Throughput and peak memory of `dpo validate` (exact o200k token counts) against the peer validator
# (../shared/bench/peer-node: the OpenAI cookbook checks in Node with gpt-tokenizer), on the same generated file,
# in the same run. Usage: bench/validate-vs-peer.sh [SIZE_MB=100] [RUNS=1]
# Prints MB/s (file bytes / wall seconds), CPU seconds and peak RSS for both, and whether the token totals agree.
# Wall-clock figures are only comparable within one run: on a shared machine, look at the ratio and the CPU seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-100}
runs=${2:-1}
shared=${DPO_SHARED_BENCH:-$(cd .. && pwd)/shared/bench}
data=bench/data
results=bench/results
mkdir -p "$data" "$results"

for tool in python3 node npm dotnet /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
[ -f "$shared/gen_dpo.py" ] || { echo "peer benchmark not found at $shared (set DPO_SHARED_BENCH)" >&2; exit 2; }

file="$data/bench${size_mb}.jsonl"
[ -f "$file" ] || python3 "$shared/gen_dpo.py" "$size_mb" "$file" >/dev/null
bytes=$(stat -c %s "$file")

peer="$data/peer-node"
if [ ! -d "$peer/node_modules/gpt-tokenizer" ]; then
  mkdir -p "$peer" && cp "$shared/peer-node/package.json" "$shared/peer-node/validate.mjs" "$peer/"
  (cd "$peer" && npm install --no-audit --no-fund --silent >/dev/null)
fi

dotnet build -c Release src/DpoPipeline.Cli -v quiet -nologo >/dev/null
dpo="src/DpoPipeline.Cli/bin/Release/net10.0/dpo.dll"

# measure NAME COMMAND...: runs the command under time -v, stdout to $results/NAME.out
measure() {
  local name=$1; shift
  /usr/bin/time -v "$@" >"$results/$name.out" 2>"$results/$name.time" || true
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$results/$name.time")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$results/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$results/$name.time")
  printf '%-6s %8.1f MB/s  wall %7.2f s  cpu %7.2f s  peak RSS %5s MB\n' "$name" "$(echo "$bytes / 1000000 / $wall" | bc -l)" "$wall" "$cpu" "$rss"
}

echo "file: $file ($bytes bytes), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$runs"); do
  measure peer node "$peer/validate.mjs" "$file"
  measure dpo dotnet "$dpo" validate "$file" --json
done

peer_tokens=$(grep -o '"tokens":[0-9]*' "$results/peer.out" | cut -d: -f2)
dpo_tokens=$(grep -o '"train_tokens": [0-9]*' "$results/dpo.out" | grep -o '[0-9]*$')
echo "tokens: peer $peer_tokens, dpo $dpo_tokens $([ "$peer_tokens" = "$dpo_tokens" ] && echo '(identical)' || echo '(DIFFERENT)')"
