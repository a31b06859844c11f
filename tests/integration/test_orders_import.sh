#!/usr/bin/env bash
# hawker orders import on a real SQLite file, with exports built here from the
# documented headers (docs/PLATFORMS.md): 抖店 in UTF-8 with a BOM and in GBK,
# TikTok Shop as an XLSX (shared and inline strings, a date serial), Shopify
# with offsets, Taobao's orders + items files. The imported figures are checked
# against ones computed from the same rows, through `hawker report --json` and sqlite3.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 python3

export HAWKER_HOME="$T/home"
mkdir -p "$HAWKER_HOME"
DB="$T/hawker.db"
# The show: 2026-12-04 19:00 to 23:00 in Shanghai (11:00 to 15:00 UTC).
START=1796382000000
END=1796396400000
SESSION=$("$HAWKER" session new --db "$DB" --title "冬季护肤专场" --start $START) || die "session new"
"$HAWKER" session end --db "$DB" --session "$SESSION" --at $END || die "session end"

python3 - "$T" <<'PY' || die "fixtures"
import json, sys, zipfile
from datetime import datetime, timezone, timedelta
T = sys.argv[1]
SH = timezone(timedelta(hours=8))
START, END = 1796382000000, 1796396400000
def ms(text, tz=SH):
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz).timestamp() * 1000)
def csv(rows):
    def cell(v):
        v = str(v)
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v
    return "\r\n".join(",".join(cell(v) for v in r) for r in rows) + "\r\n"
expected = {"paid": {}, "refunds": {}}   # order key -> (ts, cents); only what the import must add
def paid(key, ts, cents): expected["paid"][key] = (ts, cents)
def refund(key, ts, cents): expected["refunds"][key] = (ts, cents)

# 抖店, UTF-8 with a BOM: a two-line order with one refunded line, a cancelled
# order, a repeated row, a bad amount, an order paid the day before the show,
# and DY1009 that the live webhook already delivered.
DH = ["主订单编号","子订单编号","选购商品","商品ID","商家编码","商品数量","商品金额","订单应付金额",
      "订单提交时间","支付完成时间","订单状态","售后状态","取消原因","达人昵称"]
dy = [DH,
  ["DY1001","DY1001-1","玻尿酸精华 50ml","3701","SERUM-50","1","99.00","99.00","2026-12-04 20:00:00","2026-12-04 20:00:05","已完成","-","","小鹿"],
  ["DY1002","DY1002-1","雪域保湿面霜","3702","CREAM-30","2","1,299.00","2,598.00","2026-12-04 20:05:00","2026-12-04 20:05:09","已完成","退款成功","","小鹿"],
  ["DY1002","DY1002-2","玻尿酸精华 50ml","3701","SERUM-50","1","99.00","89.00","2026-12-04 20:05:00","2026-12-04 20:05:09","已完成","-","","小鹿"],
  ["DY1003","DY1003-1","玻尿酸精华 50ml","3701","SERUM-50","1","99.00","99.00","2026-12-04 20:06:00","","已取消","-","超时未支付","小鹿"],
  ["DY1001","DY1001-1","玻尿酸精华 50ml","3701","SERUM-50","1","99.00","99.00","2026-12-04 20:00:00","2026-12-04 20:00:05","已完成","-","","小鹿"],
  ["DY1004","DY1004-1","玻尿酸精华 50ml","3701","SERUM-50","1","99.00","99,5","2026-12-04 20:07:00","2026-12-04 20:07:30","已完成","-","","小鹿"],
  ["DY1005","DY1005-1","玻尿酸精华 50ml","3701","SERUM-50","3","99.00","297.00","2026-12-03 21:00:00","2026-12-03 21:00:10","已完成","-","","小鹿"],
  ["DY1009","DY1009-1","玻尿酸精华 50ml","3701","SERUM-50","1","99.00","99.00","2026-12-04 20:30:00","2026-12-04 20:30:01","已发货","-","","小鹿"],
]
open(f"{T}/douyin.csv", "wb").write(b"\xef\xbb\xbf" + csv(dy).encode("utf-8"))
paid("DY1001", ms("2026-12-04 20:00:05"), 9900)
paid("DY1002/DY1002-1", ms("2026-12-04 20:05:09"), 259800)
refund("DY1002/DY1002-1", ms("2026-12-04 20:05:09"), 259800)
paid("DY1002/DY1002-2", ms("2026-12-04 20:05:09"), 8900)
paid("DY1005", ms("2026-12-03 21:00:10"), 29700)   # kept, outside the window
expected["douyin"] = {"accepted": 5, "duplicates": 2, "outside_window": 1, "bad_line": 7}

# 抖店 again, saved as GBK (Excel's "CSV" on a Chinese Windows).
dyg = [DH,
  ["DY2001","DY2001-1","羊绒围巾（驼色）","3801","SCARF-01","1","159.00","159.00","2026-12-04 21:10:00","2026-12-04 21:10:02","待发货","-","","小鹿"],
  ["DY2002","DY2002-1","羊绒围巾（驼色）","3801","SCARF-01","2","159.00","318.00","2026-12-04 21:11:00","","待支付","-","","小鹿"],
]
open(f"{T}/douyin-gbk.csv", "wb").write(csv(dyg).encode("gb18030"))
paid("DY2001", ms("2026-12-04 21:10:02"), 15900)

# TikTok Shop as an XLSX, with its row of field descriptions; Paid Time as a date serial.
TH = ["Order ID","Order Status","Order Substatus","SKU ID","Seller SKU","Product Name","Variation","Quantity",
      "Sku Quantity of return","SKU Unit Original Price","SKU Subtotal After Discount","Order Amount",
      "Order Refund Amount","Created Time","Paid Time","Cancelled Time","Buyer Username"]
desc = ["Platform unique order ID."] + ["Description"] * (len(TH) - 1)
def serial(text):  # Excel's day count of a local time
    d = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    return (d - datetime(1899, 12, 30)).total_seconds() / 86400
tk = [
  ["577000000000000001","Completed","Delivered","17290001","MASK-10","补水面膜 10片","默认","2","0","49.00","88.00","88.00","",
   "2026-12-04 21:20:00", serial("2026-12-04 21:20:30"), "", "amy_88"],
  ["577000000000000002","Cancelled","","17290001","MASK-10","补水面膜 10片","默认","1","1","49.00","49.00","49.00","49.00",
   "2026-12-04 21:21:00", serial("2026-12-04 21:21:10"), "2026-12-04 21:40:00", "bob_7"],
]
paid("577000000000000001", ms("2026-12-04 21:20:30"), 8800)
paid("577000000000000002", ms("2026-12-04 21:21:10"), 4900)
refund("577000000000000002", ms("2026-12-04 21:21:10"), 4900)
shared = []
def s(v):
    if v not in shared: shared.append(v)
    return shared.index(v)
def col(i):
    out = ""
    i += 1
    while i: i, r = divmod(i - 1, 26); out = chr(65 + r) + out
    return out
def esc(v): return str(v).replace("&", "&amp;").replace("<", "&lt;")
rows_xml = []
for r, row in enumerate([TH, desc] + tk, start=1):
    cells = []
    for c, v in enumerate(row):
        ref = f"{col(c)}{r}"
        if isinstance(v, float):
            cells.append(f'<c r="{ref}" s="1"><v>{v!r}</v></c>')
        elif r > 2 and TH[c] == "Product Name":
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{esc(v)}</t></is></c>')
        elif v != "":
            cells.append(f'<c r="{ref}" t="s"><v>{s(v)}</v></c>')
    rows_xml.append(f'<row r="{r}">' + "".join(cells) + "</row>")
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
with zipfile.ZipFile(f"{T}/tiktok.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {NS} {RNS}><sheets><sheet name="OrderSKUList" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/orders.xml"/></Relationships>')
    z.writestr("xl/styles.xml", f'<?xml version="1.0"?><styleSheet {NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/mm/dd hh:mm:ss"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
    z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst {NS} count="{len(shared)}">' + "".join(f"<si><t>{esc(v)}</t></si>" for v in shared) + "</sst>")
    z.writestr("xl/worksheets/orders.xml", f'<?xml version="1.0"?><worksheet {NS}><sheetData>' + "".join(rows_xml) + "</sheetData></worksheet>")

# Shopify: order fields on the first line only; times with their offset.
SH_H = ["Name","Email","Financial Status","Paid at","Currency","Total","Refunded Amount","Lineitem quantity",
        "Lineitem name","Lineitem price","Lineitem sku","Created at","Cancelled at","Id"]
shop = [SH_H,
  ["#1001","","paid","2026-12-04 07:30:00 -0500","USD","45.00","0.00","2","Tee","15.00","TEE-M","2026-12-04 07:29:00 -0500","","5001"],
  ["#1001","","","","","","","1","Cap","15.00","CAP-1","","","5001"],
  ["#1002","","pending","","USD","15.00","","1","Cap","15.00","CAP-1","2026-12-04 07:31:00 -0500","","5002"],
]
open(f"{T}/shopify.csv", "w", encoding="utf-8").write(csv(shop))
paid("5001/1", ms("2026-12-04 07:30:00", timezone(timedelta(hours=-5))), 3000)
paid("5001/2", ms("2026-12-04 07:30:00", timezone(timedelta(hours=-5))), 1500)

# Taobao: the orders file and the items file, both GBK, ids written as ="…".
tb_orders = [["订单编号","买家会员名","总金额","买家实际支付金额","订单状态","订单创建时间","订单付款时间","宝贝总数量","退款金额"],
  ['="3900001"',"tb_lily","398.00","398.00","交易成功","2026-12-04 22:00:00","2026-12-04 22:00:40","2","0.00"],
  ['="3900002"',"tb_momo","129.00","129.00","交易关闭","2026-12-04 22:01:00","","1","0.00"]]
tb_items = [["订单编号","标题","价格","购买数量","外部系统编号","商家编码","订单状态"],
  ['="3900001"',"玻尿酸精华 50ml","99.00","2","","SERUM-50","交易成功"],
  ['="3900001"',"雪域保湿面霜","200.00","1","","CREAM-30","交易成功"],
  ['="3900002"',"雪域保湿面霜","129.00","1","","CREAM-30","交易关闭"]]
open(f"{T}/taobao-orders.csv", "wb").write(csv(tb_orders).encode("gb18030"))
open(f"{T}/taobao-items.csv", "wb").write(csv(tb_items).encode("gb18030"))
paid("3900001/1", ms("2026-12-04 22:00:40"), 19800)
paid("3900001/2", ms("2026-12-04 22:00:40"), 20000)

# The live webhook delivered DY1009 before the export (at a different amount: the live one counts).
live = {"id": "webhook-msg-88", "type": "order_paid", "ts": ms("2026-12-04 20:30:01"), "platform": "douyin",
        "viewer": "dy_u1", "order_id": "DY1009", "sku": "SERUM-50", "qty": 1, "amount_cents": 9900}
open(f"{T}/live.jsonl", "w").write(json.dumps(live) + "\n")
inwin = lambda ts: START <= ts <= END
gmv = live["amount_cents"] + sum(c for ts, c in expected["paid"].values() if inwin(ts))
refunds = sum(c for ts, c in expected["refunds"].values() if inwin(ts))
orders = 1 + sum(1 for ts, c in expected["paid"].values() if inwin(ts))
json.dump({"gmv_cents": gmv, "refunds_cents": refunds, "paid_orders": orders,
           "stored_paid": 1 + len(expected["paid"]), "douyin": expected["douyin"]}, open(f"{T}/expected.json", "w"))
PY
exp() { python3 -c "import json,sys; print(eval(sys.argv[1], {}, json.load(open('$T/expected.json'))))" "$1"; }
field() { python3 -c "import json,sys; v=json.loads(sys.argv[1]); print(eval(sys.argv[2], {}, {'r': v}))" "$1" "$2"; }
count_events() { sqlite3 "$DB" "SELECT count(*) FROM events WHERE session_id = $SESSION"; }

"$HAWKER" ingest --db "$DB" --session "$SESSION" "$T/live.jsonl" > /dev/null || die "live order"

# A file with a bad row changes nothing; the row is named.
OUT=$("$HAWKER" orders import --db "$DB" --session "$SESSION" --platform douyin "$T/douyin.csv" 2> "$T/bad.err")
rc=$?
check "bad rows refuse the file (exit $rc)" test "$rc" -eq 1
check "the bad amount is named at line $(exp 'douyin["bad_line"]'): $OUT" \
    test "$(field "$OUT" '[(x["line"], "decimal comma" in x["reason"]) for x in r["rejected"]]')" = "[($(exp 'douyin["bad_line"]'), True)]"
check "nothing stored" test "$(count_events)" = 1

OUT=$("$HAWKER" orders import --db "$DB" --session "$SESSION" --platform douyin --skip-bad "$T/douyin.csv") || fail "douyin import"
check "douyin: accepted/duplicates/outside/encoding: $OUT" test \
    "$(field "$OUT" '(r["accepted"], r["duplicates"], r["outside_window"], r["encoding"])')" = \
    "$(exp '(douyin["accepted"], douyin["duplicates"], douyin["outside_window"], "utf-8")')"
OUT=$("$HAWKER" orders import --db "$DB" --session "$SESSION" --platform douyin "$T/douyin-gbk.csv") || fail "gbk import"
check "GBK detected and decoded: $OUT" test "$(field "$OUT" '(r["accepted"], r["encoding"])')" = "(1, 'gb18030')"
check "the GBK product's sku stored" test "$(sqlite3 "$DB" "SELECT sku FROM events WHERE order_id = 'DY2001'")" = SCARF-01
OUT=$("$HAWKER" orders import --db "$DB" --session "$SESSION" --platform tiktok --tz Asia/Shanghai "$T/tiktok.xlsx") || fail "xlsx import"
check "XLSX: 2 sales and 1 refund, description row skipped: $OUT" test "$(field "$OUT" '(r["accepted"], r["rejected"], r["encoding"])')" = "(3, [], 'xlsx')"
OUT=$("$HAWKER" orders import --db "$DB" --session "$SESSION" --platform shopify "$T/shopify.csv") || fail "shopify import"
check "shopify: 2 lines of #1001, pending #1002 ignored: $OUT" test "$(field "$OUT" 'r["accepted"]')" = 2
OUT=$("$HAWKER" orders import --db "$DB" --session "$SESSION" --platform taobao "$T/taobao-orders.csv" "$T/taobao-items.csv") || fail "taobao import"
check "taobao orders+items joined: $OUT" test "$(field "$OUT" '(r["accepted"], r["encoding"])')" = "(2, 'gb18030')"

# A missing column is one clear error naming it and the headers found.
"$HAWKER" orders import --db "$DB" --session "$SESSION" --platform tiktok "$T/douyin.csv" > /dev/null 2> "$T/missing.err"
check "missing column named: $(head -c 160 "$T/missing.err")" grep -q "no column 'Order ID'.*headers found: 主订单编号" "$T/missing.err"

# The figures, through the report and SQL.
REPORT=$("$HAWKER" report --db "$DB" --session "$SESSION" --json) || die "report"
check "GMV $(field "$REPORT" 'r["summary"]["gmv_cents"]') = $(exp gmv_cents)" test "$(field "$REPORT" 'r["summary"]["gmv_cents"]')" = "$(exp gmv_cents)"
check "refunds $(field "$REPORT" 'r["summary"]["refunds_cents"]') = $(exp refunds_cents)" test "$(field "$REPORT" 'r["summary"]["refunds_cents"]')" = "$(exp refunds_cents)"
check "paid orders $(field "$REPORT" 'r["summary"]["paid_orders"]') = $(exp paid_orders)" test "$(field "$REPORT" 'r["summary"]["paid_orders"]')" = "$(exp paid_orders)"
check "the live DY1009 counted once, at its live amount" test \
    "$(sqlite3 "$DB" "SELECT count(*) || '|' || sum(amount_cents) FROM v_paid_orders WHERE session_id = $SESSION AND order_id LIKE 'DY1009%'")" = "1|9900"
check "every sale stored once: $(exp stored_paid)" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM v_paid_orders WHERE session_id = $SESSION")" = "$(exp stored_paid)"

# Each sale records its source, and the report reconciles the live feed with the exports.
check "DY1009's origin is ingest, DY1001's the export file" test \
    "$(sqlite3 "$DB" "SELECT group_concat(origin, '|') FROM (SELECT origin FROM v_paid_orders WHERE session_id = $SESSION AND order_id IN ('DY1009', 'DY1001') ORDER BY order_id)")" = "export file|ingest"
REC=$(field "$REPORT" 'r["reconciliation"]["groups"]')
check "reconciliation: DY1009 matched, nothing only live ($REC)" test \
    "$(field "$REPORT" '(r["reconciliation"]["groups"]["matched"]["orders"], r["reconciliation"]["groups"]["only_live"]["orders"], r["reconciliation"]["groups"]["amount_differs"]["orders"])')" = "(1, 0, 0)"
check "reconciliation: every other exported order is only in the export" test \
    "$(field "$REPORT" 'r["reconciliation"]["groups"]["only_export"]["orders"] == r["reconciliation"]["export_orders"] - 1 > 5')" = True
check "shopify's export meets the webhook on its API id (Id 5001, not Name #1001)" test \
    "$(sqlite3 "$DB" "SELECT count(*) FROM export_orders WHERE session_id = $SESSION AND order_id = '5001'")" = 1

# Idempotence: every file again adds nothing.
BEFORE=$(count_events)
again=""
for args in "douyin --skip-bad $T/douyin.csv" "douyin $T/douyin-gbk.csv" "tiktok --tz Asia/Shanghai $T/tiktok.xlsx" \
            "shopify $T/shopify.csv" "taobao $T/taobao-orders.csv $T/taobao-items.csv"; do
    # shellcheck disable=SC2086
    OUT=$("$HAWKER" orders import --db "$DB" --session "$SESSION" --platform $args) || fail "re-import $args"
    again+="$(field "$OUT" 'r["accepted"]')"
done
check "second imports accept 0 each ($again)" test "$again" = 00000
check "no event added ($BEFORE)" test "$(count_events)" = "$BEFORE"

# A file beyond the 512 MiB limit is refused before it is read (a sparse file: no disk is used).
truncate -s 513M "$T/huge.csv"
"$HAWKER" orders import --db "$DB" --session "$SESSION" --platform douyin "$T/huge.csv" > "$T/huge.out" 2> "$T/huge.err"
rc=$?
check "a 513 MiB file exits 1 ($rc)" test "$rc" = 1
check "with the limit named: $(cat "$T/huge.err")" grep -q "at most 512 MiB" "$T/huge.err"
check "and nothing added" test "$(count_events)" = "$BEFORE"
finish
