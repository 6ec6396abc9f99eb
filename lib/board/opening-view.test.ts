import assert from "node:assert/strict";
import { test } from "node:test";
import { visibleRect } from "../geometry";
import { NOTE_FONT } from "../note-fit";
import { DEFAULT_FRAME_SIZE } from "./frames";
import { firstWorksheet, openingView, PROJECTOR_TEXT_PX, projectorFollowing, projectorScaleFor, projectorView, READABLE_TEXT_PX } from "./opening-view";
import { viewportShowing } from "../follow/presenting";

// The canvas of a 1280x800 laptop once the header and toolbar have their share.
const LAPTOP = { width: 1280, height: 680 };
const quadrant = { x: 0, y: 0, ...DEFAULT_FRAME_SIZE.quadrant };
const flipchart = { x: 1480, y: 0, ...DEFAULT_FRAME_SIZE.flipchart };
const parking = { x: 0, y: 1180, ...DEFAULT_FRAME_SIZE.parking };

test("a kit board opens with its smallest note text at least 12 px on a laptop", () => {
  const whole = { x: 0, y: 0, width: 2180, height: 2180 };
  const view = openingView(whole, [parking, flipchart, quadrant], LAPTOP);
  assert.ok(view.scale * NOTE_FONT.min >= READABLE_TEXT_PX - 1e-9, `${view.scale * NOTE_FONT.min} px`);
});

test("it opens on the first worksheet, its title in view, rather than on the whole board", () => {
  const whole = { x: 0, y: 0, width: 2180, height: 2180 };
  const view = openingView(whole, [parking, flipchart, quadrant], LAPTOP);
  const seen = visibleRect(view, LAPTOP);
  assert.ok(seen.x <= quadrant.x && seen.y <= quadrant.y, "the first worksheet's top-left corner (its title) is in view");
  assert.ok(seen.x + seen.width >= quadrant.x + quadrant.width, "its whole width is in view");
});

test("a board small enough to read whole opens whole", () => {
  const notes = { x: 100, y: 100, width: 600, height: 400 };
  const view = openingView(notes, [], LAPTOP);
  const seen = visibleRect(view, LAPTOP);
  assert.ok(seen.x <= 100 && seen.y <= 100 && seen.x + seen.width >= 700 && seen.y + seen.height >= 500);
});

test("a large screen shows the first worksheet whole when that is readable", () => {
  const big = { width: 2400, height: 1300 };
  const view = openingView({ x: 0, y: 0, width: 4000, height: 4000 }, [quadrant, flipchart], big);
  const seen = visibleRect(view, big);
  assert.ok(seen.y <= 0 && seen.y + seen.height >= quadrant.height, "the quadrant is seen from top to bottom");
});

test("the first worksheet is the top row's leftmost", () => {
  assert.equal(firstWorksheet([parking, flipchart, quadrant]), quadrant);
  assert.equal(firstWorksheet([]), null);
});

// A 1280x720 projector below its strip of step title, question and timer.
const PROJECTOR = { width: 1280, height: 500 };

test("the projector shows three phone notes so a short one reads at 24 px from the back", () => {
  const notes = { x: 2400, y: 100, width: 3 * 184 - 24, height: 160 };
  const whole = { x: 0, y: 0, width: 2960, height: 2180 };
  const view = projectorView(whole, [quadrant, flipchart, parking], notes, PROJECTOR);
  assert.ok(view.scale * NOTE_FONT.max >= PROJECTOR_TEXT_PX, `${view.scale * NOTE_FONT.max} px`);
  const seen = visibleRect(view, PROJECTOR);
  assert.ok(seen.x <= notes.x && seen.x + seen.width >= notes.x + notes.width, "every note is in view");
  assert.ok(seen.y <= notes.y && seen.y + seen.height >= notes.y + notes.height);
});

test("notes on a worksheet are shown with it when that still reads at 24 px, else the notes alone", () => {
  const onFlipchart = { x: 1500, y: 120, width: 340, height: 160 };
  const small = { x: 1480, y: 0, width: 700, height: 400 };
  const withSheet = projectorView({ x: 0, y: 0, width: 2180, height: 2180 }, [quadrant, small], onFlipchart, PROJECTOR);
  const seen = visibleRect(withSheet, PROJECTOR);
  assert.ok(seen.x <= small.x && seen.x + seen.width >= small.x + small.width, "the small worksheet is in view");
  const onQuadrant = { x: 200, y: 300, width: 700, height: 500 };
  const alone = projectorView({ x: 0, y: 0, width: 2180, height: 2180 }, [quadrant], onQuadrant, PROJECTOR);
  assert.ok(alone.scale * NOTE_FONT.max >= PROJECTOR_TEXT_PX, "the big quadrant is not shrunk to fit, its notes are shown readable");
  const seenAlone = visibleRect(alone, PROJECTOR);
  assert.ok(seenAlone.y <= onQuadrant.y && seenAlone.y + seenAlone.height >= onQuadrant.y + onQuadrant.height, "with every note in view");
});

test("a board without notes is shown whole on the projector", () => {
  const whole = { x: 0, y: 0, width: 2180, height: 2180 };
  const seen = visibleRect(projectorView(whole, [quadrant], null, PROJECTOR), PROJECTOR);
  assert.ok(seen.width >= whole.width && seen.height >= whole.height);
});

test("a presenter zoomed out on a laptop is shown on the projector around the same middle, readable from the back", () => {
  // The facilitator shows the whole quadrant at 40 %: 13 px on the laptop, too small for the room.
  const presented = { x: 0, y: 0, width: 3200, height: 1700 };
  const view = projectorFollowing(viewportShowing(presented, PROJECTOR), PROJECTOR);
  assert.ok(view.scale * NOTE_FONT.max >= PROJECTOR_TEXT_PX, `${view.scale * NOTE_FONT.max} px`);
  const seen = visibleRect(view, PROJECTOR);
  assert.ok(Math.abs(seen.x + seen.width / 2 - 1600) < 1e-6 && Math.abs(seen.y + seen.height / 2 - 850) < 1e-6, "the same middle");
});

test("a presenter's view that already reads at 24 px is shown as it is", () => {
  const presented = { x: 100, y: 200, width: 1280, height: 500 };
  const shown = viewportShowing(presented, PROJECTOR);
  assert.deepEqual(projectorFollowing(shown, PROJECTOR), shown);
});

test("notes of sentences are shown where their smallest text reads at 24 px, from their top-left when not all fit", () => {
  // Twenty notes over a quadrant; the longest written at the 16 px minimum.
  const notes = { x: 200, y: 300, width: 1000, height: 700 };
  const view = projectorView({ x: 0, y: 0, width: 1400, height: 1100 }, [{ x: 0, y: 0, width: 1400, height: 1100 }], notes, PROJECTOR, NOTE_FONT.min);
  assert.ok(view.scale * NOTE_FONT.min >= PROJECTOR_TEXT_PX - 1e-9, `${view.scale * NOTE_FONT.min} px`);
  const seen = visibleRect(view, PROJECTOR);
  assert.ok(Math.abs(seen.x - (notes.x - 48 / view.scale)) < 1e-6 && Math.abs(seen.y - (notes.y - 48 / view.scale)) < 1e-6, "from the notes' top-left corner");
});

test("the text size sets the zoom: short notes need 0.75, the 16 px minimum 1.5, a long word's 11 px no more than 24/11", () => {
  assert.equal(projectorScaleFor(NOTE_FONT.max), 0.75);
  assert.equal(projectorScaleFor(NOTE_FONT.min), 1.5);
  assert.equal(projectorScaleFor(4), PROJECTOR_TEXT_PX / NOTE_FONT.longWordMin);
});

test("a presenter's view with a long note in it is enlarged until that note reads at 24 px", () => {
  const presented = { x: 0, y: 0, width: 1280, height: 500 };
  const view = projectorFollowing(viewportShowing(presented, PROJECTOR), PROJECTOR, NOTE_FONT.min);
  assert.ok(view.scale * NOTE_FONT.min >= PROJECTOR_TEXT_PX - 1e-9, `${view.scale * NOTE_FONT.min} px`);
});

test("enlarged, the projector shows the presented notes from their top-left, not the empty middle between cells", () => {
  const presented = { x: 0, y: 0, width: 1400, height: 1100 };
  const notes = { x: 100, y: 150, width: 1000, height: 700 };
  const view = projectorFollowing(viewportShowing(presented, PROJECTOR), PROJECTOR, NOTE_FONT.min, notes);
  assert.ok(view.scale * NOTE_FONT.min >= PROJECTOR_TEXT_PX - 1e-9);
  const seen = visibleRect(view, PROJECTOR);
  assert.ok(seen.x <= notes.x && seen.y <= notes.y && seen.y + seen.height > notes.y + 160, "the first row of notes whole");
  const few = { x: 600, y: 500, width: 400, height: 160 };
  const centred = visibleRect(projectorFollowing(viewportShowing(presented, PROJECTOR), PROJECTOR, NOTE_FONT.min, few), PROJECTOR);
  assert.ok(centred.x <= few.x && centred.x + centred.width >= few.x + few.width && centred.y <= few.y && centred.y + centred.height >= few.y + few.height, "notes that fit are all shown");
});
