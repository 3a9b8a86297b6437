#!/usr/bin/env bash
# Memory under parallel photo uploads: the server's resident memory when idle and its peak while
# N customers upload at once the worst photo it accepts (a PNG of 5792 x 5792 RGBA pixels, 8 bits:
# 128 MiB decoded from a file of about 130 kB), on SQLite. Prints both, in MiB, from
# /proc/PID/status. Usage: bench/uploads.sh [parallel uploads]. Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
PARALLEL=${1:-16}
BIN=target/release/aftercare
[ -x "$BIN" ] || cargo build --release -p aftercare
unset AFTERCARE_DATABASE_URL
# shellcheck source=bench/common.sh
. bench/common.sh
start_server
curl -sf -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$BASE/api/v1/orders" -d '{
  "number": "UP-1", "placed_at": "2026-01-05T10:00:00Z", "customer_email": "ana@example.com", "customer_name": "Ana Lima",
  "currency": "USD", "lines": [{"sku": "LK-100", "name": "Smart lock", "unit_price": "120.00", "quantity": 1}],
  "shipping_paid": "30.00", "payment_method": "card",
  "address": {"full_name": "Ana Lima", "street": "Rua das Flores 12", "postal_code": "1200-195", "city": "Lisboa",
              "country": "PT", "phone": "+351 912 345 678", "email": "ana@example.com"}}'
COOKIE=$(customer_cookie UP-1 ana@example.com)
python3 - "$DATA/worst.png" <<'PY'
import struct, sys, zlib
side = 5792
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
row = b"\x00" + b"\x00" * (side * 4)
z = zlib.compressobj(9)
data = b"".join(z.compress(row) for _ in range(side)) + z.flush()
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", data) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
rss() { awk -v k="$1" '$1 == k":" {print int($2 / 1024)}' "/proc/$PID/status"; }
IDLE=$(rss VmRSS)
echo "file: $(stat -c %s "$DATA/worst.png") bytes; idle: ${IDLE} MiB"
START=$(date +%s.%N)
seq "$PARALLEL" | xargs -P "$PARALLEL" -I{} curl -s -o /dev/null -w '%{http_code}\n' \
  -H "Cookie: $COOKIE" -F "file=@$DATA/worst.png;type=image/png" "$BASE/api/v1/evidence" | sort | uniq -c
END=$(date +%s.%N)
echo "$PARALLEL uploads in $(python3 -c "print(round($END - $START, 1))") s; peak: $(rss VmHWM) MiB, $(( $(rss VmHWM) - IDLE )) MiB above idle"
