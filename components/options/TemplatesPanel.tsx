import { useState } from 'react';
import { browser } from '@/lib/platform/browser';
import { loadTemplates, TEMPLATES_KEY } from '@/lib/menus/context-menus';
import { DEFAULT_TEMPLATES, PromptTemplates, TEMPLATE_LABELS, type TemplateName } from '@/lib/settings/templates';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';

/** The prompts behind the context menu's summarize, key points, explain and translate. */
export function TemplatesPanel() {
  const loaded = useLoad(loadTemplates);
  if (!loaded.data) return <p className="sy-muted">{loaded.error ?? 'Loading…'}</p>;
  return <TemplatesForm initial={loaded.data} />;
}

function TemplatesForm({ initial }: { initial: PromptTemplates }) {
  const [draft, setDraft] = useState(initial);
  const action = useAction();
  return (
    <section aria-labelledby="templates-title" className="sy-panel">
      <h2 id="templates-title">Prompt templates</h2>
      <p className="sy-muted">
        Used by the right-click menu. <code>{'{{selection}}'}</code> is the selected text (or the page, when nothing is selected), <code>{'{{title}}'}</code> and{' '}
        <code>{'{{url}}'}</code> the page's, <code>{'{{language}}'}</code> the translation target.
      </p>
      <form
        className="sy-form sy-card"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await browser.storage.local.set({ [TEMPLATES_KEY]: PromptTemplates.parse(draft) });
            return 'Templates saved.';
          });
        }}
      >
        {(Object.keys(TEMPLATE_LABELS) as TemplateName[]).map((name) => (
          <Field key={name} id={`template-${name}`} label={TEMPLATE_LABELS[name]}>
            <textarea id={`template-${name}`} rows={4} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
          </Field>
        ))}
        <Field id="template-language" label="Translate into">
          <input id="template-language" value={draft.translateTo} onChange={(e) => setDraft({ ...draft, translateTo: e.target.value })} />
        </Field>
        <Notice message={action.message} />
        <div className="sy-row">
          <Button variant="primary" type="submit" disabled={action.busy}>
            Save templates
          </Button>
          <Button onClick={() => setDraft(DEFAULT_TEMPLATES)}>Restore defaults</Button>
        </div>
      </form>
    </section>
  );
}
