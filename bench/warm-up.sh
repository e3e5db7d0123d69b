#!/usr/bin/env bash
# How fast the store is from its first minute: starts it fresh (a new run directory), then
# measures, one after the other, on the store as the settings in the environment make it
# (BOOKSTORE_NODE_JVM_OPTS, BOOKSTORE_FRONTEND_JVM_OPTS, BOOKSTORE_CLASS_DATA_SHARING, ...):
#
#   ready            seconds from ./bookstore start to ready
#   buys, minute N   wrk, 16 connections, 60 s of buys (one unit, items 1-7 in turn, a key each),
#                    N = 1..MINUTES: buys/s, p50, and CPU per buy of all nodes (ms, from
#                    /proc/PID/stat, the idle share included), then each node's share on a line
#                    of its own
#   cached lookups   wrk, 16 connections, 20 s of GET /api/books/1: lookups/s, CPU per lookup
#   idle             CPU of every node over 20 s without requests (ms/s)
#   memory           RSS and PSS (/proc/PID/smaps_rollup) of every node, summed (MB)
#
#   bench/warm-up.sh LABEL [MINUTES]     (MINUTES of buys, default 4; needs wrk)
#
# The run directory ($OUT/run-LABEL) starts empty, a first start, unless KEEP=1: then a second run
# with the same LABEL starts from the first one's run directory (its class data archive included).
#
# One line of figures per step on stdout and in $OUT/LABEL.txt (OUT default /tmp/warm-up). It stops
# the store it started. Run it on a quiet machine, one store at a time: every figure is the whole
# machine's.
set -euo pipefail
cd "$(dirname "$0")/.."
label=${1:?usage: bench/warm-up.sh LABEL [MINUTES]}
minutes=${2:-4}
out=${OUT:-/tmp/warm-up}
export BOOKSTORE_RUN_DIR=${BOOKSTORE_RUN_DIR:-$out/run-$label}
mkdir -p "$out"
report=$out/$label.txt
: >"$report"
say() { printf '%s\n' "$*" | tee -a "$report"; }
command -v wrk >/dev/null || { echo "warm-up: needs wrk (apt-get install wrk)" >&2; exit 1; }

./bookstore stop >/dev/null
[[ ${KEEP:-0} == 1 ]] || rm -rf "$BOOKSTORE_RUN_DIR"
started=$(date +%s%N)
./bookstore start >"$out/$label.start.log"
say "$label: ready in $(( ($(date +%s%N) - started) / 1000000 )) ms (node options: ${BOOKSTORE_NODE_JVM_OPTS:-default}; front end: ${BOOKSTORE_FRONTEND_JVM_OPTS:-default})"
trap './bookstore stop >/dev/null' EXIT

pids() { cat "$BOOKSTORE_RUN_DIR"/*/pid; }
node_ticks() { # one line a node: its name and its clock ticks of CPU (utime + stime) so far
  local file
  for file in "$BOOKSTORE_RUN_DIR"/*/pid; do
    echo "$(basename "$(dirname "$file")") $(awk '{print $14 + $15}' "/proc/$(<"$file")/stat")"
  done
}
sum_ticks() { awk '{t += $2} END {print t}'; } # node_ticks' lines on stdin: their total
ticks() { node_ticks | sum_ticks; }
tick_ms=$((1000 / $(getconf CLK_TCK)))
base=http://127.0.0.1:8080
password=$(<"$BOOKSTORE_RUN_DIR/admin-password")
for item in 1 2 3 4 5 6 7; do # no buy refused for want of stock
  curl -sf -u "admin:$password" -H 'Content-Type: application/json' -d '{"quantity":1000000}' \
    "$base/api/admin/items/$item/restock" >/dev/null
done

lua=$out/buy.lua
cat >"$lua" <<'EOF'
local items = {1, 2, 3, 4, 5, 6, 7}
local run = tostring(os.time()) .. tostring(math.random(1000000))
local threads = 0
local count = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
function request()
  count = count + 1
  local item = items[(count - 1) % #items + 1]
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = "warm-" .. run .. "-" .. thread_number .. "-" .. count
  return wrk.format("POST", "/api/orders", headers, '{"itemId":' .. item .. ',"quantity":1}')
end
EOF

run_wrk() { # WHAT SECONDS [wrk options...]: one wrk run at 16 connections, its figures on one line
  local what=$1 seconds=$2 before after log=$out/$label.wrk.log
  shift 2
  local nodes_before=$out/$label.nodes.before
  node_ticks >"$nodes_before"
  before=$(sum_ticks <"$nodes_before")
  wrk -t2 -c16 "-d${seconds}s" --latency "$@" >"$log" 2>&1
  local nodes_after
  nodes_after=$(node_ticks)
  after=$(sum_ticks <<<"$nodes_after")
  local rate p50 errors
  rate=$(awk '/Requests\/sec/ {print $2}' "$log")
  p50=$(awk '$1 == "50%" {print $2}' "$log")
  errors=$(awk '/Non-2xx/ {print $5}' "$log")
  awk -v w="$what" -v r="$rate" -v p="$p50" -v e="${errors:-0}" -v t=$((after - before)) -v ms="$tick_ms" -v s="$seconds" -v l="$label" \
    'BEGIN { printf "%s: %s: %.0f/s, p50 %s, %.2f ms CPU each, non-2xx %s\n", l, w, r, p, t * ms / (r * s), e }' | tee -a "$report"
  awk -v r="$rate" -v ms="$tick_ms" -v s="$seconds" 'NR == FNR { was[$1] = $2; next }
    { line = line sprintf(" %s %.2f", $1, ($2 - was[$1]) * ms / (r * s)) }
    END { print "  ms CPU each, per node:" line }' "$nodes_before" - <<<"$nodes_after" | tee -a "$report"
}

for ((m = 1; m <= minutes; m++)); do
  run_wrk "buys, minute $m" 60 -s "$lua" "$base/api/orders"
done
run_wrk "cached lookups" 20 "$base/api/books/1"
before=$(ticks)
sleep 20
say "$label: idle: $(( ($(ticks) - before) * tick_ms / 20 )) ms/s of CPU"
rss=0 pss=0
for pid in $(pids); do
  rss=$((rss + $(awk '/^Rss:/ {print $2}' "/proc/$pid/smaps_rollup")))
  pss=$((pss + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")))
done
say "$label: memory: RSS $((rss / 1024)) MB, PSS $((pss / 1024)) MB ($(pids | wc -l) processes)"
