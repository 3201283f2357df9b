// The API's objects (shared/spec/metrics.md, docs/api.md) as the dashboard reads them.
export type Category = 'promoter' | 'passive' | 'detractor' | 'non_responder';
export type Quadrant =
  | 'firefighting'
  | 'blind_spot'
  | 'advocate'
  | 'develop'
  | 'grow'
  | 'fix_efficiently'
  | 'monitor';
export type Role = 'decision_maker' | 'influencer' | 'user';
export type UserRole = 'admin' | 'cx_manager' | 'account_manager' | 'viewer';

export const CATEGORIES: Category[] = ['promoter', 'passive', 'detractor', 'non_responder'];
export const QUADRANTS: Quadrant[] = [
  'firefighting',
  'blind_spot',
  'advocate',
  'develop',
  'grow',
  'fix_efficiently',
  'monitor',
];
export const ROLES: Role[] = ['decision_maker', 'influencer', 'user'];

export interface User {
  email: string;
  name: string;
  role: UserRole;
}
export interface SessionAnswer {
  user: User;
  csrf_token: string | null;
}
export interface Workspace {
  name: string;
  currency: string;
  default_as_of: string;
  pareto?: number; // the workspace's Pareto share (the lifecycle's default)
}

// GET /metrics/trend: the summary of each of the last quarter ends, oldest first.
export interface SummaryTrend {
  as_of: string;
  quarters: number;
  summaries: Summary[];
}

// Churn risk (docs/churn.md): one account's score with its reasons and what to do.
export interface ChurnFactor {
  feature: string;
  value: number | null;
  contribution: number;
  text: string;
}
export interface ChurnScore {
  account_id: string;
  name: string;
  tier: string;
  risk: number;
  ttm: number;
  revenue_at_risk: number;
  factors: ChurnFactor[];
  actions: string[];
}
export interface ChurnModelInfo {
  trained_as_of: string;
  validation_auc: number | null;
}
// GET /churn/threats
export interface ChurnThreats {
  as_of: string;
  model: ChurnModelInfo;
  total: number;
  threat_risk: number;
  revenue_at_risk: number;
  threats: ChurnScore[];
}
// GET /churn/scores
export interface ChurnScores {
  as_of: string;
  model: ChurnModelInfo;
  total: number;
  limit: number;
  offset: number;
  scores: ChurnScore[];
}

export interface Retention {
  cohort: number;
  logo_churn: number | null;
  revenue_churn: number | null;
  grr: number | null;
  nrr: number | null;
  enc: number | null;
  bnc: number | null;
  egr: number | null;
}

export interface Summary {
  as_of: string;
  accounts: { total: number; active: number };
  contact_nps: number | null;
  account_nps: number | null;
  revenue_weighted_nps: number | null;
  nps_margin: { contact: number | null; account: number | null };
  answers?: { contact: number; account: number };
  coverage: { accounts: number | null; revenue: number | null };
  response_rate: number | null;
  retention: Retention;
  pareto: { accounts: number; revenue: number };
  categories: Record<Category, number>;
}

export interface AccountRow {
  account_id: string;
  name: string;
  owner: string | null;
  industry: string | null;
  region: string | null;
  tier: 'A' | 'B' | 'C' | 'D';
  ttm: number;
  ttm_prior: number;
  score: number | null;
  category: Category;
  answers: number;
  quadrant: Quadrant;
  action: string;
  contacts: { current: number; decision_maker: number; influencer: number; user: number };
  flags: string[];
  check: { ok: boolean; required: number; missing_contacts: number; missing_roles: string[] };
  touchpoints: {
    days_since_last: number | null;
    marketing_emails_30d: number;
    support_tickets_90d: number;
  };
  invitations: { sent: number; answered: number };
  health: { score: number | null; colour: 'green' | 'yellow' | 'red' | null; change_90d: number | null };
  engagement_class?: string | null;
}

export interface AccountPage {
  as_of: string;
  total: number;
  limit: number;
  offset: number;
  accounts: AccountRow[];
}

export interface Stakeholder {
  contact_id: string;
  name: string | null;
  email: string | null;
  role: Role;
  current: boolean;
  left_on: string | null;
  score: number | null;
  category: Category | null;
  trend: 'up' | 'down' | 'new' | 'steady' | null;
}

export interface HealthComponent {
  name: string;
  raw: number | null;
  normalised: number;
  weight: number;
  contribution: number;
  used: boolean;
}

export interface AccountResponse {
  response_id: string;
  responded_on: string;
  survey_id: string | null;
  score: number;
  category: Category;
  comment: string;
  drivers: string[];
  contact_id: string;
}

export interface Account360 {
  as_of: string;
  account: {
    account_id: string;
    name: string;
    owner: string | null;
    industry: string | null;
    region: string | null;
    acquisition: string | null;
    created_on: string | null;
    churned_on: string | null;
    active: boolean;
  };
  row: AccountRow | null;
  health_components?: HealthComponent[];
  stakeholders: Stakeholder[];
  revenue: { month: string; amount: number }[];
  responses: AccountResponse[];
  touchpoints: { occurred_on: string; type: string; contact_id: string | null }[];
  signals: Record<string, { observed_on: string; value: number }[]>;
}

export interface Cell {
  accounts: number;
  ttm: number;
}
export interface MatrixReport {
  as_of: string;
  quadrants: Record<Quadrant, Cell>;
}
export interface MatrixPoints {
  as_of: string;
  columns: string[];
  // [account_id, name, tier, ttm, score, quadrant]
  points: [string, string, string, number, number | null, Quadrant][];
}
export interface LifecycleReport {
  as_of: string;
  pareto: Record<Category, Cell>;
  rest: Record<Category, Cell>;
  climbers: { contacts: number; ttm: number };
  fallers: { contacts: number; ttm: number };
  steady: { contacts: number; ttm: number };
}
export interface DriverRow {
  driver: string;
  mentions: number;
  promoter: number;
  passive: number;
  detractor: number;
  nps: number | null;
  detractor_revenue: number;
}
export interface DriversReport {
  as_of: string;
  drivers: DriverRow[];
  priority_by_nps: string[];
  priority_by_revenue: string[];
}
export interface RetentionReport extends Retention {
  as_of: string;
  segments: Record<string, Record<string, Retention>>;
}
export interface HealthCheckReport {
  as_of: string;
  scored_on: string;
  accounts: number;
  churned: number;
  unscored: number;
  auc: number | null;
  verdict: string;
  by_colour: Record<'green' | 'yellow' | 'red', { accounts: number; churned: number; churn_rate: number | null }>;
  by_component: { name: string; accounts: number; auc: number | null }[];
}
export interface SimulationGroup {
  accounts: number;
  ttm: number;
  nrr: number | null;
  nrr_used: number | null;
  accounts_after: number;
}
export interface SimulationReport {
  as_of: string;
  overall_nrr: number | null;
  groups: Record<Category, SimulationGroup>;
  baseline: { projected: number };
  scenario: {
    moves: { from: Category; to: Category; share: number }[];
    account_nps_before: number | null;
    account_nps_after: number | null;
    projected: number;
    target_nps?: number | null;
  };
  change: number;
}
export interface ResponseRate {
  sent: number;
  answered: number;
  rate: number | null;
}
export interface ResponsesReport {
  as_of: string;
  total: number; // accounts in by_account; the API sends a page of each list (limit, offset)
  limit: number;
  offset: number;
  overall: ResponseRate;
  by_wave: ({ survey_id: string; first_sent: string } & ResponseRate)[];
  by_role: Record<Role, ResponseRate>;
  by_account: ({ account_id: string; name: string; owner: string | null; tier: string; ttm: number } & ResponseRate)[];
  never_answering: {
    accounts: number;
    ttm: number;
    list: { account_id: string; name: string; owner: string | null; tier: string; ttm: number }[];
  };
}
