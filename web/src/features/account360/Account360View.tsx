// `/accounts/ID`: one account from every side: stakeholder map, revenue, answers and
// touchpoints, signals, health with its components, the account check, the churn risk with
// its reasons and actions.
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { ApiError, apiGet } from '../../shared/api';
import { getChurn } from '../../shared/churn';
import { Chart } from '../../shared/Chart';
import {
  formatDate,
  formatDecimal,
  formatInteger,
  formatMoney,
  formatPercent,
} from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { MessageKey } from '../../shared/messages';
import type { Account360, ChurnScores } from '../../shared/types';
import {
  CategoryBadge,
  DataTable,
  Empty,
  ErrorState,
  Kpi,
  Loading,
  PageTitle,
  Show,
  useApi,
  type Loaded,
} from '../../shared/ui';
import { linkTo, useLocation } from '../../app/router';
import type { ViewProps } from '../../app/views';
import { churnReasons, churnScoreOf, revenueChartOption, stakeholderColumns, timeline } from './account360Model';

function Stakeholders({ view }: { view: Account360 }): JSX.Element {
  const { lang, t } = useI18n();
  const columns = stakeholderColumns(view.stakeholders);
  return (
    <section aria-labelledby="stakeholders-heading">
      <h2 id="stakeholders-heading">{t('account.stakeholders')}</h2>
      <div class="stakeholders" data-testid="stakeholder-map">
        {columns.map((column) => (
          <section class="stakeholder-column" key={column.role} aria-label={t(`role.${column.role}`)}>
            <h3>
              {t(`role.${column.role}`)}{' '}
              <span class="muted small">({t('account.contactCount', { count: column.cards.length })})</span>
            </h3>
            <ul tabIndex={0} aria-label={t(`role.${column.role}`)}>
              {column.cards.map((card) => (
                <li
                  key={card.id}
                  class={`card card-${card.category ?? 'none'}${card.leftOn ? ' card-left' : ''}`}
                  data-testid="stakeholder"
                >
                  <span class="card-name">{card.name}</span>
                  <span class="card-meta">
                    {card.category ? (
                      <>
                        {t(`category.${card.category}`)} · {formatInteger(card.score, lang)}
                      </>
                    ) : (
                      t('account.noScore')
                    )}
                    {card.trend && card.leftOn === null && <> · {t(`account.trend.${card.trend}` as MessageKey)}</>}
                  </span>
                  {card.leftOn && <span class="card-left-note">{t('account.left', { date: formatDate(card.leftOn, lang) })}</span>}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}

function Timeline({ view }: { view: Account360 }): JSX.Element {
  const { lang, t } = useI18n();
  const entries = timeline(view);
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">
        {t('account.answersTitle')} · {t('account.touchpoints')}
      </h2>
      {entries.length === 0 ? (
        <Empty>{t('account.noAnswers')}</Empty>
      ) : (
        <ol class="timeline" data-testid="timeline" tabIndex={0} aria-label={t('account.answersTitle')}>
          {entries.slice(0, 60).map((entry) => (
            <li key={entry.id} class={`timeline-entry timeline-${entry.kind}`}>
              <time dateTime={entry.date}>{formatDate(entry.date, lang)}</time>
              {entry.kind === 'answer' ? (
                <div>
                  <CategoryBadge category={entry.category} label={`${formatInteger(entry.score, lang)} · ${t(`category.${entry.category ?? 'non_responder'}`)}`} />{' '}
                  <strong>{entry.contact}</strong>
                  <p class="comment">{entry.comment || t('account.noComment')}</p>
                  {entry.drivers.length > 0 && <p class="muted small">{entry.drivers.join(', ')}</p>}
                </div>
              ) : (
                <div>
                  <span class="tp-type">{entry.type}</span>
                  {entry.contact && <> · {entry.contact}</>}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Signals({ view }: { view: Account360 }): JSX.Element {
  const { lang, t } = useI18n();
  const names = Object.keys(view.signals);
  return (
    <section aria-labelledby="signals-heading">
      <h2 id="signals-heading">{t('account.signals')}</h2>
      {names.length === 0 ? (
        <p class="muted">{t('account.noSignals')}</p>
      ) : (
        <dl class="signals">
          {names.map((name) => {
            const values = view.signals[name];
            const latest = values[values.length - 1];
            return (
              <div key={name}>
                <dt>{name}</dt>
                <dd>
                  {formatDecimal(latest.value, lang)} ({formatDate(latest.observed_on, lang)})
                  <span class="muted small"> · {values.length}×</span>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}

// The churn risk of the account (GET /churn/scores?account_id=ID), asked for beside the
// account; while the model of the date still learns (seconds on a large book, once), the
// section says so and the rest of the account is already on the page.
function ChurnRisk({ id, scores, currency }: { id: string; scores: Loaded<ChurnScores>; currency: string }): JSX.Element {
  const { lang, t } = useI18n();
  let body: JSX.Element;
  if (scores.error) {
    const error = scores.error;
    body =
      error instanceof ApiError && error.status === 409 ? (
        <Empty>{t('churn.noModel', { message: error.message })}</Empty>
      ) : (
        <ErrorState error={error} onRetry={scores.reload} />
      );
  } else if (scores.data === null) {
    body = <Loading />;
  } else {
    const score = churnScoreOf(scores.data, id);
    if (score === null) {
      body = <Empty>{t('account.noChurnScore')}</Empty>;
    } else {
      const reasons = churnReasons(score);
      body = (
        <>
          <div class="kpis">
            <Kpi
              label={t('account.churn')}
              value={formatPercent(score.risk, lang, 0)}
              testId="account-churn-risk"
              detail={t('account.churnDetail')}
            />
            <Kpi
              label={t('overview.revenueAtRisk')}
              value={formatMoney(score.revenue_at_risk, lang, currency)}
              testId="account-revenue-at-risk"
            />
          </div>
          <div class="two-columns">
            <section aria-labelledby="churn-reasons">
              <h3 id="churn-reasons">{t('churn.reasons')}</h3>
              {reasons.length === 0 ? (
                <p class="muted">{t('account.noFactors')}</p>
              ) : (
                <ul class="reasons" data-testid="churn-factors">
                  {reasons.map((r) => (
                    <li key={r.text}>
                      {r.text}{' '}
                      <span class="muted small">
                        ({t('account.contribution', { value: formatDecimal(r.contribution, lang, 2) })})
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="churn-actions">
              <h3 id="churn-actions">{t('churn.actions')}</h3>
              {score.actions.length === 0 ? (
                <p class="muted">{t('account.noActions')}</p>
              ) : (
                <ul class="reasons" data-testid="churn-actions">
                  {score.actions.map((action) => (
                    <li key={action}>{action}</li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <p class="muted small">
            {t('churn.model', {
              date: formatDate(scores.data.model.trained_as_of, lang),
              auc: formatDecimal(scores.data.model.validation_auc, lang, 2),
            })}
          </p>
        </>
      );
    }
  }
  return (
    <section aria-labelledby="churn-heading" data-testid="account-churn">
      <h2 id="churn-heading">{t('account.churn')}</h2>
      {body}
    </section>
  );
}

function Account({
  view,
  currency,
  risk,
}: {
  view: Account360;
  currency: string;
  risk: Loaded<ChurnScores>;
}): JSX.Element {
  const { lang, t } = useI18n();
  const row = view.row;
  const chart = useMemo(() => revenueChartOption(view, lang, currency), [view, lang, currency]);
  return (
    <>
      <PageTitle title={view.account.name}>
        <p class="muted">
          {view.account.account_id} ·{' '}
          {t('account.facts', {
            industry: view.account.industry ?? '–',
            region: view.account.region ?? '–',
            owner: view.account.owner ?? '–',
          })}
        </p>
      </PageTitle>
      {!view.account.active && (
        <p class="warning">{t('account.inactive', { date: formatDate(view.account.churned_on, lang) })}</p>
      )}
      {row && (
        <>
          <div class="kpis">
            <Kpi
              label={t('account.ttm')}
              value={formatMoney(row.ttm, lang, currency)}
              testId="account-ttm"
              detail={
                <>
                  {t('account.tier', { tier: row.tier })} · {t('account.ttmPrior', { value: formatMoney(row.ttm_prior, lang, currency) })}
                </>
              }
            />
            <Kpi
              label={t('account.score')}
              value={formatDecimal(row.score, lang)}
              testId="account-score"
              detail={
                <>
                  <CategoryBadge category={row.category} label={t(`category.${row.category}`)} /> ·{' '}
                  {t('account.answers', { answers: formatInteger(row.answers, lang) })}
                </>
              }
            />
            <Kpi
              label={t('account.health')}
              value={formatDecimal(row.health.score, lang)}
              testId="account-health"
              tone={row.health.colour === 'red' ? 'bad' : row.health.colour === 'yellow' ? 'warn' : 'good'}
              detail={
                <>
                  {row.health.colour ? t(`colour.${row.health.colour}`) : ''}
                  {row.health.change_90d !== null &&
                    ` · ${t('account.healthChange', { change: formatDecimal(row.health.change_90d, lang) })}`}
                </>
              }
            />
            <Kpi
              label={t('col.quadrant')}
              value={t(`quadrant.${row.quadrant}`)}
              detail={t(`action.${row.quadrant}`)}
              testId="account-quadrant"
            />
          </div>
          <p class={row.check.ok ? 'note' : 'warning'} data-testid="account-check">
            <strong>{t('account.check')}: </strong>
            {row.check.ok
              ? t('account.checkOk', { required: row.check.required })
              : t('account.checkMissing', {
                  missing: row.check.missing_contacts,
                  roles: row.check.missing_roles.map((r) => t(`role.${r}` as MessageKey)).join(', ') || '–',
                })}
          </p>
          {row.flags.length > 0 && (
            <p class="warning" data-testid="account-flags">
              <strong>{t('col.flags')}: </strong>
              {row.flags.map((f) => t(`flag.${f}` as MessageKey)).join(', ')}
            </p>
          )}
        </>
      )}
      <Stakeholders view={view} />
      <ChurnRisk id={view.account.account_id} scores={risk} currency={currency} />
      <div class="two-columns">
        <section aria-labelledby="revenue-heading">
          <h2 id="revenue-heading">{t('account.revenue')}</h2>
          <Chart option={chart} label={t('account.revenue')} height={240} testId="revenue-chart" />
        </section>
        {view.health_components && (
          <section aria-labelledby="components-heading">
            <h2 id="components-heading">{t('account.components')}</h2>
            <DataTable
              caption={t('account.components')}
              rows={view.health_components}
              rowKey={(c) => c.name}
              columns={[
                { key: 'name', header: t('col.component'), cell: (c) => c.name },
                { key: 'raw', header: t('col.value'), numeric: true, cell: (c) => formatDecimal(c.raw, lang, 2) },
                { key: 'weight', header: t('col.weight'), numeric: true, cell: (c) => formatPercent(c.weight, lang, 0) },
                { key: 'points', header: t('col.points'), numeric: true, cell: (c) => formatDecimal(c.contribution, lang) },
              ]}
            />
          </section>
        )}
      </div>
      <div class="two-columns">
        <Timeline view={view} />
        <Signals view={view} />
      </div>
    </>
  );
}

export function Account360View({ asOf, params, workspace }: ViewProps): JSX.Element {
  const { t } = useI18n();
  const location = useLocation();
  const id = params.id;
  const view = useApi(
    (signal) => apiGet<Account360>(`/accounts/${encodeURIComponent(id)}`, { as_of: asOf }, signal),
    [id, asOf],
  );
  const risk = useApi(
    (signal) => getChurn<ChurnScores>('/churn/scores', { as_of: asOf, account_id: id }, signal),
    [id, asOf],
  );
  return (
    <>
      <p class="breadcrumb">
        <a href={linkTo('/accounts', location.search)}>← {t('account.back')}</a>
      </p>
      <Show loaded={view}>{(data) => <Account view={data} currency={workspace.currency} risk={risk} />}</Show>
    </>
  );
}
