#!/usr/bin/env python3
"""A local fake of 抖店's order.orderDetail and TikTok Shop's Get Order Detail
APIs for the integration tests.

Usage: fake_order_detail.py PORT APP_KEY APP_SECRET ACCESS_TOKEN LOG SKU QTY FEN \
           TT_KEY TT_SECRET TT_TOKEN TT_SKU TT_UNITS TT_PRICE

It checks each request's sign the way the platform documents it (hex
HMAC-SHA256 under the app secret of secret + "app_key" + key + "method" +
method + "param_json" + param_json + "timestamp" + ts + "v" + "2" + secret),
written here independently of Hawker's code. A request with a bad sign is
answered code 30002 like the platform. The good ones are answered in turn:
HTTP 503, HTTP 429, then slowly (1.5 s) in the documented shape. Each
request is one line in LOG: "N STATUS sign=ok|bad".

TikTok Shop (GET /order/202309/orders?ids=…): the sign is hex HMAC-SHA256
under the app secret of secret + path + the query parameters but sign and
access_token as key+value sorted by key + body + secret, and the token comes
in x-tts-access-token. A good request is answered at once with TT_UNITS line
items of TT_SKU at TT_PRICE (a decimal text); a bad one with code 106001.
Each is one line in LOG: "tt STATUS sign=ok|bad".

With FAKE_DETAIL_ORDERS naming a JSON file {"ORDER_ID": [{"sku": …, "qty": …,
"fen": …}, …], …}, a well-signed 抖店 request for an order in the file is
answered at once with that order's lines (a show's worth of orders, each with
its own products); the others are answered as above.
"""
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PORT, KEY, SECRET, TOKEN, LOG, SKU, QTY, FEN = sys.argv[1:9]
TT_KEY, TT_SECRET, TT_TOKEN, TT_SKU, TT_UNITS, TT_PRICE = sys.argv[9:15]
COUNT = {"n": 0}
ORDERS = {}
if os.environ.get("FAKE_DETAIL_ORDERS"):
    with open(os.environ["FAKE_DETAIL_ORDERS"], encoding="utf-8") as f:
        ORDERS = json.load(f)


def expected_sign(q):
    text = (SECRET + "app_key" + q.get("app_key", "") + "method" + q.get("method", "") + "param_json" +
            q.get("param_json", "") + "timestamp" + q.get("timestamp", "") + "v" + q.get("v", "") + SECRET)
    return hmac.new(SECRET.encode(), text.encode(), hashlib.sha256).hexdigest()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body=None):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def tiktok(self, url, q):
        text = TT_SECRET + url.path
        for k in sorted(q):
            if k not in ("sign", "access_token"):
                text += k + q[k]
        text += TT_SECRET
        sign = hmac.new(TT_SECRET.encode(), text.encode(), hashlib.sha256).hexdigest()
        good = (q.get("app_key") == TT_KEY and self.headers.get("x-tts-access-token") == TT_TOKEN and
                hmac.compare_digest(q.get("sign", ""), sign))
        order = q.get("ids", "")
        if good:
            items = [{"id": str(i), "seller_sku": TT_SKU, "sale_price": TT_PRICE} for i in range(int(TT_UNITS))]
            self.answer(200, {"code": 0, "message": "Success", "data": {"orders": [
                {"id": order, "status": "AWAITING_SHIPMENT", "line_items": items}]}})
        else:
            self.answer(200, {"code": 106001, "message": "Invalid signature"})
        with open(LOG, "a") as f:
            f.write(f"tt {200 if good else 106001} sign={'ok' if good else 'bad'} order={order}\n")

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/order/202309/orders":
            return self.tiktok(url, q)
        good = (url.path == "/order/orderDetail" and q.get("app_key") == KEY and
                q.get("method") == "order.orderDetail" and q.get("v") == "2" and
                q.get("sign_method") == "hmac-sha256" and q.get("access_token") == TOKEN and
                hmac.compare_digest(q.get("sign", ""), expected_sign(q)))
        COUNT["n"] += 1
        n = COUNT["n"]
        order = json.loads(q.get("param_json", "{}") or "{}").get("shop_order_id", "")
        if not good:
            status = "30002"
            self.answer(200, {"code": 30002, "msg": "sign error", "sub_code": "isv.sign-invalid"})
        elif order in ORDERS:
            status = "200"
            lines = [{"order_id": f"{order}{i + 1}", "code": line["sku"], "out_sku_id": "", "sku_id": i + 1,
                      "item_num": line["qty"], "pay_amount": line["fen"]} for i, line in enumerate(ORDERS[order])]
            self.answer(200, {"code": 10000, "msg": "success", "data": {"shop_order_detail": {
                "order_id": order, "pay_amount": sum(line["fen"] for line in ORDERS[order]),
                "sku_order_list": lines}}})
        elif n == 1:
            status = "503"
            self.answer(503)
        elif n == 2:
            status = "429"
            self.answer(429)
        else:
            status = "200"
            time.sleep(1.5)
            self.answer(200, {"code": 10000, "msg": "success", "data": {"shop_order_detail": {
                "order_id": order, "pay_amount": int(FEN),
                "sku_order_list": [{"order_id": order + "1", "code": SKU, "out_sku_id": "", "sku_id": 1,
                                    "item_num": int(QTY), "pay_amount": int(FEN)}]}}})
        with open(LOG, "a") as f:
            f.write(f"{n} {status} sign={'ok' if good else 'bad'} order={order}\n")


ThreadingHTTPServer(("127.0.0.1", int(PORT)), Handler).serve_forever()
