import type { Groups, KeptGroups } from "../schema/session";
import { ownValue } from "../own";
import { smallestGroup } from "./groups";

/**
 * Who is in which group and in which seat, as plain data. A seat is a place in the group, fixed
 * while the group lasts; roles go round the seats (Arbetsmöte 4: "Om vi har tid byter vi roller
 * med varandra så att alla har möjlighet att formulera problemet, lyssna, stödja, iaktta").
 */
export type Membership = Pick<Groups, "count" | "members" | "seats">;

/**
 * Shuffles the people (Fisher-Yates with `random`) and deals them round the groups, so sizes differ
 * by at most one (7 in groups of 3 makes 3+2+2, never 3+3+1); each takes the next seat of their group.
 */
export function dealIntoGroups(participantIds: readonly string[], count: number, random: () => number = Math.random): Required<Membership> {
  const order = [...participantIds];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return {
    count,
    members: Object.fromEntries(order.map((id, index) => [id, (index % count) + 1])),
    seats: Object.fromEntries(order.map((id, index) => [id, Math.floor(index / count)])),
  };
}

/** The lowest seat nobody in the group sits in: a latecomer takes the role the group lacks. */
export function freeSeat(membership: Membership, group: number): number {
  const taken = new Set(Object.keys(membership.members).filter((id) => membership.members[id] === group).map((id) => ownValue(membership.seats, id) ?? -1));
  let seat = 0;
  while (taken.has(seat)) seat++;
  return seat;
}

/** Someone who arrives while groups run (or who was not there last time) joins the smallest group. */
export function withNewcomer<T extends Membership>(membership: T, participantId: string): T {
  if (ownValue(membership.members, participantId) !== undefined) return membership;
  const group = smallestGroup(membership);
  return {
    ...membership,
    members: { ...membership.members, [participantId]: group },
    seats: { ...membership.seats, [participantId]: freeSeat(membership, group) },
  };
}

/**
 * The same groups as last time, for the people here now: those who were in a group keep it and
 * their seat, the others join the smallest groups, and people no longer here are left out. Null
 * when nobody of the last groups is here, so the caller deals new groups.
 */
export function keptMembership(kept: KeptGroups, participantIds: readonly string[]): Required<Membership> | null {
  const here = new Set(participantIds);
  const stayed = Object.keys(kept.members).filter((id) => here.has(id));
  if (stayed.length === 0) return null;
  let membership: Required<Membership> = {
    count: kept.count,
    members: Object.fromEntries(stayed.map((id) => [id, kept.members[id]])),
    seats: {},
  };
  // Seats one by one, so two people who both lacked one (groups kept from before seats) never share.
  for (const id of stayed) {
    const seat = ownValue(kept.seats, id);
    const free = seat !== undefined && !Object.keys(membership.seats).some((other) => membership.members[other] === kept.members[id] && membership.seats[other] === seat);
    membership.seats[id] = free ? seat : freeSeat(membership, kept.members[id]);
  }
  for (const id of participantIds) membership = withNewcomer(membership, id);
  return membership;
}

/** What to keep of running groups for the next time: who was where and the roles, nothing about the worksheet. */
export function keptFrom(groups: Membership & Pick<Groups, "roles">): KeptGroups {
  return { count: groups.count, members: groups.members, ...(groups.seats ? { seats: groups.seats } : {}), ...(groups.roles ? { roles: groups.roles } : {}) };
}

/** A person's role this round: the roles go round the seats, one step a round. */
export function roleOf(groups: Pick<Groups, "members" | "seats" | "roles" | "round">, participantId: string): string | null {
  const roles = groups.roles;
  const seat = ownValue(groups.seats, participantId);
  if (!roles || roles.length === 0 || seat === undefined || ownValue(groups.members, participantId) === undefined) return null;
  return roles[(seat + (groups.round ?? 0)) % roles.length];
}

/** Takes an erased person out of a membership: nothing about them stays on the board. */
export function withoutPerson<T extends Membership>(membership: T, participantId: string): T {
  const { [participantId]: _group, ...members } = membership.members;
  if (!membership.seats) return { ...membership, members };
  const { [participantId]: _seat, ...seats } = membership.seats;
  return { ...membership, members, seats };
}
