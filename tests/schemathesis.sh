#!/usr/bin/env bash
# Property-based fuzzing of the JSON API from its own OpenAPI document (schemathesis): the real
# server (debug build, SQLite, demo data) is called as an admin, as a customer and with the
# store's key, and no generated request may make it answer a server error. Bounded: a fixed seed
# and a few examples per operation. Usage: tests/schemathesis.sh [examples per operation].
# Needs: schemathesis (PyPI), curl, and target/debug/aftercare (cargo build -p aftercare).
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES=${1:-10}
BIN=target/debug/aftercare
[ -x "$BIN" ] || cargo build -q -p aftercare
unset AFTERCARE_DATABASE_URL
# shellcheck source=bench/common.sh
. bench/common.sh
start_server --demo
ADMIN=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"email": "admin@demo.example", "password": "aftercare-demo"}' "$BASE/api/v1/session" \
  | tr -d '\r' | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}')
CUSTOMER=$(customer_cookie DEMO-1001 ana@example.com)
[ -n "$ADMIN" ] && [ -n "$KEY" ] && [ -n "$CUSTOMER" ] || { echo "setup failed" >&2; exit 1; }
status=0
for caller in admin store customer; do
  case $caller in
    admin) who="Cookie: $ADMIN" ;;
    store) who="Authorization: Bearer $KEY" ;;
    customer) who="Cookie: $CUSTOMER" ;;
  esac
  echo "== schemathesis as the $caller"
  # Signing in and out would end the session under test.
  # Run from the scratch folder: schemathesis keeps its example database where it runs.
  (cd "$DATA" && schemathesis run "$BASE/api/openapi.json" -H "$who" --checks not_a_server_error \
    --max-examples "$EXAMPLES" --seed 1 --exclude-path-regex 'session|sign-in' --no-color \
    > "$DATA/schemathesis.log" 2>&1) || status=1
  grep -E "generated|Server error|failed" "$DATA/schemathesis.log" | tail -3
  if [ "$status" -ne 0 ]; then cat "$DATA/schemathesis.log"; break; fi
done
if grep -qi "panicked" "$DATA/serve.log"; then cat "$DATA/serve.log"; status=1; fi
exit $status
