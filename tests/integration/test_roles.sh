#!/usr/bin/env bash
# Roles mean what they say, over the HTTP API and at the console's login:
# - a host asking rundown.next to apply a segment set auto_apply = false is
#   refused (403) with the reason, and the show does not change;
# - approval.revoke obeys [compliance] approver_roles;
# - the compliance gate's second person is a person: "lin" holds a host token
#   and an operator token (two tokens, one name); what lin approved, lin cannot
#   put on air with the other token, while another operator can;
# - with [api] console_login = "token", `hawker gui` opens only with a token
#   of its role (from --token-file or HAWKER_CONSOLE_TOKEN), never one given
#   on the command line.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl python3

PORT=$(pick_port)
export HAWKER_HOME="$T/home"
export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)"
export HAWKER_TEST_HOST_TOKEN="$(random_token host)"
export HAWKER_TEST_LIN_HOST_TOKEN="$(random_token linh)"
export HAWKER_TEST_LIN_OPERATOR_TOKEN="$(random_token lino)"
export HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
OP=$HAWKER_TEST_OPERATOR_TOKEN; HOST=$HAWKER_TEST_HOST_TOKEN; ME=$HAWKER_TEST_MERCH_TOKEN
LIN_HOST=$HAWKER_TEST_LIN_HOST_TOKEN; LIN_OP=$HAWKER_TEST_LIN_OPERATOR_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"

cat > "$T/show.toml" <<SHOW
[show]
name = "roles"

[canvas]
width = 320
height = 568
fps = 30

[[sources]]
id = "cam1"
format = "lavfi"
url = "color=c=0x2040c0:size=320x568:rate=30"

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, 320, 568] } ]
slots = [ { name = "card", rect = [10, 300, 300, 120] } ]

[[scenes]]
id = "close"
layers = [ { kind = "color", color = "#808080", rect = [0, 0, 320, 568] } ]
slots = [ { name = "card", rect = [10, 300, 300, 120] } ]

$(encoder_block 600 1)

[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"

[[products]]
sku = "S1"
name = "精华液"
price_cents = 29900

[[products]]
sku = "S2"
name = "面霜"
price_cents = 15900

[[rundown]]
kind = "product"
title = "讲解精华液"
planned_s = 60
sku = "S1"
scene = "close"
auto_apply = false

[compliance]
approver_roles = ["merchandiser", "host"]

[api]
port = $PORT
console_login = "token"
tokens = [
  { name = "deck", role = "operator", token_env = "HAWKER_TEST_OPERATOR_TOKEN" },
  { name = "xiaoya", role = "host", token_env = "HAWKER_TEST_HOST_TOKEN" },
  { name = "lin", role = "host", token_env = "HAWKER_TEST_LIN_HOST_TOKEN" },
  { name = "lin", role = "operator", token_env = "HAWKER_TEST_LIN_OPERATOR_TOKEN" },
  { name = "wang", role = "merchandiser", token_env = "HAWKER_TEST_MERCH_TOKEN" },
]
SHOW
# The same show, where only merchandisers approve.
sed 's/approver_roles = \["merchandiser", "host"\]/approver_roles = ["merchandiser"]/' "$T/show.toml" > "$T/merch-only.toml"

state_field() { # state_field PYTHON_EXPR: a value of GET /state
    api "$OP" /state
    python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" <<< "$BODY"
}

hawker_bg show run "$T/show.toml" --db "$T/hawker.db" --duration 60
SHOW_PID=$HAWKER_PID
check "the API comes up" wait_api

# 1. A host cannot make a segment act that waits for the operator.
version=$(state_field 'd["version"]')
api "$HOST" /rundown/next '{"apply":true}'
check "a host's rundown.next with apply on an auto_apply = false segment is refused (403, got $CODE)" test "$CODE" = 403
check "and says why: ${BODY:0:160}" grep -q 'auto_apply = false.*a host may only advance it' <<< "$BODY"
check "the show did not change" test "$(state_field 'd["version"], d["program"]')" = "$version main"
api "$HOST" /rundown/next '{}'
check "the host may advance it (got $CODE)" test "$CODE" = 200
check "which moves the rundown, not the program" \
    test "$(state_field 'd["rundown"]["current_index"], d["program"], "card" in d["graphics"]')" = "1 main False"

# 2. The second person is a person: lin's approval does not count for lin.
api "$LIN_HOST" /approvals '{"card":"S1"}'
check "lin approves card S1 with a host token (got $CODE)" test "$CODE" = 200
api "$LIN_OP" /cards/show '{"sku":"S1"}'
check "lin cannot put it on air with an operator token (403, got $CODE)" test "$CODE" = 403
check "and is told why: ${BODY:0:160}" grep -q 'approved by lin, who is asking to put it on air' <<< "$BODY"
check "no card went on air" test "$(state_field '"card" in d["graphics"]')" = False
api "$OP" /cards/show '{"sku":"S1"}'
check "another operator (deck) can (got $CODE)" test "$CODE" = 200

# 3. approval.revoke is for the show's approvers.
api "$HOST" /approvals/revoke '{"card":"S1"}'
check "a host may revoke where hosts approve (got $CODE)" test "$CODE" = 200
api "$OP" /cards/hide '{}'
api "$OP" /show/stop '{}'
wait_pid "$SHOW_PID" 30
check "the show ends cleanly (rc $WAIT_RC)" test "$WAIT_RC" -eq 0

q() { sqlite3 "$T/hawker.db" "$1"; }
check "the audit log names the person and role of the refused card" \
    test "$(q "SELECT who || '/' || role || '/' || ok FROM audit WHERE command = 'card.show' ORDER BY id LIMIT 1")" = "lin/operator/0"

hawker_bg merch run "$T/merch-only.toml" --db "$T/merch.db" --duration 60
SHOW_PID=$HAWKER_PID
check "the API comes up for the merchandisers-only show" wait_api
api "$ME" /approvals '{"card":"S2"}'
check "wang (merchandiser) approves card S2 (got $CODE)" test "$CODE" = 200
api "$HOST" /approvals/revoke '{"card":"S2"}'
check "a host may not revoke where only merchandisers approve (403, got $CODE)" test "$CODE" = 403
check "and is told why: ${BODY:0:120}" grep -q 'approval.revoke: the host role does not approve in this show' <<< "$BODY"
check "the approval stands" test "$(state_field '"card:S2" in d["approvals"]')" = True
api "$OP" /show/stop '{}'
wait_pid "$SHOW_PID" 30

# 4. The console's login, held to a token by the show file. No window opens
# without the right one; with it, the login is the token's person (and this
# machine has no display, so the console stops there, after the login).
unset HAWKER_CONSOLE_TOKEN
env -u DISPLAY -u WAYLAND_DISPLAY "$HAWKER" gui "$T/show.toml" --role operator > "$T/gui1.out" 2> "$T/gui1.err"
rc=$?
check "the operator's console without a token is refused (rc $rc)" test "$rc" -ne 0
check "with a clear message: $(head -c 200 "$T/gui1.err")" \
    grep -q 'console_login = "token".*--token-file FILE or HAWKER_CONSOLE_TOKEN' "$T/gui1.err"
printf '%s\n' "$HOST" > "$T/host.token"
chmod 600 "$T/host.token"
env -u DISPLAY -u WAYLAND_DISPLAY "$HAWKER" gui "$T/show.toml" --role operator --token-file "$T/host.token" \
    > "$T/gui2.out" 2> "$T/gui2.err"
rc=$?
check "a host's token does not open the operator's desk (rc $rc)" test "$rc" -ne 0
check "it says so without naming whose token it was: $(head -c 200 "$T/gui2.err")" \
    bash -c "grep -q \"is not one of this show's operator tokens\" '$T/gui2.err' && ! grep -q xiaoya '$T/gui2.err'"
"$HAWKER" gui "$T/show.toml" --role operator --token "$OP" > "$T/gui3.out" 2> "$T/gui3.err"
rc=$?
check "a token on the command line is refused (rc $rc)" test "$rc" -ne 0
check "and not echoed: $(head -c 200 "$T/gui3.err")" \
    bash -c "grep -q 'never goes on the command line' '$T/gui3.err' && ! grep -qF '$OP' '$T/gui3.err'"
HAWKER_CONSOLE_TOKEN="$OP" env -u DISPLAY -u WAYLAND_DISPLAY "$HAWKER" gui "$T/show.toml" --role operator \
    > "$T/gui4.out" 2> "$T/gui4.err"
check "the operator's token from HAWKER_CONSOLE_TOKEN logs in as its person (deck)" \
    grep -q 'console login deck (operator) by token' "$T/gui4.err"
check "and only then needs a window: $(grep -m1 'error' "$T/gui4.err" | head -c 160)" \
    grep -q 'cannot open a window' "$T/gui4.err"
for f in gui1 gui2 gui3 gui4; do
    check "$f.err holds no token" bash -c "! grep -qF -e '$OP' -e '$HOST' '$T/$f.err' '$T/$f.out'"
done
finish
