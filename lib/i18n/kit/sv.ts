import type { KitDictionary } from "./en";

/** Swedish: the source language of the methods. Keys and sections as in ./en.ts. */
export const kitSv: KitDictionary = {
  // --- frames ---
  "frames.label": "Arbetsblad",
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
