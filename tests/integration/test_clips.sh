#!/usr/bin/env bash
# Clips (直播切片) and chapters from the demo session, run offline:
# - `hawker clips` cuts one clip per card showing, flash sale and segment;
#   each clip's duration is its window plus the pre-roll and post-roll
#   (within a frame, where the recording's ends do not cut it), it starts on
#   a keyframe, it decodes without an error, and its first and last frames
#   equal the recording's at those times (PSNR >= 35 dB);
# - the manifest's figures equal the report's for the same windows, and it
#   is sorted by GMV; each clip has a JPEG thumbnail;
# - the recording carries one chapter per segment and per card, titled with
#   the product's name (after kill -9 the recording has none, and
#   `hawker recording repair` writes them back: test_recording_repair, a live
#   show, where this test is an offline one).
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools ffprobe ffmpeg python3 sqlite3 curl

D="$T/demo"
hawker_fg demo 180 demo --out "$D" --duration 60 --offline
check "demo exits 0 (got $HAWKER_RC)" test "$HAWKER_RC" -eq 0
REC="$D/program.mkv"
[[ -s "$REC" ]] || die "no recording at $REC"

# --- chapters written with the trailer ---------------------------------------
chapters "$REC" > "$T/chapters.json"
sqlite3 -json "$D/hawker.db" "SELECT program_ms, event, fields FROM timeline WHERE event IN ('segment','card_shown')" \
    > "$T/marks.json"
python3 - "$T/chapters.json" "$T/marks.json" <<'PY' > "$T/chapters.check" 2>&1
import json, sys
chapters = json.load(open(sys.argv[1]))["chapters"]
marks = json.load(open(sys.argv[2]))
names = {"SERUM-50": "小棕瓶精华液", "CREAM-30": "Hydra Cream"}
want = []
for m in marks:
    f = json.loads(m["fields"])
    title = ("#%d %s" % (f["index"], f["title"])) if m["event"] == "segment" else names[f["sku"]]
    want.append((m["program_ms"] / 1000.0, title))
got = [(float(c["start_time"]), c["tags"]["title"]) for c in chapters]
print("chapters", len(got), "marks", len(want))
assert len(got) == len(want), (got, want)
for t, title in want:
    # A chapter starts with its row (a card shown with its segment a millisecond after it; the file's
    # timestamps sit up to a frame after the program's, behind the audio's priming).
    assert any(abs(gt - t) <= 0.05 and gtitle.startswith(title) for gt, gtitle in got), (t, title, got)
print("ok")
PY
check "the recording has a chapter per segment and per card, at its time, titled ($(tail -c 300 "$T/chapters.check"))" \
    grep -qx ok "$T/chapters.check"

# --- clips -------------------------------------------------------------------
hawker_fg clips 300 clips --db "$D/hawker.db" --session 1 --out "$T/clips" --pre 2 --post 2
check "hawker clips exits 0 (got $HAWKER_RC: $(tail -c 300 "$T/clips.err"))" test "$HAWKER_RC" -eq 0
M="$T/clips/clips.json"
[[ -s "$M" ]] || die "no manifest at $M"
check "clips.csv has the manifest's header" \
    grep -q '^.\?file,sku,kind,start_ms,end_ms,duration_s,orders,units,gmv_cents,peak_viewers,product_clicks,gpm_cents' \
    "$T/clips/clips.csv"
"$HAWKER" report --db "$D/hawker.db" --session 1 --json > "$T/report.json"

python3 - "$M" "$T/report.json" <<'PY' > "$T/manifest.check" 2>&1
import json, sys
m = json.load(open(sys.argv[1]))["clips"]
r = json.load(open(sys.argv[2]))
start = r["session"]["start_utc_ms"]
kinds = [c["kind"] for c in m]
cards = [s for s in r["card_showings"]]
offers = [o for o in r["offers"] if o["start_offset_ms"] is not None]
segments = r["segments"]
print("clips", len(m), "cards", len(cards), "offers", len(offers), "segments", len(segments))
assert kinds.count("card") == len(cards) and kinds.count("offer") == len(offers) \
    and kinds.count("segment") == len(segments), kinds
gmv = [c["gmv_cents"] for c in m]
assert gmv == sorted(gmv, reverse=True), gmv
for c in m:
    if c["kind"] == "card":
        w = [s for s in cards if s["sku"] == c["sku"] and s["start_offset_ms"] == c["window_start_ms"]]
        assert len(w) == 1, c
        w = w[0]
        assert (c["gmv_cents"], c["orders"], c["units"], c["product_clicks"]) == \
            (w["gmv_cents"], w["paid_orders"], w["units"], w["clicks"]), (c, w)
        assert c["gpm_cents"] == w["gpm_cents"], (c, w)
    elif c["kind"] == "offer":
        w = [o for o in offers if o["id"] == c["label"]][0]
        assert (c["gmv_cents"], c["orders"], c["units"]) == (w["gmv_cents"], w["paid_orders"], w["units"]), (c, w)
        assert c["window_start_ms"] == w["start_offset_ms"] and c["window_end_ms"] == w["end_offset_ms"], (c, w)
    else:
        w = [s for s in segments if s["start_offset_ms"] == c["window_start_ms"]][0]
        assert (c["gmv_cents"], c["orders"], c["units"]) == (w["gmv_cents"], w["paid_orders"], w["units"]), (c, w)
    assert c["peak_viewers"] > 0, c
    assert c["duration_s"] == (c["end_ms"] - c["start_ms"]) / 1000.0 or \
        abs(c["duration_s"] - (c["end_ms"] - c["start_ms"]) / 1000.0) <= 1 / 30 + 1e-6, c
    # Window plus 2 s either side, unless the recording's start (0) or end (60 s) cut it.
    want = (c["window_end_ms"] + 2000 if c["window_end_ms"] + 2000 <= 60000 else 60000) \
        - max(0, c["window_start_ms"] - 2000)
    assert c["end_ms"] - c["start_ms"] == want, (c, want)
    print(c["file"], c["start_ms"], c["end_ms"], c["duration_s"])
print("ok")
PY
check "the manifest lists every window with the report's figures, by GMV ($(tail -c 400 "$T/manifest.check"))" \
    grep -qx ok "$T/manifest.check"

# The file time of program time P: the recording's first video timestamp plus P minus the program
# time of that first frame (the 'recording' row of the timeline).
base_ms=$(sqlite3 "$D/hawker.db" "SELECT json_extract(fields, '\$.base_ms') FROM timeline WHERE event = 'recording'")
first_s=$(ffprobe -v error -select_streams v -read_intervals "%+#1" -show_entries packet=pts_time -of csv=p=0 "$REC" | head -n1)
# frame FILE T OUT: the first frame at or after T seconds (timestamps as stored), as a PNG.
frame() {
    ffmpeg -nostdin -v error -y -copyts -ss "$(calc "($2 > 3) ? ($2 - 3) : 0")" -i "$1" \
        -vf "select=gte(t\\,$2 - 0.0005)" -frames:v 1 "$3"
}
psnr() {
    ffmpeg -nostdin -v error -i "$1" -i "$2" -filter_complex "[0:v][1:v]psnr=stats_file=-" -f null - 2>/dev/null \
        | sed -n 's/.*psnr_avg:\([0-9.inf]*\).*/\1/p' | head -n1 | sed 's/^inf$/100/' # identical: inf
}
n=0
while IFS=$'\t' read -r file start_ms; do
    n=$((n + 1))
    c="$T/clips/$file"
    check "$file exists with its thumbnail" test -s "$c" -a -s "$T/clips/${file%.mp4}.jpg"
    flags=$(ffprobe -v error -select_streams v -read_intervals "%+#1" -show_entries packet=flags -of csv=p=0 "$c" | head -n1)
    check "$file starts on a keyframe (flags $flags)" test "${flags:0:1}" = K
    errors=$(ffmpeg -nostdin -v error -i "$c" -f null - 2>&1 | wc -l)
    check "$file decodes without an error ($errors lines)" test "$errors" -eq 0
    frames=$(ffprobe -v error -count_packets -select_streams v -show_entries stream=nb_read_packets -of csv=p=0 "$c")
    dur=$(python3 -c "import json;print([c['duration_s'] for c in json.load(open('$M'))['clips'] if c['file']=='$file'][0])")
    check "$file has duration_s × 30 frames ($frames, $dur s)" \
        fcmp "$(absdiff "$frames" "$(calc "$dur * 30")") < 0.5"
    t0=$(calc "$first_s + ($start_ms - $base_ms) / 1000")
    frame "$c" 0 "$T/c_first.png"
    frame "$REC" "$t0" "$T/r_first.png"
    p=$(psnr "$T/c_first.png" "$T/r_first.png")
    check "$file's first frame is the recording's at ${t0}s (PSNR ${p:-?} dB >= 35)" fcmp "${p:-0} >= 35"
    last_t=$(calc "($frames - 1) / 30")
    frame "$c" "$last_t" "$T/c_last.png"
    # The recording's frame (frames - 1) after the first one the clip took.
    rec_first=$(ffprobe -v error -select_streams v -read_intervals "$(calc "($t0 > 3) ? ($t0 - 3) : 0")%+6" \
        -show_entries packet=pts_time -of csv=p=0 "$REC" | awk -v t="$t0" '$1 >= t - 0.0005 { print; exit }')
    frame "$REC" "$(calc "$rec_first + ($frames - 1) / 30 - 0.010")" "$T/r_last.png"
    p=$(psnr "$T/c_last.png" "$T/r_last.png")
    check "$file's last frame is the recording's (PSNR ${p:-?} dB >= 35)" fcmp "${p:-0} >= 35"
done < <(python3 -c "import json
for c in json.load(open('$M'))['clips']: print(c['file'] + '\t' + str(c['start_ms']))")
check "checked $n clips (8 windows in the demo)" test "$n" -eq 8

# --- a cut of one product adds to the folder's manifest ----------------------
# The console's per-row Cut and a CLI run with --sku re-cut some windows into the same folder: the
# manifest keeps every other clip, and the re-cut rows are the new ones.
cp "$M" "$T/manifest.before.json"
hawker_fg clips_one 120 clips --db "$D/hawker.db" --session 1 --out "$T/clips" --sku SERUM-50 --kind card --pre 1 --post 1
check "a cut of one product's cards exits 0 (got $HAWKER_RC: $(tail -c 300 "$T/clips_one.err"))" test "$HAWKER_RC" -eq 0
python3 - "$T/manifest.before.json" "$M" "$T/clips" <<'PY' > "$T/merge.check" 2>&1
import json, os, sys
before = json.load(open(sys.argv[1]))["clips"]
after = json.load(open(sys.argv[2]))["clips"]
recut = lambda c: c["kind"] == "card" and c["sku"] == "SERUM-50"
print("before", len(before), "after", len(after), "recut", sum(map(recut, after)))
assert len(after) == len(before), (len(before), len(after))
assert sorted(c["file"] for c in after) == sorted(c["file"] for c in before)
assert [c for c in after if not recut(c)] == [c for c in before if not recut(c)]
assert any(map(recut, after))
for c in after:
    if recut(c):
        assert c["start_ms"] == max(0, c["window_start_ms"] - 1000), c
    assert os.path.isfile(os.path.join(sys.argv[3], c["file"])), c
gmv = [c["gmv_cents"] for c in after]
assert gmv == sorted(gmv, reverse=True), gmv
print("ok")
PY
check "the manifest keeps the other clips and lists the re-cut ones anew, by GMV ($(tail -c 300 "$T/merge.check"))" \
    grep -qx ok "$T/merge.check"
csv_rows=$(($(wc -l < "$T/clips/clips.csv") - 1))
check "clips.csv lists them all too ($csv_rows rows)" test "$csv_rows" -eq 8

# --- bad options change nothing ---------------------------------------------
hawker_fg clips_bad 30 clips --db "$D/hawker.db" --session 1 --out "$T/bad" --max-s 901
check "--max-s over 15 min is refused (exit $HAWKER_RC)" test "$HAWKER_RC" -eq 1
check "… with the limit named" grep -q "15 min" "$T/clips_bad.err"
check "… and no folder made" test ! -e "$T/bad"
hawker_fg clips_none 30 clips --db "$D/hawker.db" --session 99 --out "$T/none"
check "an unknown session is refused (exit $HAWKER_RC)" test "$HAWKER_RC" -eq 1

# --- through the API, while a show runs ------------------------------------
# A second demo on the same database (session 2) runs offline while a merchandiser cuts session 1's
# clips: the cut runs beside the show, and the show keeps every frame.
hawker_bg api_demo demo --out "$D" --duration 30 --offline
wait_until 30 grep -q '^api http' "$T/api_demo.out"
BASE=$(sed -n 's|^api \(http://[^ ]*\)/api/v1/$|\1|p' "$T/api_demo.out" | head -n1)
MERCH=$(sed -n 's/^merchandiser = "\(.*\)"$/\1/p' "$D/api-tokens.toml")
INGEST=$(sed -n 's/^ingest = "\(.*\)"$/\1/p' "$D/api-tokens.toml")
api() { curl -s -o "$T/api.body" -w '%{http_code}' -H "Authorization: Bearer $1" "${@:2}"; }
code=$(api "$MERCH" -X POST -d '{"kind":"card","pre":1,"post":1}' "$BASE/api/v1/sessions/1/clips")
check "POST /sessions/1/clips starts a cut (202, got $code: $(head -c 200 "$T/api.body"))" test "$code" = 202
code=$(api "$MERCH" -X POST -d '{"kind":"card"}' "$BASE/api/v1/sessions/1/clips")
check "a second cut while one runs is refused (409, got $code)" test "$code" = 409
code=$(api "$MERCH" -X POST -d '{"max_s":5000}' "$BASE/api/v1/sessions/1/clips")
check "bad options are refused (400, got $code)" test "$code" = 400
code=$(api "$INGEST" "$BASE/api/v1/sessions/1/clips")
check "the ingest token may not read clips (403, got $code)" test "$code" = 403
state=""
for _ in $(seq 1 "$(time_limit 120)"); do
    api "$MERCH" "$BASE/api/v1/sessions/1/clips" > /dev/null
    state=$(python3 -c "import json;print(json.load(open('$T/api.body'))['state'])" 2>/dev/null)
    [[ "$state" == running ]] || break
    sleep 0.5
done
check "the cut ends done (got ${state:-nothing}: $(head -c 300 "$T/api.body"))" test "$state" = done
n_api=$(python3 -c "import json;print(len(json.load(open('$T/api.body'))['clips']))" 2>/dev/null)
check "it cut the 2 card showings (got ${n_api:-none})" test "${n_api:-0}" -eq 2
check "… into the folder beside the database" test -s "$D/clips/session-1/clips.json"
wait_pid "$HAWKER_PID" 120
check "the show beside the cut ended cleanly (rc $WAIT_RC)" test "$WAIT_RC" -eq 0
check "… with every frame (900)" grep -q "^summary frames=900 " "$T/api_demo.out"

finish
