import { useState } from 'react';
import { callBackground } from '@/lib/messaging/browser';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { Notice } from '../ui/Notice';
import { useAction, useLoad } from '../ui/useCall';
import { Icon } from '../ui/Icon';

/** The optional passphrase that encrypts keys at rest. */
export function SecurityPanel() {
  const status = useLoad(() => callBackground('vault.status', {}));
  const action = useAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const s = status.data;
  const done = (text: string) => async () => {
    setCurrent('');
    setNext('');
    status.reload();
    return text;
  };

  return (
    <section aria-labelledby="security-title" className="sy-panel">
      <h2 id="security-title">Passphrase lock</h2>
      <p className="sy-muted">
        Keys are always encrypted at rest (AES-GCM) with a key that only Switchyard's background can use; web pages and content scripts cannot reach it. A
        passphrase adds a second lock (PBKDF2 with 600,000 rounds): keys are then usable only after you unlock, until the browser closes.
      </p>
      {s && (
        <p data-testid="vault-status">
          {!s.hasPassphrase ? 'No passphrase: keys are encrypted with this browser’s key alone.' : s.locked ? (
            <>
              <Icon name="lock" />
              Locked: unlock to use your keys.
            </>
          ) : (
            <>
              <Icon name="unlock" />
              Unlocked for this browser session.
            </>
          )}
        </p>
      )}
      <form
        className="sy-card sy-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!s) return;
          void action.run(async () => {
            if (!s.hasPassphrase) {
              await callBackground('vault.setPassphrase', { passphrase: next });
              return done('Passphrase set: keys now need it to be used.')();
            }
            if (s.locked) {
              await callBackground('vault.unlock', { passphrase: current });
              return done('Unlocked.')();
            }
            await callBackground('vault.changePassphrase', { current, next });
            return done('Passphrase changed.')();
          });
        }}
      >
        {s?.hasPassphrase && (
          <Field id="vault-current" label={s.locked ? 'Passphrase' : 'Current passphrase'}>
            <input id="vault-current" type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" />
          </Field>
        )}
        {s && !s.locked && (
          <Field id="vault-next" label={s.hasPassphrase ? 'New passphrase' : 'Passphrase'} hint="At least 8 characters. It cannot be recovered: without it, re-enter your keys.">
            <input id="vault-next" type="password" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password" minLength={8} />
          </Field>
        )}
        <Notice message={action.message} testId="vault-message" />
        <div className="sy-row">
          <Button variant="primary" type="submit" disabled={action.busy || !s}>
            {!s?.hasPassphrase ? 'Set passphrase' : s.locked ? 'Unlock' : 'Change passphrase'}
          </Button>
          {s?.hasPassphrase && !s.locked && (
            <>
              <Button onClick={() => void action.run(async () => (await callBackground('vault.lock', {}), done('Locked.')()))}>Lock now</Button>
              <Button
                onClick={() =>
                  void action.run(async () => {
                    await callBackground('vault.removePassphrase', { current });
                    return done('Passphrase removed: keys are stored unencrypted again.')();
                  })
                }
              >
                Remove passphrase
              </Button>
            </>
          )}
        </div>
      </form>
    </section>
  );
}
