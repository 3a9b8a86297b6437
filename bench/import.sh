#!/usr/bin/env bash
# The bulk import, timed: writes a CSV of N orders (default 1,000,000; an order is one or two
# rows, as shop platforms export them) and imports it with `aftercare orders import` into a
# fresh database, printing the wall time, the rate and the peak memory (RSS) of the import,
# then imports it again (every order found already stored).
# Usage: bench/import.sh sqlite|postgres [orders]
# Needs: python3, GNU time (/usr/bin/time), a release build (cargo build --release -p
# aftercare), and for postgres a server on 127.0.0.1:5432 (trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-sqlite}
N=${2:-1000000}
BIN=target/release/aftercare
[ -x "$BIN" ] || cargo build -q --release -p aftercare
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
export AFTERCARE_DATA_DIR=$DATA AFTERCARE_LOG=warn
if [ "$DB" = postgres ]; then
  psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS aftercare_import" -c "CREATE DATABASE aftercare_import"
  export AFTERCARE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/aftercare_import
fi
python3 - "$N" > "$DATA/orders.csv" <<'PY'
import sys
n = int(sys.argv[1])
out = sys.stdout
out.write("order_number,placed_at,customer_email,customer_name,currency,shipping_paid,duties_paid,payment_method,full_name,street,postal_code,city,country,phone,address_email,signed_at,damage_noted_at_signing,sku,name,unit_price,quantity\n")
for i in range(n):
    email = f"customer{i % 200000}@example.com"
    day = 1 + i % 28
    signed = f"2026-02-{day:02d}T15:00:00+08:00" if i % 3 else ""
    head = f"BULK-{i},2026-01-{day:02d}T10:00:00+08:00,{email},Customer {i % 200000},USD,30.00,5.00,card,Customer {i % 200000},Rua das Flores {i % 500},1200-195,Lisboa,PT,+351 912 345 678,{email},{signed},false"
    out.write(f"{head},LK-100,Smart lock,120.00,{1 + i % 2}\n")
    if i % 2:
        out.write(f"{head},LK-200,Keypad,60.00,1\n")
PY
ROWS=$(($(wc -l < "$DATA/orders.csv") - 1))
echo "$N orders ($ROWS rows, $(du -h "$DATA/orders.csv" | cut -f1)) into $DB"
"$BIN" migrate >/dev/null
for pass in first again; do
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$DATA/rss" "$BIN" orders import "$DATA/orders.csv" 2>"$DATA/import.log" | tail -1
  end=$(date +%s.%N)
  python3 - "$start" "$end" "$N" "$(cat "$DATA/rss")" "$pass" <<'PY'
import sys
start, end, n, rss, name = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
secs = end - start
print(f"{name}: {secs:.1f} s, {n / secs:,.0f} orders/s, peak RSS {rss / 1024:.0f} MB")
PY
done
