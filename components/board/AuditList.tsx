"use client";

import { useEffect, useMemo, useState } from "react";
import type { AuditEntry } from "../../lib/api/schemas";
import type { LinkKind } from "../../lib/roles";
import { workshopApi } from "../facilitation/workshopApi";
import { useI18n } from "../i18n/I18nProvider";
import { useKitText } from "../i18n/useKitText";
import s from "./boardSettings.module.css";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The board's audit log, newest first, as "Om tavlan" shows it to the facilitator. */
export function AuditList({ boardId, open, changes }: { boardId: string; open: boolean; /** Counts changes made in the dialog: each reloads the list. */ changes: number }) {
  const { t, language } = useI18n();
  const kit = useKitText().t;
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);

  useEffect(() => {
    if (!open) return;
    workshopApi.audit(boardId).then(
      (answer) => setEntries(answer.entries),
      () => setEntries(null),
    );
  }, [boardId, open, changes]);

  // Made once there is something to show: a date format costs a board's first render tens of ms.
  const formats = useMemo(
    () =>
      entries && {
        when: new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }),
        // The calendar date the facilitator chose, whatever this device's time zone.
        day: new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }),
      },
    [entries, language],
  );
  const linkName: Record<LinkKind, string> = { facilitator: t("share.facilitator"), member: t("share.member"), viewer: t("share.viewer"), projector: kit("follow.shareScreen") };
  const what = (entry: AuditEntry): string => {
    switch (entry.action) {
      case "reveal":
        return kit("audit.reveal", { count: Number(entry.detail) || 0 });
      case "export": {
        const [format, part] = entry.detail.split(", ");
        const key = part === "follow-up" ? "audit.exportFollowUp" : part === "series" ? "audit.exportSeries" : part ? "audit.exportWorksheet" : "audit.export";
        return kit(key, { format: format.toUpperCase() });
      }
      case "link.renew":
        return kit("audit.linkRenew", { link: linkName[entry.detail as LinkKind] ?? entry.detail });
      case "participant.erase":
        return kit(entry.detail === "remove" ? "audit.eraseRemove" : "audit.eraseAnonymize");
      case "participant.leave":
        return kit("audit.leave");
      case "retention.change":
        // A date kept until (YYYY-MM-DD), or the days kept without use.
        return ISO_DATE.test(entry.detail) ? kit("audit.keepUntil", { date: formats!.day.format(new Date(`${entry.detail}T00:00:00Z`)) }) : kit("audit.retention", { count: Number(entry.detail) || 0 });
      case "facilitator.add":
        return kit("audit.facilitatorAdd");
      case "facilitator.remove":
        return kit("audit.facilitatorRemove");
      case "board.handover":
        return kit("audit.handover");
    }
  };

  const entryText = (entry: AuditEntry): string => {
    const params = { when: formats!.when.format(new Date(entry.at)), role: entry.role === "participant" ? kit("audit.participant") : t(`role.${entry.role}`), what: what(entry) };
    // A signed-in person's name, as it was when they did it (server/accounts).
    return entry.by ? kit("audit.entryBy", { ...params, name: entry.by }) : kit("audit.entry", params);
  };

  return (
    <section aria-labelledby="audit-title">
      <h3 id="audit-title">{kit("audit.title")}</h3>
      <p className={s.muted}>{kit("audit.help")}</p>
      {entries?.length === 0 && <p>{kit("audit.none")}</p>}
      {entries && entries.length > 0 && (
        <ol className={s.audit} data-testid="audit-list">
          {entries.map((entry, i) => (
            <li key={i}>{entryText(entry)}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
