# Shared by the bench and fuzz scripts (source it from the repository root, with BIN set).

# Points the server and the CLI at the database of the run: for postgres a fresh database of
# that name on 127.0.0.1:5432, for sqlite the file in the data folder.
# Usage: use_database sqlite|postgres NAME
use_database() {
  if [ "$1" = postgres ]; then
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2"
    export AFTERCARE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/$2
  else
    unset AFTERCARE_DATABASE_URL
  fi
}

# Pushes COUNT orders PREFIX-1..PREFIX-COUNT with the store's key, 4 at a time: signed two days
# ago, each of 1000 units of one product for ana@example.com, so that many returns fit in each.
# Usage: push_signed_orders PREFIX COUNT  (needs KEY and BASE)
push_signed_orders() {
  SIGNED=$(date -u -d '2 days ago' +%Y-%m-%dT%H:%M:%SZ)
  PLACED=$(date -u -d '12 days ago' +%Y-%m-%dT%H:%M:%SZ)
  push_order() {
    curl -sf -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$BASE/api/v1/orders" -d '{
    "number": "'"$1"'", "placed_at": "'"$PLACED"'", "customer_email": "ana@example.com", "customer_name": "Ana Lima",
    "currency": "USD", "lines": [{"sku": "LK-100", "name": "Smart lock", "unit_price": "120.00", "quantity": 1000}],
    "shipping_paid": "30.00", "payment_method": "card", "signed_at": "'"$SIGNED"'",
    "address": {"full_name": "Ana Lima", "street": "Rua das Flores 12", "postal_code": "1200-195", "city": "Lisboa",
                "country": "PT", "phone": "+351 912 345 678", "email": "ana@example.com"}}'
  }
  export -f push_order
  export KEY BASE PLACED SIGNED
  seq "$2" | xargs -P 4 -I{} bash -c "push_order $1-{}"
}

# Starts "$BIN serve" with the given arguments on a fresh data folder and a random local port,
# on the database of AFTERCARE_DATABASE_URL when set (SQLite in the folder otherwise), migrated,
# with an API key of the shop's store in KEY. Sets DATA, BASE and PID; on exit the server stops
# and the folder is removed. A function `before_serve`, when defined, runs after the migration
# and before the server starts (with DATA set), to fill the database with the CLI.
start_server() {
  DATA=$(mktemp -d)
  # The e-mails, which a shop sends through its mail server, are written as files here (no SMTP
  # server is configured): in memory, not on the disk. A run writes tens of thousands of them and
  # removes them at the end, and ext4 then searched past the freshly removed inodes for every new
  # file of the next runs (`recently_deleted`, a quarter of the server's CPU in one run).
  MAIL_DIR=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
  ln -s "$MAIL_DIR" "$DATA/outbox"
  PID=""
  trap '[ -n "$PID" ] && { kill $PID 2>/dev/null; wait $PID 2>/dev/null; }; rm -rf "$DATA" "$MAIL_DIR"' EXIT
  local port=$((20000 + RANDOM % 10000))
  BASE=http://127.0.0.1:$port
  export AFTERCARE_DATA_DIR=$DATA AFTERCARE_LISTEN=127.0.0.1:$port AFTERCARE_LOG=warn
  unset AFTERCARE_SMTP_URL
  "$BIN" migrate >/dev/null
  if declare -F before_serve >/dev/null; then before_serve; fi
  KEY=$("$BIN" admin create-api-key --name bench --scope orders:write 2>/dev/null | awk '/^key:/ {print $2}')
  "$BIN" serve "$@" >"$DATA/serve.log" 2>&1 &
  PID=$!
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

# Creates a staff account with the role and signs it in through the JSON API.
# Usage: staff_cookie EMAIL ROLE  (needs BIN and BASE) -> prints "name=value".
staff_cookie() {
  echo "correct horse battery staple" | "$BIN" admin create-user --email "$1" --name "$2 person" --role "$2" >/dev/null 2>&1
  curl -s -o /dev/null -D - -H 'Content-Type: application/json' "$BASE/api/v1/session" \
    -d '{"email": "'"$1"'", "password": "correct horse battery staple"}' \
    | tr -d '\r' | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}'
}

# The customer ana@example.com signed in through the e-mailed link of ORDER_NUMBER, with one small
# photo uploaded (customers attach only photos they uploaded). Sets COOKIE and PHOTO.
# Usage: customer_with_photo ORDER_NUMBER  (needs BASE and DATA)
customer_with_photo() {
  COOKIE=$(customer_cookie "$1" ana@example.com)
  small_png "$DATA/photo.png"
  PHOTO=$(curl -sf -H "Cookie: $COOKIE" -F "file=@$DATA/photo.png;type=image/png" "$BASE/api/v1/evidence" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
}

# Writes an 8×8 grey PNG to the path: a photo a customer attaches as evidence.
small_png() {
  python3 - "$1" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\x00" + b"\x80\x80\x80" * 8 for _ in range(8))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
}
