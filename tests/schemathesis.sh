#!/usr/bin/env bash
# Property-based fuzzing of the JSON API from its own OpenAPI document (schemathesis, every
# check): the real server (debug build, SQLite, demo data) is called as an admin, as a customer
# and with the store's key; a server error or an answer the document does not describe fails
# it. Bounded: a fixed seed and a few examples per operation.
# Usage: [CHECKS=name,...] tests/schemathesis.sh [examples per operation].
# Needs: schemathesis (PyPI), curl, and target/debug/aftercare (cargo build -p aftercare).
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES=${1:-10}
# Serializers for the media types schemathesis lacks (inbound mail's message/rfc822).
HOOKS=$PWD/tests/schemathesis_hooks.py
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
# What a request the document calls valid may be answered: schemathesis's default, and 422 for
# the rules no schema can carry (a SKU that is not on that order, an amount in another currency
# than the order's, a cursor this server did not give out, a result the case does not have).
# Every other check runs as it comes, all of them: no server error, no answer or status the
# document does not list, no invalid request accepted, no secured operation open without
# credentials, and so on.
accepted=${ACCEPTED:-'"2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"'}
status=0
for caller in admin store customer; do
  # Credentials go where the document's security schemes say, so that schemathesis can also
  # leave them out to check that every secured operation then refuses.
  case $caller in
    admin) auth=$'[auth.openapi.session]\napi_key = "'"${ADMIN#*=}"'"' ;;
    store) auth=$'[auth.openapi.apiKey]\nbearer = "'"$KEY"'"' ;;
    customer) auth=$'[auth.openapi.session]\napi_key = "'"${CUSTOMER#*=}"'"' ;;
  esac
  cat > "$DATA/schemathesis.toml" <<TOML
$auth

[checks.positive_data_acceptance]
expected-statuses = [$accepted]

# An upload is read up to its part \`file\`, which is stored as it streams in; parts after it
# are never read, so a malformed one there cannot be refused.
[[operations]]
include-path = "/api/v1/evidence"
include-method = "POST"
checks.negative_data_rejection.enabled = false
TOML
  echo "== schemathesis as the $caller"
  # Signing in and out would end the session under test.
  # Run from the scratch folder: schemathesis keeps its example database where it runs.
  (cd "$DATA" && SCHEMATHESIS_HOOKS="$HOOKS" schemathesis --config-file "$DATA/schemathesis.toml" run "$BASE/api/openapi.json" \
    ${CHECKS:+--checks "$CHECKS"} --max-examples "$EXAMPLES" --seed 1 \
    --exclude-path-regex 'session|sign-in' --no-color \
    > "$DATA/schemathesis.log" 2>&1) || status=1
  grep -E "generated|Server error|failed" "$DATA/schemathesis.log" | tail -3 || true
  if [ "$status" -ne 0 ]; then cat "$DATA/schemathesis.log"; break; fi
done
if grep -qi "panicked" "$DATA/serve.log"; then cat "$DATA/serve.log"; status=1; fi
exit $status
