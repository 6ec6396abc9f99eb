/**
 * Scrolls the page just enough that `element` is inside what the eye sees: the visual viewport,
 * which the on-screen keyboard shrinks (window.innerHeight does not, on every phone). Used for a
 * message after a tap and for the Add button while typing, so a tap never seems to do nothing.
 */
export function revealElement(element: HTMLElement | null, margin = 12): void {
  if (!element || typeof window === "undefined") return;
  const vv = window.visualViewport;
  const top = vv ? vv.offsetTop : 0;
  const bottom = top + (vv ? vv.height : window.innerHeight);
  const rect = element.getBoundingClientRect();
  if (rect.bottom + margin > bottom) window.scrollBy(0, Math.min(rect.bottom + margin - bottom, rect.top - top - margin));
  else if (rect.top - margin < top) window.scrollBy(0, rect.top - margin - top);
}

/** Keeps `element` in view while `field` has focus and the keyboard opens or resizes. Returns the cleanup. */
export function keepInViewWhileFocused(field: HTMLElement, element: () => HTMLElement | null): () => void {
  const vv = window.visualViewport;
  const reveal = () => {
    if (document.activeElement === field) revealElement(element());
  };
  const onFocus = () => {
    // The keyboard opens after focus; the resize below catches it where visualViewport exists.
    requestAnimationFrame(reveal);
  };
  field.addEventListener("focus", onFocus);
  vv?.addEventListener("resize", reveal);
  return () => {
    field.removeEventListener("focus", onFocus);
    vv?.removeEventListener("resize", reveal);
  };
}
