# Shared by the bench and fuzz scripts (source it from the repository root, with BIN set).

# Starts "$BIN serve" with the given arguments on a fresh data folder and a random local port,
# on the database of AFTERCARE_DATABASE_URL when set (SQLite in the folder otherwise), migrated,
# with an API key of the shop's store in KEY. Sets DATA, BASE and PID; on exit the server stops
# and the folder is removed.
start_server() {
  DATA=$(mktemp -d)
  local port=$((20000 + RANDOM % 10000))
  BASE=http://127.0.0.1:$port
  export AFTERCARE_DATA_DIR=$DATA AFTERCARE_LISTEN=127.0.0.1:$port AFTERCARE_LOG=warn
  unset AFTERCARE_SMTP_URL
  "$BIN" migrate >/dev/null
  KEY=$("$BIN" admin create-api-key --name bench --scope orders:write 2>/dev/null | awk '/^key:/ {print $2}')
  "$BIN" serve "$@" >"$DATA/serve.log" 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
  for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
}

# Signs a customer in the way a customer does, through the link the
# server e-mails (written as an .eml file into "$DATA/outbox" when no SMTP server is configured).
# Usage: customer_cookie ORDER_NUMBER EMAIL  (needs BASE and DATA) -> prints "name=value".
customer_cookie() {
  curl -sf -o /dev/null -H 'Content-Type: application/json' "$BASE/api/v1/sign-in-links" \
    -d '{"order_number": "'"$1"'", "email": "'"$2"'"}'
  local token=""
  for _ in $(seq 50); do
    token=$(cat "$DATA"/outbox/*.eml 2>/dev/null | tr -d '\r' | sed -e ':a' -e '/=$/{N;s/=\n//;ba' -e '}' \
      | grep -o 'sign-in/[0-9a-f]\{64\}' | head -1 | cut -d/ -f2 || true)
    [ -n "$token" ] && break
    sleep 0.2
  done
  curl -s -o /dev/null -D - -X POST "$BASE/sign-in/$token" | tr -d '\r' | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}'
}
