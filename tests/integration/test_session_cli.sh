#!/usr/bin/env bash
# hawker session new|end|list on a real SQLite file, in the exact forms of
# docs/DESIGN.md's command-line contract; the file opens in the sqlite3 shell.
source "$(dirname "$0")/lib.sh"
require_hawker
require_tools sqlite3

DB="$T/hawker.db"
id=$("$HAWKER" session new --db "$DB" --title "晚八点 美妆专场" --tag beauty 2>"$T/new.err")
check "session new prints only the id (got '$id')" bash -c "[[ '$id' =~ ^[0-9]+$ ]]"
past=$("$HAWKER" session new --db "$DB" --title "Imported" --start 1700000000000 2>>"$T/new.err")
check "a past show with --start (id '$past')" bash -c "[[ '$past' =~ ^[0-9]+$ && '$past' != '$id' ]]"
"$HAWKER" session end --db "$DB" --session "$past" --at 1700003600000
check "session end exits 0" test $? -eq 0
state=$(sqlite3 "$DB" "SELECT state || ',' || start_utc_ms || ',' || end_utc_ms FROM sessions WHERE id = $past")
check "the file says ended 1700000000000..1700003600000 (got $state)" test "$state" = "ended,1700000000000,1700003600000"
list=$("$HAWKER" session list --db "$DB")
check "session list shows both sessions" bash -c "grep -q '^$id	晚八点 美妆专场	beauty	planned' <<< \"\$1\" && grep -q '^$past	Imported' <<< \"\$1\"" _ "$list"
planned=$("$HAWKER" session new --db "$DB" --title "周末大促" --rehearsal --platforms douyin,kuaishou \
    --target-gmv-cents 50000000 --target-uv 20000 --target-conversion 0.03 --target-units SERUM-50=300,CREAM-30=120)
check "a session with platforms and targets (id '$planned')" bash -c "[[ '$planned' =~ ^[0-9]+$ ]]"
check "its targets are stored as JSON" test "$(sqlite3 "$DB" "SELECT platforms || '|' || rehearsal || '|' || json_extract(targets_json, '\$.gmv_cents') || '|' || json_extract(targets_json, '\$.conversion_rate') || '|' || json_extract(targets_json, '\$.units.CREAM-30') FROM sessions WHERE id = $planned")" = "douyin,kuaishou|1|50000000|0.03|120"
for bad in "--target-conversion 3" "--target-units SERUM-50" "--target-units =5" "--target-gmv-cents lots"; do
    # shellcheck disable=SC2086
    "$HAWKER" session new --db "$DB" --title x $bad > /dev/null 2> "$T/target.err"
    rc=$?
    check "bad target '$bad' is refused (exit $rc): $(head -c 100 "$T/target.err")" bash -c "(( $rc == 2 )) && grep -q '^hawker: error:' '$T/target.err'"
done
check "journal mode is WAL" test "$(sqlite3 "$DB" 'PRAGMA journal_mode')" = "wal"

# Bad requests: one-line error, non-zero exit, nothing changed.
before=$(sqlite3 "$DB" "SELECT count(*) || ':' || group_concat(state) FROM sessions")
for args in "session end --db $DB --session $past --at 1700009999999" "session end --db $DB --session 999" \
            "session end --db $DB --session abc" "session new --db $DB" "session new --title x" \
            "session new --db $DB --title x --start -5" "session frobnicate --db $DB" "session list"; do
    # shellcheck disable=SC2086
    "$HAWKER" $args > "$T/bad.out" 2> "$T/bad.err"
    rc=$?
    check "'hawker $args' fails cleanly (exit $rc): $(head -c 120 "$T/bad.err")" \
        bash -c "(( $rc != 0 && $rc < 128 )) && grep -q '^hawker: error:' '$T/bad.err' && [[ \$(wc -l < '$T/bad.err') == 1 ]]"
done
after=$(sqlite3 "$DB" "SELECT count(*) || ':' || group_concat(state) FROM sessions")
check "nothing changed by the bad requests ($after)" test "$before" = "$after"
finish
