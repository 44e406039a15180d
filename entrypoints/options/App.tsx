import { BackgroundStatus } from '@/components/BackgroundStatus';
import { Header } from '@/components/ui/Header';

export function App() {
  return (
    <main className="sy-page" style={{ maxWidth: 960, margin: '0 auto' }}>
      <Header title="Switchyard settings" />
      <BackgroundStatus />
    </main>
  );
}
