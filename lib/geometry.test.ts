import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  boundsOf,
  clampScale,
  fitRect,
  intersects,
  MAX_SCALE,
  MIN_SCALE,
  rectFromPoints,
  toBoard,
  visibleRect,
  zoomAround,
  type Point,
  type Viewport,
} from "./geometry";
import { seededRandom } from "./testing/seeded-random";


function close(actual: number, expected: number, message?: string): void {
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message ?? ""} ${actual} ≠ ${expected}`);
}

function closePoint(actual: Point, expected: Point, message?: string): void {
  close(actual.x, expected.x, message);
  close(actual.y, expected.y, message);
}

describe("clampScale and toBoard", () => {
  test("clampScale keeps the scale between MIN_SCALE and MAX_SCALE", () => {
    assert.equal(clampScale(1), 1);
    assert.equal(clampScale(0), MIN_SCALE);
    assert.equal(clampScale(-3), MIN_SCALE);
    assert.equal(clampScale(1000), MAX_SCALE);
    assert.equal(clampScale(MIN_SCALE), MIN_SCALE);
    assert.equal(clampScale(MAX_SCALE), MAX_SCALE);
  });

  test("toBoard inverts screen = board * scale + position", () => {
    assert.deepEqual(toBoard({ x: 100, y: 50, scale: 2 }, { x: 300, y: 250 }), { x: 100, y: 100 });
    assert.deepEqual(toBoard({ x: 0, y: 0, scale: 1 }, { x: 7, y: -3 }), { x: 7, y: -3 });
  });
});

describe("zoomAround", () => {
  test("zooms in by the factor and keeps the board point under the anchor", () => {
    const viewport = { x: 100, y: 50, scale: 1 };
    const anchor = { x: 400, y: 300 };
    const zoomed = zoomAround(viewport, anchor, 2);
    assert.equal(zoomed.scale, 2);
    assert.deepEqual(toBoard(zoomed, anchor), toBoard(viewport, anchor));
    assert.deepEqual(zoomed, { scale: 2, x: -200, y: -200 });
  });

  test("the anchor's board point stays fixed for random viewports, anchors and factors", () => {
    const random = seededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const viewport: Viewport = { x: (random() - 0.5) * 1e4, y: (random() - 0.5) * 1e4, scale: clampScale(random() * 4) };
      const anchor = { x: random() * 2000, y: random() * 1200 };
      const factor = Math.exp((random() - 0.5) * 8);
      const zoomed = zoomAround(viewport, anchor, factor);
      closePoint(toBoard(zoomed, anchor), toBoard(viewport, anchor), `case ${i}`);
      close(zoomed.scale, clampScale(viewport.scale * factor), `case ${i}`);
      assert.ok(zoomed.scale >= MIN_SCALE && zoomed.scale <= MAX_SCALE);
    }
  });

  test("clamps the scale at both ends and still keeps the anchor fixed", () => {
    const viewport = { x: 10, y: 20, scale: 1 };
    const anchor = { x: 123, y: 456 };
    const zoomedIn = zoomAround(viewport, anchor, 1000);
    assert.equal(zoomedIn.scale, MAX_SCALE);
    closePoint(toBoard(zoomedIn, anchor), toBoard(viewport, anchor));
    const zoomedOut = zoomAround(viewport, anchor, 1e-6);
    assert.equal(zoomedOut.scale, MIN_SCALE);
    closePoint(toBoard(zoomedOut, anchor), toBoard(viewport, anchor));
    // Already at the limit: zooming further changes nothing.
    assert.deepEqual(zoomAround(zoomedIn, anchor, 2), zoomedIn);
  });
});

describe("fitRect", () => {
  const screen = { width: 1200, height: 800 };

  function centreOnScreen(viewport: Viewport, bounds: { x: number; y: number; width: number; height: number }): Point {
    return {
      x: (bounds.x + bounds.width / 2) * viewport.scale + viewport.x,
      y: (bounds.y + bounds.height / 2) * viewport.scale + viewport.y,
    };
  }

  test("centres the bounds and never zooms past 1", () => {
    const small = { x: 5000, y: -300, width: 100, height: 50 };
    const viewport = fitRect(small, screen);
    assert.equal(viewport.scale, 1);
    closePoint(centreOnScreen(viewport, small), { x: 600, y: 400 });
  });

  test("zooms out so large bounds fit inside the margin", () => {
    const large = { x: -1000, y: 200, width: 4000, height: 1000 };
    const viewport = fitRect(large, screen, 50);
    close(viewport.scale, Math.min((1200 - 100) / 4000, (800 - 100) / 1000));
    closePoint(centreOnScreen(viewport, large), { x: 600, y: 400 });
    const left = large.x * viewport.scale + viewport.x;
    const right = (large.x + large.width) * viewport.scale + viewport.x;
    const top = large.y * viewport.scale + viewport.y;
    const bottom = (large.y + large.height) * viewport.scale + viewport.y;
    assert.ok(left >= 50 - 1e-9 && right <= 1150 + 1e-9 && top >= 50 - 1e-9 && bottom <= 750 + 1e-9);
  });

  test("random bounds: always centred, scale in range and at most 1", () => {
    const random = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const bounds = { x: (random() - 0.5) * 2e6, y: (random() - 0.5) * 2e6, width: 1 + random() * 1e5, height: 1 + random() * 1e5 };
      const viewport = fitRect(bounds, screen);
      assert.ok(viewport.scale <= 1 && viewport.scale >= MIN_SCALE, `scale ${viewport.scale}`);
      closePoint(centreOnScreen(viewport, bounds), { x: 600, y: 400 }, `case ${i}`);
    }
  });

  test("bounds too large for MIN_SCALE stay centred at MIN_SCALE", () => {
    const huge = { x: 0, y: 0, width: 1e7, height: 1e7 };
    const viewport = fitRect(huge, screen);
    assert.equal(viewport.scale, MIN_SCALE);
    closePoint(centreOnScreen(viewport, huge), { x: 600, y: 400 });
  });

  test("no bounds or empty bounds give the identity viewport", () => {
    assert.deepEqual(fitRect(null, screen), { x: 0, y: 0, scale: 1 });
    assert.deepEqual(fitRect({ x: 5, y: 5, width: 0, height: 10 }, screen), { x: 0, y: 0, scale: 1 });
    assert.deepEqual(fitRect({ x: 5, y: 5, width: 10, height: -1 }, screen), { x: 0, y: 0, scale: 1 });
  });
});

describe("rectangles", () => {
  test("visibleRect is the board area of the screen", () => {
    assert.deepEqual(visibleRect({ x: -100, y: 50, scale: 2 }, { width: 800, height: 600 }), { x: 50, y: -25, width: 400, height: 300 });
  });

  test("boundsOf encloses all rectangles, null for none", () => {
    assert.equal(boundsOf([]), null);
    assert.deepEqual(
      boundsOf([
        { x: 0, y: 0, width: 10, height: 10 },
        { x: -5, y: 20, width: 10, height: 5 },
      ]),
      { x: -5, y: 0, width: 15, height: 25 },
    );
  });

  test("rectFromPoints normalises any drag direction", () => {
    const expected = { x: 10, y: 20, width: 30, height: 40 };
    assert.deepEqual(rectFromPoints({ x: 10, y: 20 }, { x: 40, y: 60 }), expected);
    assert.deepEqual(rectFromPoints({ x: 40, y: 60 }, { x: 10, y: 20 }), expected);
    assert.deepEqual(rectFromPoints({ x: 40, y: 20 }, { x: 10, y: 60 }), expected);
  });

  test("intersects: overlap yes, touching edges or apart no", () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    assert.equal(intersects(a, { x: 5, y: 5, width: 10, height: 10 }), true);
    assert.equal(intersects(a, { x: 2, y: 2, width: 1, height: 1 }), true);
    assert.equal(intersects(a, { x: 10, y: 0, width: 5, height: 5 }), false);
    assert.equal(intersects(a, { x: 0, y: 20, width: 5, height: 5 }), false);
  });
});
