#!/usr/bin/env bash
# The return flow under load (issue 17, item 5): each client, over and over, requests a return as
# the customer (evaluated and opened) and approves it as a service agent, the approval waiting for
# the request's answer. Prints the flows per second (two requests each) and wrk's latency
# percentiles over both requests, for 1 and for CLIENTS clients.
# Usage: bench/flow.sh sqlite|postgres [seconds] [clients]
# Needs: wrk (Debian package `wrk`), curl, python3, and for postgres a server on 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-postgres}
SECONDS_EACH=${2:-15}
CLIENTS=${3:-4}
BIN=${BIN:-target/release/aftercare}
[ -x "$BIN" ] || cargo build --release -p aftercare
# shellcheck source=bench/common.sh
. bench/common.sh
use_database "$DB" aftercare_flow
start_server

# Returns are spread over many orders, as real traffic is; each order has 1000 units.
ORDERS=${ORDERS:-2000}
push_signed_orders FLOW "$ORDERS"
customer_with_photo FLOW-1
AGENT=$(staff_cookie agent@flow.example agent)

# One wrk thread per client, one connection each, so each Lua state is one client: its next
# request is the approval of the case its last request opened, or a new request.
cat >"$DATA/flow.lua" <<LUA
counter, case, flows, refused = 0, nil, 0, 0
local threads = {}

setup = function(thread)
  thread:set("seed", #threads)
  table.insert(threads, thread)
end

request = function()
  if case then
    return wrk.format("POST", "/api/v1/returns/" .. case .. "/approve",
      {["Cookie"] = "$AGENT", ["Content-Type"] = "application/json"}, "{}")
  end
  counter = counter + 1
  local order = ((seed * 7919 + counter) % $ORDERS) + 1
  local body = string.format('{"order_number": "FLOW-%d", "reason": "quality_issue", "lines": [{"sku": "LK-100", "quantity": 1}], "description": "The latch sticks.", "evidence": ["$PHOTO"]}', order)
  return wrk.format("POST", "/api/v1/returns",
    {["Cookie"] = "$COOKIE", ["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
  if case then
    if status == 200 then flows = flows + 1 else refused = refused + 1 end
    case = nil
  elseif status == 201 or status == 200 then
    case = string.match(body, '"case"%s*:%s*{%s*"id"%s*:%s*"([^"]+)"')
    if not case then refused = refused + 1 end
  else
    refused = refused + 1
  end
end

done = function(summary, latency, requests)
  local total, failed = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("flows")
    failed = failed + thread:get("refused")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("flows: %d in %.1f s = %.0f flows/s; refused or malformed answers: %d\n",
    total, seconds, total / seconds, failed))
  io.write(string.format("per request: p50 %.1f ms, p99 %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
for clients in 1 "$CLIENTS"; do
  echo "== $DB: return flow, request + approval ($clients clients, ${SECONDS_EACH}s)"
  wrk -t"$clients" -c"$clients" -d"${SECONDS_EACH}s" -s "$DATA/flow.lua" "$BASE" \
    | grep -E '^(flows|per request)|Non-2xx|Socket errors'
  # The e-mails are drawn (the RMA slip) and written by the outbox after the answers: whether it
  # kept up shows in what is still queued when the run ends, and how long it takes to empty.
  waited=0
  depth=$(curl -sf "$BASE/metrics" | awk '/^aftercare_outbox_depth/ {print $2}')
  echo "e-mails still queued at the end: ${depth:-?}"
  while [ "${depth:-0}" != "0" ] && [ $waited -lt 600 ]; do
    sleep 0.1; waited=$((waited + 1))
    depth=$(curl -sf "$BASE/metrics" | awk '/^aftercare_outbox_depth/ {print $2}')
  done
  echo "outbox empty $((waited / 10)).$((waited % 10)) s later"
done
