import { z } from "zod";
import type { KitListResponse } from "./api";
import arbetsmote1 from "./methods/arbetsmote-1.json";
import arbetsmote2 from "./methods/arbetsmote-2.json";
import arbetsmote3 from "./methods/arbetsmote-3.json";
import arbetsmote4 from "./methods/arbetsmote-4.json";
import arbetsmote5 from "./methods/arbetsmote-5.json";
import backspegling from "./methods/backspegling.json";
import blank from "./methods/blank.json";
import gruppklimat from "./methods/gruppklimat.json";
import gruppkontrakt from "./methods/gruppkontrakt.json";
import incheckning from "./methods/incheckning.json";
import nyArbetsmetod from "./methods/ny-arbetsmetod.json";
import nyArbetsmetod2 from "./methods/ny-arbetsmetod-2.json";
import prioriteringar from "./methods/prioriteringar.json";
import ossOgVartOppstart from "./methods/oss-og-vart-oppstart.json";
import ossOgVartSkape from "./methods/oss-og-vart-skape.json";
import ossOgVartTeste from "./methods/oss-og-vart-teste.json";
import ossOgVartUtdype from "./methods/oss-og-vart-utdype.json";
import ossOgVartUtforske from "./methods/oss-og-vart-utforske.json";
import sources from "./methods/sources.json";
import swot from "./methods/swot.json";
import utcheckning from "./methods/utcheckning.json";
import varderingarIPraktiken from "./methods/varderingar-i-praktiken.json";
import { allLanguages, kitSchema, localized, type Kit, type LocalizedText } from "./schema";

/**
 * Every method kit, imported statically so the server and the pages hold the same list, and
 * parsed here: a broken kit file stops the server at startup (and the tests) with its file name,
 * instead of drawing half a worksheet in a workshop. The order is the order the home page lists.
 */
const FILES: Record<string, unknown> = {
  "blank.json": blank,
  "arbetsmote-1.json": arbetsmote1,
  "arbetsmote-2.json": arbetsmote2,
  "arbetsmote-3.json": arbetsmote3,
  "arbetsmote-4.json": arbetsmote4,
  "arbetsmote-5.json": arbetsmote5,
  "gruppkontrakt.json": gruppkontrakt,
  "incheckning.json": incheckning,
  "backspegling.json": backspegling,
  "gruppklimat.json": gruppklimat,
  "utcheckning.json": utcheckning,
  "ny-arbetsmetod.json": nyArbetsmetod,
  "ny-arbetsmetod-2.json": nyArbetsmetod2,
  "swot.json": swot,
  "varderingar-i-praktiken.json": varderingarIPraktiken,
  "prioriteringar.json": prioriteringar,
  "oss-og-vart-oppstart.json": ossOgVartOppstart,
  "oss-og-vart-utforske.json": ossOgVartUtforske,
  "oss-og-vart-utdype.json": ossOgVartUtdype,
  "oss-og-vart-skape.json": ossOgVartSkape,
  "oss-og-vart-teste.json": ossOgVartTeste,
};

const sourcesSchema = z.object({ sources: z.array(z.object({ id: z.string().min(1).max(64), title: localized(200) }).strict()).min(1) }).strict();
export interface KitSource {
  id: string;
  title: LocalizedText;
}

/** Parses one kit file; the error names the file and every problem in it. */
export function parseKit(file: string, data: unknown): Kit {
  const parsed = kitSchema.safeParse(data);
  if (!parsed.success) throw new Error(`lib/kits/methods/${file} is not a valid kit:\n${z.prettifyError(parsed.error)}`);
  if (`${parsed.data.id}.json` !== file) throw new Error(`lib/kits/methods/${file}: the id "${parsed.data.id}" must match the file name`);
  return parsed.data;
}

function parseSources(data: unknown): KitSource[] {
  const parsed = sourcesSchema.safeParse(data);
  if (!parsed.success) throw new Error(`lib/kits/methods/sources.json is not valid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data.sources;
}

export const KIT_SOURCES: readonly KitSource[] = parseSources(sources);
export const KITS: readonly Kit[] = Object.entries(FILES).map(([file, data]) => parseKit(file, data));

for (const kit of KITS) {
  if (!KIT_SOURCES.some((source) => source.id === kit.source)) throw new Error(`lib/kits/methods/${kit.id}.json: unknown source "${kit.source}" (see sources.json)`);
  if (kit.next !== undefined && !KITS.some((other) => other.id === kit.next)) throw new Error(`lib/kits/methods/${kit.id}.json: "next" names no kit ("${kit.next}")`);
}

export function kitById(id: string): Kit | undefined {
  return KITS.find((kit) => kit.id === id);
}

/** GET /api/kits: what the pages list, every text in every language (Finnish filled in). */
export function kitList(): KitListResponse {
  return {
    sources: KIT_SOURCES.map((source) => ({ id: source.id, title: allLanguages(source.title) })),
    kits: KITS.map((kit) => ({
      id: kit.id,
      source: kit.source,
      title: allLanguages(kit.title),
      description: allLanguages(kit.description),
      frames: kit.frames.length,
      steps: kit.agenda.length,
      ...(kit.next ? { next: kit.next } : {}),
    })),
  };
}

export type { Kit } from "./schema";
