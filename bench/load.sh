#!/usr/bin/env bash
# Load test of the real server (release build) with wrk: reading a case and creating a return,
# as a signed-in customer, on SQLite or PostgreSQL. Prints wrk's requests/s and latency
# percentiles. Usage: bench/load.sh sqlite|postgres [seconds] [connections]
# Needs: wrk (Debian package `wrk`), curl, python3, and for postgres a server on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-sqlite}
SECONDS_EACH=${2:-15}
CONNECTIONS=${3:-16}
# BIN may name another build (an older one, to compare); by default the release build, made here.
BIN=${BIN:-target/release/aftercare}
[ -x "$BIN" ] || cargo build --release -p aftercare
# shellcheck source=bench/common.sh
. bench/common.sh
use_database "$DB" aftercare_load
start_server

# Returns are spread over many orders, as real traffic is: each order has a few cases. Each
# order has 1000 units, so the requests stay within what is left to return.
ORDERS=${ORDERS:-2000}
push_signed_orders LOAD "$ORDERS"

# The customer's sign-in link arrives as an .eml file (no SMTP configured).
customer_with_photo LOAD-1
RETURN='{"order_number": "LOAD-1", "reason": "quality_issue", "lines": [{"sku": "LK-100", "quantity": 1}], "description": "The latch sticks.", "evidence": ["'"$PHOTO"'"]}'
CASE=$(curl -sf -H "Cookie: $COOKIE" -H 'Content-Type: application/json' "$BASE/api/v1/returns" -d "$RETURN" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["case"]["id"])')
[ -n "$CASE" ] || { echo "setup failed: no case" >&2; exit 1; }

# The server's resident memory in MB, after each phase: which phase raises it, and whether it falls.
# RssAnon is the heap (the allocator's, SQLite's page caches); RssFile the binary's pages in use.
rss() {
  awk '/^VmRSS|^RssAnon|^RssFile/ {kb[$1] = $2}
    END {printf "   resident memory: %d MB (anonymous %d MB, file %d MB)\n", kb["VmRSS:"] / 1024, kb["RssAnon:"] / 1024, kb["RssFile:"] / 1024}' "/proc/$PID/status"
}

cat >"$DATA/read.lua" <<LUA
wrk.headers["Cookie"] = "$COOKIE"
LUA
cat >"$DATA/create.lua" <<LUA
wrk.headers["Cookie"] = "$COOKIE"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"order_number": "LOAD-%d", "reason": "quality_issue", "lines": [{"sku": "LK-100", "quantity": 1}], "description": "The latch sticks.", "evidence": ["$PHOTO"]}', (counter % $ORDERS) + 1)
  return wrk.format("POST", "/api/v1/returns", nil, body)
end
LUA
echo "== $DB: after $ORDERS orders and one return"
rss
echo "== $DB: GET /api/v1/cases/{id} ($CONNECTIONS connections, ${SECONDS_EACH}s)"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$DATA/read.lua" "$BASE/api/v1/cases/$CASE" \
  | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx|Socket errors'
rss
echo "== $DB: POST /api/v1/returns ($CONNECTIONS connections, ${SECONDS_EACH}s)"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$DATA/create.lua" "$BASE/api/v1/returns" \
  | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx|Socket errors'
rss

# The console's pages, as an agent, after the returns above filled the history: the dashboard
# (counts, charts over twelve weeks, the first 200 open cases) and a search by part of a name.
STAFF=$(staff_cookie agent@load.example agent)
cat >"$DATA/staff.lua" <<LUA
wrk.headers["Cookie"] = "$STAFF"
LUA
for page in "/staff" "/staff/cases?q=lima" "/orders/LOAD-1"; do
  LUA_FILE="$DATA/staff.lua"
  [ "$page" = "/orders/LOAD-1" ] && LUA_FILE="$DATA/read.lua"
  echo "== $DB: GET $page ($CONNECTIONS connections, ${SECONDS_EACH}s)"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$LUA_FILE" "$BASE$page" \
    | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx|Socket errors'
  rss
done

# The server's resident memory after all of the above (the issue's bound: 60 MB).
echo "== $DB: after the load"
rss
