#include "analytics/book_views.h"

#include <functional>

#include "analytics/internal/parallel.h"

namespace bw::analytics {

Result<BookViews> ComputeBookViews(const Snapshot& snap, const BookViewsRequest& request,
                                   const MetricParams& params, const HealthConfig& health) {
  const Day as_of = request.as_of;
  std::optional<Day> classified_on;
  if (request.campaign) {
    classified_on = BaselineWaveEnd(snap, request.campaign->baseline, as_of).value_or(as_of);
  }
  // The facts of every date the views need, in one walk over the snapshot; the views then
  // ask the memo for the date they need.
  FactsByDate facts(snap, params);
  std::vector<Day> dates = {as_of, HealthChangeDay(as_of), as_of - kHealthCheckLookbackDays};
  if (classified_on) dates.push_back(*classified_on);
  facts.Prepare(dates);
  const AccountFacts& now = facts.At(as_of);

  // The views, side by side: the cores take the next task as they finish, the longest
  // first; loops inside a task share the same executor, so a core that is done with the
  // tasks helps with the loops of the others.
  BookViews views;
  Status simulation_status = Status::Ok(), campaign_status = Status::Ok();
  const std::vector<std::function<void()>> tasks = {
      [&] {
        views.rows =
            ComputeAccountRows(snap, now, facts.At(HealthChangeDay(as_of)), params, health);
        views.matrix = ComputeMatrix(views.rows);
        views.touchpoints = ComputeTouchpointsReport(views.rows);
      },
      [&] {
        views.health_check = ComputeHealthCheck(
            snap, as_of, facts.At(as_of - kHealthCheckLookbackDays), params, health);
      },
      [&] { views.responses = ComputeResponseRates(snap, as_of, params); },
      [&] {
        // The categories as of T - 12 months serve these two views alone.
        const std::vector<Category>& prior_category = facts.CategoriesAt(PriorCategoryDay(as_of));
        views.retention_segments = ComputeRetentionSegments(snap, now, prior_category);
        Result<SimulationReport> simulation = Simulate(snap, now, prior_category, request.scenario);
        if (simulation.ok()) {
          views.simulation = std::move(*simulation);
        } else {
          simulation_status = simulation.status();
        }
      },
      [&] {
        if (!classified_on) return;
        Result<CampaignReport> campaign =
            ComputeCampaign(snap, as_of, facts.At(*classified_on), request.campaign->baseline,
                            request.campaign->followup);
        if (campaign.ok()) {
          views.campaign = std::move(*campaign);
        } else {
          campaign_status = campaign.status();
        }
      },
      [&] { views.lifecycle = ComputeLifecycle(snap, now, params); },
      [&] { views.drivers = ComputeDrivers(snap, now); },
      [&] { views.summary = ComputeSummary(snap, now, params); },
  };

  internal::ParallelTasks(tasks.size(), [&](size_t i) { tasks[i](); });
  AddInvitedAccounts(views.rows, views.responses);
  BW_RETURN_IF_ERROR(simulation_status);
  BW_RETURN_IF_ERROR(campaign_status);
  return views;
}

}  // namespace bw::analytics
