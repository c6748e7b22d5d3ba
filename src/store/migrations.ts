/**
 * Versioned schema. Each entry moves the database from version `index` to `index + 1`;
 * `PRAGMA user_version` records where a file is. Never edit a released migration: add one.
 *
 * Conventions: money in integer öre (`*_ore`), dates and times as ISO-8601 text,
 * booleans as 0/1, personnummer normalised to 12 digits.
 */
export const migrations: readonly string[] = [
  /* 1: the whole first schema */ `
  CREATE TABLE companies (
    id              INTEGER PRIMARY KEY,
    org_number      TEXT NOT NULL UNIQUE,          -- 10 digits, no dash
    name            TEXT NOT NULL,
    street          TEXT,
    postal_code     TEXT,
    city            TEXT,
    country         TEXT NOT NULL DEFAULT 'SE',
    email           TEXT,
    phone           TEXT,
    licence         INTEGER NOT NULL DEFAULT 0,
    tenant_key      TEXT,
    environment     TEXT NOT NULL DEFAULT 'local' CHECK (environment IN ('production','sandbox','local')),
    api_url         TEXT,
    retention_days  INTEGER NOT NULL DEFAULT 0 CHECK (retention_days IN (0,30,390)),
    send_payslips   INTEGER NOT NULL DEFAULT 0,
    print_handling  INTEGER NOT NULL DEFAULT 0,
    active          INTEGER NOT NULL DEFAULT 0,
    content_type    TEXT NOT NULL DEFAULT 'salaryslip' CHECK (content_type IN ('salaryslip','letter.salary')),
    template_dir    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
  );

  CREATE TABLE employees (
    id                    INTEGER PRIMARY KEY,
    company_id            INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    employee_number       TEXT NOT NULL,
    personnummer          TEXT,                    -- 12 digits when valid, else NULL
    personnummer_input    TEXT,                    -- as the export gave it, kept to explain a problem
    personnummer_problem  TEXT CHECK (personnummer_problem IN ('missing','invalid')),
    first_name            TEXT NOT NULL,
    last_name             TEXT NOT NULL,
    street                TEXT,
    postal_code           TEXT,
    city                  TEXT,
    email                 TEXT,
    employment_end        TEXT,
    kivra                 INTEGER NOT NULL DEFAULT 0,
    print                 INTEGER NOT NULL DEFAULT 0,
    flags_set_in_register INTEGER NOT NULL DEFAULT 0, -- a re-import never overwrites these flags
    mailbox               INTEGER,                 -- 1 has a Kivra mailbox, 0 not, NULL never asked
    mailbox_checked_at    TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    UNIQUE (company_id, employee_number)
  );
  CREATE INDEX employees_personnummer ON employees(company_id, personnummer);

  CREATE TABLE pay_runs (
    id            INTEGER PRIMARY KEY,
    company_id    INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    run_key       TEXT NOT NULL,                   -- the export's pay run id, e.g. 2025-11
    payout_date   TEXT NOT NULL,
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('preliminary','final')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (company_id, run_key)
  );
  CREATE INDEX pay_runs_payout ON pay_runs(company_id, payout_date);

  CREATE TABLE payslips (
    id                      INTEGER PRIMARY KEY,
    pay_run_id              INTEGER NOT NULL REFERENCES pay_runs(id) ON DELETE CASCADE,
    employee_id             INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
    gross_pay_ore           INTEGER NOT NULL,
    tax_ore                 INTEGER NOT NULL,
    net_pay_ore             INTEGER NOT NULL,
    tax_table               TEXT,
    vacation_days_remaining TEXT,                  -- decimal text, days are not money but stay exact
    vacation_days_used      TEXT,
    ytd_gross_pay_ore       INTEGER,
    ytd_tax_ore             INTEGER,
    content_hash            TEXT NOT NULL,         -- of the imported data, to tell a changed payslip
    delivered_at            TEXT,                  -- set when Kivra accepted it (delivered or retained)
    delivered_hash          TEXT,
    changed_since_delivery  INTEGER NOT NULL DEFAULT 0,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    UNIQUE (pay_run_id, employee_id)
  );

  CREATE TABLE payslip_lines (
    id          INTEGER PRIMARY KEY,
    payslip_id  INTEGER NOT NULL REFERENCES payslips(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    code        TEXT,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('gross','benefit','net')),
    quantity    TEXT,                              -- decimal text
    unit        TEXT,
    rate_ore    INTEGER,
    amount_ore  INTEGER NOT NULL,
    UNIQUE (payslip_id, position)
  );

  CREATE TABLE send_jobs (
    id               INTEGER PRIMARY KEY,
    company_id       INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    operator         TEXT NOT NULL,
    selection        TEXT NOT NULL,                -- JSON of the selection options
    status           TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','interrupted','aborted')),
    started_at       TEXT NOT NULL,
    finished_at      TEXT,
    totals           TEXT,                         -- JSON: outcome -> count
    print_batch_path TEXT,
    pid              INTEGER
  );
  CREATE INDEX send_jobs_company ON send_jobs(company_id, id);

  CREATE TABLE send_items (
    id                INTEGER PRIMARY KEY,
    job_id            INTEGER NOT NULL REFERENCES send_jobs(id) ON DELETE CASCADE,
    payslip_id        INTEGER NOT NULL REFERENCES payslips(id),
    channel           TEXT NOT NULL CHECK (channel IN ('kivra','print','retain','skip','fail')),
    reason            TEXT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('pending','sending','delivered','retained','printed','skipped','failed')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    payload           BLOB,                        -- kept only while the outcome is unknown, for a byte-identical retry
    payload_sha256    TEXT,
    kivra_content_key TEXT,
    correlation_id    TEXT,
    error_code        TEXT,
    error_message     TEXT,
    warning           TEXT,
    finished_at       TEXT,
    UNIQUE (job_id, payslip_id)
  );
  CREATE INDEX send_items_state ON send_items(job_id, state);

  CREATE TABLE send_locks (
    company_id   INTEGER PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
    job_id       INTEGER,
    pid          INTEGER NOT NULL,
    hostname     TEXT NOT NULL,
    acquired_at  TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
  );

  CREATE TABLE operators (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('admin','payroll','viewer')),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
  );

  CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    company_id  INTEGER REFERENCES companies(id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    details     TEXT NOT NULL                      -- JSON: what changed
  );
  `,
  /* 2: a payslip's lines as one JSON array in the payslip's row */ `
  -- Lines are only ever written and read with their payslip, whole; as rows of their own
  -- they were a quarter of a large import's profile (BENCHMARKS.md). One array per line, in
  -- the payslip's order: [code, text, kind, quantity, unit, rate_ore, amount_ore], money
  -- still in integer öre.
  ALTER TABLE payslips ADD COLUMN lines TEXT NOT NULL DEFAULT '[]' CHECK (json_type(lines) = 'array');
  UPDATE payslips SET lines = (
    SELECT json_group_array(json_array(code, text, kind, quantity, unit, rate_ore, amount_ore) ORDER BY position)
    FROM payslip_lines WHERE payslip_id = payslips.id
  );
  DROP TABLE payslip_lines;
  `,
  /* 3: what each delivery carried, failures that wait for data, print batches per job */ `
  -- A delivery counts for the document that was sent, not for the payslip as it is now:
  -- the fingerprint of what was rendered (figures, pay run, employer, employee) and its
  -- status. Deliveries recorded before this version have no fingerprint; their figures'
  -- hash (delivered_hash) is all that is known of them.
  ALTER TABLE payslips ADD COLUMN delivered_fingerprint TEXT;
  ALTER TABLE payslips ADD COLUMN delivered_status TEXT CHECK (delivered_status IN ('preliminary','final'));
  UPDATE payslips SET delivered_status = (SELECT status FROM pay_runs WHERE pay_runs.id = payslips.pay_run_id)
    WHERE delivered_at IS NOT NULL;
  -- A payslip that failed for its data (no or invalid personnummer, ...) is not tried again
  -- until that data changes: the fingerprint of the data it failed with, and why.
  ALTER TABLE payslips ADD COLUMN failed_fingerprint TEXT;
  ALTER TABLE payslips ADD COLUMN failed_code TEXT;
  ALTER TABLE payslips ADD COLUMN failed_job_id INTEGER;
  -- Replaced by the fingerprint: whether a payslip changed since delivery is worked out
  -- from what was delivered, not kept as a flag that only the figures could set.
  ALTER TABLE payslips DROP COLUMN changed_since_delivery;

  -- Why an entered personnummer is not valid (format, date, serial, checksum, interim).
  ALTER TABLE employees ADD COLUMN personnummer_reason TEXT;

  -- Every batch file a job wrote (a resumed job writes one per run). 'finishing' is
  -- recorded before the files are renamed into place and 'complete' once the payslips in
  -- it are marked printed: a crash in between is settled by the next run, never printed twice.
  CREATE TABLE print_batches (
    id             INTEGER PRIMARY KEY,
    job_id         INTEGER NOT NULL REFERENCES send_jobs(id) ON DELETE CASCADE,
    pdf_path       TEXT NOT NULL,
    manifest_path  TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('finishing','complete','abandoned')),
    payslips       INTEGER NOT NULL,
    pages          INTEGER,                       -- NULL for batches written before this version
    blank_pages    INTEGER,
    created_at     TEXT NOT NULL,
    finished_at    TEXT
  );
  CREATE INDEX print_batches_job ON print_batches(job_id);
  INSERT INTO print_batches (job_id, pdf_path, manifest_path, state, payslips, pages, blank_pages, created_at, finished_at)
    SELECT id, print_batch_path, substr(print_batch_path, 1, length(print_batch_path) - 4) || '.csv', 'complete',
      (SELECT count(*) FROM send_items WHERE job_id = send_jobs.id AND state = 'printed'), NULL, NULL, started_at, finished_at
    FROM send_jobs WHERE print_batch_path IS NOT NULL;

  -- What an item rendered: its document's fingerprint and status, and, for a correction,
  -- when the document it replaces was delivered.
  ALTER TABLE send_items ADD COLUMN fingerprint TEXT;
  ALTER TABLE send_items ADD COLUMN sent_status TEXT CHECK (sent_status IN ('preliminary','final'));
  ALTER TABLE send_items ADD COLUMN note TEXT CHECK (note IN ('final_after_preliminary','correction','resend'));
  ALTER TABLE send_items ADD COLUMN replaces_delivered_at TEXT;
  ALTER TABLE send_items ADD COLUMN print_batch_id INTEGER REFERENCES print_batches(id);

  `,
  /* 4: roles per company, with rights withheld */ `
  -- An operator's roles: one for every company (company_id NULL) and one per company that
  -- has its own, which holds there instead (domain/roles.ts). 'withheld' lists rights of the
  -- role the operator does not get, such as ["send"]. Each operator's role so far becomes
  -- their role for every company, withholding nothing: the rights stay exactly as they were
  -- (the old 'flags' right is the role's Kivra-flag and print-flag rights together).
  CREATE TABLE operator_roles (
    id          INTEGER PRIMARY KEY,
    operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
    company_id  INTEGER REFERENCES companies(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('admin','payroll','viewer')),
    withheld    TEXT NOT NULL DEFAULT '[]' CHECK (json_type(withheld) = 'array'),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
  );
  CREATE UNIQUE INDEX operator_roles_scope ON operator_roles(operator_id, ifnull(company_id, 0));
  INSERT INTO operator_roles (operator_id, company_id, role, created_at, created_by)
    SELECT id, NULL, role, created_at, created_by FROM operators;
  ALTER TABLE operators DROP COLUMN role;
  `,
];

export const SCHEMA_VERSION = migrations.length;
