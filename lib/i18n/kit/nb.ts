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
  "export.menu": "Eksporter",
  "export.menuLabel": "Eksporter tavla",
  "export.png": "Bilde (PNG)",
  "export.pdf": "Rapport til permen (PDF, A4)",
  "export.csv": "Tabell (CSV)",
  "export.json": "Lagringsfil (JSON)",
  "export.scope": "Hva skal eksporteres?",
  "export.wholeBoard": "Hele tavla",
  "export.frameOnly": "Arbeidsarket {title}",
  "export.thisFrame": "Eksporter dette arbeidsarket",
  "export.working": "Eksporterer …",
  "export.failed": "Eksporten mislyktes. Prøv igjen.",
  "export.col.frame": "Arbeidsark",
  "export.col.cell": "Rute eller kolonne",
  "export.col.text": "Lapp",
  "export.col.votes": "Stemmer",
  "export.col.author": "Skrevet av",
  "export.col.color": "Farge",
  "export.col.significance": "Betydning",
  "export.col.status": "Status",
  "export.col.owner": "Ansvarlig",
  "export.col.start": "Start",
  "export.col.followUp": "Oppfølging",
  "export.significance.large": "Stor betydning",
  "export.significance.other": "Annen betydning",
  "export.status.open": "Åpen",
  "export.status.struck": "Strøket",
  "export.status.solved": "Løser vi selv",
  "export.status.elsewhere": "Annet nivå",
  "export.outside": "Lapper utenfor arbeidsarkene",
  "export.cell": "Rute {n}",
  "export.noNotes": "Ingen lapper.",
  "export.untitled": "Tavle uten navn",
  "export.untitledFrame": "Arbeidsark uten navn",
  "export.date": "Eksportert {date}",
  "export.votes": { one: "{count} stemme", other: "{count} stemmer" },
  "export.import": "Åpne en lagret tavle (JSON)",
  "export.importHint": "En fil som Samla har eksportert, blir en ny tavle.",
  "export.importing": "Åpner tavla …",
  "export.importFailed": "Filen kunne ikke åpnes: {text}",
  // --- end export ---
  // --- groups ---
  // --- end groups ---
};
