import { useRef, useState } from 'react';
import { BackgroundStatus } from '@/components/BackgroundStatus';
import { ChatView, type ChatHandle } from '@/components/chat/ChatView';
import { usePendingJob } from '@/components/chat/usePendingJob';
import { CompareView, type CompareHandle } from '@/components/compare/CompareView';
import { ConsentPrompts } from '@/components/pageapi/ConsentPrompts';
import { Header } from '@/components/ui/Header';
import { useKeepBackgroundWarm } from '@/components/useKeepBackgroundWarm';
import { pagesDb } from '@/lib/ledger/pages-db';

type Mode = 'chat' | 'compare';

export function App() {
  const [mode, setMode] = useState<Mode>('chat');
  const chat = useRef<ChatHandle>(null);
  const compare = useRef<CompareHandle>(null);
  useKeepBackgroundWarm();

  usePendingJob((job) => {
    if (job.kind === 'compare') {
      setMode('compare');
      compare.current?.start(job.prompt, job.models, job.page, job.from);
    } else {
      setMode('chat');
      chat.current?.take(job);
    }
  });

  return (
    <main className="sy-page sy-sidepanel">
      <Header title="Switchyard">
        <div role="tablist" aria-label="Mode" className="sy-tabs">
          {(['chat', 'compare'] as const).map((m) => (
            <button key={m} role="tab" type="button" aria-selected={mode === m} onClick={() => setMode(m)}>
              {m === 'chat' ? 'Chat' : 'Compare'}
            </button>
          ))}
        </div>
        <BackgroundStatus />
      </Header>
      <ConsentPrompts />
      {/* Both stay mounted, so a running comparison or chat survives switching between them. */}
      <div hidden={mode !== 'chat'}>
        <ChatView db={pagesDb} handle={chat} />
      </div>
      <div hidden={mode !== 'compare'}>
        <CompareView db={pagesDb} handle={compare} />
      </div>
    </main>
  );
}
