import type { ModelSummary } from '@/lib/messaging/contracts';

/** A model's name over its id, as the models tables show it. */
export function ModelNameCell({ model }: { model: ModelSummary }) {
  return (
    <td>
      <strong>{model.name}</strong>
      <br />
      <code className="sy-small">{model.id}</code>
    </td>
  );
}

/** The configured providers that can serve a model now, or that none can. */
export function UsableViaCell({ model }: { model: ModelSummary }) {
  return <td>{model.providers.length ? model.providers.join(', ') : <span className="sy-muted">no key</span>}</td>;
}
