import { asciiFileStem } from "../../lib/export/filename";
import { personalPlanText, type PersonalPlanInput } from "../../lib/export/personal-plan";

/** Saves the plan as a text file on this device: made here, from the writer's own notes. */
export function downloadPlan(plan: Omit<PersonalPlanInput, "date">): void {
  const date = new Intl.DateTimeFormat(document.documentElement.lang || "sv", { dateStyle: "long" }).format(new Date());
  const blob = new Blob([personalPlanText({ ...plan, date })], { type: "text/plain;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${asciiFileStem(plan.title, "plan")}.txt`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Prints the plan alone: globals.css hides the rest of the page while `printing-plan` is set. */
export function printPlan(): void {
  const root = document.documentElement;
  root.classList.add("printing-plan");
  window.addEventListener("afterprint", () => root.classList.remove("printing-plan"), { once: true });
  window.print();
}
