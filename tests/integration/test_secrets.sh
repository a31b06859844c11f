#!/usr/bin/env bash
# Secrets never leave. Distinct random secrets are planted in a camera's URL
# login, an RTMP stream key, an SRT passphrase, the API tokens, and in the
# URLs of cameras added and re-pointed over the API (a login, an SRT streamid
# and passphrase). The camera and the two outputs point at ports where nothing
# listens, so every open and connect fails and its error path is logged. After
# a short show with --db and its report (JSON and HTML), every output is
# searched for each secret: stdout, stderr, the SQLite file (sqlite3 .dump and
# its raw bytes), the report files and every API answer. Any hit fails.
# The cameras' logins are kept for --resume only in DB.logins (mode 0600).
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3 curl

PORT=$(pick_port)
DEAD=$(pick_port)      # nothing listens here: the camera, RTMP and added cameras fail
DEAD2=$(pick_port)     # nor here: the SRT output and the re-pointed camera
export HAWKER_HOME="$T/home"
export HAWKER_TEST_OPERATOR_TOKEN="$(random_token op)"
export HAWKER_TEST_MERCH_TOKEN="$(random_token me)"
export HAWKER_TEST_STREAM_KEY="sk$(random_hex)"
OP=$HAWKER_TEST_OPERATOR_TOKEN; ME=$HAWKER_TEST_MERCH_TOKEN
BASE="http://127.0.0.1:$PORT/api/v1"
CAM_PASS="cp$(random_hex)"        # the show file's camera login
SRT_PASS="sp$(random_hex)"        # the SRT output's passphrase
ADD_PASS="ap$(random_hex)"        # a camera added over the API
EDIT_STREAMID="si$(random_hex)"   # the added camera re-pointed: SRT streamid ...
EDIT_PASS="ep$(random_hex)"       # ... and passphrase
REFUSED_PASS="rp$(random_hex)"    # a login in a URL the show does not allow
SECRETS=("$OP" "$ME" "$HAWKER_TEST_STREAM_KEY" "$CAM_PASS" "$SRT_PASS" "$ADD_PASS" "$EDIT_STREAMID" "$EDIT_PASS" "$REFUSED_PASS")
NAMES=(operator-token merchandiser-token stream-key camera-login srt-passphrase added-camera-login edit-streamid edit-passphrase refused-login)

cat > "$T/show.toml" <<EOF
[show]
name = "secrets"

[canvas]
width = 320
height = 568
fps = 30

[[sources]]
id = "cam1"
format = "lavfi"
url = "color=c=0x2040c0:size=320x568:rate=30"

[[sources]]
id = "door"
url = "rtsp://viewer:$CAM_PASS@127.0.0.1:$DEAD/door"
required = false

[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam1", rect = [0, 0, 320, 568] } ]

[[scenes]]
id = "door"
layers = [ { kind = "source", source = "door", rect = [0, 0, 320, 568] } ]

$(encoder_block 600 1)

[[outputs]]
id = "record"
kind = "record"
path = "program.mkv"

[[outputs]]
id = "douyin"
kind = "rtmp"
url = "rtmp://127.0.0.1:$DEAD/live"
key_env = "HAWKER_TEST_STREAM_KEY"

[[outputs]]
id = "backup"
kind = "srt"
url = "srt://127.0.0.1:$DEAD2?mode=caller&latency=200000&passphrase=$SRT_PASS"

$(api_block "$PORT")
EOF

: > "$T/api.txt"
# call TOKEN PATH [BODY]: api, with the answer (not the request) kept for the search below.
call() {
    api "$@"
    printf '%s -> %s %s\n' "$2" "$CODE" "$BODY" >> "$T/api.txt"
}

hawker_bg show run "$T/show.toml" --db "$T/hawker.db" --duration 60
SHOW_PID=$HAWKER_PID
check "the API comes up" wait_api
call "$OP" /commands/source.add '{"source":"phone","url":"rtsp://cam:'"$ADD_PASS"'@127.0.0.1:'"$DEAD"'/live"}'
check "a camera with a login is added over the API (got $CODE)" test "$CODE" = 200
check "its answer names the camera's address, not its login" grep -q 'rtsp://\*\*\*\*@127.0.0.1:'"$DEAD"'/live' <<< "$BODY"
call "$OP" /commands/source.edit \
    '{"source":"phone","url":"srt://127.0.0.1:'"$DEAD2"'?mode=caller&streamid='"$EDIT_STREAMID"'&passphrase='"$EDIT_PASS"'"}'
check "it is re-pointed at an SRT address with a streamid and passphrase (got $CODE)" test "$CODE" = 200
call "$OP" /commands/source.add '{"source":"web","url":"http://u:'"$REFUSED_PASS"'@127.0.0.1:'"$DEAD"'/x"}'
check "an http camera is refused: not in [security] source_protocols (403, got $CODE)" test "$CODE" = 403
call "$OP" /commands/source.edit '{"source":"cam1","url":"file:/etc/passwd"}'
check "a file is refused too (403, got $CODE)" test "$CODE" = 403
# Let the outputs and cameras fail and retry a few times, reading everything the API shows.
sleep 4
for path in /state /outputs /scenes /products /audit /session /metrics; do
    call "$OP" "$path"
    check "GET $path answers (got $CODE)" test "$CODE" = 200
done
call "$OP" /show/stop '{}'
wait_pid "$SHOW_PID" 30
check "the show ends cleanly (rc $WAIT_RC)" test "$WAIT_RC" -eq 0

hawker_fg report-json 60 report --db "$T/hawker.db" --session 1 --json
check "the report is written as JSON (rc $HAWKER_RC)" test "$HAWKER_RC" -eq 0 -a -s "$T/report-json.out"
hawker_fg report-html 60 report --db "$T/hawker.db" --session 1 --html "$T/report.html"
check "and as HTML (rc $HAWKER_RC)" test "$HAWKER_RC" -eq 0 -a -s "$T/report.html"
sqlite3 "$T/hawker.db" .dump > "$T/db.dump"

# The error paths ran, and what they logged is there, masked: the search below is not of empty files.
check "the camera's failed open is logged with its URL masked" grep -q "rtsp://\*\*\*\*@127.0.0.1:$DEAD/door" "$T/show.err"
check "the RTMP output's failure is logged with its key masked" grep -q "rtmp://127.0.0.1:$DEAD/live/\*\*\*\*" "$T/show.err"
check "the SRT output's passphrase is masked in the log" grep -q "passphrase=\*\*\*\*" "$T/show.err"
check "the log file beside the database has the camera's failed open, masked" \
    grep -q "rtsp://\*\*\*\*@127.0.0.1:$DEAD/door" "$T/hawker.db.log"
check "the outputs retried (timeline rows in the database)" \
    test "$(sqlite3 "$T/hawker.db" "SELECT count(*) FROM timeline WHERE event = 'output'")" -ge 2
check "the audit log holds the adds and edits, refused ones too" \
    test "$(sqlite3 "$T/hawker.db" "SELECT count(*) FROM audit WHERE command LIKE 'source.%'")" = 4
check "the stored show state holds the re-pointed camera, masked" \
    grep -q 'streamid=\*\*\*\*' <<< "$(sqlite3 "$T/hawker.db" "SELECT state_json FROM show_state")"

OUTPUTS=("$T/show.out" "$T/show.err" "$T/db.dump" "$T/hawker.db" "$T/report-json.out" "$T/report-json.err"
         "$T/report.html" "$T/report-html.out" "$T/report-html.err" "$T/api.txt" "$T/program.mkv"
         "$T/hawker.db.log")
[[ -e "$T/hawker.db-wal" ]] && OUTPUTS+=("$T/hawker.db-wal")
hits=0
for i in "${!SECRETS[@]}"; do
    for f in "${OUTPUTS[@]}"; do
        if grep -aqF -- "${SECRETS[$i]}" "$f"; then
            fail "the ${NAMES[$i]} leaked into $(basename "$f")"
            hits=$((hits + 1))
        fi
    done
done
check "none of ${#SECRETS[@]} secrets is in any of ${#OUTPUTS[@]} outputs ($hits hits)" test "$hits" -eq 0

# The logins a resumed show needs are kept beside the database, for its owner only.
LOGINS="$T/hawker.db.logins"
check "the cameras' logins are kept in hawker.db.logins" grep -qF "$EDIT_PASS" "$LOGINS"
check "readable by its owner only (mode $(stat -c %a "$LOGINS" 2>/dev/null))" test "$(stat -c %a "$LOGINS" 2>/dev/null)" = 600
finish
