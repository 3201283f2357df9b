// `/responses`: response rates overall, by survey wave and by role; the accounts that
// never answer (blind spots to survey).
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { apiGet } from '../../shared/api';
import { Chart } from '../../shared/Chart';
import { formatDate, formatInteger, formatMoney, formatPercent } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { ResponsesReport } from '../../shared/types';
import { DataTable, Empty, Kpi, PageTitle, Show, useApi } from '../../shared/ui';
import { linkTo, useLocation } from '../../app/router';
import type { ViewProps } from '../../app/views';
import { roleRows, waveChartOption } from './responsesModel';

// The API pages the report's account lists (docs/api.md): the first page is what is shown.
const LIST_ROWS = 50;

function Responses({ report, currency }: { report: ResponsesReport; currency: string }): JSX.Element {
  const { lang, t } = useI18n();
  const location = useLocation();
  const chart = useMemo(() => waveChartOption(report, (v) => formatPercent(v, lang, 0)), [report, lang]);
  const account = (id: string, name: string): JSX.Element => (
    <a href={linkTo(`/accounts/${encodeURIComponent(id)}`, location.search)}>{name}</a>
  );
  return (
    <>
      <div class="kpis">
        <Kpi
          label={t('overview.responseRate')}
          value={formatPercent(report.overall.rate, lang)}
          testId="responses-rate"
          detail={t('responses.overall', {
            answered: formatInteger(report.overall.answered, lang),
            sent: formatInteger(report.overall.sent, lang),
          })}
        />
        <Kpi
          label={t('responses.silent')}
          value={formatInteger(report.never_answering.accounts, lang)}
          testId="responses-silent"
          tone={report.never_answering.accounts > 0 ? 'warn' : undefined}
          detail={t('responses.silentSummary', {
            accounts: formatInteger(report.never_answering.accounts, lang),
            ttm: formatMoney(report.never_answering.ttm, lang, currency),
          })}
        />
      </div>
      <div class="two-columns">
        <section aria-labelledby="by-wave">
          <h2 id="by-wave">{t('responses.byWave')}</h2>
          {report.by_wave.length === 0 ? (
            <Empty>{t('state.empty')}</Empty>
          ) : (
            <Chart option={chart} label={t('responses.byWave')} height={240} testId="responses-chart" />
          )}
        </section>
        <section aria-labelledby="by-role">
          <h2 id="by-role">{t('responses.byRole')}</h2>
          <DataTable
            caption={t('responses.byRole')}
            rows={roleRows(report)}
            rowKey={(r) => r.role}
            columns={[
              { key: 'r', header: t('col.role'), cell: (r) => t(`role.${r.role}`) },
              { key: 's', header: t('col.sent'), numeric: true, cell: (r) => formatInteger(r.sent, lang) },
              { key: 'a', header: t('col.answered'), numeric: true, cell: (r) => formatInteger(r.answered, lang) },
              { key: 'q', header: t('col.rate'), numeric: true, cell: (r) => formatPercent(r.rate, lang) },
            ]}
          />
        </section>
      </div>
      <h2>{t('responses.byWave')}</h2>
      <DataTable
        caption={t('responses.byWave')}
        rows={[...report.by_wave].reverse().slice(0, 12)}
        rowKey={(w) => w.survey_id}
        testId="responses-waves"
        columns={[
          { key: 'w', header: t('col.wave'), cell: (w) => w.survey_id },
          { key: 'f', header: t('col.firstSent'), cell: (w) => formatDate(w.first_sent, lang) },
          { key: 's', header: t('col.sent'), numeric: true, cell: (w) => formatInteger(w.sent, lang) },
          { key: 'a', header: t('col.answered'), numeric: true, cell: (w) => formatInteger(w.answered, lang) },
          { key: 'q', header: t('col.rate'), numeric: true, cell: (w) => formatPercent(w.rate, lang) },
        ]}
      />
      <h2>{t('responses.silent')}</h2>
      {report.never_answering.list.length === 0 ? (
        <Empty>{t('state.empty')}</Empty>
      ) : (
        <DataTable
          caption={t('responses.silent')}
          rows={report.never_answering.list}
          rowKey={(a) => a.account_id}
          testId="responses-never"
          columns={[
            { key: 'n', header: t('col.account'), cell: (a) => account(a.account_id, a.name) },
            { key: 'o', header: t('col.owner'), cell: (a) => a.owner ?? '–' },
            { key: 't', header: t('col.tier'), cell: (a) => a.tier },
            { key: 'm', header: t('col.ttm'), numeric: true, cell: (a) => formatMoney(a.ttm, lang, currency) },
          ]}
        />
      )}
      <h2>{t('responses.lowest')}</h2>
      <p class="muted" data-testid="responses-shown">
        {t('responses.shown', {
          shown: formatInteger(report.by_account.length, lang),
          total: formatInteger(report.total, lang),
        })}
      </p>
      <DataTable
        caption={t('responses.lowest')}
        rows={report.by_account}
        rowKey={(a) => a.account_id}
        columns={[
          { key: 'n', header: t('col.account'), cell: (a) => account(a.account_id, a.name) },
          { key: 't', header: t('col.tier'), cell: (a) => a.tier },
          { key: 's', header: t('col.sent'), numeric: true, cell: (a) => formatInteger(a.sent, lang) },
          { key: 'a', header: t('col.answered'), numeric: true, cell: (a) => formatInteger(a.answered, lang) },
          { key: 'q', header: t('col.rate'), numeric: true, cell: (a) => formatPercent(a.rate, lang) },
        ]}
      />
    </>
  );
}

export function ResponsesView({ asOf, workspace }: ViewProps): JSX.Element {
  const { t } = useI18n();
  const report = useApi((signal) => apiGet<ResponsesReport>('/reports/responses', { as_of: asOf, limit: LIST_ROWS }, signal), [asOf]);
  return (
    <>
      <PageTitle title={t('responses.title')} />
      <Show loaded={report}>{(data) => <Responses report={data} currency={workspace.currency} />}</Show>
    </>
  );
}
