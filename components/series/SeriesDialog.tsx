"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import type { CreateBoardResponse } from "../../lib/api/schemas";
import type { SeriesOverviewResponse, SeriesResponse } from "../../lib/series/api";
import { useModalDialog } from "../dialog/useModalDialog";
import { LIMITS } from "../../lib/schema/limits";
import { useKitText } from "../i18n/useKitText";
import { BLANK_KIT, KitPicker } from "../kits/KitPicker";
import { useKitList } from "../kits/useKitList";
import { seriesApi } from "./seriesApi";
import s from "./series.module.css";

export interface SeriesPlace {
  /** The series the board is a meeting of, if any. */
  seriesId: string | null;
  /** The kit the next meeting is offered first. */
  nextKit: string | null;
}

/**
 * The series page, as a dialog on the facilitator's board: the meetings in order with their
 * links, what is open across all of them, and "Nästa möte", which makes the next meeting's board
 * from this one (docs/api.md, "Series").
 */
export function SeriesDialog({ boardId, place, open, onClose }: { boardId: string; place: SeriesPlace; open: boolean; onClose(): void }) {
  const { t } = useKitText();
  const ref = useModalDialog(open);
  const [seriesId, setSeriesId] = useState(place.seriesId);
  const [series, setSeries] = useState<SeriesResponse | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [created, setCreated] = useState<CreateBoardResponse | null>(null);

  useEffect(() => {
    if (!open || !seriesId) return;
    let current = true;
    setLoadFailed(false);
    seriesApi.show(seriesId).then(
      (answer) => current && setSeries(answer),
      () => current && setLoadFailed(true),
    );
    return () => {
      current = false;
    };
  }, [open, seriesId, created]);

  // A meeting has one next meeting: once made (here or before), the dialog links it instead of offering another.
  const nextMade = series?.meetings.find((meeting) => meeting.continues === boardId) ?? null;

  // Boards made from this dialog: their facilitator links came with the answer (the series lists
  // a meeting's link only to who already facilitates it, and this browser has not opened them yet).
  const [madeLinks, setMadeLinks] = useState<ReadonlyMap<string, string>>(new Map());
  const linkOf = (meeting: SeriesResponse["meetings"][number]) => madeLinks.get(meeting.boardId) ?? meeting.link;

  const onCreated = (board: CreateBoardResponse) => {
    setMadeLinks((links) => new Map(links).set(board.id, board.links.facilitator));
    setCreated(board);
    if (board.seriesId) setSeriesId(board.seriesId);
  };

  return (
    <dialog ref={ref} className={s.dialog} aria-labelledby="series-title" onClose={onClose} data-testid="series-dialog">
      <h2 id="series-title">{t("series.title")}</h2>
      {!seriesId && <p className={s.muted}>{t("series.none")}</p>}
      {loadFailed && <p role="alert">{t("series.loadFailed")}</p>}
      {series && <SeriesOverview series={series} boardId={boardId} linkOf={linkOf} />}
      {series && seriesId && <ProgrammeOverview seriesId={seriesId} />}
      {open && (nextMade ? <NextMade link={linkOf(nextMade)} /> : <NextMeeting boardId={boardId} nextKit={place.nextKit} created={created} onCreated={onCreated} />)}
      {open && <ParallelBoard boardId={boardId} onCreated={onCreated} />}
      <form method="dialog" className={s.footer}>
        <button type="submit">{t("series.close")}</button>
      </form>
    </dialog>
  );
}

function SeriesOverview({ series, boardId, linkOf }: { series: SeriesResponse; boardId: string; linkOf(meeting: SeriesResponse["meetings"][number]): string | null }) {
  const { t, language } = useKitText();
  const date = (iso: string) => new Intl.DateTimeFormat(language, { dateStyle: "medium" }).format(new Date(iso));
  // A follow-up date is a day, not a moment: read and shown in UTC so no time zone moves it.
  const day = (isoDay: string) => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${isoDay}T00:00:00Z`));
  return (
    <>
      <h3>{t("series.meetings")}</h3>
      <ol className={s.meetings} data-testid="series-meetings">
        {series.meetings.map((meeting) => (
          <li key={meeting.boardId} className={s.meeting}>
            <span className={meeting.boardId === boardId ? s.current : undefined}>
              {t("series.meeting", { n: meeting.position })}: {meeting.title}
            </span>
            <span className={s.muted}>{date(meeting.createdAt)}</span>
            <span className={s.muted}>{t("series.openIn", { count: meeting.open })}</span>
            {meeting.boardId === boardId ? (
              <span className={s.muted}>({t("series.thisMeeting")})</span>
            ) : (
              // Without a link of its own (another facilitator's meeting) there is nothing to open it with.
              linkOf(meeting) && (
                <a href={linkOf(meeting)!} aria-label={t("series.goToMeetingLabel", { title: meeting.title })}>
                  {t("series.goToMeeting")}
                </a>
              )
            )}
          </li>
        ))}
      </ol>
      <h3>{t("series.openAcross")}</h3>
      {series.followUp.length === 0 ? (
        <p className={s.muted}>{t("series.nothingOpen")}</p>
      ) : (
        <ul className={s.items} data-testid="series-follow-up">
          {series.followUp.map((item) => (
            <li key={item.id}>
              <strong>{t(`followUp.kind.${item.kind}`)}:</strong> {item.text}
              <span className={s.muted}>
                {" "}
                · {item.owner ?? t("followUp.noOwner")} · {item.followUpDate ? t("followUp.due", { date: day(item.followUpDate) }) : t("followUp.noDate")} · {t("series.since", { title: item.since.title })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** "Nästa möte": the method (the series' next one first) and a title, then a link to the new board. */
function NextMeeting({ boardId, nextKit, created, onCreated }: { boardId: string; nextKit: string | null; created: CreateBoardResponse | null; onCreated(board: CreateBoardResponse): void }) {
  const { t, language } = useKitText();
  const { list, failed: listFailed } = useKitList(true);
  const [kit, setKit] = useState(nextKit ?? BLANK_KIT);
  const [title, setTitle] = useState("");
  const [welcome, setWelcome] = useState(false);
  const [state, setState] = useState<"idle" | "working" | "failed">("idle");
  const pickerId = useId();
  const titleId = useId();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setState("working");
    try {
      onCreated(await seriesApi.nextMeeting(boardId, { kit, title: title.trim(), language, welcomePrevious: welcome }));
      setState("idle");
      setTitle("");
    } catch {
      setState("failed");
    }
  };

  return (
    <section className={s.next} aria-labelledby="series-next-title">
      <h3 id="series-next-title">{t("series.next")}</h3>
      <p>{t("series.nextHelp")}</p>
      <form onSubmit={create}>
        {list && <KitPicker id={pickerId} label={t("series.kit")} list={list} value={kit} onChange={setKit} withBlank language={language} />}
        {listFailed && <p role="alert">{t("kits.loadFailed")}</p>}
        <div className={s.field}>
          <label htmlFor={titleId}>{t("series.nextTitle")}</label>
          <input id={titleId} value={title} maxLength={LIMITS.maxTitleChars} onChange={(e) => setTitle(e.target.value)} placeholder={list?.kits.find((candidate) => candidate.id === kit)?.title[language]} />
        </div>
        <label className={s.check}>
          <input type="checkbox" checked={welcome} onChange={(e) => setWelcome(e.target.checked)} />
          <span>{t("series.welcomePrevious")}</span>
        </label>
        <div className={s.actions}>
          <button type="submit" className="primary" disabled={state === "working"} data-testid="series-create">
            {state === "working" ? t("series.creating") : t("series.create")}
          </button>
          {created && (
            <a href={created.links.facilitator} data-testid="series-go-to-next">
              {t("series.goTo")}
            </a>
          )}
        </div>
        <p role="status">{created ? t("series.created") : ""}</p>
        {state === "failed" && <p role="alert">{t("series.failed")}</p>}
      </form>
    </section>
  );
}

/** This meeting's next one is made: where to find it. */
function NextMade({ link }: { link: string | null }) {
  const { t } = useKitText();
  return (
    <section className={s.next} aria-labelledby="series-next-title">
      <h3 id="series-next-title">{t("series.next")}</h3>
      <p role="status">{t("series.created")}</p>
      {link && (
        <div className={s.actions}>
          <a href={link} data-testid="series-go-to-next">
            {t("series.goTo")}
          </a>
        </div>
      )}
    </section>
  );
}

/** Every board of the series worksheet by worksheet (a programme lead's view), and all of them as one spreadsheet. */
function ProgrammeOverview({ seriesId }: { seriesId: string }) {
  const { t, language } = useKitText();
  const [overview, setOverview] = useState<SeriesOverviewResponse | null>(null);
  const [failed, setFailed] = useState(false);
  const show = () => seriesApi.overview(seriesId).then(setOverview, () => setFailed(true));
  return (
    <section aria-labelledby="series-overview-title">
      <h3 id="series-overview-title">{t("series.overview")}</h3>
      <div className={s.actions}>
        {!overview && (
          <button type="button" onClick={() => void show()} data-testid="series-show-overview">
            {t("series.showOverview")}
          </button>
        )}
        <a className={s.plain} href={seriesApi.exportPath(seriesId, language)} download>
          {t("series.exportAll")}
        </a>
      </div>
      {failed && <p role="alert">{t("series.loadFailed")}</p>}
      {overview && (
        <ul className={s.items} data-testid="series-overview">
          {overview.boards.map((board) => (
            <li key={board.boardId}>
              <strong>
                {t("series.meeting", { n: board.position })}: {board.title}
              </strong>
              <ul>
                {board.worksheets.map((worksheet, i) => (
                  <li key={i}>
                    {worksheet.title}: {t("frames.noteCount", { count: worksheet.notes })}
                    {worksheet.top.length > 0 && <span className={s.muted}> · {worksheet.top.map((note) => note.text).join(" · ")}</span>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Ny parallell tavla": the same meeting for another group (seeds/002: one board per group), in the same series. */
function ParallelBoard({ boardId, onCreated }: { boardId: string; onCreated(board: CreateBoardResponse): void }) {
  const { t, language } = useKitText();
  const [title, setTitle] = useState("");
  const [made, setMade] = useState<CreateBoardResponse | null>(null);
  const [state, setState] = useState<"idle" | "working" | "failed">("idle");
  const titleId = useId();
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setState("working");
    try {
      const board = await seriesApi.parallel(boardId, { title: title.trim(), language });
      setMade(board);
      setTitle("");
      setState("idle");
      onCreated(board);
    } catch {
      setState("failed");
    }
  };
  return (
    <section className={s.next} aria-labelledby="series-parallel-title">
      <h3 id="series-parallel-title">{t("series.parallel")}</h3>
      <p>{t("series.parallelHelp")}</p>
      <form onSubmit={create}>
        <div className={s.field}>
          <label htmlFor={titleId}>{t("series.parallelTitle")}</label>
          <input id={titleId} value={title} maxLength={LIMITS.maxTitleChars} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className={s.actions}>
          <button type="submit" disabled={state === "working"} data-testid="series-parallel-create">
            {t("series.parallelCreate")}
          </button>
          {made && <a href={made.links.facilitator}>{t("series.goToMeetingLabel", { title: made.title })}</a>}
        </div>
        {state === "failed" && <p role="alert">{t("series.failed")}</p>}
      </form>
    </section>
  );
}

/** Opens the series dialog, from the facilitator's workshop panel. */
export function SeriesButton({ onOpen }: { onOpen(): void }) {
  const { t } = useKitText();
  return (
    <button type="button" onClick={onOpen} data-testid="open-series">
      {t("series.button")}
    </button>
  );
}
