"use client";

import type { ReactNode } from "react";
import type { Role } from "../../lib/roles";
import { useI18n } from "../i18n/I18nProvider";
import { LanguagePicker } from "../i18n/LanguagePicker";
import type { ConnectionStatus } from "./useBoardConnection";

const STATUS_KEY = { online: "status.online", connecting: "status.connecting", offline: "status.offline" } as const;

export function BoardHeader(props: {
  title: string;
  role: Role;
  status: ConnectionStatus;
  peopleHere: number;
  name: string;
  onName(name: string): void;
  onShare?: () => void;
  /** "Om tavlan", for those who write: in the header, where it fits beside the language on a phone too. */
  about?: ReactNode;
  /** Shows and hides the workshop panel (agenda, the facilitator's workshop tools). */
  panelToggle?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <header className="board-header">
      <h1 title={props.title || undefined}>{props.title || t("app.name")}</h1>
      <span className={`role-badge role-${props.role}`}>{t(`role.${props.role}`)}</span>
      <span className={`status status-${props.status}`} role="status" data-testid="connection-status" data-status={props.status}>
        <span className="dot" aria-hidden="true" />
        <span className="status-text">{t(STATUS_KEY[props.status])}</span>
      </span>
      <span className="presence">{t("presence.here", { count: props.peopleHere })}</span>
      <span className="spacer" />
      <label className="name-field">
        <span>{t("toolbar.yourName")}</span>
        <input value={props.name} maxLength={40} onChange={(e) => props.onName(e.target.value)} />
      </label>
      <LanguagePicker />
      {props.about}
      {props.onShare && (
        <button type="button" className="primary" onClick={props.onShare}>
          {t("toolbar.share")}
        </button>
      )}
      {props.panelToggle}
    </header>
  );
}
