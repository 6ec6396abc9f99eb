import { extractText, getDocumentProxy } from "unpdf";

/** The text of each page of a PDF, as a reader or a search would get it (tests only). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false });
  return text;
}
