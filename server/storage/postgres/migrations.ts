import type { Pool, PoolClient } from "pg";
import { MIGRATION_LOCK } from "./locks";
import { withoutTimeout } from "./pool";

/**
 * The PostgreSQL schema as versioned, forward-only steps: a step that shipped is never edited; a
 * change is a new step. They run on start under an advisory lock, so instances starting together
 * apply each step once. Tables mirror the SQLite store's (server/storage/sqlite*.ts); `ord`
 * columns give rows the insertion order SQLite's rowid gives.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: "the tables of the SQLite store",
    sql: `
CREATE TABLE boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  token_salt TEXT NOT NULL,
  facilitator_salt TEXT,
  member_salt TEXT,
  viewer_salt TEXT,
  projector_salt TEXT,
  last_active_at BIGINT NOT NULL,
  retention_days INTEGER,
  keep_until TEXT,
  kit TEXT
);
CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at BIGINT NOT NULL);

CREATE TABLE updates (
  seq BIGSERIAL PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX updates_by_document ON updates (board_id, doc, seq);
CREATE TABLE document_snapshots (
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL,
  data BYTEA NOT NULL,
  through_seq BIGINT NOT NULL,
  PRIMARY KEY (board_id, doc)
);
CREATE TABLE writers (
  board_id TEXT NOT NULL REFERENCES boards(id),
  client_id BIGINT NOT NULL,
  writer TEXT NOT NULL,
  PRIMARY KEY (board_id, client_id)
);
CREATE TABLE quarantined_updates (
  id BIGSERIAL PRIMARY KEY,
  board_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT,
  data BYTEA NOT NULL,
  reason TEXT NOT NULL,
  quarantined_at BIGINT NOT NULL
);
CREATE INDEX quarantined_by_board ON quarantined_updates (board_id);

CREATE TABLE join_codes (
  board_id TEXT PRIMARY KEY REFERENCES boards(id),
  code TEXT NOT NULL UNIQUE,
  open BOOLEAN NOT NULL,
  participant_budget INTEGER
);
CREATE TABLE participants (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  via TEXT NOT NULL DEFAULT 'code',
  ord BIGSERIAL,
  PRIMARY KEY (board_id, id)
);
CREATE TABLE participant_notes (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  text TEXT NOT NULL,
  color TEXT NOT NULL,
  held BOOLEAN NOT NULL,
  author TEXT,
  created_at BIGINT NOT NULL,
  target_frame TEXT,
  target_cell INTEGER,
  ord BIGSERIAL,
  PRIMARY KEY (board_id, id),
  UNIQUE (board_id, participant_id, idempotency_key)
);
CREATE INDEX held_notes ON participant_notes (board_id, held, created_at);
CREATE TABLE dots (
  board_id TEXT NOT NULL REFERENCES boards(id),
  vote_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  note_id TEXT NOT NULL,
  dots INTEGER NOT NULL,
  PRIMARY KEY (board_id, vote_id, participant_id, note_id)
);

CREATE TABLE personal_notes (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  area TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  ord BIGSERIAL,
  PRIMARY KEY (board_id, id),
  UNIQUE (board_id, participant_id, idempotency_key)
);

CREATE TABLE audit (
  id BIGSERIAL PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id),
  at BIGINT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  actor_name TEXT,
  actor_user_id TEXT
);
CREATE INDEX audit_by_board ON audit (board_id, id);
-- Deleting an account clears its name from every board's log.
CREATE INDEX audit_by_actor ON audit (actor_user_id);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  email TEXT,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
-- E-mail addresses compare in any case, as SQLite's COLLATE NOCASE column does.
CREATE INDEX users_by_email ON users (lower(email));
CREATE TABLE user_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL
);
CREATE INDEX user_sessions_by_user ON user_sessions (user_id);
CREATE TABLE board_facilitators (
  board_id TEXT NOT NULL REFERENCES boards(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'co')),
  added_at BIGINT NOT NULL,
  ord BIGSERIAL,
  PRIMARY KEY (board_id, user_id)
);
CREATE INDEX board_facilitators_by_user ON board_facilitators (user_id);

CREATE TABLE series_meetings (
  board_id TEXT PRIMARY KEY REFERENCES boards(id),
  series_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  added_at BIGINT NOT NULL,
  welcomes_previous BOOLEAN NOT NULL DEFAULT FALSE,
  continues_board TEXT,
  ord BIGSERIAL
);
CREATE INDEX series_meetings_by_series ON series_meetings (series_id, position);

CREATE TABLE homework_notes (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  text TEXT NOT NULL,
  color TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  ord BIGSERIAL,
  PRIMARY KEY (board_id, id),
  UNIQUE (board_id, participant_id, idempotency_key)
);
`,
  },
  {
    version: 2,
    name: "one owner per board",
    // Before this step two owners could be made at once (two adoptions, two hand-overs); the
    // first added stays owner, the others are co-facilitators.
    sql: `
UPDATE board_facilitators SET role = 'co' WHERE role = 'owner'
  AND ord NOT IN (SELECT MIN(ord) FROM board_facilitators WHERE role = 'owner' GROUP BY board_id);
CREATE UNIQUE INDEX board_facilitators_one_owner ON board_facilitators (board_id) WHERE role = 'owner';
`,
  },
  {
    version: 3,
    name: "one serving instance per board",
    // No reference to boards: a board's lease is taken before a new board's first write, and a
    // deleted board's lease row goes with its other rows (lifecycle.ts). Times are PostgreSQL's
    // own clock, the one clock every instance shares (server/cluster/leases.ts).
    sql: `
CREATE TABLE board_leases (
  board_id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  owner_url TEXT NOT NULL,
  epoch BIGINT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
`,
  },
];


/**
 * Applies every step the database lacks, each in its own transaction; answers the versions
 * applied. On a failure the connection is closed, which also lets go of the lock.
 */
export function migrate(pool: Pool): Promise<number[]> {
  return withoutTimeout(pool, async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const applied = await applyMissing(client);
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    return applied;
  });
}

async function applyMissing(client: PoolClient): Promise<number[]> {
  await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
  const done = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((row) => row.version));
  const applied: number[] = [];
  for (const step of MIGRATIONS) {
    if (done.has(step.version)) continue;
    await client.query("BEGIN");
    try {
      await client.query(step.sql);
      await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [step.version, step.name, Date.now()]);
      await client.query("COMMIT");
    } catch (error) {
      // The step's own error is the one worth reading, not a failed rollback's.
      await client.query("ROLLBACK").catch(() => undefined);
      throw new Error(`migration ${step.version} (${step.name}) failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(step.version);
  }
  return applied;
}

/** Whether every step this server knows has been applied (migrate() ran here or on another server). */
export async function migrated(pool: Pool): Promise<boolean> {
  const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
  const row = (await pool.query<{ version: number | null }>("SELECT MAX(version) AS version FROM schema_migrations")).rows[0];
  return (row?.version ?? 0) >= latest;
}
