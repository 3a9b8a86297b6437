"""Writes a CSV of N orders in the import's format to stdout, as shop platforms export them: an
order is one or two rows (one per line item). One order in UNSIGNED is not signed for yet, so
importing it opens its fulfilment case; the others were signed for in February.
Usage: python3 bench/orders_csv.py N [UNSIGNED]   (UNSIGNED defaults to 3)"""
import sys

# Names made of syllables, 200,000 different ones: a name search finds a handful of orders, as
# in a real shop, instead of every name sharing a word.
FIRST = ["Ana", "Bo", "Chen", "Dara", "Emil", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi",
         "Lea", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "to", "vel", "zu", "bar", "dem", "fi", "gor", "hal",
             "jin", "kor", "lun", "mar", "nor", "pel", "quo", "ras", "sil", "tur", "vin", "wen",
             "yar", "zol", "bel", "cas", "dor", "eni", "fol", "gar", "hes", "ist", "jor", "kel",
             "lim", "mor", "nes", "ost", "pra", "rin", "sol", "tam", "ul", "ver", "xan", "yel",
             "zen", "an", "bri", "co", "du", "el", "fa", "gi", "ho"]


def name(k):
    s = len(SYLLABLES)
    last = (SYLLABLES[k % s] + SYLLABLES[(k // s) % s] + SYLLABLES[(k // s // s) % s])
    return f"{FIRST[k % len(FIRST)]} {last.capitalize()}"

n = int(sys.argv[1])
unsigned = int(sys.argv[2]) if len(sys.argv) > 2 else 3
out = sys.stdout
out.write("order_number,placed_at,customer_email,customer_name,currency,shipping_paid,duties_paid,"
          "payment_method,full_name,street,postal_code,city,country,phone,address_email,signed_at,"
          "damage_noted_at_signing,sku,name,unit_price,quantity\n")
for i in range(n):
    email = f"customer{i % 200000}@example.com"
    day = 1 + i % 28
    signed = "" if i % unsigned == 0 else f"2026-02-{day:02d}T15:00:00+08:00"
    head = (f"BULK-{i},2026-01-{day:02d}T10:00:00+08:00,{email},{name(i % 200000)},USD,30.00,5.00,"
            f"card,{name(i % 200000)},Rua das Flores {i % 500},1200-195,Lisboa,PT,+351 912 345 678,"
            f"{email},{signed},false")
    out.write(f"{head},LK-100,Smart lock,120.00,{1 + i % 2}\n")
    if i % 2:
        out.write(f"{head},LK-200,Keypad,60.00,1\n")
