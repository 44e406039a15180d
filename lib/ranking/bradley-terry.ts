/** One vote: the answer a user picked as best among the models that answered the same prompt. */
export interface RankedVote {
  winner: string;
  models: string[];
}

export interface Rating {
  model: string;
  /** On the Elo scale: 1500 is an average model; 400 points more means ten-to-one odds of being preferred. */
  rating: number;
  wins: number;
  /** Votes this model took part in. */
  votes: number;
}

const PRIOR = 1; // a virtual win and loss against an average model, so one lucky vote is not infinity
const ITERATIONS = 200;

/**
 * Bradley–Terry strengths from votes (each vote: the winner beat every other model in it),
 * fitted by Hunter's MM iterations, with a weak prior towards the average; best first.
 */
export function bradleyTerry(votes: RankedVote[]): Rating[] {
  const models = [...new Set(votes.flatMap((v) => [v.winner, ...v.models]))];
  if (!models.length) return [];
  const index = new Map(models.map((m, i) => [m, i]));
  const n = models.length;
  const wins = new Array<number>(n).fill(0);
  const taking = new Array<number>(n).fill(0);
  const games = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const pairwiseWins = new Array<number>(n).fill(0);
  for (const vote of votes) {
    const w = index.get(vote.winner)!;
    wins[w]!++;
    const present = new Set([vote.winner, ...vote.models]);
    for (const model of present) taking[index.get(model)!]!++;
    for (const model of present) {
      if (model === vote.winner) continue;
      const l = index.get(model)!;
      games[w]![l]!++;
      games[l]![w]!++;
      pairwiseWins[w]!++;
    }
  }
  let strength = new Array<number>(n).fill(1);
  for (let round = 0; round < ITERATIONS; round++) {
    const next = strength.map((p, i) => {
      let denominator = (2 * PRIOR) / (p + 1);
      for (let j = 0; j < n; j++) if (games[i]![j]) denominator += games[i]![j]! / (p + strength[j]!);
      return (pairwiseWins[i]! + PRIOR) / denominator;
    });
    const change = Math.max(...next.map((p, i) => Math.abs(Math.log(p / strength[i]!))));
    strength = next;
    if (change < 1e-9) break;
  }
  return models
    .map((model, i) => ({ model, rating: Math.round(1500 + 400 * Math.log10(strength[i]!)), wins: wins[i]!, votes: taking[i]! }))
    .sort((a, b) => b.rating - a.rating || b.wins - a.wins || a.model.localeCompare(b.model));
}
