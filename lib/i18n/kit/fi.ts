import type { KitDictionary } from "./en";

/** Finnish. Keys and sections as in ./en.ts. */
export const kitFi: KitDictionary = {
  // --- frames ---
  "frames.label": "Työpohjat",
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
