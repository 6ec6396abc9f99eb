import type { KitTranslate } from "../../lib/i18n/kit";
import type { FrameFields, FrameKind } from "../../lib/schema/frame";

export const MIN_COLUMNS = 2;
export const MAX_COLUMNS = 6;

type Defaults = Pick<FrameFields, "kind" | "title"> & Partial<FrameFields>;

/**
 * What a new worksheet says before anyone edits it, from the methods (seeds/000, /001): the
 * Prioritering grid's axes (impact on dignity and well-being large/small × can we start now
 * yes/no, cells 1-4 so that 1 = large impact and we can start now), and a scale's two ends.
 */
export function worksheetDefaults(kind: FrameKind, t: KitTranslate, columns = 3): Defaults {
  switch (kind) {
    case "quadrant":
      return {
        kind,
        title: t("frames.default.quadrantTitle"),
        rowAxis: t("frames.default.rowAxis"),
        rowLabels: [t("frames.default.large"), t("frames.default.small")],
        columnAxis: t("frames.default.columnAxis"),
        columnLabels: [t("frames.default.yes"), t("frames.default.no")],
        cellLabels: ["1", "2", "3", "4"],
      };
    case "columns": {
      const count = Math.min(MAX_COLUMNS, Math.max(MIN_COLUMNS, Math.round(columns)));
      return {
        kind,
        title: t("frames.default.columnsTitle"),
        rows: 1,
        columns: count,
        cellLabels: Array.from({ length: count }, (_, i) => t("frames.default.column", { n: i + 1 })),
        // Wide enough that each column holds two notes side by side.
        width: Math.max(1000, count * 400),
      };
    }
    case "flipchart":
      return { kind, title: t("frames.default.flipchartTitle") };
    case "parking":
      return { kind, title: t("frames.default.parkingTitle") };
    case "scale":
      return { kind, title: t("frames.default.scaleTitle"), lowLabel: t("frames.default.low"), highLabel: t("frames.default.high") };
  }
}
