import type { KitDictionary } from "./en";

/** Norwegian bokmål. Keys and sections as in ./en.ts. */
export const kitNb: KitDictionary = {
  // --- frames ---
  "frames.label": "Arbeidsark",
  // --- end frames ---
  // --- kits ---
  // --- end kits ---
  // --- agenda ---
  // --- end agenda ---
  // --- follow ---
  // --- end follow ---
  // --- export ---
  // --- end export ---
  // --- groups ---
  // --- end groups ---
};
