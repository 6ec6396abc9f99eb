import { headers } from "next/headers";
import { BoardPage } from "../../../components/board/BoardPage";
import { earlyStartScript } from "../../../components/board/earlyStart";

/** The nonce the server put in this response's policy (server/http/security-headers.ts). */
async function scriptNonce(): Promise<string | undefined> {
  const policy = (await headers()).get("content-security-policy") ?? "";
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      {/* Trades the link and asks for the board while the page's own code is still on its way. */}
      <script nonce={await scriptNonce()} dangerouslySetInnerHTML={{ __html: earlyStartScript(id) }} />
      <BoardPage boardId={id} />
    </>
  );
}
