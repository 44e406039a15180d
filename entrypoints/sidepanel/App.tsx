import { BackgroundStatus } from '@/components/BackgroundStatus';
import { ChatView } from '@/components/chat/ChatView';
import { PageReader } from '@/components/PageReader';
import { Header } from '@/components/ui/Header';

export function App() {
  return (
    <main className="sy-page">
      <Header title="Switchyard" />
      <BackgroundStatus />
      <ChatView />
      <PageReader />
    </main>
  );
}
