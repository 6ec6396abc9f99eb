"use client";

import { useEffect, useState } from "react";
import { useModalDialog } from "../dialog/useModalDialog";
import type { BoardLinks } from "../../lib/api/schemas";
import { useI18n } from "../i18n/I18nProvider";
import { useKitText } from "../i18n/useKitText";
import type { LinkKind } from "../../lib/roles";
import { RenewLink } from "./RenewLink";

/**
 * The three links, one per role, and the projector's, each of which can be renewed (the old one
 * stops at once). Only a facilitator ever receives them from the server.
 */
export function ShareDialog({ boardId, links: given, open, onClose }: { boardId: string; links: BoardLinks; open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { t: kit } = useKitText();
  const ref = useModalDialog(open);
  const [copied, setCopied] = useState<string | null>(null);
  // Renewed links replace the ones the page loaded with.
  const [links, setLinks] = useState(given);
  useEffect(() => setLinks(given), [given]);

  const rows: Array<{ role: string; kind: LinkKind; label: string; help: string; path: string }> = [
    { role: "facilitator", kind: "facilitator", label: t("share.facilitator"), help: t("share.facilitatorHelp"), path: links.facilitator },
    { role: "member", kind: "member", label: t("share.member"), help: t("share.memberHelp"), path: links.member },
    { role: "viewer", kind: "viewer", label: t("share.viewer"), help: t("share.viewerHelp"), path: links.viewer },
    // The projector page has a link of its own, renewed apart from the viewer's.
    { role: "screen", kind: "projector", label: kit("follow.shareScreen"), help: kit("follow.shareScreenHelp"), path: links.projector },
  ];

  const copy = async (role: string, url: string, input: HTMLInputElement | null) => {
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      input?.select(); // without clipboard access (plain http on a LAN) the link is selected to copy by hand
      document.execCommand?.("copy");
    }
    setCopied(role);
  };

  return (
    <dialog ref={ref} className="share-dialog" aria-labelledby="share-title" onClose={onClose}>
      <h2 id="share-title">{t("share.title")}</h2>
      <p>{t("share.intro")}</p>
      {rows.map((row) => {
        const url = typeof window === "undefined" ? row.path : new URL(row.path, window.location.origin).toString();
        const inputId = `share-${row.role}`;
        return (
          <div className="share-row" key={row.role}>
            <label htmlFor={inputId}>
              <strong>{row.label}</strong>
              <span>{row.help}</span>
            </label>
            <div className="share-link">
              <input id={inputId} readOnly value={url} data-testid={`share-link-${row.role}`} onFocus={(e) => e.target.select()} />
              <button type="button" onClick={(e) => copy(row.role, url, e.currentTarget.previousElementSibling as HTMLInputElement)}>
                {copied === row.role ? t("share.copied") : t("share.copy")}
              </button>
            </div>
            <RenewLink
              boardId={boardId}
              kind={row.kind}
              label={row.label}
              onRenewed={(next) => {
                setLinks(next);
                setCopied(null);
              }}
            />
          </div>
        );
      })}
      <form method="dialog">
        <button type="submit" className="primary">
          {t("share.close")}
        </button>
      </form>
    </dialog>
  );
}
