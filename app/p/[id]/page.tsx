import { PhonePage } from "../../../components/phone/PhonePage";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PhonePage key={id} boardId={id} />;
}
