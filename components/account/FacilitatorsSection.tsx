"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import type { FacilitatorsResponse, FacilitatorView } from "../../lib/api/schemas";
import { WorkshopApiError } from "../facilitation/workshopApi";
import { useKitText } from "../i18n/useKitText";
import { accountApi } from "./accountApi";
import s from "./account.module.css";

/**
 * "Om tavlan", for a signed-in facilitator: the colleagues who open the board from their own
 * "Mina tavlor", adding one by e-mail, removing one, and handing the board over (asked first).
 * `onChange` tells the dialog that its audit log has a new entry.
 */
export function FacilitatorsSection({ boardId, title, open, onChange }: { boardId: string; title: string; open: boolean; onChange(): void }) {
  const { t } = useKitText();
  const [list, setList] = useState<FacilitatorsResponse | null>(null);
  const [email, setEmail] = useState("");
  const [problem, setProblem] = useState<"mustSignIn" | "failed" | null>(null);
  const [handingTo, setHandingTo] = useState<FacilitatorView | null>(null);

  useEffect(() => {
    if (!open) return;
    accountApi.facilitators(boardId).then(setList, () => setList(null));
  }, [boardId, open]);

  const act = (change: Promise<FacilitatorsResponse>) => {
    setProblem(null);
    return change.then(
      (answer) => {
        setList(answer);
        setHandingTo(null);
        onChange();
        return true;
      },
      (error: unknown) => {
        setProblem(error instanceof WorkshopApiError && error.code === "user_not_found" ? "mustSignIn" : "failed");
        return false;
      },
    );
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    void act(accountApi.addFacilitator(boardId, email.trim())).then((ok) => ok && setEmail(""));
  };

  // A board nobody has by account yet is adopted by whoever adds the first person (the server's rule).
  const ownerless = list !== null && list.facilitators.length === 0;
  const manager = list?.myRole === "owner" || list?.myRole === "co" || ownerless;
  return (
    <section aria-labelledby="facilitators-title" data-testid="facilitators">
      <h3 id="facilitators-title">{t("facilitators.title")}</h3>
      <p className={s.muted}>{t("facilitators.help")}</p>
      {list && (
        <ul className={s.people}>
          {list.facilitators.map((person) => (
            <Person key={person.id} person={person} me={list.myId} myRole={list.myRole} onRemove={() => void act(accountApi.removeFacilitator(boardId, person.id))} onHandOver={() => setHandingTo(person)} />
          ))}
        </ul>
      )}
      {ownerless && <p>{t("facilitators.ownerless")}</p>}
      {handingTo && <HandOver title={title} to={handingTo} onYes={() => void act(accountApi.handOver(boardId, handingTo.email ?? ""))} onNo={() => setHandingTo(null)} />}
      {manager && (
        <form className={s.row} onSubmit={add}>
          <label>
            <span>{t("facilitators.emailLabel")}</span>
            <input type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <button type="submit">{t("facilitators.add")}</button>
        </form>
      )}
      <p role="status" className="error">
        {problem ? t(`facilitators.${problem}`) : ""}
      </p>
    </section>
  );
}

function Person({ person, me, myRole, onRemove, onHandOver }: { person: FacilitatorView; me: string | null; myRole: FacilitatorsResponse["myRole"]; onRemove(): void; onHandOver(): void }) {
  const { t } = useKitText();
  const isMe = person.id === me;
  const name = isMe ? t("facilitators.you", { name: person.name }) : person.name;
  // The owner stays until they hand over; a co-facilitator may leave, or be taken off by a colleague.
  const removable = person.role === "co" && (myRole === "owner" || myRole === "co");
  return (
    <li className={s.person}>
      <p>
        <strong>{name}</strong> · {person.role === "owner" ? t("facilitators.owner") : t("facilitators.co")}
        {person.email && <span className={s.muted}> · {person.email}</span>}
      </p>
      {(removable || (myRole === "owner" && !isMe && person.email)) && (
        <div className={s.row}>
          {myRole === "owner" && !isMe && person.email && (
            <button type="button" onClick={onHandOver}>
              {t("facilitators.handover", { name: person.name })}
            </button>
          )}
          {removable && (
            <button type="button" className={s.danger} onClick={onRemove}>
              {isMe ? t("facilitators.leave") : t("facilitators.remove", { name: person.name })}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function HandOver({ title, to, onYes, onNo }: { title: string; to: FacilitatorView; onYes(): void; onNo(): void }) {
  const { t } = useKitText();
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div role="group" aria-labelledby="handover-question">
      <p id="handover-question">{t("facilitators.handoverConfirm", { title, name: to.name })}</p>
      <div className={s.row}>
        <button ref={yes} type="button" className="primary" onClick={onYes}>
          {t("facilitators.handoverYes")}
        </button>
        <button type="button" onClick={onNo}>
          {t("facilitators.cancel")}
        </button>
      </div>
    </div>
  );
}
