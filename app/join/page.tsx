import { JoinCodeForm } from "../../components/phone/JoinCodeForm";

export default function Page() {
  return <JoinCodeForm />;
}
