"use client";

import type Konva from "konva";
import { memo, useMemo, useSyncExternalStore } from "react";
import { Arc, Circle, Group, Line, Rect, Text } from "./konva";
import { bodyRect, cellRects, FRAME_TITLE_HEIGHT, CELL_HEADING_HEIGHT, QUADRANT_GUTTER_LEFT, QUADRANT_GUTTER_TOP, scaleLine, scaleX } from "../../lib/board/frame-layout";
import type { ScaleSpread } from "../../lib/board/scale-spread";
import type { KitTranslate } from "../../lib/i18n/kit";
import type { FrameSnapshot } from "../../lib/schema/frame";
import type { NoteSnapshot } from "../../lib/schema/note";
import type { NoteStore } from "../board/noteStore";
import { NOTE_TEXT_STYLE, SELECTION_COLOR } from "./noteStyle";

export const FRAME_NAME = "frame";
/** The title band: where a frame is picked up, selected and (double-click) edited. */
export const FRAME_TITLE_NAME = "frame-title";
/** A scale frame's body: a click there places this user's marker. */
export const SCALE_HIT_NAME = "scale-hit";

/** Calm colours that read on a projector; text meets WCAG AA on its background. */
const INK = "#1f2328";
const MUTED = "#4b5563";
const EDGE = "#8a857a";
const BAND = "#e8e4da";
const PAPER = "#fffdf8";
const HEADING = "#f1eee6";
const FONT = NOTE_TEXT_STYLE.fontFamily;
const PAD = 24;
/** Dots drawn per value before the count alone says how many: the stack stays inside the frame. */
const MAX_STACK = 4;

export interface FrameShapeProps {
  frame: FrameSnapshot;
  selected: boolean;
  /** The title band takes the pointer (a grab cursor) when this user may move the frame. */
  movable: boolean;
  showText: boolean;
  notes: NoteStore;
  /** Scale frames: where the room's markers are. */
  spread: ScaleSpread | null;
  t: KitTranslate;
  /** Where the frame was when a drag began; while set, the canvas owns the node's position. */
  frozenAt: { x: number; y: number } | undefined;
  register(id: string, node: Konva.Group | null): void;
}

/**
 * One worksheet, drawn from the rectangles in lib/board/frame-layout.ts (the same ones that decide
 * a note's cell), in the frame's own coordinates. Below the notes: only the title band and a
 * scale's line listen to the pointer, the rest of the frame is board to pan and double-click on.
 */
export const FrameShape = memo(function FrameShape(props: FrameShapeProps) {
  const { frame, selected, movable, showText, t, register } = props;
  const paper = frame.kind === "flipchart" ? "#ffffff" : PAPER;
  const position = props.frozenAt ?? frame;
  return (
    <Group ref={(node) => register(frame.id, node)} id={frame.id} name={FRAME_NAME} x={position.x} y={position.y}>
      {/* The paper casts the shadow, not its edge: a shadow for both makes Konva paint the sheet on
          a sheet-sized canvas of its own first, on every frame of a zoom (about 60 ms each time on
          the kit boards' five worksheets in software rendering). */}
      <Rect width={frame.width} height={frame.height} fill={paper} cornerRadius={10} stroke={selected ? SELECTION_COLOR : EDGE} strokeWidth={selected ? 4 : 2} strokeScaleEnabled={false} listening={false} shadowColor="rgba(0,0,0,0.18)" shadowBlur={frame.kind === "flipchart" ? 18 : 0} shadowOffsetY={6} shadowForStrokeEnabled={false} />
      <TitleBand frame={frame} movable={movable} showText={showText} t={t} />
      {showText && frame.kind === "quadrant" && <QuadrantAxes frame={frame} />}
      {frame.kind !== "scale" && <Cells frame={frame} showText={showText} />}
      {showText && frame.kind === "parking" && <ParkingDetails frame={frame} notes={props.notes} t={t} />}
      {frame.kind === "scale" && <ScaleLine frame={frame} spread={props.spread} showText={showText} t={t} />}
    </Group>
  );
});

function TitleBand({ frame, movable, showText, t }: { frame: FrameSnapshot; movable: boolean; showText: boolean; t: KitTranslate }) {
  const badges = [frame.group !== undefined ? t("frames.group", { group: frame.group }) : null].filter(Boolean).join("  ");
  const badgeWidth = badges ? 220 : 0;
  const lockWidth = frame.locked ? 56 : 0;
  return (
    <Group>
      <Rect
        name={FRAME_TITLE_NAME}
        width={frame.width}
        height={FRAME_TITLE_HEIGHT}
        fill={frame.kind === "flipchart" ? "#ffffff" : BAND}
        cornerRadius={[10, 10, 0, 0]}
        onMouseEnter={(e) => setCursor(e, movable ? "move" : "default")}
        onMouseLeave={(e) => setCursor(e, "")}
      />
      {frame.kind === "flipchart" && <Line points={[PAD, FRAME_TITLE_HEIGHT - 6, frame.width - PAD, FRAME_TITLE_HEIGHT - 6]} stroke={MUTED} strokeWidth={3} listening={false} />}
      {showText && (
        <Text
          x={PAD}
          width={Math.max(1, frame.width - 2 * PAD - badgeWidth - lockWidth)}
          height={FRAME_TITLE_HEIGHT}
          verticalAlign="middle"
          text={frame.title || t("frames.untitled")}
          fontSize={frame.kind === "flipchart" ? 40 : 36}
          fontStyle="bold"
          fontFamily={FONT}
          fill={frame.title ? INK : MUTED}
          wrap="none"
          ellipsis
          listening={false}
        />
      )}
      {showText && badges && (
        <Text x={frame.width - PAD - lockWidth - badgeWidth} width={badgeWidth} height={FRAME_TITLE_HEIGHT} verticalAlign="middle" align="right" text={badges} fontSize={28} fontStyle="bold" fontFamily={FONT} fill={SELECTION_COLOR} listening={false} />
      )}
      {frame.locked && <LockSymbol x={frame.width - PAD - 30} y={FRAME_TITLE_HEIGHT / 2} />}
    </Group>
  );
}

function setCursor(e: Konva.KonvaEventObject<MouseEvent>, cursor: string) {
  const container = e.target.getStage()?.container();
  if (container) container.style.cursor = cursor;
}

/** A padlock of two shapes: no emoji font needed on the projector's computer. */
function LockSymbol({ x, y }: { x: number; y: number }) {
  return (
    <Group x={x} y={y} listening={false}>
      <Arc x={15} y={-2} innerRadius={7} outerRadius={11} angle={180} rotation={180} fill={MUTED} />
      <Rect x={0} y={-2} width={30} height={22} cornerRadius={4} fill={MUTED} />
    </Group>
  );
}

/** The cells, in frame coordinates: quadrant numbers large in the corner, column headings in a band. */
function Cells({ frame, showText }: { frame: FrameSnapshot; showText: boolean }) {
  const cells = cellRects(frame);
  const single = frame.kind === "flipchart" || frame.kind === "parking";
  return (
    <Group listening={false}>
      {cells.map((cell) => {
        const x = cell.x - frame.x;
        const y = cell.y - frame.y;
        return (
          <Group key={cell.index}>
            {!single && <Rect x={x} y={y} width={cell.width} height={cell.height} stroke={EDGE} strokeWidth={2} strokeScaleEnabled={false} />}
            {frame.kind === "columns" && <Rect x={x} y={y} width={cell.width} height={CELL_HEADING_HEIGHT} fill={HEADING} stroke={EDGE} strokeWidth={1} strokeScaleEnabled={false} />}
            {showText && frame.kind === "columns" && cell.label && (
              <Text x={x + 12} y={y} width={cell.width - 24} height={CELL_HEADING_HEIGHT} align="center" verticalAlign="middle" text={cell.label} fontSize={28} fontStyle="bold" fontFamily={FONT} fill={INK} wrap="none" ellipsis />
            )}
            {showText && frame.kind === "quadrant" && cell.label && (
              <Text x={x + 16} y={y + 8} text={cell.label} fontSize={48} fontStyle="bold" fontFamily={FONT} fill={MUTED} />
            )}
          </Group>
        );
      })}
    </Group>
  );
}

/** Axis names and the values along them, in the gutters left of and above the cells. */
function QuadrantAxes({ frame }: { frame: FrameSnapshot }) {
  const body = bodyRect(frame);
  const left = body.x - frame.x;
  const top = body.y - frame.y;
  const rowHeight = body.height / frame.rows;
  const columnWidth = body.width / frame.columns;
  const text = { fontFamily: FONT, fill: INK, listening: false, wrap: "word" as const, ellipsis: true };
  return (
    <Group listening={false}>
      {frame.rowAxis && (
        // Turned a quarter, reading upwards along the rows.
        <Text x={8} y={top + body.height} width={body.height} height={44} rotation={-90} align="center" verticalAlign="middle" text={frame.rowAxis} fontSize={26} fontStyle="bold" {...text} />
      )}
      {frame.rowLabels?.map((label, row) => (
        <Text key={row} x={56} y={top + row * rowHeight} width={QUADRANT_GUTTER_LEFT - 64} height={rowHeight} align="center" verticalAlign="middle" text={label} fontSize={28} {...text} />
      ))}
      {frame.columnAxis && (
        <Text x={left} y={FRAME_TITLE_HEIGHT + 4} width={body.width} height={QUADRANT_GUTTER_TOP / 2} align="center" verticalAlign="middle" text={frame.columnAxis} fontSize={26} fontStyle="bold" {...text} />
      )}
      {frame.columnLabels?.map((label, column) => (
        <Text key={column} x={left + column * columnWidth} y={FRAME_TITLE_HEIGHT + QUADRANT_GUTTER_TOP / 2} width={columnWidth} height={QUADRANT_GUTTER_TOP / 2} align="center" verticalAlign="middle" text={label} fontSize={28} {...text} />
      ))}
    </Group>
  );
}

/**
 * A parking lot is a list: right of each note what the group agreed (seeds/000, Arbetsmöte 5):
 * its significance, status, who is responsible, when to start and when to follow up.
 */
function ParkingDetails({ frame, notes, t }: { frame: FrameSnapshot; notes: NoteStore; t: KitTranslate }) {
  const version = useSyncExternalStore(notes.subscribe, () => notes.version, () => 0);
  const parked = useMemo(() => {
    void version;
    return notes.all().filter((note) => note.frame === frame.id);
  }, [notes, version, frame.id]);
  return (
    <Group listening={false}>
      {parked.map((note) => (
        <ParkingRow key={note.id} frame={frame} note={note} t={t} />
      ))}
    </Group>
  );
}

function ParkingRow({ frame, note, t }: { frame: FrameSnapshot; note: NoteSnapshot; t: KitTranslate }) {
  const x = note.x + note.width + PAD - frame.x;
  const width = frame.x + frame.width - PAD - (note.x + note.width + PAD);
  if (width < 120) return null;
  const struck = note.status === "struck";
  const lines = [
    note.status && note.status !== "open" ? t(`frames.status.${note.status}`) : null,
    note.owner ? t("frames.parking.drawOwner", { name: note.owner }) : null,
    [note.startDate && t("frames.parking.drawStart", { date: note.startDate }), note.followUpDate && t("frames.parking.drawFollowUp", { date: note.followUpDate })].filter(Boolean).join("   ") || null,
  ].filter((line): line is string => Boolean(line));
  return (
    <Group x={x} y={note.y - frame.y} opacity={struck ? 0.6 : 1}>
      {note.significance === "large" && (
        <Group>
          <Rect width={Math.min(width, 260)} height={40} cornerRadius={20} fill="#b45309" />
          <Text width={Math.min(width, 260)} height={40} align="center" verticalAlign="middle" text={`★ ${t("frames.parking.large")}`} fontSize={22} fontStyle="bold" fontFamily={FONT} fill="#ffffff" />
        </Group>
      )}
      <Text
        y={note.significance === "large" ? 52 : 0}
        width={width}
        text={lines.join("\n")}
        fontSize={24}
        lineHeight={1.35}
        fontFamily={FONT}
        fill={struck ? MUTED : INK}
        textDecoration={struck ? "line-through" : ""}
      />
    </Group>
  );
}

/** The 0-10 line with its ticks, its two ends' meanings, everyone's markers stacked per value, and the median. */
function ScaleLine({ frame, spread, showText, t }: { frame: FrameSnapshot; spread: ScaleSpread | null; showText: boolean; t: KitTranslate }) {
  const body = bodyRect(frame);
  const line = scaleLine(frame);
  const y = line.y - frame.y;
  const at = (value: number) => scaleX(frame, value) - frame.x;
  const dot = 13;
  return (
    <Group>
      <Rect name={SCALE_HIT_NAME} x={body.x - frame.x} y={body.y - frame.y} width={body.width} height={body.height} fill="rgba(0,0,0,0)" />
      <Group listening={false}>
        <Line points={[at(0), y, at(10), y]} stroke={INK} strokeWidth={4} lineCap="round" />
        {Array.from({ length: 11 }, (_, value) => (
          <Group key={value} x={at(value)} y={y}>
            <Line points={[0, -14, 0, 14]} stroke={INK} strokeWidth={value % 5 === 0 ? 4 : 2} />
            {showText && <Text x={-30} y={22} width={60} align="center" text={String(value)} fontSize={28} fontStyle="bold" fontFamily={FONT} fill={INK} />}
          </Group>
        ))}
        {showText && frame.lowLabel && <Text x={at(0) - 60} y={y + 56} width={Math.max(1, (at(10) - at(0)) / 2)} text={frame.lowLabel} fontSize={24} fontFamily={FONT} fill={MUTED} />}
        {showText && frame.highLabel && (
          <Text x={at(5) + 60} y={y + 56} width={Math.max(1, (at(10) - at(0)) / 2)} align="right" text={frame.highLabel} fontSize={24} fontFamily={FONT} fill={MUTED} />
        )}
        {spread?.counts.map((count, value) =>
          count === 0 ? null : (
            <Group key={value} x={at(value)} y={y - 24}>
              {Array.from({ length: Math.min(count, MAX_STACK) }, (_, i) => (
                <Circle key={i} y={-dot - i * (2 * dot + 4)} radius={dot} fill={SELECTION_COLOR} stroke="#ffffff" strokeWidth={2} />
              ))}
              {showText && <Text x={-30} y={-Math.min(count, MAX_STACK) * (2 * dot + 4) - 34} width={60} align="center" text={String(count)} fontSize={26} fontStyle="bold" fontFamily={FONT} fill={SELECTION_COLOR} />}
            </Group>
          ),
        )}
        {spread && spread.median !== null && (
          <Group x={at(spread.median)} y={y + 110}>
            <Line points={[0, -18, -12, 0, 12, 0]} closed fill="#b45309" />
            {showText && <Text x={-100} y={6} width={200} align="center" text={t("frames.scale.median", { value: formatValue(spread.median) })} fontSize={24} fontStyle="bold" fontFamily={FONT} fill="#92400e" />}
          </Group>
        )}
        {showText && spread && spread.total > 0 && (
          <Text x={PAD} y={body.y - frame.y + 12} text={t("frames.scale.markers", { count: spread.total })} fontSize={22} fontFamily={FONT} fill={MUTED} />
        )}
      </Group>
    </Group>
  );
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
