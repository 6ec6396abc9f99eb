import assert from "node:assert/strict";
import { test } from "node:test";
import { intersects, type Rect } from "../geometry";
import { seededRandom } from "../testing/seeded-random";
import { FREE_SPOT_GAP, freeSpot } from "./free-spot";

const SIZE = { width: 1200, height: 1000 };
const at = (p: { x: number; y: number }): Rect => ({ ...p, ...SIZE });

test("on an empty board, or where nothing is, a new worksheet is centred where asked", () => {
  assert.deepEqual(freeSpot(SIZE, { x: 600, y: 500 }, []), { x: 0, y: 0 });
  assert.deepEqual(freeSpot(SIZE, { x: 10_000, y: 500 }, [{ x: 0, y: 0, width: 1400, height: 1100 }]), { x: 9400, y: 0 });
});

test("over the worksheet in view (a kit board's opening view), it goes beside it instead, not far away", () => {
  const prioritering = { x: 0, y: 0, width: 1400, height: 1100 };
  const spot = freeSpot(SIZE, { x: 700, y: 550 }, [prioritering]);
  assert.ok(!intersects(at(spot), prioritering));
  assert.ok(Math.hypot(spot.x - 100, spot.y - 50) <= 1400 + FREE_SPOT_GAP + 1, `near: ${JSON.stringify(spot)}`);
});

test("on random boards it never covers a worksheet or a note", () => {
  const random = seededRandom(7);
  for (let round = 0; round < 200; round++) {
    const taken: Rect[] = [];
    for (let i = 0; i < 1 + Math.floor(random() * 8); i++) taken.push({ x: Math.floor(random() * 6000), y: Math.floor(random() * 4000), width: 700 + Math.floor(random() * 800), height: 400 + Math.floor(random() * 800) });
    for (let i = 0; i < Math.floor(random() * 40); i++) taken.push({ x: Math.floor(random() * 8000), y: Math.floor(random() * 6000), width: 160, height: 160 });
    const spot = freeSpot(SIZE, { x: random() * 8000, y: random() * 6000 }, taken);
    for (const rect of taken) assert.ok(!intersects(at(spot), rect), `round ${round}: ${JSON.stringify(spot)} covers ${JSON.stringify(rect)}`);
  }
});
