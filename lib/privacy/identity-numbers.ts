import { idnr } from "@navikt/fnrvalidator";
import { FinnishSSN } from "finnish-ssn";
import Personnummer from "personnummer";

/**
 * Spotting personal identity numbers in note text, so the editor can warn before one is shared.
 *
 * This module only finds candidates (shapes, boundaries, separators); whether a candidate is a
 * real number (check digits, date) is decided by the countries' validator packages, see
 * docs/dependencies.md.
 */

export type IdentityNumberKind = "se-personnummer" | "no-fodselsnummer" | "fi-henkilotunnus";

export interface IdentityNumberMatch {
  kind: IdentityNumberKind;
  /** Index of the first character in the text. */
  start: number;
  /** Index after the last character. */
  end: number;
  /** The number exactly as written. */
  text: string;
}

/** Hyphen-minus plus the dashes that keyboards and autocorrect put in its place. */
const DASHES = "\\-\\u2010\\u2011\\u2012\\u2013\\u2212";
const DASH = new RegExp(`[${DASHES}]`, "g");

interface Pattern {
  kind: IdentityNumberKind;
  /** Global, sticky-free; lookarounds keep a candidate from being cut out of a longer run. */
  regex: RegExp;
  valid(candidate: string): boolean;
}

const PATTERNS: readonly Pattern[] = [
  {
    // YYYYMMDD-NNNN, YYYYMMDDNNNN (a century other than 18–20 is a serial number, not a birth).
    kind: "se-personnummer",
    regex: new RegExp(`(?<!\\d)(?:18|19|20)\\d{6}[${DASHES}]?\\d{4}(?!\\d)`, "g"),
    valid: (candidate) => Personnummer.valid(candidate.replace(DASH, "")),
  },
  {
    // YYMMDD-NNNN, YYMMDD+NNNN (100 years or older), YYMMDDNNNN.
    kind: "se-personnummer",
    regex: new RegExp(`(?<!\\d)\\d{6}[+${DASHES}]?\\d{4}(?!\\d)`, "g"),
    valid: (candidate) => Personnummer.valid(candidate.replace(DASH, "-")),
  },
  {
    // DDMMYYNNNCC, optionally "DDMMYY NNNCC" or "DDMMYY-NNNCC".
    kind: "no-fodselsnummer",
    regex: new RegExp(`(?<!\\d)\\d{6}[ \\u00a0${DASHES}]?\\d{5}(?!\\d)`, "g"),
    valid: (candidate) => isNorwegianNumber(candidate.replace(/\D/g, "")),
  },
  {
    // DDMMYYCZZZQ: century sign + - A–F (and since 2023 Y X W V U), check character last.
    kind: "fi-henkilotunnus",
    regex: new RegExp(`(?<!\\d)\\d{6}[+A-FU-Ya-fu-y${DASHES}]\\d{3}[0-9A-Ya-y](?![0-9A-Za-z])`, "g"),
    valid: (candidate) => FinnishSSN.validate(candidate.replace(DASH, "-").toUpperCase()),
  },
];

/**
 * Fødselsnummer, D-number (day + 40), H-number (month + 40) and a D-number that is also an
 * H-number. The package also accepts Tenor's synthetic test numbers (month + 80), which are no
 * one's identity, so those are left out here.
 */
function isNorwegianNumber(digits: string): boolean {
  const result = idnr(digits);
  return result.status === "valid" && (result.type === "fnr" || result.type === "dnr" || result.type === "hnr" || result.type === "dnr-and-hnr");
}

/** Every substring of `text` that is a valid identity number (checksum and date checked). */
export function findIdentityNumbers(text: string): IdentityNumberMatch[] {
  const found: IdentityNumberMatch[] = [];
  for (const { kind, regex, valid } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      if (!valid(match[0])) continue;
      found.push({ kind, start: match.index, end: match.index + match[0].length, text: match[0] });
    }
  }
  // One match per stretch of text: where two readings cover the same characters (a Finnish code
  // with "-" and a digit check character can also pass as a Swedish number) the earlier pattern wins.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: IdentityNumberMatch[] = [];
  for (const match of found) {
    const last = kept.at(-1);
    if (last === undefined || match.start >= last.end) kept.push(match);
  }
  return kept;
}

const SPACE = /^[ \t\u00a0]$/;
const isSpace = (char: string | undefined): boolean => char !== undefined && SPACE.test(char);
/** Where a removed number leaves nothing before it: the text's or a line's start. */
const isLineStart = (char: string | undefined): boolean => char === undefined || char === "\n" || char === "\r";
/** Where a space before a removed number would be left dangling. */
const isClosing = (char: string | undefined): boolean => isLineStart(char) || (char !== undefined && ".,;:!?)".includes(char));

/**
 * `text` with every match removed (used by a "remove it for me" button); collapses the doubled
 * spaces left behind, and drops a space the removal would leave at a line's start or end or
 * before punctuation ("Pnr 121212-1212, rum 4" becomes "Pnr, rum 4").
 */
export function removeIdentityNumbers(text: string): string {
  let out = "";
  let from = 0;
  for (const { start, end } of findIdentityNumbers(text)) {
    out += text.slice(from, start);
    from = end;
    const before = out.at(-1);
    const after = text[end];
    if (isSpace(after) && (isSpace(before) || isLineStart(before))) from += 1;
    else if (isSpace(before) && isClosing(after)) out = out.slice(0, -1);
  }
  return out + text.slice(from);
}
