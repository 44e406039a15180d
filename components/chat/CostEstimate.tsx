import { useEffect, useState } from 'react';
import { formatCost } from '@/lib/chat/answer';
import { callBackground } from '@/lib/messaging/browser';

/** What the prompt will cost at the chosen model, before it is sent (debounced while typing). */
export function CostEstimate({ model, messages }: { model: string; messages: { role: string; content: string }[] }) {
  const [text, setText] = useState('');
  const key = JSON.stringify([model, messages.map((m) => m.content.length), messages.at(-1)?.content]);
  const enabled = Boolean(model && messages.at(-1)?.content.trim());

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const timer = setTimeout(() => {
      callBackground('chat.estimate', { body: { model, messages } })
        .then((estimate) => {
          if (!live) return;
          const prompt = estimate.candidates[0]?.promptCost;
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

  return enabled && text ? (
    <p className="sy-small sy-muted" data-testid="cost-estimate">
      {text}
    </p>
  ) : null;
}
