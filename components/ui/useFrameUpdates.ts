import { useState } from 'react';
import { frameUpdates } from '@/lib/ui/frame-updates';

/** Streaming updates applied at most one source per animation frame (lib/ui/frame-updates.ts). */
export function useFrameUpdates() {
  const [inFrame] = useState(() => frameUpdates());
  return inFrame;
}
