/**
 * A personal plan as the writer downloads or prints it: their own notes under the worksheet's
 * areas, in the worksheet's order (areas no longer on the worksheet after it, then notes without
 * one). Pure: the phone calls it with its own notes; the server never makes this file.
 */
export interface PersonalPlanInput {
  /** The worksheet's title ("Min personliga handlingsplan"). */
  title: string;
  boardTitle: string;
  /** Already formatted in the reader's language. */
  date: string;
  areas: readonly string[];
  notes: ReadonlyArray<{ area: string; text: string }>;
  /** The heading for notes written under no area. */
  otherHeading: string;
}

export interface PlanSection {
  area: string;
  texts: string[];
}

/** The notes grouped by area, in the worksheet's order; empty areas are kept so the plan shows what is left to fill. */
export function planSections(areas: readonly string[], notes: PersonalPlanInput["notes"]): PlanSection[] {
  const order = [...areas];
  for (const note of notes) if (note.area && !order.includes(note.area)) order.push(note.area);
  const sections = order.map((area) => ({ area, texts: notes.filter((note) => note.area === area).map((note) => note.text) }));
  const without = notes.filter((note) => !note.area).map((note) => note.text);
  return without.length > 0 ? [...sections, { area: "", texts: without }] : sections;
}

/** The plan as plain text (UTF-8, CRLF-free), for a file the writer keeps. */
export function personalPlanText(plan: PersonalPlanInput): string {
  const lines = [plan.title, `${plan.boardTitle}, ${plan.date}`, ""];
  for (const section of planSections(plan.areas, plan.notes)) {
    lines.push(section.area || plan.otherHeading);
    for (const text of section.texts) lines.push(...bullet(text));
    if (section.texts.length === 0) lines.push("–");
    lines.push("");
  }
  return lines.join("\n");
}

/** A note as a bullet: its own line breaks kept, indented under the dash. */
function bullet(text: string): string[] {
  const [first, ...rest] = text.split(/\r?\n/);
  return [`- ${first}`, ...rest.map((line) => `  ${line}`)];
}
