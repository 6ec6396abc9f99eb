import { ScreenPage } from "../../../../components/follow/ScreenPage";

/** The projector's view of a board: opened with the viewer's link plus `/screen`. */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ScreenPage boardId={id} />;
}
