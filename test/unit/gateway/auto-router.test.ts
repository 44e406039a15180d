import { describe, expect, it } from 'vitest';
import { chooseTier, requestFeatures, type Tier } from '../../../lib/gateway/auto-router';
import { estimatePromptTokens } from '../../../lib/gateway/estimate';
import { ChatRequest } from '../../../lib/gateway/openai-schema';

const LONG_REPORT = 'The quarterly report shows revenue growth across all regions. '.repeat(500);

/** Prompts a person labelled with the tier they need. */
const LABELLED: { prompt: string; tier: Tier; tools?: boolean; image?: boolean }[] = [
  // cheap: short and simple
  { prompt: 'Hi!', tier: 'cheap' },
  { prompt: 'Translate "good morning" into French.', tier: 'cheap' },
  { prompt: 'What is the capital of Australia?', tier: 'cheap' },
  { prompt: 'Give me a synonym for "happy".', tier: 'cheap' },
  { prompt: 'Summarize this in one sentence: The meeting moved to Thursday at 3pm in room B.', tier: 'cheap' },
  { prompt: 'Is this review positive or negative? "Great battery, terrible screen, would not buy again."', tier: 'cheap' },
  { prompt: 'Write a haiku about autumn leaves.', tier: 'cheap' },
  { prompt: 'Fix the spelling: "I recieved the pakage yesturday."', tier: 'cheap' },
  { prompt: 'List three fruits that are red.', tier: 'cheap' },
  { prompt: 'How do you say thank you in Japanese?', tier: 'cheap' },
  { prompt: 'Suggest a name for a golden retriever puppy.', tier: 'cheap' },
  { prompt: 'Convert 5 miles to kilometres.', tier: 'cheap' },
  { prompt: 'Write a friendly out-of-office reply.', tier: 'cheap' },
  { prompt: 'What year did the Berlin Wall fall?', tier: 'cheap' },
  // balanced: images, tools, light code or math, longer plain text
  { prompt: 'What is in this picture?', tier: 'balanced', image: true },
  { prompt: 'Book me a table for two tomorrow at 7pm.', tier: 'balanced', tools: true },
  { prompt: 'Write a Python function that reverses a string.', tier: 'balanced' },
  { prompt: 'What does this regex match: ^\\d{3}-\\d{4}$', tier: 'balanced' },
  { prompt: 'Convert this JSON to YAML: {"a": 1, "b": [1, 2]}', tier: 'balanced' },
  { prompt: 'Write a SQL query: SELECT the ten newest orders FROM the orders table.', tier: 'balanced' },
  { prompt: 'Solve for x: 3x + 7 = 22', tier: 'balanced' },
  { prompt: 'What is the derivative of x^3 + 2x?', tier: 'balanced' },
  { prompt: `Summarize the key points of this text:\n${'The city council met on Tuesday to discuss the new budget for parks and libraries. '.repeat(30)}`, tier: 'balanced' },
  { prompt: 'Read the weather for Oslo and Bergen and tell me which is warmer.', tier: 'balanced', tools: true },
  { prompt: 'Describe the chart in this image and the trend it shows.', tier: 'balanced', image: true },
  { prompt: 'Explain what a TypeScript interface is, briefly.', tier: 'balanced' },
  { prompt: 'Analyze this essay and critique its argument, step by step:\n' + 'Cities should ban cars from their centres. '.repeat(20), tier: 'strong' },
  { prompt: 'Write a bash one-liner that counts lines in all .log files.', tier: 'balanced' },
  // strong: multi-step reasoning, hard code, proofs, long context
  { prompt: 'Prove that there are infinitely many primes, step by step.', tier: 'strong' },
  { prompt: 'Refactor this React component to use hooks and explain why each change improves it:\n```jsx\nclass A extends React.Component { render() { return <div/> } }\n```', tier: 'strong' },
  { prompt: 'Design a rate limiter for a distributed API. Compare token bucket and sliding window, with trade-offs.', tier: 'strong' },
  { prompt: 'Debug this: my Node server leaks memory under load. Analyze the likely root cause and plan a fix.', tier: 'strong' },
  { prompt: 'Compare PostgreSQL and MongoDB for an analytics workload and recommend one, with a migration plan.', tier: 'strong' },
  { prompt: 'Evaluate the integral of x^2 e^x dx and explain each step.', tier: 'strong' },
  { prompt: 'What is the probability of two dice summing to 7? Explain why, step by step.', tier: 'strong' },
  { prompt: `Here is our quarterly report. Analyze the trends:\n${LONG_REPORT}`, tier: 'strong' },
  { prompt: 'Write a concurrent job queue in Rust with retries, and analyze its race conditions.', tier: 'strong' },
  { prompt: 'Plan a three-phase migration from a monolith to microservices, first the data layer, then the API, finally the UI.', tier: 'strong' },
  { prompt: 'Why does my Python code raise a RecursionError here? Optimize it:\n```python\ndef fib(n): return fib(n-1) + fib(n-2)\n```', tier: 'strong' },
  { prompt: 'Critique this architecture: three services share one database. What are the risks, and how would you redesign it?', tier: 'strong' },
  { prompt: 'Given a matrix A, find its eigenvalues and explain how they relate to stability, step by step.', tier: 'strong' },
  { prompt: 'Analyze the pros and cons of server-side rendering versus static generation for an e-commerce site.', tier: 'strong' },
  { prompt: 'Who won? What was the score? Who scored first? Where was it played?', tier: 'balanced' },
];

function classify(item: (typeof LABELLED)[number]) {
  const content = item.image
    ? [{ type: 'text' as const, text: item.prompt }, { type: 'image_url' as const, image_url: { url: 'https://example.test/a.png' } }]
    : item.prompt;
  const request = ChatRequest.parse({
    model: 'auto',
    messages: [{ role: 'user', content }],
    ...(item.tools ? { tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }] } : {}),
  });
  return chooseTier(requestFeatures(request, estimatePromptTokens(request.messages)));
}

describe('the auto router', () => {
  it('has a labelled set of at least 40 prompts over all tiers', () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(40);
    for (const tier of ['cheap', 'balanced', 'strong']) expect(LABELLED.filter((l) => l.tier === tier).length).toBeGreaterThanOrEqual(10);
  });

  it.each(LABELLED)('$tier ← $prompt', (item) => {
    const { tier, reason } = classify(item);
    expect(tier, reason).toBe(item.tier);
    expect(reason.startsWith(`${item.tier}: `)).toBe(true);
    expect(reason).toMatch(/prompt tokens$/);
  });
});
