import { describe, expect, it } from 'vitest';
import type { QueryValue } from './api';
import { getChurn, isTraining } from './churn';

describe('churn while the model trains', () => {
  it('knows the training answer', () => {
    expect(isTraining({ status: 'training', as_of: '2026-06-30' })).toBe(true);
    expect(isTraining({ as_of: '2026-06-30', total: 0, threats: [] })).toBe(false);
    expect(isTraining(null)).toBe(false);
  });
  it('asks again without waiting on the server until the figures come', async () => {
    const asked: Record<string, QueryValue>[] = [];
    const answers: unknown[] = [{ status: 'training', as_of: '2026-06-30' }, { status: 'training', as_of: '2026-06-30' }, { total: 3 }];
    let paused = 0;
    const result = await getChurn<{ total: number }>(
      '/churn/threats',
      { as_of: '2026-06-30' },
      undefined,
      (async (_path: string, params: Record<string, QueryValue>) => {
        asked.push(params);
        return answers.shift();
      }) as never,
      async () => {
        paused += 1;
      },
    );
    expect(result).toEqual({ total: 3 });
    expect(paused).toBe(2);
    expect(asked).toEqual([0, 1, 2].map(() => ({ as_of: '2026-06-30', wait: 'false' })));
  });
});
