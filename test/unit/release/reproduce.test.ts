import { describe, expect, it } from 'vitest';
import { differences } from '../../../scripts/release/reproduce';

describe('comparing a rebuilt add-on with the uploaded one', () => {
  it('names files missing on either side or with other bytes, and nothing when they agree', () => {
    const xpi = new Map([
      ['manifest.json', Buffer.from('{"version":"0.1.0"}')],
      ['background.js', Buffer.from('a()')],
      ['icon/16.png', Buffer.from([1, 2])],
    ]);
    expect(differences(xpi, new Map(xpi))).toEqual([]);
    const rebuilt = new Map(xpi);
    rebuilt.set('background.js', Buffer.from('b()'));
    rebuilt.delete('icon/16.png');
    rebuilt.set('extra.js', Buffer.from(''));
    expect(differences(xpi, rebuilt)).toEqual(['background.js', 'extra.js', 'icon/16.png']);
  });
});
