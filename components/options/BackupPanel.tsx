import { useState } from 'react';
import { callBackground } from '@/lib/messaging/browser';
import { Button } from '../ui/Button';
import { Notice } from '../ui/Notice';
import { useAction } from '../ui/useCall';
import { download } from '../ui/download';


/** Settings as a JSON file: keys only when asked; an invalid file changes nothing. */
export function BackupPanel() {
  const [includeKeys, setIncludeKeys] = useState(false);
  const [text, setText] = useState('');
  const exporting = useAction();
  const importing = useAction();

  return (
    <section aria-labelledby="backup-title" className="sy-panel">
      <h2 id="backup-title">Import and export</h2>
      <div className="sy-card">
        <h3>Export</h3>
        <label>
          <input type="checkbox" checked={includeKeys} onChange={(e) => setIncludeKeys(e.target.checked)} /> Include API keys (the file will hold them in plain text)
        </label>
        <div className="sy-row">
          <Button
            variant="primary"
            onClick={() =>
              void exporting.run(async () => {
                const { json } = await callBackground('settings.export', { includeKeys });
                download(`switchyard-settings-${new Date().toISOString().slice(0, 10)}.json`, json, 'application/json');
                setText(json);
                return includeKeys ? 'Exported, with keys.' : 'Exported, without keys.';
              })
            }
          >
            Export settings
          </Button>
        </div>
        <Notice message={exporting.message} />
      </div>
      <div className="sy-card">
        <h3>Import</h3>
        <p className="sy-small sy-muted">Replaces providers, routing and budgets. Providers without a key in the file keep the key they have.</p>
        <input
          type="file"
          accept="application/json,.json"
          aria-label="Settings file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setText);
          }}
        />
        <textarea aria-label="Settings JSON" rows={8} value={text} onChange={(e) => setText(e.target.value)} placeholder='{ "switchyard": 1, … }' />
        <Button
          variant="primary"
          disabled={!text.trim() || importing.busy}
          onClick={() =>
            void importing.run(async () => {
              const result = await callBackground('settings.import', { json: text });
              return `Imported ${result.providers} providers (${result.keys} with keys), routing and budgets.`;
            })
          }
        >
          Import settings
        </Button>
        <Notice message={importing.message} testId="import-message" />
      </div>
    </section>
  );
}

