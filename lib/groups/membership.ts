import type { Groups, KeptGroups } from "../schema/session";
import { ownValue } from "../own";
import { MAX_GROUPS, membersByGroup, smallestGroup } from "./groups";

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

/** Puts someone in a group, at its lowest free seat. */
function seatedIn<T extends Membership>(membership: T, participantId: string, group: number): T {
  return {
    ...membership,
    members: { ...membership.members, [participantId]: group },
    seats: { ...membership.seats, [participantId]: freeSeat(membership, group) },
  };
}

/** Someone who arrives while groups run (or who was not there last time) joins the smallest group. */
export function withNewcomer<T extends Membership>(membership: T, participantId: string): T {
  if (ownValue(membership.members, participantId) !== undefined) return membership;
  return seatedIn(membership, participantId, smallestGroup(membership));
}

/** The same groups started again: who is where, and each kept group's old number → its number now. */
export type KeptStart = Required<Membership> & { keptAs: Record<string, number> };

/**
 * The same groups as last time, for the people here now. Groups nobody of is here are left out and
 * the rest numbered 1, 2, … in their old order; within a group everyone keeps their order, seated
 * 0, 1, … so no role is doubled while another is missing. People who were in no group fill the
 * groups up to `size`, then start new groups of their own. Null when nobody of the last groups is
 * here, so the caller deals new groups.
 */
export function keptMembership(kept: KeptGroups, participantIds: readonly string[], size = Number.POSITIVE_INFINITY): KeptStart | null {
  const stayed = participantIds.filter((id) => ownValue(kept.members, id) !== undefined);
  if (stayed.length === 0) return null;
  const oldGroups = [...new Set(stayed.map((id) => kept.members[id]))].sort((a, b) => a - b);
  const keptAs = Object.fromEntries(oldGroups.map((group, i) => [String(group), i + 1]));
  const seatOf = (id: string) => ownValue(kept.seats, id) ?? Number.MAX_SAFE_INTEGER;
  const placed: Array<[string, number, number]> = oldGroups.flatMap((group, i) =>
    stayed
      .filter((id) => kept.members[id] === group)
      .sort((a, b) => seatOf(a) - seatOf(b))
      .map((id, seat): [string, number, number] => [id, i + 1, seat]),
  );
  const membership: Required<Membership> = {
    count: oldGroups.length,
    members: Object.fromEntries(placed.map(([id, group]) => [id, group])),
    seats: Object.fromEntries(placed.map(([id, , seat]) => [id, seat])),
  };
  const newcomers = participantIds.filter((id) => ownValue(membership.members, id) === undefined);
  return { ...withNewcomers(membership, newcomers, size), keptAs };
}

/**
 * People who were in no kept group: first into the groups with room for them (up to `size`), then
 * as many new groups of `size` as they fill; the few left over join the smallest groups, so nobody
 * is left in a group of one.
 */
function withNewcomers(membership: Required<Membership>, newcomers: readonly string[], size: number): Required<Membership> {
  let result = membership;
  let next = 0;
  while (next < newcomers.length && Math.min(...membersByGroup(result).map((ids) => ids.length)) < size) result = withNewcomer(result, newcomers[next++]);
  const rest = newcomers.slice(next);
  const extra = Number.isFinite(size) ? Math.min(Math.floor(rest.length / size), MAX_GROUPS - result.count) : 0;
  const dealt = extra > 0 ? dealIntoGroups(rest.slice(0, extra * size), extra, () => 0) : null;
  if (dealt) {
    result = {
      count: result.count + extra,
      members: { ...result.members, ...Object.fromEntries(Object.entries(dealt.members).map(([id, group]) => [id, result.count + group])) },
      seats: { ...result.seats, ...dealt.seats },
    };
  }
  for (const id of rest.slice(dealt ? extra * size : 0)) result = withNewcomer(result, id);
  return result;
}

/**
 * Someone arriving while groups run: back to their own group when the groups were started as the
 * same groups as last time and theirs is among them (a phone following a series' next meeting late),
 * else the smallest group.
 */
export function withArrival(groups: Groups, kept: KeptGroups | null, participantId: string): Groups {
  if (ownValue(groups.members, participantId) !== undefined) return groups;
  const oldGroup = ownValue(kept?.members, participantId);
  const group = oldGroup === undefined ? undefined : ownValue(groups.keptAs, String(oldGroup));
  return group === undefined ? withNewcomer(groups, participantId) : seatedIn(groups, participantId, group);
}

/** What to keep of running groups for the next time: who was where and the roles, nothing about the worksheet. */
export function keptFrom(groups: Membership & Pick<Groups, "roles">): KeptGroups | null {
  // Groups nobody was in are nothing to start again.
  if (Object.keys(groups.members).length === 0) return null;
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

/** The kept groups without an erased person; none at all once nobody is left in them. */
export function keptWithout(kept: KeptGroups, participantId: string): KeptGroups | null {
  const left = withoutPerson(kept, participantId);
  return Object.keys(left.members).length > 0 ? left : null;
}

/** The session's groups, running and kept, without someone: what to write when they are erased or never came. */
export function groupsWithout({ groups, keptGroups }: { groups: Groups | null; keptGroups: KeptGroups | null }, participantId: string) {
  return { groups: groups && withoutPerson(groups, participantId), keptGroups: keptGroups && keptWithout(keptGroups, participantId) };
}

/**
 * A phone following to a series' next meeting brings its group along: it joins the group of whoever
 * of its old group followed before it, or else starts the next group number, with its old seat.
 * Numbers are the next board's own (its groups may have run and been numbered again meanwhile), and
 * only those who follow are written there: nobody who stayed behind is named on a board they never
 * came to. `from` is the meeting before's groups.
 */
export function keptWithFollower(kept: KeptGroups | null, from: KeptGroups, participantId: string): KeptGroups | null {
  const oldGroup = ownValue(from.members, participantId);
  // A second tap on 'follow' finds them kept already: they stay where the first put them.
  if (oldGroup === undefined || ownValue(kept?.members, participantId) !== undefined) return kept;
  const fellow = Object.keys(from.members).find((id) => id !== participantId && from.members[id] === oldGroup && ownValue(kept?.members, id) !== undefined);
  const group = fellow !== undefined ? kept!.members[fellow] : (kept?.count ?? 0) + 1;
  if (group > MAX_GROUPS) return kept;
  const seat = ownValue(from.seats, participantId);
  const roles = kept?.roles ?? from.roles;
  return {
    count: Math.max(kept?.count ?? 1, group),
    members: { ...kept?.members, [participantId]: group },
    seats: { ...kept?.seats, ...(seat !== undefined ? { [participantId]: seat } : {}) },
    ...(roles ? { roles } : {}),
  };
}
