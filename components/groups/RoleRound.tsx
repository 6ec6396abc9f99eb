"use client";

import { useState } from "react";
import { useKitText } from "../i18n/useKitText";
import { groupsApi } from "./groupsApi";
import styles from "./groups.module.css";

/**
 * Which round of roles the groups are in, and the press that moves every role on one seat
 * (Arbetsmöte 4: "Om vi har tid byter vi roller"). The phones show each person their new role.
 * Only one of these on a screen announces the round (`announce`), so it is not read out twice.
 */
export function RoleRound(props: { boardId: string; round: number; announce?: boolean; run(request: Promise<unknown>): void }) {
  const { t } = useKitText();
  const [pending, setPending] = useState(false);
  const next = () => {
    setPending(true);
    const request = groupsApi.nextRound(props.boardId, props.round);
    props.run(request);
    request.then(
      () => setPending(false),
      () => setPending(false),
    );
  };
  return (
    <p className={styles.round}>
      <span role={props.announce ? "status" : undefined}>{t("groups.round", { round: props.round + 1 })}</span>
      <button type="button" disabled={pending} onClick={next}>
        {t("groups.nextRound")}
      </button>
    </p>
  );
}
