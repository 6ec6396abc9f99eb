import type { ParticipantSummary } from "../../lib/api/schemas";

/**
 * What the facilitator's list calls each person: their name, or "Anonym 1", "Anonym 2" … for
 * those who gave none, counted in joining order.
 */
export function participantNames(people: readonly ParticipantSummary[], anonymous: (n: number) => string): string[] {
  let unnamed = 0;
  return people.map((person) => person.name || anonymous(++unnamed));
}
