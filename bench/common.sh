# Shared by the bench scripts: sign a customer in the way a customer does, through the link the
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
