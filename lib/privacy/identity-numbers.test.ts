import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findIdentityNumbers, removeIdentityNumbers, type IdentityNumberKind } from "./identity-numbers";

/**
 * All numbers below are published test numbers (Skatteverket's 121212-1212 and 811218-9876, the
 * Finnish DVV examples 131052-308T and 010594Y9032) or were computed for these tests, each check
 * digit worked out by a separate script (Luhn, mod 11 weights 3765189452 / 5432765432, mod 31).
 */

/** The kinds and texts found, in order. */
function found(text: string): [IdentityNumberKind, string][] {
  return findIdentityNumbers(text).map((match) => [match.kind, match.text]);
}

function assertNone(text: string): void {
  assert.deepEqual(findIdentityNumbers(text), [], `expected no match in ${JSON.stringify(text)}`);
}

describe("findIdentityNumbers: Swedish personnummer", () => {
  test("finds every written form of one number", () => {
    for (const written of ["19121212-1212", "191212121212", "121212-1212", "1212121212"]) {
      assert.deepEqual(found(`Anna Svensson ${written} har fått ny medicin.`), [["se-personnummer", written]], written);
    }
  });

  test("gives the position of the number in the text", () => {
    const text = "Pnr: 811218-9876, rum 12";
    assert.deepEqual(findIdentityNumbers(text), [{ kind: "se-personnummer", start: 5, end: 16, text: "811218-9876" }]);
  });

  test("finds the + form of someone 100 or older", () => {
    assert.deepEqual(found("Boende född 1912, personnummer 121212+1212."), [["se-personnummer", "121212+1212"]]);
  });

  test("finds a samordningsnummer (day + 60)", () => {
    assert.deepEqual(found("Samordningsnummer 701063-2391 enligt Skatteverket"), [["se-personnummer", "701063-2391"]]);
  });

  test("accepts a dash that autocorrect turned into an en dash", () => {
    assert.deepEqual(found("Personnummer 811218–9876 i journalen"), [["se-personnummer", "811218–9876"]]);
  });

  test("rejects a wrong check digit", () => {
    for (const wrong of ["121212-1213", "811218-9875", "19121212-1211", "8112189870"]) assertNone(`Pnr ${wrong} stämmer inte`);
  });

  test("rejects a right check digit on an impossible date", () => {
    // Luhn holds for both; there is no 13th month and no 30 February.
    assertNone("nummer 991301-1236");
    assertNone("nummer 990230-1234");
  });

  test("rejects long and short forms with a century that is no birth year", () => {
    assertNone("order 551212121212");
  });
});

describe("findIdentityNumbers: Norwegian fødselsnummer", () => {
  test("finds a fødselsnummer written plain, with a space or with a dash", () => {
    for (const written of ["15083412361", "150834 12361", "150834-12361"]) {
      assert.deepEqual(found(`Ola Nordmann (${written}) bor på rom 4.`), [["no-fodselsnummer", written]], written);
    }
  });

  test("finds D-numbers, H-numbers and a number that is both", () => {
    assert.deepEqual(found("D-nummer 55083412355"), [["no-fodselsnummer", "55083412355"]]);
    assert.deepEqual(found("H-nummer 15483412344"), [["no-fodselsnummer", "15483412344"]]);
    assert.deepEqual(found("Hjelpenummer 45483412367 på pasienten"), [["no-fodselsnummer", "45483412367"]]);
  });

  test("rejects a wrong check digit", () => {
    for (const wrong of ["15083412362", "55083412356", "15483412340"]) assertNone(`Fødselsnummer ${wrong} er feil`);
  });

  test("rejects right check digits on an impossible date", () => {
    // Both check digits hold; there is no 32 January and no 31 February.
    assertNone("nummer 32013412366");
    assertNone("nummer 31023412317");
  });

  test("ignores synthetic test numbers (month + 80), which are no one's", () => {
    assertNone("Testperson 15883412599");
  });
});

describe("findIdentityNumbers: Finnish henkilötunnus", () => {
  test("finds codes with the old and the 2023 century signs", () => {
    assert.deepEqual(found("Potilas 131052-308T on siirretty osastolle."), [["fi-henkilotunnus", "131052-308T"]]);
    assert.deepEqual(found("Henkilötunnus 010594Y9032, huone 12"), [["fi-henkilotunnus", "010594Y9032"]]);
    assert.deepEqual(found("Lapsi 150320A234T"), [["fi-henkilotunnus", "150320A234T"]]);
  });

  test("finds a code typed in lower case and reports it as written", () => {
    assert.deepEqual(found("hetu 131052-308t"), [["fi-henkilotunnus", "131052-308t"]]);
  });

  test("rejects a wrong check character", () => {
    for (const wrong of ["131052-308U", "010594Y9033", "150320A234H"]) assertNone(`Tunnus ${wrong} on väärä`);
  });

  test("rejects the right check character on an impossible date", () => {
    assertNone("tunnus 310252-308Y");
  });

  test("does not take a code out of a longer word", () => {
    assertNone("koodi 131052-308TX");
  });

  test("a code that also passes as a Swedish number is reported once", () => {
    const matches = findIdentityNumbers("Tunnus 010112-2398 tässä");
    assert.equal(matches.length, 1);
    assert.equal(matches[0].text, "010112-2398");
  });
});

describe("findIdentityNumbers: everything else", () => {
  test("phone numbers, dates, times, amounts and room numbers do not match", () => {
    for (const text of [
      "Ring anhöriga på 070-123 45 67",
      "Ring 0701234567 efter lunch",
      "Ring 08-123 456 78",
      "Ring +46 70 123 45 67",
      "Ring +47 912 34 567",
      "Soitto 040 123 4567",
      "Besök 2024-03-12 kl 14:30",
      "Loggat 20240312-1430",
      "Läkarbesök 12.03.2024",
      "Rum 1203",
      "Hjemmebesøk 12.03.24, rom 1203",
      "Faktura 1 250,50 kr, OCR 4711",
      "Beløp 12 500 kr",
      "Dosering 500 mg x 3",
      "",
    ]) {
      assertNone(text);
    }
  });

  test("a valid number inside a longer digit run is not split out", () => {
    assertNone("12345678901234");
    assertNone("Kort 0019121212121200");
    assertNone("Referanse 0150834123610");
    assertNone("Viite 0131052-308T");
  });

  test("finds several numbers of several countries in one text, in order", () => {
    const text = "Bytt rum: 19121212-1212 (Sverige), 15083412361 (Norge) och 131052-308T (Finland); 811218-9876 kvar.";
    const matches = findIdentityNumbers(text);
    assert.deepEqual(
      matches.map((match) => [match.kind, match.text]),
      [
        ["se-personnummer", "19121212-1212"],
        ["no-fodselsnummer", "15083412361"],
        ["fi-henkilotunnus", "131052-308T"],
        ["se-personnummer", "811218-9876"],
      ],
    );
    for (const match of matches) assert.equal(text.slice(match.start, match.end), match.text);
  });

  test("numbers on separate lines are all found", () => {
    assert.equal(findIdentityNumbers("121212-1212\n15083412361\r\n010594Y9032").length, 3);
  });
});

describe("removeIdentityNumbers", () => {
  test("removes a number and the doubled space it leaves", () => {
    assert.equal(removeIdentityNumbers("Anna 19121212-1212 har feber"), "Anna har feber");
  });

  test("leaves no space at the start or end of a line, nor before punctuation", () => {
    assert.equal(removeIdentityNumbers("121212-1212 har feber"), "har feber");
    assert.equal(removeIdentityNumbers("Hennes nummer är 121212-1212."), "Hennes nummer är.");
    assert.equal(removeIdentityNumbers("Pnr 811218-9876, rum 4"), "Pnr, rum 4");
    assert.equal(removeIdentityNumbers("Rad ett 15083412361\nRad två 131052-308T"), "Rad ett\nRad två");
  });

  test("removes several numbers in a row", () => {
    assert.equal(removeIdentityNumbers("Nummer 121212-1212 131052-308T 15083412361 klart"), "Nummer klart");
    assert.equal(removeIdentityNumbers("121212-1212 15083412361"), "");
  });

  test("keeps what is not a valid number, and the text's own spacing", () => {
    const text = "Pnr 121212-1213  stämmer inte, ring 070-123 45 67";
    assert.equal(removeIdentityNumbers(text), text);
  });
});
