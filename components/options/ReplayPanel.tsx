import { useMemo, useRef, useState } from 'react';
import { AnswerBuilder, formatCost, type AnswerMeta } from '@/lib/chat/answer';
import { canReplay, lastQuestionOf, replayBody } from '@/lib/inspector/replay';
import { PENDING_JOB_KEY, type PendingJob } from '@/lib/chat/jobs';
import { browser } from '@/lib/platform/browser';
import { openSidePanel } from '@/lib/ui/open-side-panel';
import { sameShare, wordDiff } from '@/lib/inspector/word-diff';
import { callBackground, connectStreamPort } from '@/lib/messaging/browser';
import { backgroundStreams } from '@/lib/messaging/contracts';
import { MessagingError } from '@/lib/messaging/rpc';
import { openStream } from '@/lib/messaging/stream';
import { Button } from '../ui/Button';
import { useLoad } from '../ui/useCall';

interface Original {
  model: string;
  text: string;
  cost: number;
  priced: boolean;
}

interface Run {
  model: string;
  text: string;
  meta?: AnswerMeta;
  running: boolean;
  error?: string;
}

/** The words the replay dropped (struck through) and added (marked), in the replay's column. */
function Differences({ first, second }: { first: string; second: string }) {
  const parts = useMemo(() => wordDiff(first, second), [first, second]);
  return (
    <p className="sy-diff" data-testid="replay-diff">
      <span className="sy-small sy-muted">{Math.round(sameShare(parts) * 100)}% the same. </span>
      {parts.map((part, i) =>
        part.kind === 'same' ? <span key={i}>{part.text}</span> : part.kind === 'added' ? <ins key={i}>{part.text}</ins> : <del key={i}>{part.text}</del>,
      )}
    </p>
  );
}

/** "Run again on…": the request as received, sent to another model, the two answers side by side. */
export function ReplayPanel({ received, original }: { received: unknown; original: Original }) {
  const catalog = useLoad(() => callBackground('catalog.models', {}));
  const usable = useMemo(() => (catalog.data?.models ?? []).filter((m) => m.providers.length > 0).map((m) => m.id), [catalog.data]);
  const [model, setModel] = useState('');
  const [run, setRun] = useState<Run | null>(null);
  const [showDiff, setShowDiff] = useState(true);
  const controller = useRef<AbortController | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  if (!canReplay(received)) return null;

  /** The question in the side panel's compare view, on this request's model and the replay's (more can be added there). */
  function openInCompare() {
    // The side panel opens only in answer to the click itself: before anything is awaited.
    const opening = openSidePanel();
    const models = [...new Set([original.model, run?.meta?.model ?? run?.model ?? model.trim()].filter(Boolean))].slice(0, 4);
    const job: PendingJob = { id: crypto.randomUUID(), kind: 'compare', models, prompt: lastQuestionOf(received), createdAt: Date.now(), from: 'options' };
    void browser.storage.session.set({ [PENDING_JOB_KEY]: job });
    opening.then(
      () => setOpened('Opened in the side panel’s compare view.'),
      () => setOpened('Open Switchyard’s side panel: the comparison is waiting there.'),
    );
  }

  async function start() {
    const body = replayBody(received, model.trim());
    if (!body) return;
    controller.current?.abort();
    const abort = (controller.current = new AbortController());
    const builder = new AnswerBuilder();
    setRun({ model: body.model, text: '', running: true });
    try {
      for await (const chunk of openStream(backgroundStreams, connectStreamPort, 'chat.completions', { body, source: 'options' }, { signal: abort.signal })) {
        builder.add(chunk);
        setRun({ model: body.model, text: builder.text, meta: builder.meta, running: true });
      }
      setRun({ model: body.model, text: builder.text, meta: builder.meta, running: false });
    } catch (error) {
      const message = error instanceof MessagingError || error instanceof Error ? error.message : String(error);
      setRun({ model: body.model, text: builder.text, meta: builder.meta, running: false, error: message });
    }
  }

  return (
    <div className="sy-replay" data-testid="replay">
      <div className="sy-row">
        <label htmlFor="replay-model">Run again on</label>
        <input id="replay-model" list="replay-models" placeholder="provider/model" value={model} onChange={(e) => setModel(e.target.value)} />
        <datalist id="replay-models">
          {usable.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
        <Button variant="primary" disabled={!model.trim() || run?.running} onClick={() => void start()}>
          Run
        </Button>
        {run && (
          <label>
            <input type="checkbox" checked={showDiff} onChange={(e) => setShowDiff(e.target.checked)} /> word differences
          </label>
        )}
        <Button onClick={openInCompare}>Open in compare</Button>
      </div>
      {opened && (
        <p className="sy-small sy-muted" role="status">
          {opened}
        </p>
      )}
      {run && (
        <div className="sy-columns sy-replay-columns">
          <div className="sy-column" data-testid="replay-original">
            <strong>{original.model}</strong>
            <span className="sy-small sy-muted">{formatCost(original.cost, original.priced) || '$0'} · the original answer</span>
            <p className="sy-replay-text">{original.text}</p>
          </div>
          <div className="sy-column" data-testid="replay-new">
            <strong>{run.meta?.model ?? run.model}</strong>
            <span className="sy-small sy-muted">
              {run.running ? 'answering…' : run.meta?.cost !== undefined ? `${formatCost(run.meta.cost, run.meta.priced) || '$0'} · via ${run.meta.provider}` : ''}
            </span>
            {run.error && <p className="sy-alert">{run.error}</p>}
            {showDiff && !run.running && !run.error ? <Differences first={original.text} second={run.text} /> : <p className="sy-replay-text">{run.text}</p>}
          </div>
        </div>
      )}
    </div>
  );
}
