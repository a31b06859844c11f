#!/usr/bin/env bash
# hawker catalog import|list on a real SQLite file: a CSV with bad rows
# changes nothing and names every bad line; --skip-bad imports the rest; a
# second import updates products by sku.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3

DB="$T/hawker.db"
printf '\xEF\xBB\xBFsku,name,category,price,original_price,stock\r\nS1,"小棕瓶精华液, 50ml",护肤,299,459,500\r\nS2,面霜,护肤,abc,,10\r\nS3,防晒,护肤,88.8,,x\r\n' > "$T/broken.csv"
"$HAWKER" catalog import --db "$DB" "$T/broken.csv" > "$T/import.out" 2> "$T/import.err"
rc=$?
check "a file with bad rows is refused (exit $rc)" test "$rc" -ne 0 -a "$rc" -lt 128
check "line 3 is named: $(grep ':3:' "$T/import.err")" grep -q "broken.csv:3: price 'abc'" "$T/import.err"
check "line 4 is named: $(grep ':4:' "$T/import.err")" grep -q "broken.csv:4: stock 'x'" "$T/import.err"
check "nothing imported" test "$(sqlite3 "$DB" 'SELECT count(*) FROM products' 2>/dev/null || echo 0)" = 0

# A file broken every way Excel users break them (BOM, CRLF): a stray quote,
# a duplicate sku, a row with a missing column, a price in words, a quote
# never closed. Every bad line is named, in order, once; nothing is stored.
printf '\xef\xbb\xbfsku,name,price,stock\r\nA,好,10,1\r\nB,"bad "quote",10,1\r\nA,dup,10,1\r\nC,short\r\nD,价格,十元,1\r\nE,"open,1\r\n' > "$T/broken2.csv"
"$HAWKER" catalog import --db "$DB" "$T/broken2.csv" > /dev/null 2> "$T/import2.err"
rc=$?
check "the broken file is refused (exit $rc)" test "$rc" -eq 1
cat > "$T/expected2.err" <<EOF
$T/broken2.csv:3: a quote inside a quoted field must be doubled ("")
$T/broken2.csv:4: sku 'A' appears twice
$T/broken2.csv:5: has 2 fields, the header has 4
$T/broken2.csv:6: price '十元' is not an amount in yuan (e.g. 199 or 199.90)
$T/broken2.csv:7: a quoted field is never closed (missing ")
hawker: error: 5 bad row(s), nothing imported (fix them, or use --skip-bad)
EOF
check "exactly these line-numbered errors: $(tr '\n' '|' < "$T/import2.err")" diff "$T/expected2.err" "$T/import2.err"
check "still nothing imported" test "$(sqlite3 "$DB" 'SELECT count(*) FROM products' 2>/dev/null || echo 0)" = 0

"$HAWKER" catalog import --db "$DB" --skip-bad "$T/broken.csv" > "$T/skip.out" 2> "$T/skip.err"
check "--skip-bad imports the good row ($(cat "$T/skip.out"))" grep -q "imported 1 products, skipped 2" "$T/skip.out"
check "S1 stored in cents" test "$(sqlite3 "$DB" "SELECT name || '|' || price_cents || '|' || original_price_cents FROM products WHERE sku = 'S1'")" = "小棕瓶精华液, 50ml|29900|45900"

printf 'sku,name,price\nS1,精华液 新版,259\nS4,眼霜,199.9\n' > "$T/update.csv"
"$HAWKER" catalog import --db "$DB" "$T/update.csv" > /dev/null
list=$("$HAWKER" catalog list --db "$DB")
check "list shows the updated S1 and the new S4" bash -c "grep -q \$'^S1\t精华液 新版\t\t25900' <<< \"\$1\" && grep -q \$'^S4\t眼霜\t\t19990' <<< \"\$1\"" _ "$list"
check "missing file is a clear error" bash -c "'$HAWKER' catalog import --db '$DB' '$T/none.csv' 2>&1 | grep -q '^hawker: error: cannot read'"
finish
