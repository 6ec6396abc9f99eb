import { readFileSync, writeFileSync } from "node:fs";

const MB = 1024 * 1024;

/** A field of /proc/PID/status in bytes (VmRSS: resident now; VmHWM: the most since the last reset). */
export function statusBytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no ${field} for ${pid}`);
  return Number(match[1]) * 1024;
}

/** Resets the peak (VmHWM) to what is resident now (Linux: "5" > /proc/PID/clear_refs). */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

export const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
export { MB };
