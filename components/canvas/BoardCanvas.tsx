"use client";

import type Konva from "konva";
import { useCallback, useEffect, useRef, useState } from "react";
import { Konva as KonvaCore, Layer, Rect, Stage } from "./konva";
import { scaleValueAt } from "../../lib/board/frame-layout";
import { rectFromPoints, toBoard, visibleRect, zoomAround, type Point, type Rect as Box } from "../../lib/geometry";
import type { FrameSnapshot } from "../../lib/schema/frame";
import type { FrameStore } from "../board/frameStore";
import type { Translate } from "../../lib/i18n";
import type { WebsocketProvider } from "y-websocket";
import type { NoteStore } from "../board/noteStore";
import { useViewportScale, type ViewportStore } from "../board/viewportStore";
import { NOTE_NAME, NoteShape, VOTE_CHIP_NAME } from "./NoteShape";
import { SELECTION_COLOR, voteChipHeight } from "./noteStyle";
import { useCoarsePointer } from "./useCoarsePointer";
import { FRAME_NAME, FRAME_TITLE_NAME, SCALE_HIT_NAME } from "./FrameShape";
import { FramesLayer } from "./FramesLayer";
import { ArrivalArea } from "./ArrivalArea";
import { PresenceLayer } from "./PresenceLayer";
import { NotesInPassing } from "./NotesInPassing";

export interface BoardCanvasProps {
  store: NoteStore;
  viewport: ViewportStore;
  selection: ReadonlySet<string>;
  editingId: string | null;
  editable: boolean;
  spaceHeld: boolean;
  awareness: WebsocketProvider["awareness"];
  label: string;
  t: Translate;
  onSelect(ids: Set<string>): void;
  onCreateAt(point: Point): void;
  onEdit(id: string): void;
  onMove(moves: Array<{ id: string; x: number; y: number }>): void;
  onDragStart(ids: string[]): void;
  onCursor(point: Point | null): void;
  /** A vote on the board: candidates with this user's dots, public counts, and how to vote. */
  voting: BoardVoting | null;
  /** Worksheets (frames): drawn below the notes, picked up by their title band. */
  worksheets?: BoardWorksheets;
  /** Where notes from phones land ("Nya lappar"), drawn below everything. */
  arrival?: { area: Box; label: Box; text: string } | null;
}

export interface BoardWorksheets {
  frames: FrameStore;
  selected: string | null;
  /** Frame id → participant id → value: everyone's markers on each scale. */
  scaleMarkers: Readonly<Record<string, Readonly<Record<string, number>>>>;
  canMove(frame: FrameSnapshot): boolean;
  onSelect(id: string | null): void;
  onEdit(id: string): void;
  onMove(id: string, x: number, y: number): void;
  /** A click on a scale's line: this user's marker goes to `value`. */
  onScaleValue(frameId: string, value: number): void;
  /** Notes let go after a drag (their cells already decided). */
  onDrop(noteIds: string[]): void;
}

export interface BoardVoting {
  /** Open vote: candidate id → my dots. */
  myDots: ReadonlyMap<string, number> | null;
  /** Public counts (closed vote, or shown live). */
  counts: Readonly<Record<string, number>> | null;
  onDot(noteId: string): void;
}

/** Below this zoom notes are drawn without text: unreadable anyway, and far cheaper. */
const TEXT_MIN_SCALE = 0.35;
const LIVE_MOVE_INTERVAL_MS = 100;
/** A zoom (wheel, trackpad pinch, two fingers) is at rest after this long without a step. */
const ZOOM_REST_MS = 150;

interface DragSession {
  anchorId: string;
  ids: string[];
  start: Map<string, { x: number; y: number }>;
  lastSent: number;
}

type Gesture =
  | { kind: "pan"; pointer: Point; viewport: { x: number; y: number; scale: number } }
  | { kind: "frame"; id: string; from: Point; start: Point; notes: Map<string, Point>; lastSent: number }
  | { kind: "band"; from: Point }
  | { kind: "pinch"; distance: number; center: Point };

/**
 * The Konva board. The stage transform is set imperatively from the viewport store (no React
 * render per pan frame); only notes overlapping the screen are mounted; one set of handlers on
 * the stage dispatches on the event target.
 */
export default function BoardCanvas(props: BoardCanvasProps) {
  const { store, viewport, selection, editingId, editable, spaceHeld, awareness, label, t } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const bandRef = useRef<Konva.Rect>(null);
  // The rubber band's layer is made the first time one is drawn: every layer is two canvases the
  // size of the board, which a board that has only just opened should not wait for.
  const [bandUsed, setBandUsed] = useState(false);
  const notesLayerRef = useRef<Konva.Layer>(null);
  const resumeTimer = useRef(0);
  const zoomRestTimer = useRef(0);
  /** While a zoom is under way no notes are mounted: NotesInPassing draws the ones still missing. */
  const zooming = useRef(false);
  const stopFollowing = useRef<(() => void) | null>(null);
  const nodes = useRef(new Map<string, Konva.Group>());
  const frameNodes = useRef(new Map<string, Konva.Group>());
  const drag = useRef<DragSession | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const touches = useRef(new Map<number, Point>());
  /** When two fingers last left the screen: the lifts of a pinch and a pan are not a double tap. */
  const pinchEndedAt = useRef(-Infinity);
  const propsRef = useRef(props);
  propsRef.current = props;

  const [size, setSize] = useState({ width: 0, height: 0 });
  const [visibleIds, setVisibleIds] = useState<string[]>([]);
  const [, setDragVersion] = useState(0);
  const scale = useViewportScale(viewport);
  const showText = scale >= TEXT_MIN_SCALE;
  // Only a finger needs the chip to grow as the board zooms out; a mouse keeps every note unchanged.
  const touch = useCoarsePointer();
  const chipHeight = voteChipHeight(scale, touch && Boolean(props.voting?.myDots));

  const register = useCallback((id: string, node: Konva.Group | null) => {
    if (node) nodes.current.set(id, node);
    else nodes.current.delete(id);
  }, []);
  const registerFrame = useCallback((id: string, node: Konva.Group | null) => {
    if (node) frameNodes.current.set(id, node);
    else frameNodes.current.delete(id);
  }, []);

  // Keep the stage the size of its box.
  useEffect(() => {
    const element = containerRef.current!;
    const observer = new ResizeObserver(() => {
      const next = { width: element.clientWidth, height: element.clientHeight };
      viewport.setScreen(next);
      setSize(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [viewport]);

  // Which notes to mount: those on screen (with a margin), plus any being dragged or edited.
  const recompute = useCallback(() => {
    const { width, height } = viewport.screen;
    if (width === 0) return;
    const area = visibleRect(viewport.get(), { width, height });
    const margin = { x: area.x - area.width * 0.25, y: area.y - area.height * 0.25, width: area.width * 1.5, height: area.height * 1.5 };
    const ids = store.search(margin);
    const extra = [...(drag.current?.ids ?? []), ...(propsRef.current.editingId ? [propsRef.current.editingId] : [])];
    for (const id of extra) if (!ids.includes(id) && store.get(id)) ids.push(id);
    setVisibleIds((previous) => (sameList(previous, ids) ? previous : ids));
  }, [store, viewport]);

  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame || zooming.current) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        recompute();
      });
    };
    const applyTransform = () => {
      const stage = stageRef.current;
      if (!stage) return;
      const v = viewport.get();
      stage.position({ x: v.x, y: v.y });
      stage.scale({ x: v.scale, y: v.scale });
      stage.batchDraw();
      // The view, for tests that turn board units into screen points (no React render per pan).
      Object.assign(containerRef.current?.dataset ?? {}, { viewX: String(v.x), viewY: String(v.y), viewScale: String(v.scale) });
      schedule();
    };
    applyTransform();
    const offStore = store.subscribe(schedule);
    const offViewport = viewport.subscribe(applyTransform);
    return () => {
      offStore();
      offViewport();
      cancelAnimationFrame(frame);
    };
  }, [store, viewport, recompute, size]);

  useEffect(recompute, [recompute, editingId]);

  // Mounting the notes a zoom brings into view is what makes its frames late (hundreds at a time
  // when zooming out): they are mounted once the zoom rests, and drawn as plain cards until then.
  const zoomStep = useCallback(() => {
    zooming.current = true;
    window.clearTimeout(zoomRestTimer.current);
    zoomRestTimer.current = window.setTimeout(() => {
      zooming.current = false;
      recompute();
    }, ZOOM_REST_MS);
  }, [recompute]);

  // While the view moves nothing can be clicked, so the notes layer skips redrawing its hit
  // canvas, which is most of the cost when thousands of notes are in view.
  const pauseHits = useCallback(() => {
    window.clearTimeout(resumeTimer.current);
    notesLayerRef.current?.listening(false);
  }, []);
  const resumeHits = useCallback((afterMs = 0) => {
    window.clearTimeout(resumeTimer.current);
    const resume = () => {
      const layer = notesLayerRef.current;
      if (!layer || layer.listening()) return;
      layer.listening(true);
      layer.drawHit(); // now, not next frame: the very next click must find its note
    };
    if (afterMs === 0) resume();
    else resumeTimer.current = window.setTimeout(resume, afterMs);
  }, []);

  // A click right after a wheel zoom must not wait for the pause to end. Capture phase: this runs
  // before Konva looks up what is under the pointer.
  useEffect(() => {
    const element = containerRef.current!;
    const resumeNow = () => gesture.current === null && resumeHits();
    element.addEventListener("pointerdown", resumeNow, { capture: true });
    return () => element.removeEventListener("pointerdown", resumeNow, { capture: true });
  }, [resumeHits]);

  // Wheel and trackpad pinch zoom around the pointer. Registered by hand: it must not be passive.
  useEffect(() => {
    const element = containerRef.current!;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      if (gesture.current) return; // a pan or pinch owns the view until it ends
      const box = element.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015));
      pauseHits();
      resumeHits(ZOOM_REST_MS);
      zoomStep();
      viewport.set(zoomAround(viewport.get(), { x: event.clientX - box.left, y: event.clientY - box.top }, factor));
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, [viewport, pauseHits, resumeHits, zoomStep]);

  const showBand = (rect: Box | null) => {
    const band = bandRef.current;
    if (rect) band?.setAttrs(rect);
    band?.getLayer()?.visible(rect !== null);
    band?.getLayer()?.batchDraw();
  };

  const pointerIn = (event: PointerEvent): Point => {
    const box = containerRef.current!.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };

  /**
   * A frame follows the pointer at once (its node and its notes' nodes are moved here); the
   * document, and so everyone else, gets the move at most every LIVE_MOVE_INTERVAL_MS and at the end.
   */
  const dragFrame = useCallback((g: FrameGesture, point: Point, final: boolean) => {
    const x = Math.round(g.start.x + point.x - g.from.x);
    const y = Math.round(g.start.y + point.y - g.from.y);
    frameNodes.current.get(g.id)?.position({ x, y });
    for (const [id, start] of g.notes) nodes.current.get(id)?.position({ x: start.x + x - g.start.x, y: start.y + y - g.start.y });
    const now = performance.now();
    if (final || now - g.lastSent >= LIVE_MOVE_INTERVAL_MS) {
      g.lastSent = now;
      propsRef.current.worksheets?.onMove(g.id, x, y);
    }
  }, []);

  // Pans, rubber bands and pinches follow the pointer anywhere on the page until it is released.
  const followPointer = useCallback(() => {
    const move = (event: PointerEvent) => {
      const g = gesture.current;
      if (touches.current.has(event.pointerId)) touches.current.set(event.pointerId, pointerIn(event));
      if (!g) return;
      if (g.kind === "pan") {
        const p = pointerIn(event);
        viewport.set({ ...g.viewport, x: g.viewport.x + p.x - g.pointer.x, y: g.viewport.y + p.y - g.pointer.y });
      } else if (g.kind === "frame") {
        dragFrame(g, toBoard(viewport.get(), pointerIn(event)), false);
      } else if (g.kind === "band") {
        showBand(rectFromPoints(g.from, toBoard(viewport.get(), pointerIn(event))));
      } else if (g.kind === "pinch" && touches.current.size >= 2) {
        const [a, b] = [...touches.current.values()];
        const center = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
        const distance = Math.hypot(a.x - b.x, a.y - b.y);
        zoomStep();
        const zoomed = zoomAround(viewport.get(), g.center, distance / g.distance);
        viewport.set({ ...zoomed, x: zoomed.x + center.x - g.center.x, y: zoomed.y + center.y - g.center.y });
        gesture.current = { kind: "pinch", distance, center };
      }
    };
    const up = (event: PointerEvent) => {
      touches.current.delete(event.pointerId);
      const g = gesture.current;
      if (g?.kind === "pinch") pinchEndedAt.current = performance.now();
      if (g?.kind === "band") {
        const rect = rectFromPoints(g.from, toBoard(viewport.get(), pointerIn(event)));
        showBand(null);
        if (rect.width > 2 || rect.height > 2) {
          propsRef.current.onSelect(new Set(store.search(rect)));
        }
      }
      if (g?.kind === "frame") {
        dragFrame(g, toBoard(viewport.get(), pointerIn(event)), true);
        setDragVersion((v) => v + 1); // the frame and its notes follow the document again
      }
      if (touches.current.size === 0 || g?.kind !== "pinch") gesture.current = null;
      if (g && g.kind !== "band" && !gesture.current) resumeHits();
      if (touches.current.size === 0) stopFollowing.current?.();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", up);
    stopFollowing.current = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", up);
      stopFollowing.current = null;
    };
  }, [store, viewport, resumeHits, dragFrame, zoomStep]);

  // Leaving the board mid-gesture leaves no listener or timer behind.
  useEffect(
    () => () => {
      stopFollowing.current?.();
      window.clearTimeout(resumeTimer.current);
      window.clearTimeout(zoomRestTimer.current);
    },
    [],
  );

  const onPointerDown = (e: Konva.KonvaEventObject<PointerEvent>) => {
    const event = e.evt;
    if (event.pointerType === "mouse" && event.button !== 0) return;
    const pointer = pointerIn(event);
    const firstPointer = gesture.current === null && touches.current.size === 0;
    if (event.pointerType === "touch") touches.current.set(event.pointerId, pointer);
    if (touches.current.size === 2) {
      // A second finger turns any gesture, a note drag included, into pan and pinch.
      KonvaCore.DD.node?.stopDrag();
      const [a, b] = [...touches.current.values()];
      gesture.current = { kind: "pinch", distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)), center: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
      pauseHits();
      return;
    }
    if (props.worksheets && !spaceHeld && onFramePointerDown(e.target, pointer)) {
      if (firstPointer) followPointer();
      return;
    }
    const noteId = noteIdOf(e.target);
    if (noteId && props.voting && e.target.findAncestor(`.${VOTE_CHIP_NAME}`)) {
      props.voting.onDot(noteId);
      return;
    }
    if (spaceHeld || !noteId) {
      if (!noteId && event.shiftKey && !spaceHeld) {
        gesture.current = { kind: "band", from: toBoard(viewport.get(), pointer) };
        setBandUsed(true);
      } else {
        if (!noteId && !event.shiftKey) {
          props.onSelect(new Set());
          props.worksheets?.onSelect(null);
        }
        gesture.current = { kind: "pan", pointer, viewport: viewport.get() };
        pauseHits();
      }
      if (firstPointer) followPointer();
      return;
    }
    if (event.pointerType === "touch" && firstPointer) followPointer();
    if (event.shiftKey) {
      const next = new Set(selection);
      if (next.has(noteId)) next.delete(noteId);
      else next.add(noteId);
      props.onSelect(next);
    } else if (!selection.has(noteId)) {
      props.onSelect(new Set([noteId]));
    }
  };

  /** A press on a frame's title band selects it (and picks it up); on a scale's line it places a marker. */
  const onFramePointerDown = (target: Konva.Node, pointer: Point): boolean => {
    const worksheets = props.worksheets!;
    const hit = frameTargetOf(target);
    const frame = hit && worksheets.frames.get(hit.id);
    if (!hit || !frame) return false;
    const point = toBoard(viewport.get(), pointer);
    if (hit.part === "scale") {
      const value = scaleValueAt(frame, point);
      if (editable && value !== null) worksheets.onScaleValue(frame.id, value);
      return true;
    }
    worksheets.onSelect(frame.id);
    if (!worksheets.canMove(frame)) return true;
    const notes = new Map(store.all().flatMap((note) => (note.frame === frame.id ? [[note.id, { x: note.x, y: note.y }] as const] : [])));
    gesture.current = { kind: "frame", id: frame.id, from: point, start: { x: frame.x, y: frame.y }, notes, lastSent: 0 };
    setDragVersion((v) => v + 1); // freeze the frame and its notes where they are: the drag owns them now
    return true;
  };

  const onDoubleClick = (e: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (!editable) return;
    // Konva counts any two lifts within its window as a double tap, those of a pinch and the pan
    // right after it too; that made a note, and its editor took the next keys typed.
    if (gesture.current?.kind === "pinch" || performance.now() - pinchEndedAt.current < KonvaCore.dblClickWindow) return;
    const hit = props.worksheets ? frameTargetOf(e.target) : null;
    if (hit?.part === "title") return props.worksheets!.onEdit(hit.id);
    if (hit?.part === "scale") return;
    const noteId = noteIdOf(e.target);
    if (noteId) return props.onEdit(noteId);
    const pointer = stageRef.current?.getPointerPosition();
    if (pointer) props.onCreateAt(toBoard(viewport.get(), pointer));
  };

  const movesFor = (session: DragSession, anchor: Konva.Node) => {
    const origin = session.start.get(session.anchorId)!;
    const dx = anchor.x() - origin.x;
    const dy = anchor.y() - origin.y;
    return session.ids.map((id) => ({ id, x: session.start.get(id)!.x + dx, y: session.start.get(id)!.y + dy }));
  };

  const onDragStart = (e: Konva.KonvaEventObject<DragEvent>) => {
    const anchorId = noteIdOf(e.target);
    if (!anchorId) return;
    // A second finger made this a pan or pinch: Konva may still start the drag the finger on a
    // note was about to begin (a loaded machine once moved a note 18 px under a two-finger pan).
    if (touches.current.size >= 2 || gesture.current?.kind === "pinch") {
      e.target.stopDrag();
      const note = store.get(anchorId);
      if (note) e.target.position({ x: note.x, y: note.y });
      return;
    }
    const ids = selection.has(anchorId) ? [...selection] : [anchorId];
    const start = new Map<string, { x: number; y: number }>();
    for (const id of ids) {
      const note = store.get(id);
      if (note) start.set(id, { x: note.x, y: note.y });
    }
    drag.current = { anchorId, ids: [...start.keys()], start, lastSent: 0 };
    recompute(); // selected notes off screen are mounted too, so they move with the others
    setDragVersion((v) => v + 1); // hand the frozen start positions to the dragged notes
    props.onDragStart(drag.current.ids);
  };

  const onDragMove = (e: Konva.KonvaEventObject<DragEvent>) => {
    const session = drag.current;
    if (!session) return;
    const moves = movesFor(session, e.target);
    for (const move of moves) if (move.id !== session.anchorId) nodes.current.get(move.id)?.position(move);
    const now = performance.now();
    if (now - session.lastSent >= LIVE_MOVE_INTERVAL_MS) {
      session.lastSent = now;
      props.onMove(moves);
    }
  };

  const onDragEnd = (e: Konva.KonvaEventObject<DragEvent>) => {
    const session = drag.current;
    if (!session) return;
    props.onMove(movesFor(session, e.target));
    props.worksheets?.onDrop(session.ids);
    drag.current = null;
    setDragVersion((v) => v + 1);
  };

  const onPointerMove = () => {
    const pointer = stageRef.current?.getPointerPosition();
    if (pointer) props.onCursor(toBoard(viewport.get(), pointer));
  };

  const frameGesture = gesture.current?.kind === "frame" ? gesture.current : null;
  const arrival = props.arrival && <ArrivalArea area={props.arrival.area} label={props.arrival.label} text={props.arrival.text} scale={scale} />;

  return (
    <div
      ref={containerRef}
      className={`board-canvas${spaceHeld ? " panning" : ""}`}
      role="img"
      aria-label={label}
      data-testid="board-canvas"
    >
      {size.width > 0 && (
        <Stage
          ref={stageRef}
          width={size.width}
          height={size.height}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerLeave={() => props.onCursor(null)}
          onDblClick={onDoubleClick}
          onDblTap={onDoubleClick}
          onDragStart={onDragStart}
          onDragMove={onDragMove}
          onDragEnd={onDragEnd}
        >
          {props.worksheets ? (
            <FramesLayer
              frames={props.worksheets.frames}
              notes={store}
              selected={props.worksheets.selected}
              showText={showText}
              scaleMarkers={props.worksheets.scaleMarkers}
              canMove={props.worksheets.canMove}
              dragging={frameGesture ? { id: frameGesture.id, ...frameGesture.start } : null}
              register={registerFrame}
            >
              {arrival}
            </FramesLayer>
          ) : (
            arrival && <Layer listening={false}>{arrival}</Layer>
          )}
          <Layer ref={notesLayerRef}>
            <NotesInPassing store={store} viewport={viewport} mounted={nodes.current} />
            {visibleIds.map((id) => (
              <NoteShape
                key={id}
                id={id}
                store={store}
                selected={selection.has(id)}
                editing={editingId === id}
                showText={showText}
                draggable={editable && !spaceHeld && editingId !== id}
                frozenAt={drag.current?.start.get(id) ?? frameGesture?.notes.get(id)}
                register={register}
                myDots={props.voting?.myDots?.get(id) ?? null}
                voteCount={props.voting?.counts?.[id] ?? null}
                chipHeight={chipHeight}
                frames={props.worksheets?.frames}
              />
            ))}
          </Layer>
          {/* Shown only while a rubber band is drawn: a hidden layer costs the compositor nothing. */}
          {bandUsed && (
            <Layer listening={false} visible={false}>
              <Rect ref={bandRef} stroke={SELECTION_COLOR} strokeWidth={1 / scale} dash={[6 / scale, 4 / scale]} fill="rgba(29,78,216,0.08)" />
            </Layer>
          )}
          <PresenceLayer awareness={awareness} store={store} scale={scale} t={t} />
        </Stage>
      )}
    </div>
  );
}

type FrameGesture = Extract<Gesture, { kind: "frame" }>;

/** The frame whose title band or scale line is under the pointer. */
function frameTargetOf(target: Konva.Node): { id: string; part: "title" | "scale" } | null {
  const part = target.hasName(FRAME_TITLE_NAME) ? "title" : target.hasName(SCALE_HIT_NAME) ? "scale" : null;
  const frame = part ? target.findAncestor(`.${FRAME_NAME}`) : null;
  return part && frame ? { id: frame.id(), part } : null;
}

function noteIdOf(target: Konva.Node): string | null {
  const group = target.hasName(NOTE_NAME) ? target : target.findAncestor(`.${NOTE_NAME}`);
  return group ? group.id() : null;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
