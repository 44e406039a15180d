import browser from 'webextension-polyfill';
import { BackgroundStatus } from '@/components/BackgroundStatus';
import { Button } from '@/components/ui/Button';
import { Header } from '@/components/ui/Header';
import { openSidePanel } from '@/lib/ui/open-side-panel';

export function App() {
  return (
    <main className="sy-page" style={{ width: 320 }}>
      <Header title="Switchyard" />
      <BackgroundStatus />
      <div style={{ display: 'flex', gap: 8 }}>
        <Button variant="primary" onClick={() => void openSidePanel().then(() => window.close())}>
          Open side panel
        </Button>
        <Button onClick={() => void browser.runtime.openOptionsPage()}>Settings</Button>
      </div>
    </main>
  );
}
