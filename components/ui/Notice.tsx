export function Notice({ message, testId }: { message: { tone: 'ok' | 'error'; text: string } | null; testId?: string }) {
  if (!message) return null;
  return (
    <p className={message.tone === 'error' ? 'sy-alert' : 'sy-ok'} role={message.tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {message.text}
    </p>
  );
}
