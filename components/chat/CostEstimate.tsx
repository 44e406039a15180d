import { useEffect, useState } from 'react';
import { formatCost } from '@/lib/chat/answer';
import { callBackground } from '@/lib/messaging/browser';
import { OtherModelsCost } from './OtherModelsCost';

/** What the prompt will cost at the chosen model, before it is sent (debounced while typing). */
export function CostEstimate({ model, messages }: { model: string; messages: { role: string; content: string | { type: string }[] }[] }) {
  const [text, setText] = useState('');
  const [promptTokens, setPromptTokens] = useState(0);
  const [elsewhere, setElsewhere] = useState(false);
  const last = messages.at(-1)?.content;
  const lastText = typeof last === 'string' ? last : ((last?.find((p) => p.type === 'text') as { text?: string } | undefined)?.text ?? '');
  const key = JSON.stringify([model, messages.map((m) => m.content.length), lastText, Array.isArray(last) ? last.length : 0]);
  const enabled = Boolean(model && lastText.trim());

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const timer = setTimeout(() => {
      callBackground('chat.estimate', { body: { model, messages } })
        .then((estimate) => {
          if (!live) return;
          const prompt = estimate.candidates[0]?.promptCost;
          setPromptTokens(estimate.promptTokens);
          setText(
            `≈ ${estimate.promptTokens.toLocaleString()} prompt tokens` +
              (prompt == null ? '' : ` · ${formatCost(prompt)} to send · up to ${formatCost(estimate.maxCost)} with the answer`),
          );
        })
        .catch(() => live && setText(''));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for model and messages
  }, [key, enabled]);

  if (!enabled || !text) return null;
  return (
    <div>
      <p className="sy-small sy-muted" data-testid="cost-estimate">
        {text}{' '}
        <button type="button" className="sy-link-button" aria-expanded={elsewhere} onClick={() => setElsewhere(!elsewhere)}>
          {elsewhere ? 'hide other models' : 'on other models'}
        </button>
      </p>
      {elsewhere && <OtherModelsCost promptTokens={promptTokens} current={model} />}
    </div>
  );
}
