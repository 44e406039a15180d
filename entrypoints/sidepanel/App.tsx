import { BackgroundStatus } from '@/components/BackgroundStatus';
import { PageReader } from '@/components/PageReader';
import { Header } from '@/components/ui/Header';

export function App() {
  return (
    <main className="sy-page">
      <Header title="Switchyard" />
      <BackgroundStatus />
      <PageReader />
    </main>
  );
}
