"use client";

import { Group, Rect, Text } from "./konva";
import type { Rect as Box } from "../../lib/geometry";
import { NOTE_TEXT_STYLE } from "./noteStyle";

/**
 * "Nya lappar": the dashed area where notes from phones land, named in its band above, below the
 * worksheets and notes, on the worksheets' canvas. Drawn only, never picked up: notes are dragged
 * out of it as from anywhere.
 */
export function ArrivalArea({ area, label, text, scale }: { area: Box; label: Box; text: string; scale: number }) {
  // Readable (about 16 px) however far out the view is zoomed, the room must find it at a glance;
  // never wider than the area, or it would reach over what lies right of it.
  const fontSize = Math.min(Math.max(36, 16 / scale), area.width / 6.5);
  return (
    <Group listening={false}>
      <Rect x={area.x} y={area.y} width={area.width} height={area.height} cornerRadius={12} fill="rgba(29,78,216,0.05)" stroke="#1d4ed8" strokeWidth={2} dash={[12, 8]} strokeScaleEnabled={false} />
      <Text name="arrival-label" x={label.x} y={area.y - fontSize * 1.4} text={text} fontSize={fontSize} fontStyle="bold" fontFamily={NOTE_TEXT_STYLE.fontFamily} fill="#1e3a8a" />
    </Group>
  );
}
