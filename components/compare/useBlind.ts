import { useStoredFlag } from '../ui/useStoredFlag';

/** Whether comparisons hide which model wrote which answer until the vote, kept for the next time. */
export const useBlind = () => useStoredFlag('switchyard.compare.blind');

/** "Answer A", "Answer B", …: a column's name while its model is hidden. */
export const answerName = (index: number) => `Answer ${String.fromCharCode(65 + index)}`;
