#pragma once
// The database schema as hawker created it up to schema version 4, verbatim
// (the SQL of migration steps 1 to 4 before timeline rows were typed). Tests
// build files of that age with it, to check what the migration does to them.

namespace hawker::studio::test {

inline constexpr int kSchemaV4Version = 4;

inline constexpr const char* kSchemaV4Sql =
    // step 1
    R"sql(
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
        )sql"
    // step 2
    R"sql(
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
        )sql"
    // step 3
    R"sql(
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
        )sql"
    // step 4
    R"sql(
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
        )sql";

} // namespace hawker::studio::test
