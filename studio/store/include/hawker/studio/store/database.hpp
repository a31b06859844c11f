#pragma once
// A SQLite database file: RAII handles, parameterized statements only, WAL
// mode, and numbered schema migrations recorded in the file itself.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace hawker::studio {

/// A failed SQLite call, with SQLite's message and the statement's purpose.
class StoreError : public std::runtime_error {
public:
    explicit StoreError(const std::string& message, int code = 0)
        : std::runtime_error(message), m_code(code) {}
    /// SQLite's result code (0 when the error is not SQLite's).
    int code() const { return m_code; }
    /// The file as a whole does not take writes now (full, locked, an I/O
    /// error, read-only): any other write would fail the same way.
    bool wholeDatabase() const;

private:
    int m_code = 0;
};

class Statement;

/// The SQL of schema steps 1 to `version` as they were released (only the
/// schema: what a step does to the rows already there is not in it), for
/// building a file of an older version. Throws StoreError for a version
/// this hawker does not know.
std::string schemaSql(int version);

class Database {
public:
    /// Opens (creating if needed) the file, switches it to WAL, applies every
    /// migration it does not have yet. Throws StoreError.
    /// Who may use the connection: the default serializes calls from any
    /// thread; OneThread skips SQLite's per-call mutex (a report's long scan).
    enum class Threading { Shared, OneThread };
    explicit Database(const std::filesystem::path& path, Threading threading = Threading::Shared);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Statement prepare(const std::string& sql);
    /// Runs statements that take no parameters (schema, pragmas).
    void execute(const std::string& sql);
    /// Runs `body` in one transaction; rolls back if it throws.
    void transaction(const std::function<void()>& body);
    int64_t lastInsertId() const;
    int schemaVersion();
    sqlite3* handle() const { return m_db; }
    /// The file this connection opened.
    const std::filesystem::path& path() const { return m_path; }

private:
    void migrate();
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
};

/// A prepared statement. Values are always bound, never spliced into SQL.
class Statement {
public:
    Statement(sqlite3* db, const std::string& sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, const std::string& value);
    Statement& bindNull(int index);
    /// Binds text the caller keeps alive and unchanged until the statement is
    /// reset: no copy, for the hot insert paths.
    Statement& bindView(int index, std::string_view value);
    Statement& bind(int index, const std::optional<int64_t>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }
    /// True while there is a row to read; false when done.
    bool step();
    /// Runs a statement that returns no rows.
    void run();
    void reset();

    int64_t integer(int column) const;
    std::optional<int64_t> optionalInteger(int column) const;
    std::string text(int column) const;
    /// The column's text, valid until the next step() or reset(): no copy.
    std::string_view textView(int column) const;
    bool isNull(int column) const;
    /// Rows changed by the last run() (0 when INSERT OR IGNORE ignored the row).
    int changes() const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_sql;
};

} // namespace hawker::studio
