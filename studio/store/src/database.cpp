#include "hawker/studio/store/database.hpp"

#include <sqlite3.h>

#include "hawker/studio/store/legacy_timeline.hpp"

namespace hawker::studio {

namespace {
/// One schema step: its SQL, then what it does to the rows already there.
struct Migration {
    Migration(const char* text, size_t (*after)(Database&) = nullptr) : sql(text), rows(after) {}
    std::string sql;
    size_t (*rows)(Database&);
};

/// Schema migrations, in order. A file at version N gets N+1.. applied, each
/// in its own transaction; the version is stored in the file. A step is never
/// edited once released: files of every age went through it as written, and
/// schemaSql() gives tests the schema of an older version from the same text.
const std::vector<Migration>& migrations() {
    static const std::vector<Migration> steps = {
        // 1: sessions, the on-air timeline and the audit log. Times are UTC ms,
        // program times ms since the show started.
        R"(
        CREATE TABLE sessions (
            id              INTEGER PRIMARY KEY,
            title           TEXT NOT NULL,
            tag             TEXT,
            state           TEXT NOT NULL CHECK (state IN ('planned', 'live', 'ended')),
            rehearsal       INTEGER NOT NULL DEFAULT 0,
            start_utc_ms    INTEGER,
            end_utc_ms      INTEGER,
            created_utc_ms  INTEGER NOT NULL
        );
        CREATE INDEX sessions_by_title ON sessions (title, start_utc_ms);
        CREATE INDEX sessions_by_tag ON sessions (tag, start_utc_ms);
        CREATE TABLE timeline (
            id          INTEGER PRIMARY KEY,
            session_id  INTEGER NOT NULL REFERENCES sessions (id),
            utc_ms      INTEGER NOT NULL,
            program_ms  INTEGER,
            event       TEXT NOT NULL,
            detail      TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX timeline_by_session ON timeline (session_id, utc_ms);
        CREATE TABLE audit (
            id          INTEGER PRIMARY KEY,
            session_id  INTEGER REFERENCES sessions (id),
            utc_ms      INTEGER NOT NULL,
            program_ms  INTEGER,
            who         TEXT NOT NULL,
            role        TEXT NOT NULL,
            command     TEXT NOT NULL,
            ok          INTEGER NOT NULL,
            message     TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX audit_by_session ON audit (session_id, utc_ms);
        )",
        // 2: the product catalog. Money in integer cents; list fields one item a line.
        R"(
        CREATE TABLE products (
            sku                   TEXT PRIMARY KEY,
            name                  TEXT NOT NULL,
            category              TEXT NOT NULL DEFAULT '',
            price_cents           INTEGER NOT NULL CHECK (price_cents >= 0),
            original_price_cents  INTEGER CHECK (original_price_cents >= 0),
            image                 TEXT NOT NULL DEFAULT '',
            selling_points        TEXT NOT NULL DEFAULT '',
            stock                 INTEGER CHECK (stock >= 0),
            tags                  TEXT NOT NULL DEFAULT '',
            compliance            TEXT NOT NULL DEFAULT 'pending',
            updated_utc_ms        INTEGER NOT NULL
        );
        CREATE INDEX products_by_category ON products (category);
        )",
        // 3: a session's plan (platforms, targets), its heartbeat for crash
        // resume, the show state it resumes from, and its coupons and 满减
        // promotions with their counts.
        R"(
        ALTER TABLE sessions ADD COLUMN platforms TEXT NOT NULL DEFAULT '';
        ALTER TABLE sessions ADD COLUMN targets_json TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE sessions ADD COLUMN last_seen_utc_ms INTEGER;
        ALTER TABLE sessions ADD COLUMN last_program_ms INTEGER;
        CREATE INDEX sessions_by_state ON sessions (state);
        CREATE TABLE show_state (
            session_id  INTEGER PRIMARY KEY REFERENCES sessions (id),
            utc_ms      INTEGER NOT NULL,
            program_ms  INTEGER NOT NULL,
            state_json  TEXT NOT NULL
        );
        CREATE TABLE coupons (
            session_id       INTEGER NOT NULL REFERENCES sessions (id),
            coupon_id        TEXT NOT NULL,
            title            TEXT NOT NULL DEFAULT '',
            discount_cents   INTEGER NOT NULL CHECK (discount_cents > 0),
            min_spend_cents  INTEGER NOT NULL DEFAULT 0,
            total            INTEGER NOT NULL DEFAULT 0,
            issued           INTEGER NOT NULL DEFAULT 0,
            redeemed         INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (session_id, coupon_id)
        );
        CREATE TABLE promotions (
            session_id       INTEGER NOT NULL REFERENCES sessions (id),
            promotion_id     TEXT NOT NULL,
            title            TEXT NOT NULL DEFAULT '',
            threshold_cents  INTEGER NOT NULL CHECK (threshold_cents > 0),
            discount_cents   INTEGER NOT NULL CHECK (discount_cents > 0),
            PRIMARY KEY (session_id, promotion_id)
        );
        )",
        // 4: viewer events, clustered by (session, ts) so a report reads a
        // session in processing order without sorting; the unique index makes
        // a retried webhook (same event id) a duplicate. Viewers are 64-bit
        // salted hashes only. Notes (复盘) and alerts belong to a session too;
        // sessions get an A/B variant. The v_* views are for BI tools.
        R"(
        CREATE TABLE event_types (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        INSERT INTO event_types (code, name) VALUES (0, 'view_start'), (1, 'view_end'), (2, 'share'),
            (3, 'follow'), (4, 'comment'), (5, 'like'), (6, 'product_click'), (7, 'add_to_cart'),
            (8, 'order_created'), (9, 'order_paid'), (10, 'refund'), (11, 'coupon_issued'),
            (12, 'coupon_redeemed');
        CREATE TABLE events (
            session_id       INTEGER NOT NULL REFERENCES sessions (id),
            ts               INTEGER NOT NULL,
            ord              INTEGER NOT NULL,
            event_id         TEXT NOT NULL,
            type             INTEGER NOT NULL REFERENCES event_types (code),
            platform         TEXT,
            viewer           INTEGER,
            sku              TEXT,
            qty              INTEGER,
            amount_cents     INTEGER,
            order_id         TEXT,
            coupon           TEXT,
            text             TEXT,
            masked_name      TEXT,
            received_utc_ms  INTEGER NOT NULL,
            PRIMARY KEY (session_id, ts, ord, event_id)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX events_by_id ON events (session_id, event_id);
        CREATE INDEX events_by_order ON events (session_id, order_id, ts) WHERE order_id IS NOT NULL;
        ALTER TABLE sessions ADD COLUMN variant TEXT NOT NULL DEFAULT '';
        CREATE TABLE rundown (
            session_id       INTEGER NOT NULL REFERENCES sessions (id),
            idx              INTEGER NOT NULL,
            kind             TEXT NOT NULL,
            title            TEXT NOT NULL,
            sku              TEXT NOT NULL DEFAULT '',
            planned_seconds  INTEGER NOT NULL,
            PRIMARY KEY (session_id, idx)
        );
        CREATE TABLE session_products (
            session_id   INTEGER NOT NULL REFERENCES sessions (id),
            sku          TEXT NOT NULL,
            name         TEXT NOT NULL,
            price_cents  INTEGER NOT NULL,
            PRIMARY KEY (session_id, sku)
        );
        CREATE TABLE notes (
            id          INTEGER PRIMARY KEY,
            session_id  INTEGER NOT NULL REFERENCES sessions (id),
            utc_ms      INTEGER NOT NULL,
            kind        TEXT NOT NULL CHECK (kind IN ('goal', 'result', 'gap', 'cause', 'improvement', 'action')),
            text        TEXT NOT NULL,
            owner       TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX notes_by_session ON notes (session_id, utc_ms);
        CREATE TABLE alerts (
            id                   INTEGER PRIMARY KEY,
            session_id           INTEGER NOT NULL REFERENCES sessions (id),
            utc_ms               INTEGER NOT NULL,
            rule                 TEXT NOT NULL,
            kpi                  TEXT NOT NULL,
            level                TEXT NOT NULL CHECK (level IN ('amber', 'red')),
            message              TEXT NOT NULL,
            acknowledged_utc_ms  INTEGER,
            acknowledged_by      TEXT
        );
        CREATE INDEX alerts_by_session ON alerts (session_id, utc_ms);
        CREATE VIEW v_events AS
            SELECT e.session_id, e.ts AS ts_utc_ms, strftime('%Y-%m-%d %H:%M:%f', e.ts / 1000.0, 'unixepoch') AS ts_utc,
                   t.name AS type, e.event_id, e.platform, printf('%016x', e.viewer) AS viewer_hash, e.sku, e.qty,
                   e.amount_cents, e.order_id, e.coupon, e.text AS comment_text, e.masked_name
            FROM events e JOIN event_types t ON t.code = e.type;
        CREATE VIEW v_paid_orders AS
            SELECT e.session_id, e.order_id, e.ts AS paid_utc_ms, e.sku, e.qty, e.amount_cents,
                   printf('%016x', e.viewer) AS viewer_hash
            FROM events e
            WHERE e.type = 9 AND NOT EXISTS (
                SELECT 1 FROM events f
                WHERE f.session_id = e.session_id AND f.type = 9 AND f.order_id = e.order_id
                  AND (f.ts < e.ts OR (f.ts = e.ts AND f.event_id < e.event_id)));
        CREATE VIEW v_session_sales AS
            SELECT s.id AS session_id, s.title, s.tag, s.variant, s.rehearsal, s.start_utc_ms, s.end_utc_ms,
                   count(o.order_id) AS paid_orders, coalesce(sum(o.qty), 0) AS units,
                   coalesce(sum(o.amount_cents), 0) AS gmv_cents
            FROM sessions s LEFT JOIN v_paid_orders o ON o.session_id = s.id
                 AND o.paid_utc_ms >= s.start_utc_ms AND o.paid_utc_ms <= coalesce(s.end_utc_ms, o.paid_utc_ms)
            GROUP BY s.id;
        CREATE VIEW v_timeline AS
            SELECT t.session_id, t.utc_ms, strftime('%Y-%m-%d %H:%M:%f', t.utc_ms / 1000.0, 'unixepoch') AS utc,
                   t.program_ms, t.event, t.detail
            FROM timeline t;
        CREATE VIEW v_alerts AS
            SELECT a.session_id, a.utc_ms, strftime('%Y-%m-%d %H:%M:%S', a.utc_ms / 1000, 'unixepoch') AS utc,
                   a.rule, a.kpi, a.level, a.message, a.acknowledged_utc_ms IS NOT NULL AS acknowledged
            FROM alerts a;
        )",
        // 5: timeline rows are typed. `fields` holds a row's fields as one JSON
        // object with fixed keys (timeline_fields.hpp), not a column each: the
        // kinds carry different fields (a scene; an offer's price, quantity and
        // step; an output's state), so columns would be mostly NULL and every
        // new field a schema step, while json_extract() still lets SQL reach
        // any of them. `detail` keeps the text made from the fields. Rows
        // stored before have their fields filled once, here, from their text
        // (legacy_timeline.hpp). A row written later without fields (by hand,
        // in SQL) shows its text and counts for nothing: it is never read back
        // from its words.
        {R"(
        ALTER TABLE timeline ADD COLUMN fields TEXT;
        DROP VIEW v_timeline;
        CREATE VIEW v_timeline AS
            SELECT t.session_id, t.utc_ms, strftime('%Y-%m-%d %H:%M:%f', t.utc_ms / 1000.0, 'unixepoch') AS utc,
                   t.program_ms, t.event, t.detail, t.fields
            FROM timeline t;
        )",
         &fillLegacyTimelineFields},
        // 6: where each event came from (EventOrigin; NULL for rows stored
        // before, whose source nobody recorded), and the platform's own record
        // of each order from an imported export. An export row for an order the
        // live webhook already delivered is not a second sale, so it is not an
        // event; the export's figures are kept here all the same, so the review
        // can reconcile the two (report "reconciliation").
        R"(
        CREATE TABLE event_origins (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        INSERT INTO event_origins (code, name) VALUES (0, 'ingest'), (1, 'simulator'), (2, 'live webhook'),
            (3, 'export file'), (4, 'live connector');
        ALTER TABLE events ADD COLUMN origin INTEGER REFERENCES event_origins (code);
        CREATE TABLE export_orders (
            session_id       INTEGER NOT NULL REFERENCES sessions (id),
            order_id         TEXT NOT NULL,
            platform         TEXT NOT NULL,
            paid_utc_ms      INTEGER NOT NULL,
            paid_cents       INTEGER NOT NULL CHECK (paid_cents >= 0),
            refunded_cents   INTEGER NOT NULL CHECK (refunded_cents >= 0),
            lines            INTEGER NOT NULL CHECK (lines > 0),
            file             TEXT NOT NULL,
            imported_utc_ms  INTEGER NOT NULL,
            PRIMARY KEY (session_id, order_id)
        ) WITHOUT ROWID;
        DROP VIEW v_session_sales;
        DROP VIEW v_paid_orders;
        DROP VIEW v_events;
        CREATE VIEW v_events AS
            SELECT e.session_id, e.ts AS ts_utc_ms, strftime('%Y-%m-%d %H:%M:%f', e.ts / 1000.0, 'unixepoch') AS ts_utc,
                   t.name AS type, e.event_id, e.platform, printf('%016x', e.viewer) AS viewer_hash, e.sku, e.qty,
                   e.amount_cents, e.order_id, e.coupon, e.text AS comment_text, e.masked_name, o.name AS origin
            FROM events e JOIN event_types t ON t.code = e.type LEFT JOIN event_origins o ON o.code = e.origin;
        CREATE VIEW v_paid_orders AS
            SELECT e.session_id, e.order_id, e.ts AS paid_utc_ms, e.sku, e.qty, e.amount_cents,
                   printf('%016x', e.viewer) AS viewer_hash, o.name AS origin
            FROM events e LEFT JOIN event_origins o ON o.code = e.origin
            WHERE e.type = 9 AND NOT EXISTS (
                SELECT 1 FROM events f
                WHERE f.session_id = e.session_id AND f.type = 9 AND f.order_id = e.order_id
                  AND (f.ts < e.ts OR (f.ts = e.ts AND f.event_id < e.event_id)));
        CREATE VIEW v_session_sales AS
            SELECT s.id AS session_id, s.title, s.tag, s.variant, s.rehearsal, s.start_utc_ms, s.end_utc_ms,
                   count(o.order_id) AS paid_orders, coalesce(sum(o.qty), 0) AS units,
                   coalesce(sum(o.amount_cents), 0) AS gmv_cents
            FROM sessions s LEFT JOIN v_paid_orders o ON o.session_id = s.id
                 AND o.paid_utc_ms >= s.start_utc_ms AND o.paid_utc_ms <= coalesce(s.end_utc_ms, o.paid_utc_ms)
            GROUP BY s.id;
        )",
        // 7: paid engagement (a YouTube Super Chat): an amount in the
        // viewer's own currency, kept in millionths beside its ISO code;
        // never mixed into amount_cents, which is the shop's money.
        R"(
        INSERT INTO event_types (code, name) VALUES (13, 'paid_engagement');
        ALTER TABLE events ADD COLUMN currency TEXT;
        ALTER TABLE events ADD COLUMN amount_micros INTEGER;
        DROP VIEW v_events;
        CREATE VIEW v_events AS
            SELECT e.session_id, e.ts AS ts_utc_ms, strftime('%Y-%m-%d %H:%M:%f', e.ts / 1000.0, 'unixepoch') AS ts_utc,
                   t.name AS type, e.event_id, e.platform, printf('%016x', e.viewer) AS viewer_hash, e.sku, e.qty,
                   e.amount_cents, e.order_id, e.coupon, e.text AS comment_text, e.masked_name, o.name AS origin,
                   e.currency, e.amount_micros
            FROM events e JOIN event_types t ON t.code = e.type LEFT JOIN event_origins o ON o.code = e.origin;
        )",
        // 8: a 复盘 action item is tracked: its due day and its status
        // (open, done, dropped), so the next show's review and the host's
        // prompter can list what is still open. Other kinds have neither.
        R"(
        ALTER TABLE notes ADD COLUMN due_date TEXT CHECK (due_date IS NULL OR date(due_date) = due_date);
        ALTER TABLE notes ADD COLUMN status TEXT CHECK (status IS NULL OR status IN ('open', 'done', 'dropped'));
        UPDATE notes SET status = 'open' WHERE kind = 'action';
        CREATE INDEX notes_open_actions ON notes (status, session_id) WHERE status = 'open';
        )",
        // 9: who hosted a session, so trends compare hosts as they compare
        // titles and tags (a staff name from the show file, never a viewer).
        R"(
        ALTER TABLE sessions ADD COLUMN host TEXT NOT NULL DEFAULT '';
        DROP VIEW v_session_sales;
        CREATE VIEW v_session_sales AS
            SELECT s.id AS session_id, s.title, s.tag, s.host, s.variant, s.rehearsal, s.start_utc_ms, s.end_utc_ms,
                   count(o.order_id) AS paid_orders, coalesce(sum(o.qty), 0) AS units,
                   coalesce(sum(o.amount_cents), 0) AS gmv_cents
            FROM sessions s LEFT JOIN v_paid_orders o ON o.session_id = s.id
                 AND o.paid_utc_ms >= s.start_utc_ms AND o.paid_utc_ms <= coalesce(s.end_utc_ms, o.paid_utc_ms)
            GROUP BY s.id;
        )",
        // 10: an alert keeps its words as a phrase (a translation key and its values, phrase_json.hpp)
        // beside its English message, so the console and the review say it in their reader's language.
        // NULL for the alerts stored before: they show their message.
        R"(
        ALTER TABLE alerts ADD COLUMN phrase TEXT;
        )",
    };
    return steps;
}
} // namespace

bool StoreError::wholeDatabase() const {
    switch (m_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
        return true;
    default:
        return false;
    }
}

Database::Database(const std::filesystem::path& path, Threading threading) : m_path(path) {
    const int mutex = threading == Threading::Shared ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.string().c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | mutex,
                        nullptr) != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreError("cannot open database " + path.string() + ": " + message);
    }
    sqlite3_busy_timeout(m_db, 5000);
    try {
        execute("PRAGMA foreign_keys = ON");
        // A new file gets 16 KiB pages: a show's events are many small rows in
        // three b-trees, and bigger pages split and write less often (a
        // 200,000-row import stores about a fifth faster; docs/PERFORMANCE.md).
        // It must come before WAL; on an existing file it changes nothing.
        execute("PRAGMA page_size = 16384");
        // WAL: readers (reports, a BI tool) never block the show's writer, and
        // a commit is durable once it returns (synchronous=FULL in WAL mode).
        {
            Statement mode(m_db, "PRAGMA journal_mode = WAL");
            mode.step();
        } // finalized here: a statement left in progress blocks COMMIT
        execute("PRAGMA synchronous = FULL");
        migrate();
    } catch (...) {
        sqlite3_close(m_db);
        m_db = nullptr;
        throw;
    }
}

Database::~Database() {
    sqlite3_close(m_db);
}

void Database::execute(const std::string& sql) {
    char* error = nullptr;
    if (const int code = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error); code != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errmsg(m_db);
        sqlite3_free(error);
        throw StoreError("database: " + message, code);
    }
}

Statement Database::prepare(const std::string& sql) {
    return Statement(m_db, sql);
}

void Database::transaction(const std::function<void()>& body) {
    execute("BEGIN IMMEDIATE");
    try {
        body();
        execute("COMMIT");
    } catch (...) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

int64_t Database::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}

int Database::schemaVersion() {
    Statement version(m_db, "PRAGMA user_version");
    return version.step() ? static_cast<int>(version.integer(0)) : 0;
}

std::string schemaSql(int version) {
    const auto& steps = migrations();
    if (version < 0 || version > static_cast<int>(steps.size()))
        throw StoreError("no database schema version " + std::to_string(version));
    std::string sql;
    for (int step = 0; step < version; ++step)
        sql += steps[static_cast<size_t>(step)].sql;
    return sql;
}

void Database::migrate() {
    const int current = schemaVersion();
    const auto& steps = migrations();
    if (current > static_cast<int>(steps.size()))
        throw StoreError("database schema version " + std::to_string(current) +
                         " is newer than this hawker understands (" + std::to_string(steps.size()) + ")");
    for (int version = current; version < static_cast<int>(steps.size()); ++version) {
        const Migration& step = steps[static_cast<size_t>(version)];
        transaction([&] {
            execute(step.sql);
            if (step.rows) step.rows(*this);
            execute("PRAGMA user_version = " + std::to_string(version + 1));
        });
    }
}

Statement::Statement(sqlite3* db, const std::string& sql) : m_db(db), m_sql(sql) {
    if (const int code = sqlite3_prepare_v2(db, sql.c_str(), -1, &m_stmt, nullptr); code != SQLITE_OK)
        throw StoreError("database: " + std::string(sqlite3_errmsg(db)), code);
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_sql(std::move(other.m_sql)) {
    other.m_stmt = nullptr;
}

Statement& Statement::bind(int index, int64_t value) {
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        throw StoreError("database: " + std::string(sqlite3_errmsg(m_db)));
    return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
    if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK)
        throw StoreError("database: " + std::string(sqlite3_errmsg(m_db)));
    return *this;
}

Statement& Statement::bindView(int index, std::string_view value) {
    if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC) !=
        SQLITE_OK)
        throw StoreError("database: " + std::string(sqlite3_errmsg(m_db)));
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step() {
    const int result = sqlite3_step(m_stmt);
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) return false;
    const std::string message = sqlite3_errmsg(m_db);
    // A statement that failed must be reset before it is bound or stepped
    // again: without this, one full disk or busy lock would leave a reused
    // statement (the event store's insert) refusing every later call.
    sqlite3_reset(m_stmt);
    throw StoreError("database: " + message, result);
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

std::optional<int64_t> Statement::optionalInteger(int column) const {
    if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int64(m_stmt, column);
}

std::string Statement::text(int column) const {
    const auto* value = sqlite3_column_text(m_stmt, column);
    return value ? reinterpret_cast<const char*>(value) : "";
}

std::string_view Statement::textView(int column) const {
    const auto* value = sqlite3_column_text(m_stmt, column);
    if (!value) return {};
    return {reinterpret_cast<const char*>(value), static_cast<size_t>(sqlite3_column_bytes(m_stmt, column))};
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int Statement::changes() const {
    return sqlite3_changes(m_db);
}

} // namespace hawker::studio
