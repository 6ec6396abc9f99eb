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
  "export.menu": "Vie",
  "export.menuLabel": "Vie taulu",
  "export.png": "Kuva (PNG)",
  "export.pdf": "Raportti kansioon (PDF, A4)",
  "export.csv": "Taulukko (CSV)",
  "export.json": "Tallennettu taulu (JSON)",
  "export.scope": "Mitä viedään?",
  "export.wholeBoard": "Koko taulu",
  "export.frameOnly": "Työpohja {title}",
  "export.thisFrame": "Vie tämä työpohja",
  "export.working": "Viedään…",
  "export.failed": "Vienti epäonnistui. Yritä uudelleen.",
  "export.col.frame": "Työpohja",
  "export.col.cell": "Ruutu tai sarake",
  "export.col.text": "Lappu",
  "export.col.votes": "Äänet",
  "export.col.author": "Kirjoittaja",
  "export.col.color": "Väri",
  "export.col.significance": "Merkitys",
  "export.col.status": "Tila",
  "export.col.owner": "Vastuuhenkilö",
  "export.col.start": "Aloitus",
  "export.col.followUp": "Seuranta",
  "export.significance.large": "Suuri merkitys",
  "export.significance.other": "Muu merkitys",
  "export.status.open": "Avoin",
  "export.status.struck": "Yliviivattu",
  "export.status.solved": "Ratkaisemme itse",
  "export.status.elsewhere": "Muu taso",
  "export.outside": "Lappuja työpohjien ulkopuolella",
  "export.cell": "Ruutu {n}",
  "export.noNotes": "Ei lappuja.",
  "export.untitled": "Nimetön taulu",
  "export.untitledFrame": "Nimetön työpohja",
  "export.date": "Viety {date}",
  "export.votes": { one: "{count} ääni", other: "{count} ääntä" },
  "export.import": "Avaa tallennettu taulu (JSON)",
  "export.importHint": "Samlasta viety tiedosto avautuu uutena tauluna.",
  "export.importing": "Avataan taulua…",
  "export.importFailed": "Tiedostoa ei voitu avata: {text}",
  // --- end export ---
  // --- groups ---
  // --- end groups ---
};
