#!/usr/bin/env python3
"""A local fake of YouTube's liveChatMessages.list for the integration tests.

Usage: fake_youtube_chat.py PORT API_KEY LIVE_CHAT_ID LOG BASE_S

Message k of the script is published BASE_S + k seconds (UTC).

It answers GET /youtube/v3/liveChat/messages in the documented shape
(liveChatMessageListResponse: nextPageToken, pollingIntervalMillis, offlineAt,
items[] with id, snippet {type, publishedAt, displayMessage, *Details},
authorDetails {channelId, displayName}). A request without the right key is
answered 400 keyInvalid; the wrong liveChatId 404 liveChatNotFound. The pages:

  (no token)  two text messages, pollingIntervalMillis 1500, next "p2"
  p2          403 quotaExceeded twice, then: a Super Chat (5.00 USD with a
              comment), the deletion of the first message, a text message,
              a new sponsor (ignored); pollingIntervalMillis 800, next "p3"
  p3          the second message again (a re-poll), offlineAt: the chat ended

Each request is one line in LOG: "PAGE STATUS".
"""
import datetime
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PORT, KEY, CHAT, LOG, BASE_S = sys.argv[1:6]
QUOTA_LEFT = {"n": 2}


def at(k):
    when = datetime.datetime.fromtimestamp(int(BASE_S) + k, datetime.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S") + (".250000+00:00" if k == 1 else "Z")


def message(mid, kind, text, channel, name, at, details=None):
    snippet = {"type": kind, "liveChatId": CHAT, "authorChannelId": channel, "publishedAt": at,
               "hasDisplayContent": True, "displayMessage": text}
    if kind == "textMessageEvent":
        snippet["textMessageDetails"] = {"messageText": text}
    if details:
        snippet.update(details)
    return {"kind": "youtube#liveChatMessage", "etag": "e" + mid, "id": mid, "snippet": snippet,
            "authorDetails": {"channelId": channel, "displayName": name, "isChatModerator": False}}


FIRST = message("m1", "textMessageEvent", "这个精华敏感肌能用吗", "UCviewerAAAA1", "小鹿乱撞8",
                at(1))
SECOND = message("m2", "textMessageEvent", "已下单，期待", "UCviewerBBBB2", "Lucy Chen", at(2))
PAGES = {
    "": {"nextPageToken": "p2", "pollingIntervalMillis": 1500, "items": [FIRST, SECOND]},
    "p2": {"nextPageToken": "p3", "pollingIntervalMillis": 800, "items": [
        message("m3", "superChatEvent", "$5.00: 主播好看！", "UCviewerCCCC3", "王小明",
                at(5),
                {"superChatDetails": {"amountMicros": "5000000", "currency": "USD",
                                      "amountDisplayString": "$5.00", "userComment": "主播好看！", "tier": 2}}),
        message("m4", "messageDeletedEvent", "", "UCmoderator9", "Mod", at(6),
                {"messageDeletedDetails": {"deletedMessageId": "m1"}}),
        message("m5", "textMessageEvent", "面霜什么时候上", "UCviewerDDDD4", "阿杰", at(7)),
        message("m6", "newSponsorEvent", "Welcome!", "UCviewerEEEE5", "Fan", at(8)),
    ]},
    "p3": {"pollingIntervalMillis": 800, "offlineAt": at(60), "items": [SECOND]},
}


def error(code, reason, text):
    return {"error": {"code": code, "message": text, "errors": [{"domain": "youtube.api", "reason": reason,
                                                                  "message": text}]}}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        page = q.get("pageToken", "")
        if url.path != "/youtube/v3/liveChat/messages" or "snippet" not in q.get("part", ""):
            status, body = 400, error(400, "badRequest", "bad request")
        elif q.get("key") != KEY:
            status, body = 400, error(400, "keyInvalid", "API key not valid")
        elif q.get("liveChatId") != CHAT:
            status, body = 404, error(404, "liveChatNotFound", "The live chat could not be found")
        elif page == "p2" and QUOTA_LEFT["n"] > 0:
            QUOTA_LEFT["n"] -= 1
            status, body = 403, error(403, "quotaExceeded", "The request cannot be completed: quota")
        elif page in PAGES:
            status, body = 200, dict({"kind": "youtube#liveChatMessageListResponse"}, **PAGES[page])
        else:
            status, body = 400, error(400, "pageTokenInvalid", "bad page token")
        with open(LOG, "a") as f:
            f.write(f"{page or '-'} {status}\n")
        self.answer(status, body)


ThreadingHTTPServer(("127.0.0.1", int(PORT)), Handler).serve_forever()
