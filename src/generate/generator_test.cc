#include "generate/generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/records.h"
#include "io/data_set_reader.h"

namespace bw::generate {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFiles[] = {"accounts",  "contacts",    "revenue", "invitations",
                                  "responses", "touchpoints", "signals"};

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A parsed CSV file: header names to column index, and the data rows. A small RFC 4180
// parser of its own, so these tests do not depend on the io reader they feed.
struct Table {
  std::map<std::string, size_t> columns;
  std::vector<std::vector<std::string>> rows;
  const std::string& At(size_t row, const std::string& column) const {
    return rows[row].at(columns.at(column));
  }
};

Table ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(field);
      field.clear();
      records.push_back(record);
      record.clear();
    } else {
      field.push_back(c);
    }
  }
  Table table;
  for (size_t i = 0; !records.empty() && i < records[0].size(); ++i) {
    table.columns[records[0][i]] = i;
  }
  if (!records.empty()) table.rows.assign(records.begin() + 1, records.end());
  return table;
}

class TempDir {
 public:
  TempDir() {
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    // The process id too: ctest runs each test in its own process, in parallel, and heap
    // addresses repeat from process to process (always under ASan).
    path_ = fs::temp_directory_path() /
            ("bw_generate_" + std::string(info ? info->name() : "suite") + "_" +
             std::to_string(::getpid()) + "_" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::remove_all(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

GenerateOptions Options(int64_t accounts, uint64_t seed) {
  GenerateOptions options;
  options.accounts = accounts;
  options.seed = seed;
  options.as_of = *ParseDate("2026-06-30");
  return options;
}

TEST(GeneratorTest, SameSeedGivesIdenticalFiles) {
  TempDir a, b;
  ASSERT_TRUE(GenerateDataSet(a.str(), Options(300, 7)).ok());
  ASSERT_TRUE(GenerateDataSet(b.str(), Options(300, 7)).ok());
  for (const char* file : kFiles) {
    const std::string name = std::string(file) + ".csv";
    const std::string text = ReadAll(a.path() / name);
    EXPECT_GT(text.size(), 100u) << name;
    EXPECT_EQ(text, ReadAll(b.path() / name)) << name;
  }
}

TEST(GeneratorTest, DifferentSeedGivesDifferentFiles) {
  TempDir a, b;
  ASSERT_TRUE(GenerateDataSet(a.str(), Options(300, 7)).ok());
  ASSERT_TRUE(GenerateDataSet(b.str(), Options(300, 8)).ok());
  for (const char* file : kFiles) {
    const std::string name = std::string(file) + ".csv";
    EXPECT_NE(ReadAll(a.path() / name), ReadAll(b.path() / name)) << name;
  }
}

TEST(GeneratorTest, RejectsBadOptions) {
  TempDir dir;
  GenerateOptions options = Options(10, 1);
  options.as_of = kNoDay;
  Result<GenerateStats> result = GenerateDataSet(dir.str(), options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "generate: as_of is required");

  options = Options(-1, 1);
  result = GenerateDataSet(dir.str(), options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);

  options = Options(10, 1);
  options.history_months = 0;
  result = GenerateDataSet(dir.str(), options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "generate: history_months 0 is outside 1..600");
  EXPECT_FALSE(fs::exists(dir.path()));  // nothing written for bad options
}

TEST(GeneratorTest, UnwritableDirectoryIsAnIoError) {
  TempDir dir;
  fs::create_directories(dir.path());
  std::ofstream(dir.path() / "file") << "x";
  const Result<GenerateStats> result =
      GenerateDataSet((dir.path() / "file").string(), Options(5, 1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kIoError);
}

// Issue 9: (account, signal, observed_on) is a signal's key. Seed 7's 2,000 accounts
// once held two late invoices of one account on one day, which the reader now refuses.
TEST(GeneratorTest, SignalKeysAreUnique) {
  TempDir dir;
  const Result<GenerateStats> stats = GenerateDataSet(dir.str(), Options(2000, 7));
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->signals, 6506);
  std::istringstream lines(ReadAll(dir.path() / "signals.csv"));
  std::string line;
  std::getline(lines, line);  // header
  std::set<std::string> keys;
  while (std::getline(lines, line)) {
    const std::string key = line.substr(0, line.rfind(','));
    EXPECT_TRUE(keys.insert(key).second) << "repeated: " << key;
  }
  EXPECT_EQ(static_cast<int64_t>(keys.size()), stats->signals);
}

TEST(GeneratorTest, ZeroAccountsWritesHeadersOnly) {
  TempDir dir;
  const Result<GenerateStats> stats = GenerateDataSet(dir.str(), Options(0, 1));
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total(), 0);
  EXPECT_EQ(ReadAll(dir.path() / "revenue.csv"), "account_id,month,amount\n");
  EXPECT_EQ(ReadAll(dir.path() / "contacts.csv"),
            "contact_id,account_id,name,email,role,left_on\r\n");
}

// One 2,000-account demo data set, parsed once, checked by the tests below.
class DemoDataSetTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    Result<GenerateStats> result = GenerateDataSet(dir_->str(), Options(2000, 1));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    stats_ = *result;
    tables_ = new std::map<std::string, Table>();
    raw_ = new std::map<std::string, std::string>();
    for (const char* file : kFiles) {
      (*raw_)[file] = ReadAll(dir_->path() / (std::string(file) + ".csv"));
      (*tables_)[file] = ParseCsv((*raw_)[file]);
    }
  }
  static void TearDownTestSuite() {
    delete tables_;
    delete raw_;
    delete dir_;
  }
  static const Table& T(const std::string& name) { return tables_->at(name); }

  static inline TempDir* dir_ = nullptr;
  static inline GenerateStats stats_;
  static inline std::map<std::string, Table>* tables_ = nullptr;
  static inline std::map<std::string, std::string>* raw_ = nullptr;
  static inline const Day kAsOf = *ParseDate("2026-06-30");
};

TEST_F(DemoDataSetTest, StatsMatchFilesAndVolumesAreInRange) {
  EXPECT_EQ(stats_.accounts, 2000);
  EXPECT_EQ(static_cast<int64_t>(T("accounts").rows.size()), stats_.accounts);
  EXPECT_EQ(static_cast<int64_t>(T("contacts").rows.size()), stats_.contacts);
  EXPECT_EQ(static_cast<int64_t>(T("revenue").rows.size()), stats_.revenue);
  EXPECT_EQ(static_cast<int64_t>(T("invitations").rows.size()), stats_.invitations);
  EXPECT_EQ(static_cast<int64_t>(T("responses").rows.size()), stats_.responses);
  EXPECT_EQ(static_cast<int64_t>(T("touchpoints").rows.size()), stats_.touchpoints);
  EXPECT_EQ(static_cast<int64_t>(T("signals").rows.size()), stats_.signals);
  // docs/generator.md: about 160k rows for 2,000 accounts.
  EXPECT_GE(stats_.contacts, 15000);
  EXPECT_LE(stats_.contacts, 25000);
  EXPECT_GE(stats_.revenue, 50000);
  EXPECT_LE(stats_.revenue, 70000);
  EXPECT_GE(stats_.invitations, 35000);
  EXPECT_LE(stats_.invitations, 55000);
  EXPECT_GE(stats_.responses, 12000);
  EXPECT_LE(stats_.responses, 20000);
  EXPECT_GE(stats_.touchpoints, 8000);
  EXPECT_LE(stats_.touchpoints, 16000);
  EXPECT_GE(stats_.signals, 4000);
  EXPECT_LE(stats_.signals, 9000);
  EXPECT_GE(stats_.total(), 140000);
  EXPECT_LE(stats_.total(), 180000);
}

// The importer's own validation (every rule of data-format.md) accepts every row.
class CountingSink : public DataSetSink {
 public:
  Status OnAccount(const AccountRecord&) override { return Count(0); }
  Status OnContact(const ContactRecord&) override { return Count(1); }
  Status OnRevenue(const RevenueRecord&) override { return Count(2); }
  Status OnInvitation(const InvitationRecord&) override { return Count(3); }
  Status OnResponse(const ResponseRecord&) override { return Count(4); }
  Status OnTouchpoint(const TouchpointRecord&) override { return Count(5); }
  Status OnSignal(const SignalRecord&) override { return Count(6); }
  int64_t counts[7] = {};

 private:
  Status Count(int file) {
    ++counts[file];
    return Status::Ok();
  }
};

TEST_F(DemoDataSetTest, ImportReaderAcceptsEveryRow) {
  CountingSink sink;
  std::vector<std::string> warnings;
  io::ReadOptions options;
  options.on_warning = [&](const std::string& warning) { warnings.push_back(warning); };
  const Result<io::ReadStats> read = io::ReadDataSet(dir_->str(), sink, options);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->rows_rejected, 0);
  EXPECT_EQ(read->rows_read, stats_.total());
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_EQ(sink.counts[0], stats_.accounts);
  EXPECT_EQ(sink.counts[1], stats_.contacts);
  EXPECT_EQ(sink.counts[2], stats_.revenue);
  EXPECT_EQ(sink.counts[3], stats_.invitations);
  EXPECT_EQ(sink.counts[4], stats_.responses);
  EXPECT_EQ(sink.counts[5], stats_.touchpoints);
  EXPECT_EQ(sink.counts[6], stats_.signals);
}

TEST_F(DemoDataSetTest, NothingIsDatedAfterAsOf) {
  const MonthIndex as_of_month = MonthOf(kAsOf);
  const std::pair<const char*, const char*> dated[] = {
      {"accounts", "created_on"}, {"accounts", "churned_on"},    {"contacts", "left_on"},
      {"invitations", "sent_on"}, {"responses", "responded_on"}, {"touchpoints", "occurred_on"},
      {"signals", "observed_on"}};
  for (const auto& [file, column] : dated) {
    const Table& table = T(file);
    int64_t dates = 0;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const std::string& text = table.At(r, column);
      if (text.empty()) continue;
      const std::optional<Day> day = ParseDate(text);
      ASSERT_TRUE(day.has_value()) << file << " " << column << " " << text;
      ASSERT_LE(*day, kAsOf) << file << " " << column;
      ++dates;
    }
    EXPECT_GT(dates, 0) << file << " " << column;
  }
  const Table& revenue = T("revenue");
  for (size_t r = 0; r < revenue.rows.size(); ++r) {
    const std::optional<MonthIndex> month = ParseMonth(revenue.At(r, "month"));
    ASSERT_TRUE(month.has_value());
    ASSERT_LE(*month, as_of_month);
  }
}

bool LooksLikeEmail(const std::string& email) {
  const size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  const size_t dot = email.find('.', at);
  return dot != std::string::npos && dot > at + 1 && dot + 1 < email.size();
}

TEST_F(DemoDataSetTest, KeysAreUniqueAndReferencesExist) {
  std::map<std::string, std::pair<Day, Day>> accounts;  // created, churned
  const Table& a = T("accounts");
  for (size_t r = 0; r < a.rows.size(); ++r) {
    const std::string& id = a.At(r, "account_id");
    ASSERT_LE(id.size(), 64u);
    const Day created = a.At(r, "created_on").empty() ? kNoDay : *ParseDate(a.At(r, "created_on"));
    const Day churned = a.At(r, "churned_on").empty() ? kNoDay : *ParseDate(a.At(r, "churned_on"));
    if (created != kNoDay && churned != kNoDay) {
      ASSERT_GE(churned, created) << id;
    }
    ASSERT_FALSE(a.At(r, "name").empty());
    const std::string& owner = a.At(r, "owner");
    if (!owner.empty()) {
      ASSERT_TRUE(LooksLikeEmail(owner)) << owner;
    }
    const std::string& acquisition = a.At(r, "acquisition");
    ASSERT_TRUE(acquisition.empty() || acquisition == "earned" || acquisition == "bought");
    ASSERT_TRUE(accounts.emplace(id, std::make_pair(created, churned)).second) << id;
  }
  std::set<std::string> contacts;
  const Table& c = T("contacts");
  for (size_t r = 0; r < c.rows.size(); ++r) {
    ASSERT_TRUE(contacts.insert(c.At(r, "contact_id")).second);
    ASSERT_TRUE(accounts.count(c.At(r, "account_id")));
    const std::string& email = c.At(r, "email");
    if (!email.empty()) {
      ASSERT_TRUE(LooksLikeEmail(email)) << email;
    }
  }
  for (const char* file : {"invitations", "responses"}) {
    const Table& t = T(file);
    const std::string key = std::string(file) == "invitations" ? "invitation_id" : "response_id";
    std::set<std::string> ids;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      ASSERT_TRUE(ids.insert(t.At(r, key)).second) << file;
      ASSERT_TRUE(contacts.count(t.At(r, "contact_id"))) << file;
    }
  }
  const Table& tp = T("touchpoints");
  const std::set<std::string> types = {"support_ticket", "business_review", "meeting",  "call",
                                       "email",          "marketing_email", "training", "other"};
  std::set<std::string> ids;
  for (size_t r = 0; r < tp.rows.size(); ++r) {
    ASSERT_TRUE(ids.insert(tp.At(r, "touchpoint_id")).second);
    ASSERT_TRUE(accounts.count(tp.At(r, "account_id")));
    const std::string& contact = tp.At(r, "contact_id");
    if (!contact.empty()) {
      ASSERT_TRUE(contacts.count(contact));
    }
    ASSERT_TRUE(types.count(tp.At(r, "type"))) << tp.At(r, "type");
  }
  const Table& s = T("signals");
  for (size_t r = 0; r < s.rows.size(); ++r) {
    ASSERT_TRUE(accounts.count(s.At(r, "account_id")));
    const std::string& name = s.At(r, "signal");
    ASSERT_TRUE(std::all_of(name.begin(), name.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    })) << name;
  }
  const Table& rev = T("revenue");
  for (size_t r = 0; r < rev.rows.size(); ++r) {
    ASSERT_TRUE(accounts.count(rev.At(r, "account_id")));
    const std::optional<Cents> amount = ParseMoney(rev.At(r, "amount"));
    ASSERT_TRUE(amount.has_value());
    ASSERT_GE(*amount, 0);
  }
}

TEST_F(DemoDataSetTest, ResponsesHaveValidScoresAndFollowTheirInvitations) {
  std::map<std::pair<std::string, std::string>, Day> invited;
  const Table& inv = T("invitations");
  for (size_t r = 0; r < inv.rows.size(); ++r) {
    invited[{inv.At(r, "contact_id"), inv.At(r, "survey_id")}] = *ParseDate(inv.At(r, "sent_on"));
  }
  const Table& rsp = T("responses");
  int64_t without_survey = 0, answered = 0;
  for (size_t r = 0; r < rsp.rows.size(); ++r) {
    const int score = std::stoi(rsp.At(r, "score"));
    ASSERT_GE(score, 0);
    ASSERT_LE(score, 10);
    const std::string& survey = rsp.At(r, "survey_id");
    if (survey.empty()) {
      ++without_survey;
      continue;
    }
    const auto it = invited.find({rsp.At(r, "contact_id"), survey});
    ASSERT_NE(it, invited.end());
    ASSERT_GT(*ParseDate(rsp.At(r, "responded_on")), it->second);
    ++answered;
  }
  EXPECT_GT(without_survey, 0);
  const double rate = static_cast<double>(answered) / static_cast<double>(inv.rows.size());
  EXPECT_GE(rate, 0.30);
  EXPECT_LE(rate, 0.45);
}

TEST_F(DemoDataSetTest, RevenueIsConcentrated) {
  // metrics.md, Basics: TTM revenue = the 12 months ending with as_of's month.
  const MonthIndex last = MonthOf(kAsOf);
  std::map<std::string, Cents> ttm;
  const Table& rev = T("revenue");
  for (size_t r = 0; r < rev.rows.size(); ++r) {
    if (*ParseMonth(rev.At(r, "month")) > last - 12) {
      ttm[rev.At(r, "account_id")] += *ParseMoney(rev.At(r, "amount"));
    }
  }
  std::vector<Cents> values;
  Cents total = 0;
  for (const auto& [id, cents] : ttm) {
    values.push_back(cents);
    total += cents;
  }
  std::sort(values.rbegin(), values.rend());
  Cents top = 0;
  for (size_t i = 0; i < values.size() && i < 2000 / 5; ++i) top += values[i];
  EXPECT_GE(static_cast<double>(top) / static_cast<double>(total), 0.60);
}

TEST_F(DemoDataSetTest, HasChurnLeaversRolesAndAliases) {
  const Table& a = T("accounts");
  int churned = 0, created_unknown = 0;
  for (size_t r = 0; r < a.rows.size(); ++r) {
    churned += !a.At(r, "churned_on").empty();
    created_unknown += a.At(r, "created_on").empty();
  }
  EXPECT_GE(churned, 100);  // about 7 % a year over three years
  EXPECT_LE(churned, 600);
  EXPECT_GT(created_unknown, 0);

  const Table& c = T("contacts");
  std::map<std::string, std::set<std::string>> roles_by_account;
  std::set<std::string> role_texts;
  int left = 0;
  for (size_t r = 0; r < c.rows.size(); ++r) {
    left += !c.At(r, "left_on").empty();
    std::string role = c.At(r, "role");
    role_texts.insert(role);
    role.erase(0, role.find_first_not_of(' '));
    role.erase(role.find_last_not_of(' ') + 1);
    std::transform(role.begin(), role.end(), role.begin(), ::tolower);
    const std::string canonical =
        role == "a" || role == "executive" || role == "decision_maker" ? "decision_maker"
        : role == "b" || role == "management" || role == "middle_management" || role == "influencer"
            ? "influencer"
        : role == "c" || role == "frontline" || role == "front_line" || role == "user" ? "user"
                                                                                       : "";
    ASSERT_FALSE(canonical.empty()) << c.At(r, "role");
    roles_by_account[c.At(r, "account_id")].insert(canonical);
  }
  EXPECT_GT(left, static_cast<int>(c.rows.size()) / 20);
  int all_three = 0;
  for (const auto& [id, roles] : roles_by_account) all_three += roles.size() == 3;
  EXPECT_GT(all_three, 1000);
  for (const char* alias :
       {"A", "executive", "Management", " front_line ", "C", "Decision_Maker"}) {
    EXPECT_TRUE(role_texts.count(alias)) << alias;
  }
}

TEST_F(DemoDataSetTest, MessyTextAndLineEnds) {
  EXPECT_NE(raw_->at("contacts").find("\r\n"), std::string::npos);
  EXPECT_NE(raw_->at("responses").find("\r\n"), std::string::npos);
  EXPECT_EQ(raw_->at("accounts").find("\r\n"), std::string::npos);
  EXPECT_NE(raw_->at("accounts").find("Söhne"), std::string::npos);
  EXPECT_NE(raw_->at("accounts").find("\"\"\""), std::string::npos);  // a quoted quote
  const Table& rsp = T("responses");
  bool umlaut = false, multi_line = false, comma = false, spaced_driver = false;
  for (size_t r = 0; r < rsp.rows.size(); ++r) {
    const std::string& comment = rsp.At(r, "comment");
    umlaut |= comment.find("ü") != std::string::npos || comment.find("ß") != std::string::npos;
    multi_line |= comment.find('\n') != std::string::npos;
    comma |= comment.find(',') != std::string::npos;
    spaced_driver |= rsp.At(r, "drivers").find(" ; ") != std::string::npos;
  }
  EXPECT_TRUE(umlaut);
  EXPECT_TRUE(multi_line);
  EXPECT_TRUE(comma);
  EXPECT_TRUE(spaced_driver);
}

TEST_F(DemoDataSetTest, ChurnersScoreLowerThanActiveAccounts) {
  std::set<std::string> churned_accounts;
  const Table& a = T("accounts");
  for (size_t r = 0; r < a.rows.size(); ++r) {
    if (!a.At(r, "churned_on").empty()) churned_accounts.insert(a.At(r, "account_id"));
  }
  std::map<std::string, bool> contact_churned;
  const Table& c = T("contacts");
  for (size_t r = 0; r < c.rows.size(); ++r) {
    contact_churned[c.At(r, "contact_id")] = churned_accounts.count(c.At(r, "account_id")) > 0;
  }
  double sum[2] = {0, 0};
  int count[2] = {0, 0};
  const Table& rsp = T("responses");
  for (size_t r = 0; r < rsp.rows.size(); ++r) {
    const int group = contact_churned.at(rsp.At(r, "contact_id")) ? 1 : 0;
    sum[group] += std::stoi(rsp.At(r, "score"));
    ++count[group];
  }
  ASSERT_GT(count[0], 1000);
  ASSERT_GT(count[1], 200);
  EXPECT_LT(sum[1] / count[1] + 0.5, sum[0] / count[0]);
}

TEST_F(DemoDataSetTest, TouchpointsShowSilentAndOverloadedAccounts) {
  std::map<std::string, Day> last_touch;
  std::map<std::string, int> marketing_30d;
  const Table& tp = T("touchpoints");
  for (size_t r = 0; r < tp.rows.size(); ++r) {
    const Day day = *ParseDate(tp.At(r, "occurred_on"));
    const std::string& id = tp.At(r, "account_id");
    if (tp.At(r, "type") == "marketing_email") {
      if (day > kAsOf - 30) ++marketing_30d[id];
    } else {
      last_touch[id] = std::max(last_touch.count(id) ? last_touch[id] : day, day);
    }
  }
  int active = 0, silent = 0, overloaded = 0;
  const Table& a = T("accounts");
  for (size_t r = 0; r < a.rows.size(); ++r) {
    if (!a.At(r, "churned_on").empty()) continue;
    const std::string& id = a.At(r, "account_id");
    ++active;
    silent += !last_touch.count(id) || kAsOf - last_touch[id] > 90;
    overloaded += marketing_30d[id] > 8;
  }
  EXPECT_GT(silent, active / 20);
  EXPECT_LT(silent, active / 2);
  EXPECT_GT(overloaded, 5);
}

}  // namespace
}  // namespace bw::generate
