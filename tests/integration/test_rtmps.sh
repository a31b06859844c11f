#!/usr/bin/env bash
# RTMPS for real: nginx's stream module terminates TLS on a loopback port in
# front of nginx-rtmp, with a certificate the test makes for 127.0.0.1. Hawker
# pushes to rtmps:// with the key from the environment:
#   - with the test's certificate as `ca_file`, the output goes live and the
#     stream pulled back from nginx-rtmp is H.264 + AAC at the show's size;
#     the output's platform profile (YouTube) passes the protocol as rtmps;
#   - with another authority's certificate as `ca_file`, the server is refused:
#     the output never goes live, nginx never gets the stream, and the log
#     says the certificate failed;
#   - with `tls_verify = false` it goes live again, and the log warns that the
#     certificate is not checked;
#   - the stream key never appears in Hawker's output.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg nginx openssl ss

SECS=12 W=360 H=640  # the profile check is logged after 8 s of stream
KEY="rtmps-secret-$(random_hex)"
PORT=$(pick_port)
TLS_PORT=$(pick_port)
start_nginx "$PORT" "$TLS_PORT"
ok "nginx: rtmp on 127.0.0.1:$PORT, TLS on 127.0.0.1:$TLS_PORT"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -keyout "$T/other-key.pem" \
    -out "$T/other.pem" > /dev/null 2>&1 || die "openssl could not make the other certificate"
export HAWKER_KEY_TEST="$KEY"

# show NAME TLS_LINES: a show pushing to the TLS port, its TLS settings given.
show() {
    camera_show "rtmps test" $W $H 30 1000 1 "$1.mkv"
    cat <<EOF

[[outputs]]
id = "push"
kind = "rtmp"
url = "rtmps://127.0.0.1:$TLS_PORT/live"
key_env = "HAWKER_KEY_TEST"
profile = "youtube"
$2
EOF
}

# pull [TRIES]: 3 s of the stream back from nginx-rtmp (behind the TLS terminator) into $T/pulled.flv.
pull() {
    local attempt
    rm -f "$T/pulled.flv"
    for ((attempt = 0; attempt < ${1:-3}; attempt++)); do
        timeout 8 ffmpeg -v error -nostdin -y -i "rtmp://127.0.0.1:$PORT/live/$KEY" -t 3 -c copy -f flv \
            "$T/pulled.flv" 2> "$T/pull.log" && [[ -s "$T/pulled.flv" ]] && return 0
        sleep 1
    done
    return 1
}

# --- the right authority ----------------------------------------------------------------------------
show trusted "ca_file = \"$T/nginx/cert.pem\"" > "$T/trusted.toml"
hawker_bg trusted run "$T/trusted.toml" --duration $SECS
sleep 2
pull
check "with the test's certificate trusted, the stream came through TLS to nginx-rtmp" test -s "$T/pulled.flv"
if [[ -s "$T/pulled.flv" ]]; then
    check "  H.264 + AAC at ${W}x${H}: $(probe_stream "$T/pulled.flv" v:0 codec_name) + $(probe_stream "$T/pulled.flv" a:0 codec_name), $(probe_stream "$T/pulled.flv" v:0 width)x$(probe_stream "$T/pulled.flv" v:0 height)" \
        test "$(probe_stream "$T/pulled.flv" v:0 codec_name) $(probe_stream "$T/pulled.flv" a:0 codec_name) $(probe_stream "$T/pulled.flv" v:0 width)x$(probe_stream "$T/pulled.flv" v:0 height)" = "h264 aac ${W}x${H}"
    n=$(count_frames "$T/pulled.flv")
    check "  it decodes: $n frames in 3 s (>= 60)" test "${n:-0}" -ge 60
fi
wait_pid "$HAWKER_PID" $((SECS + 30))
check "hawker exits 0 (rc $WAIT_RC)" test "$WAIT_RC" = 0
check "the push output went live" grep -q "timeline output push live" "$T/trusted.err"
check "its profile check passes the protocol as rtmps" grep -q "profile check push (youtube) protocol pass: rtmps" "$T/trusted.err"

# --- another authority ------------------------------------------------------------------------------
show untrusted "ca_file = \"$T/other.pem\"" > "$T/untrusted.toml"
hawker_bg untrusted run "$T/untrusted.toml" --duration 6
sleep 2
if pull 1; then fail "nginx got a stream from a push whose server was not trusted"; else ok "nginx never got the stream"; fi
wait_pid "$HAWKER_PID" 40
check "hawker exits 0: one output refused is not the show's failure (rc $WAIT_RC)" test "$WAIT_RC" = 0
check "the push output never went live" bash -c '! grep -q "timeline output push live" "$1"' _ "$T/untrusted.err"
check "  the log says the server was refused (reconnecting)" grep -q "timeline output push reconnecting" "$T/untrusted.err"
check "  and why: the certificate failed verification" grep -qi "certificate" "$T/untrusted.err"

# --- not checked, on purpose ------------------------------------------------------------------------
show unchecked "tls_verify = false" > "$T/unchecked.toml"
hawker_bg unchecked run "$T/unchecked.toml" --duration 6
wait_pid "$HAWKER_PID" 40
check "with tls_verify = false it goes live (rc $WAIT_RC)" grep -q "timeline output push live" "$T/unchecked.err"
check "  and warns that the certificate is not checked" \
    grep -q "output push: tls_verify = false, the server's certificate is not checked" "$T/unchecked.err"

# --- refusals and secrets ---------------------------------------------------------------------------
camera_show "rtmp" $W $H 30 1000 1 x.mkv > "$T/plain.toml"
printf '\n[[outputs]]\nid = "p"\nkind = "rtmp"\nurl = "rtmp://127.0.0.1:%s/live"\ntls_verify = false\n' "$PORT" >> "$T/plain.toml"
"$HAWKER" run "$T/plain.toml" --duration 1 > /dev/null 2> "$T/plain.err"
check "tls_verify on a plain rtmp:// url is refused" grep -q "outputs\[1\].tls_verify: only for an rtmps:// url" "$T/plain.err"
if grep -q "$KEY" "$T"/*.out "$T"/*.err; then
    fail "the stream key appears in hawker's output"
else
    ok "the stream key never appears in hawker's output ($(cat "$T"/*.out "$T"/*.err | wc -l) lines)"
fi
finish
