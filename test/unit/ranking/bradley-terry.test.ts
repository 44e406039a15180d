import { describe, expect, it } from 'vitest';
import { bradleyTerry } from '../../../lib/ranking/bradley-terry';
import { learning, preferredByKind, type KindVote } from '../../../lib/ranking/preferences';

const votes = (winner: string, models: string[], times: number) => Array.from({ length: times }, () => ({ winner, models }));

describe('Bradley–Terry ratings from votes', () => {
  it('orders models by how often they are preferred, on the Elo scale around 1500', () => {
    const ratings = bradleyTerry([...votes('a', ['a', 'b'], 6), ...votes('b', ['a', 'b'], 2), ...votes('b', ['b', 'c'], 6), ...votes('c', ['b', 'c'], 2)]);
    expect(ratings.map((r) => r.model)).toEqual(['a', 'b', 'c']);
    expect(ratings[0]!.rating).toBeGreaterThan(1500);
    expect(ratings[2]!.rating).toBeLessThan(1500);
    expect(ratings.find((r) => r.model === 'b')).toMatchObject({ wins: 8, votes: 16 });
  });

  it('keeps an unbeaten model finite, and more votes make it surer', () => {
    const once = bradleyTerry(votes('a', ['a', 'b'], 1))[0]!;
    const often = bradleyTerry(votes('a', ['a', 'b'], 10))[0]!;
    expect(Number.isFinite(once.rating)).toBe(true);
    expect(often.rating).toBeGreaterThan(once.rating);
    expect(once.rating).toBeLessThan(1700);
  });

  it('counts a winner over three as beating each of the others', () => {
    const ratings = bradleyTerry(votes('c', ['a', 'b', 'c'], 3));
    expect(ratings[0]!.model).toBe('c');
    expect(ratings[1]!.rating).toBe(ratings[2]!.rating);
  });

  it('gives nothing for no votes', () => {
    expect(bradleyTerry([])).toEqual([]);
  });
});

describe('preferences per kind of prompt', () => {
  const kind = (k: KindVote['kind'], winner: string, models: string[], times: number): KindVote[] => votes(winner, models, times).map((v) => ({ ...v, kind: k }));

  it('names, per kind, the models rated above average with enough votes', () => {
    const preferred = preferredByKind([...kind('code', 'claude', ['claude', 'gpt'], 3), ...kind('writing', 'gpt', ['claude', 'gpt'], 2), ...kind('math', 'gemini', ['gemini', 'gpt'], 1)]);
    expect(preferred.code).toEqual(['claude']);
    expect(preferred.writing).toEqual(['gpt']);
    // One vote is not enough to prefer a model.
    expect(preferred.math).toBeUndefined();
  });

  it('learns automatically only after a few votes, unless told', () => {
    expect(learning('auto', 4)).toBe(false);
    expect(learning('auto', 5)).toBe(true);
    expect(learning('on', 0)).toBe(true);
    expect(learning('off', 100)).toBe(false);
  });
});
