import type { PromptKind } from '../gateway/prompt-kind';
import { bradleyTerry, type RankedVote, type Rating } from './bradley-terry';

export interface KindVote extends RankedVote {
  kind: PromptKind;
}

/** Below this many votes in all, "learn from my votes" set to automatic stays off. */
export const LEARN_AFTER_VOTES = 5;
/** A model needs this many votes of a kind before `auto` prefers it for that kind. */
const MIN_VOTES_PER_MODEL = 2;
const AVERAGE = 1500;

export type LearnFromVotes = 'auto' | 'on' | 'off';

export function learning(setting: LearnFromVotes, votes: number): boolean {
  return setting === 'on' || (setting === 'auto' && votes >= LEARN_AFTER_VOTES);
}

/** The models ratings put above average over enough votes, best first: what "your votes rate it well" means everywhere. */
export function wellRated(ratings: Rating[]): string[] {
  return ratings.filter((r) => r.rating > AVERAGE && r.votes >= MIN_VOTES_PER_MODEL).map((r) => r.model);
}

/** Per kind, the models the user's votes rate above average (with enough votes), best first. */
export function preferredByKind(votes: KindVote[]): Partial<Record<PromptKind, string[]>> {
  const kinds = new Map<PromptKind, KindVote[]>();
  for (const vote of votes) kinds.set(vote.kind, [...(kinds.get(vote.kind) ?? []), vote]);
  const preferred: Partial<Record<PromptKind, string[]>> = {};
  for (const [kind, list] of kinds) {
    const winners = wellRated(bradleyTerry(list));
    if (winners.length) preferred[kind] = winners;
  }
  return preferred;
}
