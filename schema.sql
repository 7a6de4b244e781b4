-- The ledger: the one definition of its tables. Applied (idempotently) whenever the ledger is opened;
-- src/ledger/migrations.ts brings a ledger written by an older schema_version up to this one first.
-- schema_version: 2

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Every Stripe object as last seen: one row per id, replaced when its content hash changes.
CREATE TABLE IF NOT EXISTS stripe_objects (
  id           TEXT PRIMARY KEY,          -- cus_…, in_…, ch_…, txn_…
  type         TEXT NOT NULL,             -- the Stripe `object` field: customer, invoice, charge, …
  created      INTEGER NOT NULL,          -- Stripe `created` (Unix seconds)
  hash         TEXT NOT NULL,             -- sha256 of the canonical JSON
  json         TEXT NOT NULL,             -- the object exactly as the API returned it (lists completed)
  final        INTEGER NOT NULL DEFAULT 0,-- 1 when no later change can matter (paid invoice, paid payout, …)
  payout       TEXT,                      -- for balance transactions: the payout that swept them
  first_seen   INTEGER NOT NULL,          -- Unix seconds when extraction first stored it
  updated_at   INTEGER NOT NULL           -- Unix seconds of the last content change
);
CREATE INDEX IF NOT EXISTS stripe_objects_type_created ON stripe_objects (type, created);
CREATE INDEX IF NOT EXISTS stripe_objects_open ON stripe_objects (type) WHERE final = 0;
-- Only balance transactions have a payout: the deposits pass reads a payout's transactions through this index.
CREATE INDEX IF NOT EXISTS stripe_objects_payout ON stripe_objects (payout) WHERE payout IS NOT NULL;

-- What has been made in NetSuite: one row per completed operation.
CREATE TABLE IF NOT EXISTS links (
  op_key       TEXT PRIMARY KEY,          -- e.g. invoice:in_123, creditMemo:in_123-close, creditMemo:cn_1#apply
  record_type  TEXT NOT NULL,             -- NetSuite record type (camelCase REST name)
  external_id  TEXT NOT NULL,
  internal_id  TEXT NOT NULL,             -- NetSuite internal id
  stripe_id    TEXT NOT NULL,             -- the Stripe object the record represents
  body_hash    TEXT NOT NULL,             -- hash of what was sent
  run_id       INTEGER,
  created_at   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS links_stripe_id ON links (stripe_id);
CREATE INDEX IF NOT EXISTS links_record ON links (record_type, external_id);

-- The outbox: operations a run intends to perform, and what became of them.
CREATE TABLE IF NOT EXISTS outbox (
  op_key       TEXT PRIMARY KEY,
  run_id       INTEGER NOT NULL,
  pass         TEXT NOT NULL,
  seq          INTEGER NOT NULL,          -- order within the run
  action       TEXT NOT NULL,             -- create | close | apply
  record_type  TEXT NOT NULL,
  external_id  TEXT NOT NULL,
  stripe_id    TEXT NOT NULL,
  status       TEXT NOT NULL,             -- planned | sending | done | failed | blocked
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT,
  op_json      TEXT NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_status ON outbox (status);
CREATE INDEX IF NOT EXISTS outbox_stripe_id ON outbox (stripe_id);

-- Extraction cursors: the high-water mark of each created-window, events feed and backfill chunk.
CREATE TABLE IF NOT EXISTS cursors (
  name         TEXT PRIMARY KEY,          -- e.g. created:invoice, events, backfill:<from>:<to>
  value        TEXT NOT NULL,
  updated_at   INTEGER NOT NULL
);

-- Incremental planning (src/ledger/plan-index.ts, src/run/plan-changed-partitions.ts). `plan_dirty` holds the
-- objects whose plan input changed (snapshot written, link recorded, payout learned) since their partition was last
-- planned with nothing left to do, with the content version of the change; `plan_refs` the partition edges of every
-- object (object-references.ts), so the partition of a changed object is found from it alone.
CREATE TABLE IF NOT EXISTS plan_dirty (
  id           TEXT PRIMARY KEY,
  version      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS plan_refs (
  id           TEXT NOT NULL,
  ref          TEXT NOT NULL,
  PRIMARY KEY (id, ref)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS plan_refs_ref ON plan_refs (ref);
-- Objects of partitions whose last plan still had operations to apply: planned again each run until applied, but
-- not a change (what reads them, a deposit over their payments, is not planned again for it).
CREATE TABLE IF NOT EXISTS plan_pending (
  id           TEXT PRIMARY KEY
) WITHOUT ROWID;
-- Partitions whose plan holds only blocked operations (src/ledger/parked-partitions.ts): their operations, their
-- objects, and the operation keys they looked up and found unlinked (a link for one plans them again).
CREATE TABLE IF NOT EXISTS plan_parked (
  unit         INTEGER PRIMARY KEY,
  side         TEXT NOT NULL,             -- customer | deposit
  ids          TEXT NOT NULL,             -- JSON array of its objects (payouts on the deposit side)
  operations   TEXT NOT NULL              -- JSON array of the blocked operations
);
-- Its objects and what else it read (a deposit's transactions and their sources): a change to one reaches it.
CREATE TABLE IF NOT EXISTS plan_parked_members (
  id           TEXT NOT NULL,
  unit         INTEGER NOT NULL,
  PRIMARY KEY (id, unit)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS plan_parked_members_unit ON plan_parked_members (unit);
CREATE TABLE IF NOT EXISTS plan_waits (
  key          TEXT NOT NULL,
  unit         INTEGER NOT NULL,
  PRIMARY KEY (key, unit)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS plan_waits_unit ON plan_waits (unit);

CREATE TABLE IF NOT EXISTS runs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT NOT NULL,             -- sync | backfill | plan | retry
  started_at   INTEGER NOT NULL,
  finished_at  INTEGER,
  status       TEXT NOT NULL,             -- running | success | partial | failed | interrupted
  summary_json TEXT
);

-- One writer at a time: a run holds the lock row; a crashed holder is detected by its stale heartbeat.
CREATE TABLE IF NOT EXISTS locks (
  name         TEXT PRIMARY KEY,
  owner        TEXT NOT NULL,
  pid          INTEGER NOT NULL,
  acquired_at  INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);

-- What the NetSuite account exposes: its REST metadata catalog (JSON Schema) per record type the connector
-- writes, so a run sends only fields the account has. Re-read after a day, by `preflight`, and as soon as
-- NetSuite refuses a field it names.
CREATE TABLE IF NOT EXISTS netsuite_record_schemas (
  record_type TEXT PRIMARY KEY,
  schema_json TEXT NOT NULL,
  fetched_at  INTEGER NOT NULL            -- unix seconds
);

-- Stripe reads that failed in the last run that read Stripe (a window listing, one object's retrieve, or the
-- whole service): `status` shows them; the next run retries them (cursors do not move past a failed window,
-- failed objects are fetched again). Each run that reads Stripe replaces the rows.
CREATE TABLE IF NOT EXISTS read_failures (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id      INTEGER NOT NULL,
  type        TEXT NOT NULL,                -- the Stripe object type, 'event', or 'stripe' for the service
  stripe_id   TEXT,                         -- the object, when one object failed
  error       TEXT NOT NULL,                -- names the window when a listing failed
  at          INTEGER NOT NULL
);

-- Stripe objects the plan cannot use (money outside the safe-integer range, a pass that threw on them), as
-- the last plan found them: the object, field and value. Their operations and what depends on them are blocked.
CREATE TABLE IF NOT EXISTS invalid_objects (
  stripe_id   TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  problem     TEXT NOT NULL,
  at          INTEGER NOT NULL
);
