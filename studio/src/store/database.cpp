#include "hawker/studio/store/database.hpp"

#include <sqlite3.h>

namespace hawker::studio {

namespace {
/// Schema migrations, in order. A file at version N gets N+1.. applied, each
/// in its own transaction; the version is stored in the file.
const std::vector<std::string>& migrations() {
    static const std::vector<std::string> steps = {
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
    };
    return steps;
}
} // namespace

Database::Database(const std::filesystem::path& path) {
    if (sqlite3_open_v2(path.string().c_str(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreError("cannot open database " + path.string() + ": " + message);
    }
    sqlite3_busy_timeout(m_db, 5000);
    try {
        execute("PRAGMA foreign_keys = ON");
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
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errmsg(m_db);
        sqlite3_free(error);
        throw StoreError("database: " + message);
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

void Database::migrate() {
    const int current = schemaVersion();
    const auto& steps = migrations();
    if (current > static_cast<int>(steps.size()))
        throw StoreError("database schema version " + std::to_string(current) +
                         " is newer than this hawker understands (" + std::to_string(steps.size()) + ")");
    for (int version = current; version < static_cast<int>(steps.size()); ++version) {
        transaction([&] {
            execute(steps[static_cast<size_t>(version)]);
            execute("PRAGMA user_version = " + std::to_string(version + 1));
        });
    }
}

Statement::Statement(sqlite3* db, const std::string& sql) : m_db(db), m_sql(sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &m_stmt, nullptr) != SQLITE_OK)
        throw StoreError("database: " + std::string(sqlite3_errmsg(db)));
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

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step() {
    const int result = sqlite3_step(m_stmt);
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) return false;
    throw StoreError("database: " + std::string(sqlite3_errmsg(m_db)));
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

} // namespace hawker::studio
