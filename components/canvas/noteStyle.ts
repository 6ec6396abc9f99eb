/** How note text is laid out; shared by the canvas and the HTML editor laid over it. */
export const NOTE_TEXT_STYLE = {
  padding: 12,
  fontSize: 18,
  lineHeight: 1.25,
  color: "#1f2328",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
} as const;
export const SELECTION_COLOR = "#1d4ed8";
