/**
 * `npm run migrate -- --from ./data --to postgres://…`: copies DATA_DIR's SQLite database into an
 * empty PostgreSQL database and verifies the copy (server/storage/migrate-to-postgres.ts). Stop
 * the server first; start it again with DATABASE_URL set. The SQLite file stays in place.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { migrateSqliteToPostgres, redactDatabaseUrl } from "./migrate-to-postgres";

const usage = "usage: PGPASSWORD=… npm run migrate -- --from DATA_DIR (or its samla.sqlite) --to postgres://USER@HOST:5432/DATABASE\n";

let from: string | undefined;
let to: string | undefined;
try {
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
  from = values.from ?? process.env.DATA_DIR;
  to = values.to ?? process.env.DATABASE_URL;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!from || !to || !/^postgres(ql)?:\/\//.test(to)) {
  process.stderr.write(usage);
  process.exit(2);
}

const databaseUrl = to;
const sqliteFile = isDirectory(from) ? join(from, "samla.sqlite") : from;
const target = redactDatabaseUrl(databaseUrl);
process.stdout.write(`migrating ${sqliteFile} to ${target}\n`);
migrateSqliteToPostgres({ sqliteFile, databaseUrl, log: (line) => process.stdout.write(`  ${line}\n`) }).then(
  ({ copied, boardsVerified }) => {
    const total = Object.values(copied).reduce((sum, n) => sum + n, 0);
    process.stdout.write(`copied ${total} rows in ${Object.keys(copied).length} tables, verified ${boardsVerified} boards:\n`);
    for (const [table, n] of Object.entries(copied)) process.stdout.write(`  ${table.padEnd(20)} ${n}\n`);
    process.stdout.write(`done: start the server with DATABASE_URL set to ${target}; ${sqliteFile} stays where it is (keep it until the server runs well on PostgreSQL)\n`);
  },
  (error: unknown) => {
    // The driver's messages do not repeat the URL; ours never name it. Redacted all the same.
    const message = String((error as Error).message ?? error).split(databaseUrl).join(target);
    process.stderr.write(`migration failed: ${message}\n`);
    process.exit(1);
  },
);

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
