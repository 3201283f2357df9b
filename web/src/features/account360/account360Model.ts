// The account 360's pieces as the page shows them: the stakeholder map by role, the
// revenue chart, one timeline of answers and touchpoints. Pure functions of the API's
// account 360 object.
import type { EChartsCoreOption } from 'echarts/core';
import { formatMoneyCompact, formatMonth, type Lang } from '../../shared/format';
import {
  ROLES,
  type Account360,
  type Category,
  type ChurnScore,
  type ChurnScores,
  type Role,
  type Stakeholder,
} from '../../shared/types';

export interface StakeholderCard {
  id: string;
  name: string;
  category: Category | null; // null: no current answer
  score: number | null;
  trend: Stakeholder['trend'];
  leftOn: string | null; // set: the contact left the account
}

export interface StakeholderColumn {
  role: Role;
  cards: StakeholderCard[];
}

const SEVERITY: Record<string, number> = { detractor: 0, passive: 1, promoter: 2, none: 3 };

// One column per role (decision makers, influencers, users); in each, current contacts
// before those who left, then foes before friends, then by name.
export function stakeholderColumns(stakeholders: Stakeholder[]): StakeholderColumn[] {
  return ROLES.map((role) => ({
    role,
    cards: stakeholders
      .filter((s) => s.role === role)
      .map((s) => ({
        id: s.contact_id,
        name: s.name ?? s.contact_id,
        category: s.category,
        score: s.score,
        trend: s.trend,
        leftOn: s.current ? null : s.left_on,
      }))
      .sort(
        (a, b) =>
          Number(a.leftOn !== null) - Number(b.leftOn !== null) ||
          SEVERITY[a.category ?? 'none'] - SEVERITY[b.category ?? 'none'] ||
          a.name.localeCompare(b.name),
      ),
  }));
}

export interface TimelineEntry {
  date: string;
  kind: 'answer' | 'touchpoint';
  id: string;
  contact: string | null; // the contact's name (or id)
  type: string | null; // touchpoint type
  score: number | null;
  category: Category | null;
  comment: string | null;
  drivers: string[];
}

// Answers and touchpoints in one list, newest first (ties: answers first, then by id).
export function timeline(view: Account360): TimelineEntry[] {
  const names = new Map(view.stakeholders.map((s) => [s.contact_id, s.name ?? s.contact_id]));
  const contact = (id: string | null): string | null => (id === null ? null : (names.get(id) ?? id));
  const entries: TimelineEntry[] = [
    ...view.responses.map((r) => ({
      date: r.responded_on,
      kind: 'answer' as const,
      id: r.response_id,
      contact: contact(r.contact_id),
      type: null,
      score: r.score,
      category: r.category,
      comment: r.comment,
      drivers: r.drivers,
    })),
    ...view.touchpoints.map((tp, i) => ({
      date: tp.occurred_on,
      kind: 'touchpoint' as const,
      id: `tp-${i}`,
      contact: contact(tp.contact_id),
      type: tp.type,
      score: null,
      category: null,
      comment: null,
      drivers: [],
    })),
  ];
  return entries.sort(
    (a, b) =>
      (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) ||
      (a.kind === b.kind ? 0 : a.kind === 'answer' ? -1 : 1) ||
      a.id.localeCompare(b.id),
  );
}

// The bar chart of revenue by month.
export function revenueChartOption(view: Account360, lang: Lang, currency: string): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: {
      type: 'category',
      data: view.revenue.map((m) => formatMonth(m.month, lang, true)),
      axisLabel: { color: '#3d4451' },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: '#3d4451', formatter: (v: number) => formatMoneyCompact(v, lang, currency) },
    },
    series: [
      {
        type: 'bar',
        name: 'revenue',
        data: view.revenue.map((m) => m.amount),
        itemStyle: { color: '#2458a6' },
      },
    ],
  };
}

// The account's churn risk from GET /churn/scores?account_id=ID: its score, or null when the
// API has none (the account is not active, or not the caller's).
export function churnScoreOf(scores: ChurnScores, accountId: string): ChurnScore | null {
  return scores.scores.find((s) => s.account_id === accountId) ?? null;
}

// The reasons as the API explains them, largest first, with each contribution's share of
// the listed ones (for the bar beside each reason).
export function churnReasons(score: ChurnScore): { text: string; contribution: number; share: number }[] {
  const sum = score.factors.reduce((total, f) => total + Math.max(0, f.contribution), 0);
  return [...score.factors]
    .sort((a, b) => b.contribution - a.contribution)
    .map((f) => ({ text: f.text, contribution: f.contribution, share: sum > 0 ? Math.max(0, f.contribution) / sum : 0 }));
}
