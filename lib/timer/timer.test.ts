import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Timer } from "../schema/session";
import { timerSchema } from "../schema/session";
import { agendaStepsRequest, timerRequest } from "./requests";
import { applyTimerAction, formatDuration, remainingMs, spokenMinutes, stoppedTimer } from "./timer";

const NOW = 1_700_000_000_000;
const running5: Timer = { status: "running", durationMs: 300_000, endsAt: NOW + 300_000, remainingMs: 300_000 };

describe("timer actions", () => {
  test("start with minutes runs from the server's now", () => {
    assert.deepEqual(applyTimerAction(null, { action: "start", minutes: 5 }, NOW), running5);
  });

  test("start without minutes restarts the current duration from the top", () => {
    const paused: Timer = { status: "paused", durationMs: 600_000, endsAt: null, remainingMs: 12_000 };
    assert.deepEqual(applyTimerAction(paused, { action: "start" }, NOW), {
      status: "running",
      durationMs: 600_000,
      endsAt: NOW + 600_000,
      remainingMs: 600_000,
    });
  });

  test("pause keeps what was left; resume ends that much after the resume", () => {
    const paused = applyTimerAction(running5, { action: "pause" }, NOW + 100_000);
    assert.deepEqual(paused, { status: "paused", durationMs: 300_000, endsAt: null, remainingMs: 200_000 });
    assert.deepEqual(applyTimerAction(paused, { action: "resume" }, NOW + 500_000), {
      status: "running",
      durationMs: 300_000,
      endsAt: NOW + 700_000,
      remainingMs: 200_000,
    });
  });

  test("pause and resume in the wrong state change nothing (a double click)", () => {
    const stopped = stoppedTimer(300_000);
    assert.deepEqual(applyTimerAction(stopped, { action: "pause" }, NOW), stopped);
    assert.deepEqual(applyTimerAction(running5, { action: "resume" }, NOW + 1_000), running5);
  });

  test("extend adds minutes while running, and while paused", () => {
    assert.deepEqual(applyTimerAction(running5, { action: "extend", minutes: 1 }, NOW + 250_000), {
      status: "running",
      durationMs: 360_000,
      endsAt: NOW + 360_000,
      remainingMs: 110_000,
    });
    const paused: Timer = { status: "paused", durationMs: 300_000, endsAt: null, remainingMs: 20_000 };
    assert.deepEqual(applyTimerAction(paused, { action: "extend", minutes: 5 }, NOW), {
      status: "paused",
      durationMs: 600_000,
      endsAt: null,
      remainingMs: 320_000,
    });
  });

  test("extend after the time ran out gives exactly the added minutes", () => {
    assert.deepEqual(applyTimerAction(running5, { action: "extend", minutes: 1 }, NOW + 400_000), {
      status: "running",
      durationMs: 360_000,
      endsAt: NOW + 460_000,
      remainingMs: 60_000,
    });
  });

  test("stop goes back to the full duration, not running", () => {
    assert.deepEqual(applyTimerAction(running5, { action: "stop" }, NOW + 42_000), {
      status: "stopped",
      durationMs: 300_000,
      endsAt: null,
      remainingMs: 300_000,
    });
  });

  test("set gives a new duration, stopped", () => {
    assert.deepEqual(applyTimerAction(running5, { action: "set", minutes: 15 }, NOW), {
      status: "stopped",
      durationMs: 900_000,
      endsAt: null,
      remainingMs: 900_000,
    });
  });

  test("every result is a valid session timer, even at the longest duration", () => {
    const long = applyTimerAction(null, { action: "start", minutes: 24 * 60 }, NOW);
    const longer = applyTimerAction(long, { action: "extend", minutes: 30 }, NOW);
    assert.equal(longer.remainingMs, 24 * 3600_000);
    for (const timer of [long, longer, applyTimerAction(longer, { action: "pause" }, NOW + 1)]) assert.ok(timerSchema.safeParse(timer).success);
  });
});

describe("remaining time", () => {
  test("counts down while running and stops at zero", () => {
    assert.equal(remainingMs(running5, NOW + 60_000), 240_000);
    assert.equal(remainingMs(running5, NOW + 900_000), 0);
  });

  test("is frozen while paused or stopped, and zero without a timer", () => {
    assert.equal(remainingMs({ status: "paused", durationMs: 300_000, endsAt: null, remainingMs: 7_000 }, NOW + 1e9), 7_000);
    assert.equal(remainingMs(stoppedTimer(60_000), NOW), 60_000);
    assert.equal(remainingMs(null, NOW), 0);
  });
});

describe("formatting", () => {
  test("mm:ss, rounded up to the whole second, and h:mm:ss past an hour", () => {
    assert.equal(formatDuration(300_000), "05:00");
    assert.equal(formatDuration(299_001), "05:00");
    assert.equal(formatDuration(299_000), "04:59");
    assert.equal(formatDuration(500), "00:01");
    assert.equal(formatDuration(0), "00:00");
    assert.equal(formatDuration(-5), "00:00");
    assert.equal(formatDuration(3_723_000), "1:02:03");
    assert.equal(formatDuration(59 * 60_000 + 59_000), "59:59");
  });

  test("what is spoken changes only at whole minutes and at zero", () => {
    assert.deepEqual(
      [300_000, 299_000, 240_001, 240_000, 59_000, 1, 0].map(spokenMinutes),
      [5, 5, 5, 4, 1, 1, 0],
    );
  });
});

describe("request bodies", () => {
  test("accept the actions and refuse extending by nothing", () => {
    assert.ok(timerRequest.safeParse({ action: "start", minutes: 5 }).success);
    assert.ok(timerRequest.safeParse({ action: "start" }).success);
    assert.ok(!timerRequest.safeParse({ action: "extend", minutes: 0 }).success);
    assert.ok(!timerRequest.safeParse({ action: "explode" }).success);
  });

  test("agenda steps are checked like the session stores them, control characters refused", () => {
    const step = { title: "Tyst skrivande", minutes: 5, prompt: "Vad fungerar bra?\nSkriv en sak per lapp.", mode: "private" };
    assert.ok(agendaStepsRequest.safeParse({ steps: [step] }).success);
    assert.ok(!agendaStepsRequest.safeParse({ steps: [{ ...step, title: "a\u0007b" }] }).success);
    assert.ok(!agendaStepsRequest.safeParse({ steps: [{ ...step, mode: "dance" }] }).success);
    assert.ok(!agendaStepsRequest.safeParse({ steps: [{ ...step, minutes: -1 }] }).success);
  });
});
