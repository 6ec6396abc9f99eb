import { JoinBoard } from "../../../components/phone/JoinBoard";

export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <JoinBoard code={code} />;
}
