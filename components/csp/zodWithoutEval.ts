/** Zod keeps its settings on this global, shared by every copy of Zod on the page. */
type ZodGlobal = { __zod_globalConfig?: { jitless?: boolean } };

/**
 * Zod probes for eval (`new Function`) as it builds its first object schema, to compile faster
 * parsers. The CSP forbids eval, so the probe fails and Zod parses without it anyway; but Chromium
 * reports the blocked probe as a policy violation. `jitless` skips the probe.
 *
 * The global, not `z.config()`: importing Zod here would put it into every page's first scripts
 * (5 KB more for the phone). Set in place, so that a Zod already loaded sees it too.
 */
export function zodWithoutEval(): void {
  const global = globalThis as ZodGlobal;
  global.__zod_globalConfig ??= {};
  global.__zod_globalConfig.jitless = true;
}
