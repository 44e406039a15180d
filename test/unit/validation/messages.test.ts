import { describe, expect, it } from 'vitest';
import { parseBackup } from '../../../lib/settings/backup';

const importError = (file: unknown) => {
  const result = parseBackup(JSON.stringify(file));
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
};

describe('validation messages a person reads', () => {
  it('name the field and say in English what is wrong with it', () => {
    expect(importError({ switchyard: 1, providers: [{ id: 'x', name: '', kind: 'openai', baseUrl: 'https://a.example/v1' }] })).toContain(
      'providers[0].name: Too small: expected at least 1 characters',
    );
    expect(importError({ switchyard: 1, providers: [{ id: 'x', name: 'X', kind: 'soap', baseUrl: 'https://a.example/v1' }] })).toMatch(
      /providers\[0\]\.kind: Expected one of "openai", "anthropic", "gemini", "ollama"/,
    );
    expect(importError({ switchyard: 1, budgets: { warnAt: 'half' } })).toContain('budgets.warnAt: Expected number, got string');
    expect(importError({ switchyard: 2 })).toContain('switchyard: this is not a Switchyard settings file');
  });
});
