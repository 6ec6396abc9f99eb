import type { IdentityNumberMatch } from "../../lib/privacy/identity-numbers";

type IdentityLib = typeof import("../../lib/privacy/identity-numbers");

/**
 * The identity-number check (lib/privacy/identity-numbers.ts and the countries' validators, about
 * 4 KB gzipped) loads right after the page instead of with it, to keep the phone's first load
 * small. If it cannot load at all, notes still go out: the server runs the same check and answers
 * 422 identity_number, which MyNotes turns into the same question.
 */
let loaded: IdentityLib | null = null;
let loading: Promise<IdentityLib | null> | null = null;

export function preloadIdentityCheck(): Promise<IdentityLib | null> {
  loading ??= import("../../lib/privacy/identity-numbers").then(
    (lib) => (loaded = lib),
    () => {
      loading = null;
      return null;
    },
  );
  return loading;
}

/** The module when it has loaded (synchronous, for rendering). */
export function identityCheck(): IdentityLib | null {
  return loaded;
}

/** What looks like identity numbers in `text`; [] when the check is not available within a few seconds. */
export async function findIdentityNumbersSoon(text: string): Promise<IdentityNumberMatch[]> {
  const lib = loaded ?? (await Promise.race([preloadIdentityCheck(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000))]));
  return lib ? lib.findIdentityNumbers(text) : [];
}

/** `text` without the numbers, or unchanged when the check is not available. */
export async function removeIdentityNumbersSoon(text: string): Promise<string> {
  const lib = loaded ?? (await preloadIdentityCheck());
  return lib ? lib.removeIdentityNumbers(text) : text;
}
