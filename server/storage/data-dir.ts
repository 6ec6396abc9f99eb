import { chmodSync, mkdirSync } from "node:fs";

/**
 * DATA_DIR holds what people wrote and the server's secret: only the server's own user may enter
 * it (0700), whether Samla made it or was pointed at it.
 */
export function prepareDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}
