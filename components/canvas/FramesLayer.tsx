"use client";

import type Konva from "konva";
import { useSyncExternalStore, type ReactNode } from "react";
import { Layer } from "./konva";
import { scaleSpread } from "../../lib/board/scale-spread";
import type { FrameSnapshot } from "../../lib/schema/frame";
import type { FrameStore } from "../board/frameStore";
import type { NoteStore } from "../board/noteStore";
import { useKitText } from "../i18n/useKitText";
import { FrameShape } from "./FrameShape";

export interface FramesLayerProps {
  frames: FrameStore;
  notes: NoteStore;
  selected: string | null;
  showText: boolean;
  scaleMarkers: Readonly<Record<string, Readonly<Record<string, number>>>>;
  canMove(frame: FrameSnapshot): boolean;
  /** The frame being dragged and where it was when the drag began. */
  dragging: { id: string; x: number; y: number } | null;
  register(id: string, node: Konva.Group | null): void;
  /** Drawn below the worksheets on the same canvas (the arrival area): each layer is a canvas to composite. */
  children?: ReactNode;
}

/** The worksheets, below the notes: a board has a handful, so all are mounted. */
export function FramesLayer(props: FramesLayerProps) {
  const { frames, dragging } = props;
  const { t } = useKitText();
  const all = useSyncExternalStore(frames.subscribe, () => frames.all(), () => frames.all());
  return (
    <Layer>
      {props.children}
      {all.map((frame) => (
        <FrameShape
          key={frame.id}
          frame={frame}
          selected={props.selected === frame.id}
          movable={props.canMove(frame)}
          showText={props.showText}
          notes={props.notes}
          spread={frame.kind === "scale" ? scaleSpread(props.scaleMarkers[frame.id]) : null}
          t={t}
          frozenAt={dragging?.id === frame.id ? dragging : undefined}
          register={props.register}
        />
      ))}
    </Layer>
  );
}
