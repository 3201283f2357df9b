// `/simulator`: sliders move shares of accounts between categories; the API projects the
// revenue of the next 12 months for the scenario (POST /reports/simulate, 250 ms after the
// last move of a slider).
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiSend } from '../../shared/api';
import { formatDecimal, formatInteger, formatMoney, formatNps, formatPercent } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { CATEGORIES, type SimulationReport } from '../../shared/types';
import { CategoryBadge, DataTable, Kpi, PageTitle, Show, useApi } from '../../shared/ui';
import { navigate, useLocation } from '../../app/router';
import type { ViewProps } from '../../app/views';
import { SHARE_STEP, SLIDERS, scenarioBody, searchWithShares, sharesFromSearch } from './simulatorModel';

const DEBOUNCE_MS = 250;

export function SimulatorView({ asOf, workspace }: ViewProps): JSX.Element {
  const { lang, t } = useI18n();
  const location = useLocation();
  const [shares, setShares] = useState(() => sharesFromSearch(new URLSearchParams(location.search)));
  const [asked, setAsked] = useState(shares);

  // The API is asked once the sliders rest; the URL keeps the scenario.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setAsked(shares);
      const search = searchWithShares(new URLSearchParams(window.location.search), shares);
      navigate(`/simulator${search ? `?${search}` : ''}`, { replace: true });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [shares.join(',')]);

  const key = asked.join(',');
  const report = useApi(
    (signal) => apiSend<SimulationReport>('POST', '/reports/simulate', scenarioBody(asked), { as_of: asOf }, signal),
    [asOf, key],
  );
  const money = (v: number | null): string => formatMoney(v, lang, workspace.currency);

  return (
    <>
      <PageTitle title={t('simulator.title')}>
        <p class="muted">{t('simulator.intro')}</p>
      </PageTitle>
      <form class="sliders" onSubmit={(e) => e.preventDefault()}>
        {SLIDERS.map((slider, i) => {
          const id = `slider-${slider.from}-${slider.to}`;
          const label = t('simulator.move', {
            share: formatPercent(shares[i], lang, 0),
            from: t(`category.${slider.from}`),
            to: t(`category.${slider.to}`),
          });
          return (
            <div class="slider" key={id}>
              <label for={id}>{label}</label>
              <input
                id={id}
                type="range"
                min={0}
                max={1}
                step={SHARE_STEP}
                value={shares[i]}
                data-testid={id}
                aria-valuetext={formatPercent(shares[i], lang, 0)}
                onInput={(e) => {
                  const value = Number((e.target as HTMLInputElement).value);
                  setShares((previous) => previous.map((s, j) => (j === i ? value : s)));
                }}
              />
            </div>
          );
        })}
        <button type="button" class="button" onClick={() => setShares(SLIDERS.map(() => 0))}>
          {t('simulator.reset')}
        </button>
      </form>
      <Show loaded={report}>
        {(data) => (
          <>
            <div class="kpis" aria-live="polite">
              <Kpi label={t('simulator.baseline')} value={money(data.baseline.projected)} testId="sim-baseline" />
              <Kpi label={t('simulator.scenario')} value={money(data.scenario.projected)} testId="sim-projected" />
              <Kpi
                label={t('simulator.change')}
                value={money(data.change)}
                testId="sim-change"
                tone={data.change > 0 ? 'good' : data.change < 0 ? 'bad' : undefined}
                detail={t('simulator.npsChange', {
                  before: formatNps(data.scenario.account_nps_before, lang),
                  after: formatNps(data.scenario.account_nps_after, lang),
                })}
              />
            </div>
            <h2>{t('simulator.groups')}</h2>
            <DataTable
              caption={t('simulator.groups')}
              rows={CATEGORIES}
              rowKey={(c) => c}
              testId="sim-groups"
              columns={[
                { key: 'c', header: t('col.category'), cell: (c) => <CategoryBadge category={c} label={t(`category.${c}`)} /> },
                { key: 'a', header: t('col.accounts'), numeric: true, cell: (c) => formatInteger(data.groups[c].accounts, lang) },
                { key: 'after', header: t('simulator.after'), numeric: true, cell: (c) => formatDecimal(data.groups[c].accounts_after, lang) },
                { key: 'ttm', header: t('col.ttm'), numeric: true, cell: (c) => money(data.groups[c].ttm) },
                { key: 'nrr', header: t('simulator.nrr'), numeric: true, cell: (c) => formatPercent(data.groups[c].nrr, lang) },
              ]}
            />
          </>
        )}
      </Show>
    </>
  );
}
