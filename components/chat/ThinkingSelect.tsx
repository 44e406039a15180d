import { useState } from 'react';
import { THINKING_CHOICES, type ThinkingChoice } from '@/lib/chat/request-body';

const LABELS: Record<ThinkingChoice, string> = { default: 'Thinking: model default', off: 'Thinking: off', low: 'Thinking: low', medium: 'Thinking: medium', high: 'Thinking: high' };
const KEY = 'switchyard.thinking';

/** The thinking choice, kept for the next time a panel opens. */
export function useThinking(): [ThinkingChoice, (choice: ThinkingChoice) => void] {
  const [choice, setChoice] = useState<ThinkingChoice>(() => {
    const saved = localStorage.getItem(KEY);
    return (THINKING_CHOICES as readonly string[]).includes(saved ?? '') ? (saved as ThinkingChoice) : 'default';
  });
  return [
    choice,
    (next) => {
      localStorage.setItem(KEY, next);
      setChoice(next);
    },
  ];
}

/** How hard models that reason should think (more thinking: better answers to hard questions, more output tokens). */
export function ThinkingSelect({ value, onChange }: { value: ThinkingChoice; onChange(choice: ThinkingChoice): void }) {
  return (
    <select className="sy-thinking" aria-label="Thinking" title="How much a reasoning model thinks before it answers; thinking is billed as output." value={value} onChange={(e) => onChange(e.target.value as ThinkingChoice)}>
      {THINKING_CHOICES.map((choice) => (
        <option key={choice} value={choice}>
          {LABELS[choice]}
        </option>
      ))}
    </select>
  );
}
