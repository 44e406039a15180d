import { useEffect, useState } from 'react';
import { BackgroundStatus } from '@/components/BackgroundStatus';
import { BackupPanel } from '@/components/options/BackupPanel';
import { BudgetsPanel } from '@/components/options/BudgetsPanel';
import { DashboardPanel } from '@/components/options/DashboardPanel';
import { ModelsPanel } from '@/components/options/ModelsPanel';
import { PagesPanel } from '@/components/options/PagesPanel';
import { ProvidersPanel } from '@/components/options/ProvidersPanel';
import { RoutingPanel } from '@/components/options/RoutingPanel';
import { SecurityPanel } from '@/components/options/SecurityPanel';
import { TemplatesPanel } from '@/components/options/TemplatesPanel';
import { Header } from '@/components/ui/Header';

const SECTIONS = {
  providers: { label: 'Providers', Panel: ProvidersPanel },
  dashboard: { label: 'Spending', Panel: DashboardPanel },
  routing: { label: 'Routing', Panel: RoutingPanel },
  budgets: { label: 'Budgets', Panel: BudgetsPanel },
  templates: { label: 'Prompt templates', Panel: TemplatesPanel },
  pages: { label: 'Web pages', Panel: PagesPanel },
  models: { label: 'Models', Panel: ModelsPanel },
  backup: { label: 'Import / export', Panel: BackupPanel },
  security: { label: 'Passphrase', Panel: SecurityPanel },
} as const;
type Section = keyof typeof SECTIONS;

/** `#dashboard`, or `#request/<id>`: the spending page with one request opened (an answer's "Inspect" link). */
const fromHash = (): { section: Section; inspect?: string } => {
  const hash = location.hash.slice(1);
  if (hash.startsWith('request/')) return { section: 'dashboard', inspect: decodeURIComponent(hash.slice('request/'.length)) };
  return { section: hash in SECTIONS ? (hash as Section) : 'providers' };
};

export function App() {
  const [{ section, inspect }, setRoute] = useState(fromHash);
  useEffect(() => {
    const onHash = () => setRoute(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const { Panel } = SECTIONS[section];

  return (
    <div className="sy-options">
      <nav className="sy-nav" aria-label="Settings">
        <Header title="Switchyard" />
        <ul>
          {(Object.keys(SECTIONS) as Section[]).map((key) => (
            <li key={key}>
              <a href={`#${key}`} aria-current={key === section ? 'page' : undefined}>
                {SECTIONS[key].label}
              </a>
            </li>
          ))}
        </ul>
        <BackgroundStatus />
      </nav>
      <main className="sy-options-main">
        {section === 'dashboard' ? <DashboardPanel key={section} inspect={inspect} /> : <Panel key={section} />}
      </main>
    </div>
  );
}
