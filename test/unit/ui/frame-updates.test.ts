import { describe, expect, it } from 'vitest';
import { frameUpdates } from '../../../lib/ui/frame-updates';

function fakeFrames() {
  const queue: (() => void)[] = [];
  return {
    request: (run: () => void) => queue.push(run),
    /** Runs the frames requested so far; returns how many ran. */
    tick() {
      const due = queue.splice(0);
      due.forEach((run) => run());
      return due.length;
    },
  };
}

describe('frame updates', () => {
  it('applies only the latest update of a source, once per frame', () => {
    const frames = fakeFrames();
    const inFrame = frameUpdates(frames.request);
    const seen: string[] = [];
    inFrame('a', () => seen.push('a1'));
    inFrame('a', () => seen.push('a2'));
    expect(seen).toEqual([]);
    frames.tick();
    expect(seen).toEqual(['a2']);
    expect(frames.tick()).toBe(0);
  });

  it('lets sources take turns, one per frame, the one waiting longest first', () => {
    const frames = fakeFrames();
    const inFrame = frameUpdates(frames.request);
    const seen: string[] = [];
    for (const source of ['a', 'b', 'c']) inFrame(source, () => seen.push(source));
    frames.tick();
    expect(seen).toEqual(['a']);
    inFrame('a', () => seen.push('a again'));
    frames.tick();
    frames.tick();
    frames.tick();
    expect(seen).toEqual(['a', 'b', 'c', 'a again']);
    expect(frames.tick()).toBe(0);
  });

  it('schedules again after going quiet', () => {
    const frames = fakeFrames();
    const inFrame = frameUpdates(frames.request);
    const seen: string[] = [];
    inFrame('a', () => seen.push('first'));
    frames.tick();
    inFrame('a', () => seen.push('second'));
    frames.tick();
    expect(seen).toEqual(['first', 'second']);
  });
});
