// The one page `hawker help` prints: every subcommand's form, as the README
// shows them. Each subcommand's own --help lists its options (CLI11).

#include "hawker/studio/cli/cli_options.hpp"

namespace hawker::studio {

namespace {

const char* kUsage = R"(hawker — live-commerce studio

usage:
  hawker [gui [SHOW.toml]] [--role operator|host|merchandiser] [--who NAME] [--db DB]
         [--out DIR] [--session ID] [--simulate [--seed N]] [--rehearsal] [--host-window]
         [--size WxH] [--screenshot PNG --after-frames N] [--overwrite] [--token-file FILE]
      the console (a window): with no show file the built-in demo show, its
      session in DIR (default hawker-demo); the operator's desk runs the show
      (--host-window adds the host's prompter as a second window), the host's
      login is the prompter, the merchandiser's reviews the sessions in DB
      (--session opens one); --screenshot writes the window(s) N frames after
      the show started, then exits; a show file with [api] console_login =
      "token" admits the login only with a token of its role, read from
      --token-file FILE or $HAWKER_CONSOLE_TOKEN (never from the command line)
  hawker run SHOW.toml [--duration S] [--offline] [--rehearsal] [--db DB]
                      [--session ID | --resume ID|last] [--simulate [--seed N]] [--overwrite]
      run a show without a window (Ctrl+C stops it cleanly); with --db it is a
      session whose on-air timeline, audit log and show state are stored in DB;
      --session runs a planned session, --resume goes on with a live session
      whose show was killed (its timeline shows the gap); --simulate lets a
      simulated audience watch and buy (rehearsals), deterministic for a seed;
      a recording whose file exists goes beside it (NAME-2.mkv, ...) unless
      --overwrite
  hawker commands
      every command a show takes (who may send it, its API route, its
      arguments) as the Markdown table docs/API.md carries
  hawker preflight SHOW.toml [--seconds 10] [--json] [--live] [--keep DIR]
      encodes the program for every output into local files (never to the
      platform), measures them and checks each against its output's platform
      profile (assets/platforms/) and the scenes' graphics against its safe
      area; one row per rule; exits 1 when a rule fails
  hawker demo [--out DIR] [--duration S] [--offline] [--overwrite]
      the built-in demo show (synthetic cameras, rundown, approvals, a
      simulated audience buying into a flash sale) into DIR/program.mkv (or
      program-2.mkv, ... beside an earlier one), DIR/hawker.db and its review
      DIR/report.html, DIR/report.json
  hawker session new --db DB --title T [--start UTC_MS] [--tag X] [--host NAME]
                     [--rehearsal] [--platforms P1,P2] [--target-gmv-cents N] [--target-uv N]
                     [--target-conversion RATE] [--target-units SKU=N,...] [--variant A]
      a new session; prints only its id
  hawker session end --db DB --session ID [--at UTC_MS]
  hawker session list --db DB
  hawker catalog import --db DB FILE.csv [--skip-bad]
      products from a CSV as Excel writes it; a file with bad rows changes
      nothing unless --skip-bad (each bad row is reported with its line)
  hawker catalog list --db DB
  hawker ingest --db DB --session ID FILE.jsonl
      viewer events (JSON Lines, docs/DESIGN.md's schema) into a session; prints
      {"accepted":N,"duplicates":N,"rejected":[...]}
  hawker orders import --db DB --session ID --platform douyin|tiktok|taobao|shopify|custom
                       [--map map.toml] [--tz ZONE] [--skip-bad] FILE...
      a platform's order export (CSV in UTF-8 or GBK, or XLSX) into a session;
      prints {"accepted":N,"duplicates":N,"rejected":[{"line":L,"reason":...}],
      "outside_window":N,"encoding":...}; bad rows change nothing unless --skip-bad
  hawker report --db DB --session ID [--json] [--html FILE] [--csv DIR]
                [--include-rehearsals]
      the post-show review (复盘): --json prints every metric, --html writes
      one self-contained page, --csv the tables
  hawker report --db DB --trend [--since 14d] [--title T] [--tag T] [--host NAME]
                [--sku SKU] [--json] [--html FILE] [--csv DIR]
      the sessions of a range side by side (GMV, UV, conversion, GPM, units,
      units per product) with totals by title, tag and host
  hawker simulate --db DB --session ID [--duration S] [--seed N] [--speed X | --fast]
                  [--arrivals PER_MIN] [--url http://127.0.0.1:PORT --token-env VAR]
      a simulated audience that follows the session's on-air timeline and
      sends its events in real time (or X times faster, or --fast from the
      session's start) to the ingest endpoint (--url) or straight into DB
  hawker notes add --db DB --session ID --kind goal|result|gap|cause|improvement|action
                   --text T [--owner O]
  hawker notes edit --db DB --note ID --text T [--owner O]
  hawker notes delete --db DB --note ID · hawker notes list --db DB --session ID
  hawker help [COMMAND] · hawker COMMAND --help
      this page, or one command's options (hawker help session new)

A show (run, demo, gui) also writes its log to a file: DB.log beside its
database (rotated at 10 MB, 5 files kept: DB.log, DB.1.log ... DB.4.log), or
without a database $HAWKER_HOME/hawker.log, else $XDG_STATE_HOME/hawker/
hawker.log, else ~/.local/state/hawker/hawker.log.
)";

} // namespace

std::string_view usageText() {
    return kUsage;
}

} // namespace hawker::studio
