import assert from "node:assert/strict";
import { test } from "node:test";
import { ViewportStore } from "./viewportStore";

const worksheet = { x: -700, y: -550, width: 1400, height: 1100 };

test("a fit asked for before the canvas has a size waits for it, instead of zooming to 5 % at the corner", () => {
  const viewport = new ViewportStore();
  viewport.fit(worksheet);
  assert.deepEqual(viewport.get(), { x: 0, y: 0, scale: 1 });
  viewport.setScreen({ width: 1440, height: 768 });
  const { x, y, scale } = viewport.get();
  assert.ok(scale > 0.5 && scale < 1, `scale ${scale}`);
  // The worksheet's centre is the canvas's centre.
  assert.equal(x, 720);
  assert.equal(y, 384);
});

test("a pan or zoom by the user before the canvas is measured replaces the waiting fit", () => {
  const viewport = new ViewportStore();
  viewport.fit(worksheet);
  viewport.set({ x: 10, y: 20, scale: 2 });
  viewport.setScreen({ width: 1440, height: 768 });
  assert.deepEqual(viewport.get(), { x: 10, y: 20, scale: 2 });
});

test("with a measured canvas a fit happens at once, and a later resize does not repeat it", () => {
  const viewport = new ViewportStore();
  viewport.setScreen({ width: 1000, height: 800 });
  viewport.fit(worksheet);
  const fitted = viewport.get();
  assert.ok(fitted.scale < 1);
  viewport.set({ ...fitted, x: fitted.x + 50 });
  viewport.setScreen({ width: 1200, height: 800 });
  assert.equal(viewport.get().x, fitted.x + 50);
});
