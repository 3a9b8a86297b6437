#!/usr/bin/env bash
# Every screen at a shop's full size: imports ORDERS orders from CSV (one in 12 not yet signed,
# each opening its fulfilment case), then opens RETURNS return requests through the API (200
# orders of a customer, spread evenly), so that about 100,000 cases are open; then measures with
# wrk, at CONNECTIONS connections for SECONDS each, the dashboard of each role, the case list
# with each filter, the search box by name, e-mail, order, RMA and tracking number, an order
# page and the queue API. Prints one markdown table row per page: requests/s, p50, p99.
# Usage: bench/scale.sh sqlite|postgres [orders] [returns] [seconds] [connections]
# Needs: wrk, curl, python3, a release build, and for postgres a server on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-sqlite}
ORDERS=${2:-1000000}
RETURNS=${3:-16600}
SECONDS_EACH=${4:-10}
CONNECTIONS=${5:-10}
BIN=${BIN:-target/release/aftercare}
[ -x "$BIN" ] || cargo build --release -p aftercare
# shellcheck source=bench/common.sh
. bench/common.sh
use_database "$DB" aftercare_scale

before_serve() {
  python3 bench/orders_csv.py "$ORDERS" 12 > "$DATA/orders.csv"
  local start=$SECONDS
  "$BIN" orders import "$DATA/orders.csv" 2>/dev/null | tail -1
  echo "import: $((SECONDS - start)) s"
  rm "$DATA/orders.csv"
}
start_server

push_signed_orders SCALE 200
customer_with_photo SCALE-1
start=$SECONDS
python3 - "$BASE" "$COOKIE" "$PHOTO" "$RETURNS" <<'PY'
import http.client, json, sys, threading, urllib.parse
base, cookie, photo, total = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
url = urllib.parse.urlparse(base)
failed = []
def opener(first):
    conn = http.client.HTTPConnection(url.hostname, url.port)
    for i in range(first, total, 8):
        body = json.dumps({"order_number": f"SCALE-{i % 200 + 1}", "reason": "quality_issue",
                           "lines": [{"sku": "LK-100", "quantity": 1}],
                           "description": "The latch sticks.", "evidence": [photo]})
        conn.request("POST", "/api/v1/returns", body, {"Cookie": cookie, "Content-Type": "application/json"})
        answer = conn.getresponse()
        answer.read()
        if answer.status != 201:
            failed.append(answer.status)
threads = [threading.Thread(target=opener, args=(t,)) for t in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(f"returns opened: {total - len(failed)}, refused: {len(failed)} {sorted(set(failed))}")
PY
echo "returns: $((SECONDS - start)) s"

for role in agent warehouse finance admin; do
  printf 'wrk.headers["Cookie"] = "%s"\n' "$(staff_cookie "$role@scale.example" "$role")" > "$DATA/$role.lua"
done
OPEN=$(curl -sf -H "Cookie: $(sed 's/.*= "\(.*\)"/\1/' "$DATA/agent.lua")" "$BASE/api/v1/queue?limit=1" >/dev/null && echo ok)
[ "$OPEN" = ok ] || { echo "the queue API did not answer" >&2; exit 1; }

# A running server has computed the dashboard's weekly figures already (they are reused for a
# minute, and computed again by one request while the others get the previous ones): the first
# computation after a start, at this size, is timed on its own. On PostgreSQL the bulk writes
# above are vacuumed and analysed first, as autovacuum would have done in a shop's steady state,
# so that it does not run during the measures.
if [ "$DB" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres -d aftercare_scale -c "VACUUM ANALYZE"
fi
start=$(date +%s%N)
curl -sf -o /dev/null -H "Cookie: $(sed 's/.*= "\(.*\)"/\1/' "$DATA/agent.lua")" "$BASE/staff"
echo "first dashboard after the start (computes the weekly figures): $((($(date +%s%N) - start) / 1000000)) ms"

measure() { # LABEL ROLE PATH
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$DATA/$2.lua" "$BASE$3")
  if echo "$out" | grep -q 'Non-2xx'; then
    echo "| $1 | $(echo "$out" | grep 'Non-2xx') |"
    return
  fi
  printf '| %s | %s | %s / %s |\n' "$1" \
    "$(echo "$out" | awk '/Requests\/sec/ {printf "%\047.0f", $2}')" \
    "$(echo "$out" | awk '$1=="50%" {print $2}')" "$(echo "$out" | awk '$1=="99%" {print $2}')"
}
echo
echo "| $DB, $ORDERS orders, $CONNECTIONS connections | requests/s | p50 / p99 |"
echo "|---|---|---|"
for role in agent warehouse finance admin; do
  measure "dashboard \`/staff\` as $role" "$role" /staff
done
measure 'case list, open, by deadline' agent /staff/cases
measure 'case list, returns' agent '/staff/cases?kind=return'
measure 'case list, orders in fulfilment' agent '/staff/cases?kind=order'
measure 'case list, step `requested`' agent '/staff/cases?state=requested'
measure 'case list, overdue' agent '/staff/cases?due=overdue'
measure 'case list, due today' agent '/staff/cases?due=today'
measure 'case list, closed too' agent '/staff/cases?closed=on'
measure 'search: part of a name (one surname, 5 orders)' agent '/staff/cases?q=zenmorren'
measure 'search: e-mail' agent '/staff/cases?q=customer12348%40example.com'
measure 'search: order number' agent '/staff/cases?q=BULK-12348'
measure 'search: RMA number (none matches)' agent '/staff/cases?q=RMA-2026-999999'
measure 'search: tracking number (none matches)' agent '/staff/cases?q=1Z999AA10123456784'
measure 'order page, imported order with its fulfilment' agent /staff/orders/BULK-12348
measure "order page, an order with $((RETURNS / 200)) returns" agent /staff/orders/SCALE-7
measure 'queue API, first page of 50' agent '/api/v1/queue'
measure 'queue API, returns at `requested`' agent '/api/v1/queue?kind=return&state=requested'
echo "== $DB: resident memory after the measures: $(($(ps -o rss= -p "$PID") / 1024)) MB"
