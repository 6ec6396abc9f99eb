import type { IdentityNumberMatch } from "../../lib/privacy/identity-numbers";

type IdentityLib = typeof import("../../lib/privacy/identity-numbers");

/**
 * The identity-number check (lib/privacy/identity-numbers.ts and the countries' validators, about
 * 3 KB gzipped) loads only once a text could hold a number, so most phones never download it. If
 * it cannot load at all, notes still go out: the server runs the same check and answers 422
 * identity_number, which MyNotes turns into the same question.
 */
let loaded: IdentityLib | null = null;
let loading: Promise<IdentityLib | null> | null = null;

/** Every number the check knows starts with a date of six digits or more in a row. */
const SIX_DIGITS = /\d{6}/;

/** Whether `text` could hold an identity number at all: without six digits in a row it cannot. */
export function mayHoldIdentityNumber(text: string): boolean {
  return SIX_DIGITS.test(text);
}

/** Starts the download as soon as `text` could hold a number, while the writer types on. */
export function preloadIdentityCheckFor(text: string): void {
  if (mayHoldIdentityNumber(text)) void preloadIdentityCheck();
}

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
  if (!mayHoldIdentityNumber(text)) return [];
  const lib = loaded ?? (await Promise.race([preloadIdentityCheck(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000))]));
  return lib ? lib.findIdentityNumbers(text) : [];
}

/** `text` without the numbers, or unchanged when the check is not available. */
export async function removeIdentityNumbersSoon(text: string): Promise<string> {
  if (!mayHoldIdentityNumber(text)) return text;
  const lib = loaded ?? (await preloadIdentityCheck());
  return lib ? lib.removeIdentityNumbers(text) : text;
}
