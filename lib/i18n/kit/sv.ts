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
  "export.menu": "Exportera",
  "export.menuLabel": "Exportera tavlan",
  "export.png": "Bild (PNG)",
  "export.pdf": "Rapport för pärmen (PDF, A4)",
  "export.csv": "Tabell (CSV)",
  "export.json": "Sparfil (JSON)",
  "export.scope": "Vad ska exporteras?",
  "export.wholeBoard": "Hela tavlan",
  "export.frameOnly": "Arbetsbladet {title}",
  "export.thisFrame": "Exportera detta arbetsblad",
  "export.working": "Exporterar…",
  "export.failed": "Exporten misslyckades. Försök igen.",
  "export.col.frame": "Arbetsblad",
  "export.col.cell": "Ruta eller kolumn",
  "export.col.text": "Lapp",
  "export.col.votes": "Röster",
  "export.col.author": "Skribent",
  "export.col.color": "Färg",
  "export.col.significance": "Betydelse",
  "export.col.status": "Status",
  "export.col.owner": "Ansvarig",
  "export.col.start": "Start",
  "export.col.followUp": "Uppföljning",
  "export.significance.large": "Stor betydelse",
  "export.significance.other": "Annan betydelse",
  "export.status.open": "Öppen",
  "export.status.struck": "Struken",
  "export.status.solved": "Löser vi själva",
  "export.status.elsewhere": "Annan nivå",
  "export.outside": "Lappar utanför arbetsbladen",
  "export.cell": "Ruta {n}",
  "export.noNotes": "Inga lappar.",
  "export.untitled": "Namnlös tavla",
  "export.untitledFrame": "Arbetsblad utan namn",
  "export.date": "Exporterad {date}",
  "export.votes": { one: "{count} röst", other: "{count} röster" },
  "export.import": "Öppna en sparad tavla (JSON)",
  "export.importHint": "En fil som Samla har exporterat blir en ny tavla.",
  "export.importing": "Öppnar tavlan…",
  "export.importFailed": "Filen gick inte att öppna: {text}",
  // --- end export ---
  // --- groups ---
  // --- end groups ---
};
