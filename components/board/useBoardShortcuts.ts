"use client";

import { useEffect, useRef } from "react";

export interface Shortcuts {
  newNote(): void;
  deleteSelection(): void;
  undo(): void;
  redo(): void;
  editSelection(): void;
  clearSelection(): void;
  nudge(dx: number, dy: number): void;
  zoomIn(): void;
  zoomOut(): void;
  zoomFit(): void;
  setSpaceHeld(held: boolean): void;
}

/** Board-wide keys. Fields, dialogs and the note list handle their own keys first. */
export function useBoardShortcuts(editable: boolean, shortcuts: Shortcuts) {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;

  useEffect(() => {
    const typingIn = (target: EventTarget | null) =>
      target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || !!target.closest("dialog"));

    const onKeyDown = (event: KeyboardEvent) => {
      if (typingIn(event.target)) return;
      const s = ref.current;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const handled = () => event.preventDefault();
      if (mod && key === "z") {
        handled();
        if (editable) (event.shiftKey ? s.redo : s.undo)();
      } else if (mod && key === "y") {
        handled();
        if (editable) s.redo();
      } else if (mod) {
        return;
      } else if (key === " " && !(event.target instanceof HTMLButtonElement)) {
        handled();
        s.setSpaceHeld(true);
      } else if (key === "n" && editable) {
        handled();
        s.newNote();
      } else if ((key === "delete" || key === "backspace") && editable) {
        handled();
        s.deleteSelection();
      } else if (key === "enter" && editable && !(event.target instanceof HTMLButtonElement)) {
        handled();
        s.editSelection();
      } else if (key === "escape") {
        s.clearSelection();
      } else if (key.startsWith("arrow") && !(event.target instanceof HTMLButtonElement)) {
        handled();
        const step = event.shiftKey ? 50 : 10;
        const [dx, dy] = { arrowleft: [-step, 0], arrowright: [step, 0], arrowup: [0, -step], arrowdown: [0, step] }[key] ?? [0, 0];
        s.nudge(dx, dy);
      } else if (key === "+" || key === "=") {
        s.zoomIn();
      } else if (key === "-") {
        s.zoomOut();
      } else if (key === "!" || (key === "1" && event.shiftKey)) {
        s.zoomFit();
      }
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === " ") ref.current.setSpaceHeld(false);
    };
    const onBlur = () => ref.current.setSpaceHeld(false);
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("keyup", onKeyUp);
    window.addEventListener("blur", onBlur);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("keyup", onKeyUp);
      window.removeEventListener("blur", onBlur);
    };
  }, [editable]);
}
