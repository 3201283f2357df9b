// The simulator's sliders: which moves between categories they offer, their state in the
// URL (so a scenario can be shared), and the scenario body the API projects.
import type { Category } from '../../shared/types';

export interface Move {
  from: Category;
  to: Category;
  share: number; // 0..1
}

// The sliders, in the order shown: moves a CX programme can aim for.
export const SLIDERS: { from: Category; to: Category }[] = [
  { from: 'detractor', to: 'passive' },
  { from: 'passive', to: 'promoter' },
  { from: 'non_responder', to: 'passive' },
  { from: 'promoter', to: 'passive' },
];

export const SHARE_STEP = 0.05;

function clampShare(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, Math.round(value / SHARE_STEP) * SHARE_STEP));
}

// ?move=detractor:passive:0.2&move=... -> one share per slider (0 when absent).
export function sharesFromSearch(search: URLSearchParams): number[] {
  const shares = SLIDERS.map(() => 0);
  for (const text of search.getAll('move')) {
    const [from, to, share] = text.split(':');
    const index = SLIDERS.findIndex((s) => s.from === from && s.to === to);
    if (index >= 0) shares[index] = clampShare(Number(share));
  }
  return shares;
}

export function searchWithShares(search: URLSearchParams, shares: number[]): string {
  const params = new URLSearchParams(search);
  params.delete('move');
  shares.forEach((share, i) => {
    if (share > 0) params.append('move', `${SLIDERS[i].from}:${SLIDERS[i].to}:${Number(share.toFixed(2))}`);
  });
  return params.toString();
}

// The body of POST /api/v1/reports/simulate: the moves with a share above 0.
export function scenarioBody(shares: number[]): { moves: Move[] } {
  return {
    moves: shares
      .map((share, i) => ({ from: SLIDERS[i].from, to: SLIDERS[i].to, share: Number(share.toFixed(2)) }))
      .filter((m) => m.share > 0),
  };
}
