#include "service/report_xlsx.h"

#include <algorithm>
#include <map>
#include <string>

#include "service/account_csv.h"

namespace bw::service {
namespace {

using Json = nlohmann::ordered_json;

bool IsScalar(const Json& v) { return !v.is_object() && !v.is_array(); }

// True when every member of the object or list `v` is an object (and there is one).
bool AllObjects(const Json& v) {
  if (!(v.is_object() || v.is_array()) || v.empty()) return false;
  return std::all_of(v.begin(), v.end(), [](const Json& m) { return m.is_object(); });
}

// A collection of rows: every member an object that is not itself a collection of
// objects (`segments` holds `industry`, `region`, ... which are the tables).
bool IsTable(const Json& v) {
  if (!AllObjects(v)) return false;
  return std::none_of(v.begin(), v.end(), [](const Json& m) { return AllObjects(m); });
}

bool EndsWith(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// How a value is written, from its key and the key of the object that holds it (the keys
// of shared/spec/metrics.md and docs/reports.md).
io::XlsxKind KindOf(std::string_view report, std::string_view parent, std::string_view key,
                    const Json& value) {
  if (value.is_string()) {
    const bool date = key == "as_of" || EndsWith(key, "_on") || key == "first_sent";
    return date ? io::XlsxKind::kDate : io::XlsxKind::kText;
  }
  if (!value.is_number()) return io::XlsxKind::kText;
  if (parent == "coverage") return io::XlsxKind::kPercent;  // shares of accounts and revenue
  for (const std::string_view money : {"ttm", "ttm_prior", "detractor_revenue", "revenue",
                                       "revenue_then", "revenue_now", "projected"}) {
    if (key == money) return io::XlsxKind::kMoney;
  }
  if (report == "simulate" && key == "change" && parent.empty()) return io::XlsxKind::kMoney;
  for (const std::string_view share :
       {"logo_churn", "revenue_churn", "grr", "nrr", "enc", "bnc", "egr", "rate", "churn_rate",
        "response_rate", "nrr_used", "overall_nrr", "closed_within_48h",
        "detractors_next_answer_better"}) {
    if (key == share) return io::XlsxKind::kPercent;
  }
  return io::XlsxKind::kNumber;
}

std::string Join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

io::XlsxCell Cell(std::string_view report, std::string_view parent, std::string_view key,
                  const Json& value) {
  if (value.is_null()) return {};
  const io::XlsxKind kind = KindOf(report, parent, key, value);
  if (value.is_string()) return {SpreadsheetSafe(value.get<std::string>()), kind};
  return {value.dump(), kind};  // numbers in JSON's shortest exact form; true, false
}

class Builder {
 public:
  explicit Builder(std::string_view name) : report_(name) {
    main_.sheet = std::string(name);
    main_.columns = {"field", "value"};
  }

  // The members of object `v` at dotted path `path` (its own key `key`).
  void Walk(const Json& v, const std::string& path, std::string_view key) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string child =
          v.is_array() ? path + "[" + std::to_string(it - v.begin()) + "]" : Join(path, it.key());
      const std::string_view child_key = v.is_array() ? key : std::string_view(it.key());
      const Json& m = *it;
      if (IsScalar(m)) {
        main_.rows.push_back({{child, io::XlsxKind::kText}, Cell(report_, key, child_key, m)});
      } else if (IsTable(m)) {
        AddTable(m, child, child_key);
      } else {
        Walk(m, child, child_key);
      }
    }
  }

  std::vector<io::XlsxTable> Take() {
    // `report drivers` has a list `drivers`: that sheet keeps the name, the figures' sheet
    // is then "drivers figures".
    for (const io::XlsxTable& t : tables_) {
      if (t.sheet == main_.sheet) main_.sheet += " figures";
    }
    std::vector<io::XlsxTable> all;
    all.push_back(std::move(main_));
    for (io::XlsxTable& t : tables_) all.push_back(std::move(t));
    return all;
  }

 private:
  // A row's cells by column name; nested objects flattened to "basis.accounts".
  void FlattenRow(const Json& v, const std::string& prefix, std::string_view parent,
                  std::vector<std::string>& columns, std::map<std::string, io::XlsxCell>& row) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      const std::string column = v.is_array() ? prefix + "[" + std::to_string(it - v.begin()) + "]"
                                              : Join(prefix, it.key());
      const std::string_view key = v.is_array() ? parent : std::string_view(it.key());
      if (IsScalar(*it)) {
        if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
          columns.push_back(column);
        }
        row[column] = Cell(report_, v.is_array() ? std::string_view() : parent, key, *it);
      } else {
        FlattenRow(*it, column, key, columns, row);
      }
    }
  }

  void AddTable(const Json& v, const std::string& path, std::string_view key) {
    io::XlsxTable table;
    table.sheet = path;
    std::vector<std::string> columns;
    std::vector<std::map<std::string, io::XlsxCell>> rows;
    const bool keyed = v.is_object();
    if (keyed) columns.push_back(std::string(key));
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::map<std::string, io::XlsxCell>& row = rows.emplace_back();
      if (keyed) row[std::string(key)] = {SpreadsheetSafe(it.key()), io::XlsxKind::kText};
      FlattenRow(*it, "", "", columns, row);
    }
    table.columns = columns;
    for (std::map<std::string, io::XlsxCell>& row : rows) {
      std::vector<io::XlsxCell>& cells = table.rows.emplace_back();
      for (const std::string& column : columns) {
        auto found = row.find(column);
        cells.push_back(found == row.end() ? io::XlsxCell{} : std::move(found->second));
      }
    }
    tables_.push_back(std::move(table));
  }

  std::string_view report_;
  io::XlsxTable main_;
  std::vector<io::XlsxTable> tables_;
};

}  // namespace

std::vector<io::XlsxTable> ReportXlsxTables(std::string_view name, const Json& object) {
  Builder builder(name);
  builder.Walk(object, "", "");
  return builder.Take();
}

}  // namespace bw::service
