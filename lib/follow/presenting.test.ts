import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MAX_SCALE, visibleRect } from "../geometry";
import { pickPresenter, readPresenting, roundRect, sameRect, screenLink, viewportShowing } from "./presenting";

const RECT = { x: 100, y: 50, width: 800, height: 450 };

describe("readPresenting", () => {
  test("reads a well-formed area and nothing else", () => {
    assert.deepEqual(readPresenting({ user: { name: "A" }, presenting: RECT }), RECT);
    assert.equal(readPresenting({ presenting: null }), null);
    assert.equal(readPresenting({ presenting: { ...RECT, width: 0 } }), null);
    assert.equal(readPresenting({ presenting: { ...RECT, x: "1" } }), null);
    assert.equal(readPresenting({ presenting: { ...RECT, height: 1e300 } }), null);
    assert.equal(readPresenting(null), null);
    assert.equal(readPresenting("presenting"), null);
  });
});

describe("pickPresenter", () => {
  const states = new Map<number, unknown>([
    [7, { user: { name: "Mig" }, presenting: RECT }],
    [30, { user: { name: "Bo" }, presenting: { ...RECT, x: 0 } }],
    [20, { user: { name: "Anna" }, presenting: RECT }],
    [10, { user: { name: "Kim" } }],
  ]);

  test("never picks ourselves, nor someone not presenting; the lowest id among the rest", () => {
    assert.deepEqual(pickPresenter(states, 7, null), { clientId: 20, name: "Anna", rect: RECT });
  });

  test("keeps the one already followed while they present", () => {
    assert.equal(pickPresenter(states, 7, 30)?.clientId, 30);
    assert.equal(pickPresenter(states, 7, 10)?.clientId, 20);
  });

  test("nobody presenting: null", () => {
    assert.equal(pickPresenter(new Map([[1, { user: { name: "A" } }]]), 2, null), null);
  });
});

describe("viewportShowing", () => {
  test("a follower's screen shows the presented area whole and centred, at the size that fits", () => {
    const screen = { width: 1600, height: 1200 };
    const viewport = viewportShowing(RECT, screen);
    assert.equal(viewport.scale, 2);
    const seen = visibleRect(viewport, screen);
    assert.equal(seen.x + seen.width / 2, RECT.x + RECT.width / 2);
    assert.equal(seen.y + seen.height / 2, RECT.y + RECT.height / 2);
    assert.equal(seen.width, RECT.width);
    assert.ok(seen.height >= RECT.height);
  });

  test("the same screen size sees exactly the same area", () => {
    const screen = { width: 1280, height: 720 };
    const area = { x: -300, y: 40, width: 640, height: 360 };
    assert.deepEqual(visibleRect(viewportShowing(area, screen), screen), area);
  });

  test("a tiny area is not zoomed in past the canvas's limit", () => {
    assert.equal(viewportShowing({ x: 0, y: 0, width: 1, height: 1 }, { width: 1000, height: 1000 }).scale, MAX_SCALE);
  });
});

describe("roundRect and sameRect", () => {
  test("sub-unit jitter rounds to the same area", () => {
    const a = roundRect({ x: 10.2, y: 5.4, width: 800.4, height: 450.1 });
    const b = roundRect({ x: 9.8, y: 4.6, width: 799.6, height: 449.9 });
    assert.ok(sameRect(a, b));
    assert.ok(!sameRect(a, { ...a, x: 11 }));
    assert.ok(!sameRect(a, null));
    assert.ok(sameRect(null, null));
  });
});

describe("screenLink", () => {
  test("puts /screen before the token", () => {
    assert.equal(screenLink("/b/abc123#token=xyz"), "/b/abc123/screen#token=xyz");
    assert.equal(screenLink("https://samla.example.org/b/abc/#token=t"), "https://samla.example.org/b/abc/screen#token=t");
    assert.equal(screenLink("/b/abc"), "/b/abc/screen");
  });
});
