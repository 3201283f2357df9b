// `/matrix`: every account on the loyalty x revenue matrix; a click opens the account.
// Below it, the API's matrix report: accounts and revenue per quadrant, each a link to
// the accounts table filtered to it (the keyboard's way in).
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { apiGet } from '../../shared/api';
import { Chart } from '../../shared/Chart';
import { formatInteger, formatMoney } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { QUADRANTS, type MatrixPoints, type MatrixReport, type Quadrant } from '../../shared/types';
import { DataTable, Empty, PageTitle, Show, useApi } from '../../shared/ui';
import { linkTo, navigate, useLocation } from '../../app/router';
import type { ViewProps } from '../../app/views';
import { accountAt, matrixChartOption, splitByQuadrant } from './matrixChart';

function Scatter({ points, currency }: { points: MatrixPoints; currency: string }): JSX.Element {
  const { lang, t } = useI18n();
  const location = useLocation();
  const series = useMemo(() => splitByQuadrant(points), [points]);
  const option = useMemo(
    () =>
      matrixChartOption(points, series, lang, currency, {
        quadrant: (q) => t(`quadrant.${q}`),
        action: (q) => t(`action.${q}`),
        noScore: t('matrix.noScore'),
        ttm: t('col.ttm'),
        score: t('col.score'),
      }),
    [points, series, lang, currency],
  );
  if (points.points.length === 0) return <Empty>{t('state.noAccounts')}</Empty>;
  return (
    <Chart
      option={option}
      label={`${t('matrix.title')}: ${t('matrix.points', { count: formatInteger(points.points.length, lang) })}`}
      height={520}
      testId="matrix-chart"
      onClick={(event) => {
        const id = accountAt(series, points, event.seriesIndex, event.dataIndex);
        if (id) navigate(linkTo(`/accounts/${encodeURIComponent(id)}`, location.search));
      }}
    />
  );
}

export function MatrixView({ asOf, workspace }: ViewProps): JSX.Element {
  const { lang, t } = useI18n();
  const location = useLocation();
  const points = useApi((signal) => apiGet<MatrixPoints>('/reports/matrix/points', { as_of: asOf }, signal), [asOf]);
  const report = useApi((signal) => apiGet<MatrixReport>('/reports/matrix', { as_of: asOf }, signal), [asOf]);
  return (
    <>
      <PageTitle title={t('matrix.title')}>
        <p class="muted">{t('matrix.intro')}</p>
      </PageTitle>
      <Show loaded={points}>{(data) => <Scatter points={data} currency={workspace.currency} />}</Show>
      <h2>{t('matrix.table')}</h2>
      <Show loaded={report}>
        {(data) => (
          <DataTable<Quadrant>
            caption={t('matrix.table')}
            rows={QUADRANTS}
            rowKey={(q) => q}
            testId="matrix-table"
            columns={[
              {
                key: 'quadrant',
                header: t('col.quadrant'),
                cell: (q) => <a href={linkTo('/accounts', location.search, { quadrant: q })}>{t(`quadrant.${q}`)}</a>,
              },
              { key: 'action', header: t('col.action'), cell: (q) => <span class="muted">{t(`action.${q}`)}</span> },
              { key: 'accounts', header: t('col.accounts'), numeric: true, cell: (q) => formatInteger(data.quadrants[q].accounts, lang) },
              { key: 'ttm', header: t('col.ttm'), numeric: true, cell: (q) => formatMoney(data.quadrants[q].ttm, lang, workspace.currency) },
            ]}
          />
        )}
      </Show>
    </>
  );
}
