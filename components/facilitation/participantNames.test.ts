import assert from "node:assert/strict";
import { test } from "node:test";
import type { ParticipantSummary } from "../../lib/api/schemas";
import { participantNames } from "./participantNames";

const person = (id: string, name: string): ParticipantSummary => ({ id, name, joinedAt: 1, via: "code", notes: 0 });

test("named people keep their names; the others are numbered in joining order", () => {
  const names = participantNames([person("a", ""), person("b", "Anna"), person("c", ""), person("d", "Bo")], (n) => `Anonym ${n}`);
  assert.deepEqual(names, ["Anonym 1", "Anna", "Anonym 2", "Bo"]);
  assert.deepEqual(participantNames([], (n) => `Anonym ${n}`), []);
});
