import { BackgroundStatus } from '@/components/BackgroundStatus';
import { ChatView } from '@/components/chat/ChatView';
import { Header } from '@/components/ui/Header';
import { pagesDb } from '@/lib/ledger/pages-db';

export function App() {
  return (
    <main className="sy-page sy-sidepanel">
      <Header title="Switchyard">
        <BackgroundStatus />
      </Header>
      <ChatView db={pagesDb} />
    </main>
  );
}
