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
python3 bench/orders_csv.py "$N" > "$DATA/orders.csv"
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
