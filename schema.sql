-- baomi: the whole schema. The store applies each "-- migration N" block once, in order, and
-- records N in PRAGMA user_version. Add a new block for a change; never edit an applied one.

-- migration 1

-- The unit's settings (domain::settings::SPECS names the keys).
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- R-SYS-1, R-SYS-6: one account per person.
CREATE TABLE account (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('officer', 'leader', 'department_head', 'viewer')),
    password_hash TEXT NOT NULL,
    failures      INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER,
    active        INTEGER NOT NULL DEFAULT 1,
    created_on    TEXT NOT NULL
) STRICT;

-- R-SYS-3: append-only and hash-chained; the head is also kept in a file beside the database.
CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    before  TEXT NOT NULL,
    after   TEXT NOT NULL,
    prev    TEXT NOT NULL,
    hash    TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, '审计记录不可修改（R-SYS-3）');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, '审计记录不可删除（R-SYS-3）');
END;

-- R-PAP-4: running numbers per series and year; only ever increase, so a number is never reused.
CREATE TABLE sequence (
    series TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (series, year)
) STRICT;

-- Requests waiting for a decision (R-PAP-1, -9, -11, -19, -21, -23).
CREATE TABLE request (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    plan          TEXT NOT NULL,          -- JSON of domain::paper::Plan
    state         TEXT NOT NULL,
    requested_by  TEXT NOT NULL,          -- account name
    requested_on  TEXT NOT NULL,
    decided_by    TEXT,                   -- account that recorded the decision
    approver      TEXT,                   -- the person who decided (a leader)
    decided_on    TEXT,
    opinion       TEXT NOT NULL DEFAULT '',
    form_ref      TEXT NOT NULL DEFAULT '', -- signed paper approval, when the officer recorded it
    executed_on   TEXT
) STRICT;
CREATE INDEX request_state ON request (state, id);

-- The paper ledger. State, holder, location and due date are cached from the events by the domain.
CREATE TABLE paper (
    id             INTEGER PRIMARY KEY,
    no             TEXT NOT NULL UNIQUE,
    origin         TEXT NOT NULL CHECK (origin IN ('received', 'made', 'copy', 'compiled')),
    registered_on  TEXT NOT NULL,
    year           INTEGER NOT NULL,
    originator     TEXT NOT NULL DEFAULT '',
    doc_no         TEXT NOT NULL DEFAULT '',
    doc_no_key     TEXT NOT NULL DEFAULT '',  -- normalised: 〔〕 [] （） and full-width digits alike
    title          TEXT NOT NULL,
    level          INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
    period         TEXT,
    period_from    TEXT,                      -- the day the period counts from (a copy: its original's)
    period_end     TEXT,                      -- cached: the day the secrecy period ends
    scope          TEXT NOT NULL DEFAULT '',
    copies         INTEGER NOT NULL CHECK (copies > 0),
    copy_nos       TEXT NOT NULL DEFAULT '',
    return_by      TEXT,
    keep           INTEGER NOT NULL DEFAULT 1,
    cipher         INTEGER NOT NULL DEFAULT 0,
    no_copy        INTEGER NOT NULL DEFAULT 0,
    distribution   TEXT NOT NULL DEFAULT '',
    source_id      INTEGER REFERENCES paper (id),
    dispatch_no    TEXT,
    keeper         TEXT NOT NULL DEFAULT '',
    holder         TEXT NOT NULL DEFAULT '',
    location       TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL,
    extended       INTEGER NOT NULL DEFAULT 0,
    extended_until TEXT,
    due_on         TEXT,
    initials       TEXT NOT NULL DEFAULT '',
    -- 1 while the unit still holds it: the ledger's default view pages on (held, id).
    held           INTEGER GENERATED ALWAYS AS (state IN ('in_stock', 'circulating', 'on_loan', 'taken_out')) VIRTUAL
) STRICT;
CREATE INDEX paper_state ON paper (state, id);
CREATE INDEX paper_held ON paper (held, id);
-- The due engine reads only papers that may be due soon: these indexes find them among a million.
CREATE INDEX paper_held_year ON paper (state, year);
CREATE INDEX paper_held_return_by ON paper (return_by)
    WHERE return_by IS NOT NULL AND state IN ('in_stock', 'circulating', 'on_loan', 'taken_out');
CREATE INDEX paper_held_due_on ON paper (due_on)
    WHERE due_on IS NOT NULL AND state IN ('in_stock', 'circulating', 'on_loan', 'taken_out');
CREATE INDEX paper_held_extended ON paper (extended_until)
    WHERE extended_until IS NOT NULL AND state IN ('in_stock', 'circulating', 'on_loan', 'taken_out');
CREATE INDEX paper_held_period_end ON paper (period_end)
    WHERE period_end IS NOT NULL AND state IN ('in_stock', 'circulating', 'on_loan', 'taken_out');
CREATE INDEX paper_level ON paper (level, id);
CREATE INDEX paper_year ON paper (year, id);
CREATE INDEX paper_holder ON paper (holder, id);
CREATE INDEX paper_location ON paper (location, id);
CREATE INDEX paper_doc_no ON paper (doc_no_key);
CREATE INDEX paper_source ON paper (source_id) WHERE source_id IS NOT NULL;

-- Every act on a paper, in order. The registers are views over these rows.
CREATE TABLE paper_event (
    id          INTEGER PRIMARY KEY,
    paper_id    INTEGER NOT NULL REFERENCES paper (id),
    kind        TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    at_time     TEXT NOT NULL DEFAULT '',
    person      TEXT NOT NULL DEFAULT '',
    persons     TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    channel     TEXT NOT NULL DEFAULT '',
    place       TEXT NOT NULL DEFAULT '',
    method      TEXT NOT NULL DEFAULT '',
    due         TEXT,
    copies      INTEGER,
    reference   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    handler     TEXT NOT NULL,
    request_id  INTEGER REFERENCES request (id),
    related_id  INTEGER REFERENCES paper (id),
    stocktake_id INTEGER REFERENCES stocktake (id),
    back_id     INTEGER REFERENCES paper_event (id)  -- on 交回/归还/带回: the event it closes
) STRICT;
CREATE INDEX paper_event_paper ON paper_event (paper_id, id);
CREATE INDEX paper_event_kind ON paper_event (kind, on_date);

-- R-PAP-12 monthly counts and R-PAP-13 quarterly checks.
CREATE TABLE stocktake (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('count', 'check')),
    on_date  TEXT NOT NULL,
    handler  TEXT NOT NULL,
    held     INTEGER NOT NULL,
    found    INTEGER NOT NULL,
    missing  INTEGER NOT NULL,
    note     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX stocktake_kind ON stocktake (kind, on_date);

-- What a count did not find, until it is found or reported lost.
CREATE TABLE discrepancy (
    id           INTEGER PRIMARY KEY,
    stocktake_id INTEGER NOT NULL REFERENCES stocktake (id),
    paper_id     INTEGER NOT NULL REFERENCES paper (id),
    resolved_on  TEXT,
    resolution   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX discrepancy_open ON discrepancy (resolved_on, paper_id);

-- Holidays and make-up working days the user entered (the built-in calendar is in the program).
CREATE TABLE holiday (
    day  TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('休', '班')),
    name TEXT NOT NULL DEFAULT ''
) STRICT;

-- Quick search: a trigram index over the paper's text handles, kept in step by triggers. Holders
-- and cabinets are short names matched whole through ordinary indexes instead.
CREATE VIRTUAL TABLE paper_fts USING fts5 (
    no, doc_no_key, title, originator, initials,
    content = 'paper', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER paper_fts_insert AFTER INSERT ON paper
BEGIN
    INSERT INTO paper_fts (rowid, no, doc_no_key, title, originator, initials)
    VALUES (new.id, new.no, new.doc_no_key, new.title, new.originator, new.initials);
END;
CREATE TRIGGER paper_fts_update AFTER UPDATE OF no, doc_no_key, title, originator, initials ON paper
BEGIN
    INSERT INTO paper_fts (paper_fts, rowid, no, doc_no_key, title, originator, initials)
    VALUES ('delete', old.id, old.no, old.doc_no_key, old.title, old.originator, old.initials);
    INSERT INTO paper_fts (rowid, no, doc_no_key, title, originator, initials)
    VALUES (new.id, new.no, new.doc_no_key, new.title, new.originator, new.initials);
END;
CREATE TRIGGER paper_fts_delete AFTER DELETE ON paper
BEGIN
    INSERT INTO paper_fts (paper_fts, rowid, no, doc_no_key, title, originator, initials)
    VALUES ('delete', old.id, old.no, old.doc_no_key, old.title, old.originator, old.initials);
END;

-- migration 2

-- R-SYS-3: the business day an act was dated when it differs from the real day of the audit row,
-- and the digests of the rows each change wrote (store::cover).
ALTER TABLE audit ADD COLUMN business_date TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN covers TEXT NOT NULL DEFAULT '';

-- What a paper was at registration: its events start from these (domain::replay), so that the
-- cached marking, copies and location can be derived again and checked.
ALTER TABLE paper ADD COLUMN first_level INTEGER;
ALTER TABLE paper ADD COLUMN first_period TEXT;
ALTER TABLE paper ADD COLUMN first_copies INTEGER;
ALTER TABLE paper ADD COLUMN first_copy_nos TEXT;
ALTER TABLE paper ADD COLUMN first_location TEXT;
UPDATE paper SET first_level = level, first_period = period, first_copies = copies,
    first_copy_nos = copy_nos, first_location = location;
-- Events are history: never changed, never removed.
CREATE TRIGGER paper_event_no_update BEFORE UPDATE ON paper_event
BEGIN
    SELECT RAISE(ABORT, '办理记录不可修改（R-SYS-3）');
END;
CREATE TRIGGER paper_event_no_delete BEFORE DELETE ON paper_event
BEGIN
    SELECT RAISE(ABORT, '办理记录不可删除（R-SYS-3）');
END;

-- migration 3

-- R-SYS-1, R-SYS-2: command-line sessions (`baomi login`). The database keeps only a digest of the
-- session secret, bound to the database file; the secret and the idle clock are in a private file
-- of the OS user's runtime directory. A session ends at logout, after the idle limit, or when its
-- account is locked or disabled.
CREATE TABLE session (
    id         INTEGER PRIMARY KEY,
    account    TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    os_user    TEXT NOT NULL DEFAULT '',
    opened_at  TEXT NOT NULL,              -- real time
    closed_at  TEXT,                       -- real time; NULL while open
    closed_why TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX session_account ON session (account) WHERE closed_at IS NULL;

-- R-SYS-6: the real time an account got its current role, and the real time a request was filed:
-- an account made leader after a request was filed cannot approve it. Existing rows count from
-- their day.
ALTER TABLE account ADD COLUMN role_since TEXT NOT NULL DEFAULT '';
UPDATE account SET role_since = created_on;
ALTER TABLE request ADD COLUMN filed_at TEXT NOT NULL DEFAULT '';
UPDATE request SET filed_at = requested_on;

-- migration 4

-- R-CLS-2: a knowledge scope set after registration, by the leader's instruction (批示), is an
-- event; the paper caches the scope in force here. NULL: the scope it was registered with.
ALTER TABLE paper ADD COLUMN scope_now TEXT;
-- R-SYS-1, R-CMP-4: raising the unit's highest level makes every account choose a password of the
-- stronger policy at its next login.
ALTER TABLE account ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;

-- migration 5

-- R-PAP-3 gaps (待补登记): a field an imported ledger row lacked (importing history is not
-- receiving). The paper is registered with 待补 in that field, and the officer completes it later.
-- A gap opened (value NULL) and its completion (the value) are each a row; rows are history, never
-- changed. The key is not named `id`, so that a subquery of the paper's columns can say `id` for the
-- paper's own (store::papers::COLUMNS).
CREATE TABLE paper_gap (
    gap_id   INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES paper (id),
    field    TEXT NOT NULL,
    value    TEXT,
    on_date  TEXT NOT NULL,
    handler  TEXT NOT NULL
) STRICT;
CREATE INDEX paper_gap_paper ON paper_gap (paper_id, field, gap_id);
CREATE TRIGGER paper_gap_no_update BEFORE UPDATE ON paper_gap
BEGIN
    SELECT RAISE(ABORT, '待补登记记录不可修改（R-SYS-3）');
END;
CREATE TRIGGER paper_gap_no_delete BEFORE DELETE ON paper_gap
BEGIN
    SELECT RAISE(ABORT, '待补登记记录不可删除（R-SYS-3）');
END;

-- migration 6

-- R-PAP-4: what a receipt's checks found that disagrees with the envelope or the list (count,
-- copy numbers, level, addressee), until it is settled with the sender; the due list shows each
-- open one as "与发文单位核对".
CREATE TABLE receipt_mismatch (
    id          INTEGER PRIMARY KEY,
    paper_id    INTEGER NOT NULL REFERENCES paper (id),
    on_date     TEXT NOT NULL,
    note        TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    resolved_on TEXT,
    resolution  TEXT NOT NULL DEFAULT '',
    resolved_by TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX receipt_mismatch_open ON receipt_mismatch (resolved_on, id);

-- R-PAP-10: the cabinets papers are kept in. A paper's location names one by its number.
-- certified: 1 a certified secrecy cabinet (保密柜), 0 an ordinary one, NULL not yet confirmed (a
-- location the ledger already used before cabinets were registered: see store::cabinets).
CREATE TABLE cabinet (
    id            INTEGER PRIMARY KEY,
    no            TEXT NOT NULL UNIQUE,
    room          TEXT NOT NULL DEFAULT '',
    certified     INTEGER CHECK (certified IN (0, 1)),
    top_secret    INTEGER NOT NULL DEFAULT 0 CHECK (top_secret IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    registered_on TEXT NOT NULL
) STRICT;

-- R-PAP-26: secrecy notebooks (保密笔记本) are papers of their own (counted, cleared, destroyed
-- like papers); this row says a paper is one, and to whom it was issued.
CREATE TABLE notebook (
    paper_id  INTEGER PRIMARY KEY REFERENCES paper (id),
    issued_to TEXT NOT NULL
) STRICT;

-- migration 7

-- Issue 10: ledgers declared once (domain::ledgers): media, computers and devices, one row per
-- record. The number, level, state, keeper, holder, department and last check are typed columns
-- for lists, indexes and the due list; the other values are JSON (domain::ledgers::Values). State,
-- holder, checked_on and the recorded values are cached from the events by the domain's checks.
-- `text` holds the searchable values on one line for the trigram index.
CREATE TABLE record (
    id            INTEGER PRIMARY KEY,
    spec          TEXT NOT NULL,
    no            TEXT NOT NULL,
    level         INTEGER CHECK (level BETWEEN 0 AND 4),
    state         TEXT NOT NULL,
    keeper        TEXT NOT NULL DEFAULT '',
    holder        TEXT NOT NULL DEFAULT '',
    dept          TEXT NOT NULL DEFAULT '',
    registered_on TEXT NOT NULL,
    checked_on    TEXT,
    data          TEXT NOT NULL DEFAULT '{}',
    text          TEXT NOT NULL DEFAULT '',
    UNIQUE (spec, no)
) STRICT;
CREATE INDEX record_state ON record (spec, state, id);
CREATE INDEX record_no ON record (no);
CREATE INDEX record_keeper ON record (keeper, id);
CREATE INDEX record_holder ON record (holder, id) WHERE holder <> '';
-- The due list reads only records whose periodic check may be due (store::records::due_facts).
CREATE INDEX record_checked ON record (coalesce(checked_on, registered_on));
CREATE INDEX record_backup ON record
    (coalesce(json_extract(data, '$.backup_on'), json_extract(data, '$.filed_on')))
    WHERE spec = 'computer';
CREATE INDEX record_password ON record
    (coalesce(json_extract(data, '$.password_on'), registered_on))
    WHERE spec = 'device';

-- Every act on a record, in order (registers are views over these rows). `related_id` is the other
-- record an act names (the computer a medium was used on): the use register reads on both.
CREATE TABLE record_event (
    id         INTEGER PRIMARY KEY,
    record_id  INTEGER NOT NULL REFERENCES record (id),
    act        TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    related_id INTEGER REFERENCES record (id),
    data       TEXT NOT NULL DEFAULT '{}',
    handler    TEXT NOT NULL,
    request_id INTEGER REFERENCES request (id)
) STRICT;
CREATE INDEX record_event_record ON record_event (record_id, id);
CREATE INDEX record_event_related ON record_event (related_id, id) WHERE related_id IS NOT NULL;
CREATE TRIGGER record_event_no_update BEFORE UPDATE ON record_event
BEGIN
    SELECT RAISE(ABORT, '办理记录不可修改（R-SYS-3）');
END;
CREATE TRIGGER record_event_no_delete BEFORE DELETE ON record_event
BEGIN
    SELECT RAISE(ABORT, '办理记录不可删除（R-SYS-3）');
END;

-- Quick search over records, like paper_fts: numbers, models, serials, names of 3 or more characters.
CREATE VIRTUAL TABLE record_fts USING fts5 (
    no, text, content = 'record', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER record_fts_insert AFTER INSERT ON record
BEGIN
    INSERT INTO record_fts (rowid, no, text) VALUES (new.id, new.no, new.text);
END;
CREATE TRIGGER record_fts_update AFTER UPDATE OF no, text ON record
BEGIN
    INSERT INTO record_fts (record_fts, rowid, no, text) VALUES ('delete', old.id, old.no, old.text);
    INSERT INTO record_fts (rowid, no, text) VALUES (new.id, new.no, new.text);
END;
CREATE TRIGGER record_fts_delete AFTER DELETE ON record
BEGIN
    INSERT INTO record_fts (record_fts, rowid, no, text) VALUES ('delete', old.id, old.no, old.text);
END;

-- migration 8

-- Issue 12: the department (承办/使用部门) a paper belongs to, for the yearly ledger set's
-- per-department sheets (media, computers and devices keep theirs in record.dept).
ALTER TABLE paper ADD COLUMN dept TEXT NOT NULL DEFAULT '';

-- The loan and take-out registers read each act's return (back_id): without this index every row
-- scanned the whole event table (a year's 借阅登记 on 100,000 papers took 20 s, now milliseconds).
CREATE INDEX paper_event_back ON paper_event (back_id) WHERE back_id IS NOT NULL;

-- R-INS-4: the bureau's 常态化检查服务项目表 answered as a self-assessment, one row per year and
-- item (domain::selfcheck::ITEMS numbers them 1 to 30). Rewritten as the officer changes an
-- answer; each change has its audit row.
CREATE TABLE selfcheck (
    year    INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
    item    INTEGER NOT NULL CHECK (item BETWEEN 1 AND 99),
    answer  TEXT NOT NULL CHECK (answer IN ('是', '否', '不适用')),
    note    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (year, item)
) STRICT;

-- migration 9

-- Issue 11, need to know: the person (a person number, 人员编号) an account is, set by the
-- officer; such an account reads 绝密 titles only where that person is in the scope.
ALTER TABLE account ADD COLUMN person TEXT NOT NULL DEFAULT '';

-- Issue 11, existing data: holders and borrowers were names. The first change after this
-- upgrade registers each name not yet in the people register as a person whose vetting is 待补
-- (store::holders), with its audit row, and removes this row.
CREATE TABLE pending_step (name TEXT PRIMARY KEY) STRICT;
INSERT INTO pending_step (name) VALUES ('holders_to_people');

-- migration 10

-- R-CMP-2: a database from before 待备案 existed may hold classified computers 在用 with no filing
-- (备案). They go to 待备案 with a history event saying why, so that the due list asks for the
-- filing. The audit log vouches for every record row, so the move is done in Rust, in a change
-- with its audit rows (store::records::migrated::settle), asked for once by this row.
INSERT INTO pending_step (name) VALUES ('unfiled_computers');

-- migration 11

-- R-INS-2, R-INC-5: a rectification is in its inspection's or incident's search text (record.text,
-- indexed by record_fts) since it became searchable; records written before that lack it. Their
-- text is written again from the record in Rust, in a change with its audit row
-- (store::records::migrated::settle), asked for once by this row.
INSERT OR IGNORE INTO pending_step (name) VALUES ('record_search_text');
