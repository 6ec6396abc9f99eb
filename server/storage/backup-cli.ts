/**
 * `npm run backup -- DEST`: a copy of DATA_DIR's database at DEST, made while the server runs.
 * Keep it apart from `secret.key` (README, "Configuration").
 */
import { join } from "node:path";
import { readConfig } from "../config";
import { backupDatabase } from "./backup";

const destination = process.argv[2];
if (!destination) {
  process.stderr.write("usage: npm run backup -- DEST (a new file, e.g. /backups/samla-2026-12-02.sqlite)\n");
  process.exit(2);
}
const source = join(readConfig().dataDir, "samla.sqlite");
backupDatabase(source, destination).then(
  ({ pages }) => process.stdout.write(`backed up ${source} to ${destination} (${pages} pages); secret.key is not in it\n`),
  (error: unknown) => {
    process.stderr.write(`backup failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
