import { PopupView } from '@/components/popup/PopupView';
import { Header } from '@/components/ui/Header';

export function App() {
  return (
    <main className="sy-page" style={{ width: 340 }}>
      <Header title="Switchyard" />
      <PopupView />
    </main>
  );
}
