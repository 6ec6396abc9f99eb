"use client";

import type { ViewportStore } from "../board/viewportStore";
import { useKitText } from "../i18n/useKitText";
import s from "./arrival.module.css";
import { useInView, type Arrival } from "./useArrival";

/**
 * "{count} nya lappar", while the area where phone notes land is out of view and holds notes: a
 * press (or Enter, it is a button) brings the area into view.
 */
export function ArrivalChip({ arrival, viewport }: { arrival: Arrival | null; viewport: ViewportStore }) {
  const { t } = useKitText();
  const inView = useInView(viewport, arrival?.whole ?? null);
  if (!arrival || arrival.count === 0 || inView) return null;
  return (
    <button type="button" className={s.chip} data-testid="arrival-chip" title={t("arrival.show")} onClick={() => viewport.fit(arrival.whole)}>
      {t("arrival.chip", { count: arrival.count })}
    </button>
  );
}
