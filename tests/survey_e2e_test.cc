// Surveys end to end (issue 12, "Done when"): the real binary, a real SMTP server on
// loopback (tests/smtp_sink.py), `bellwether serve` answering the links, and the figures
// read back through the CLI.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "store/store.h"
#include "survey_support.h"

namespace bw {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test_support::CommandResult;
using test_support::Http;
using test_support::ReceivedMail;
using test_support::RunBellwether;

class SurveyEndToEndTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!test_support::HaveAiosmtpd()) GTEST_SKIP() << "python3-aiosmtpd is not installed";
    dir_ =
        fs::temp_directory_path() / ("bw_survey_" + std::to_string(getpid()) + "_" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // Every command (and serve) works on dir_/book.db.
    setenv("BELLWETHER_DB", "book.db", 1);
    sink_ = std::make_unique<test_support::SmtpSink>(dir_ / "mail");
    ASSERT_TRUE(sink_->Start()) << test_support::ReadFile(dir_ / "mail" / "sink.log");
    ASSERT_EQ(Run("generate --out data --accounts 60 --seed 7").exit_code, 0);
    ASSERT_EQ(Run("import data --db book.db").exit_code, 0);
    port_ = test_support::FreePort();
    WriteConfig("");
  }
  void TearDown() override {
    serve_.Stop();
    sink_.reset();
    if (!HasFailure()) fs::remove_all(dir_);
  }

  void WriteConfig(const std::string& extra) {
    test_support::WriteFile(
        dir_ / "bellwether.toml",
        "[server]\npublic_url = \"http://127.0.0.1:" + std::to_string(port_) +
            "\"\n[survey]\nanswers_per_minute = 100000\n" +
            "questions = [\"What should we start doing?\"]\n" +
            "[smtp]\nhost = \"127.0.0.1\"\nport = " + std::to_string(sink_->port()) +
            "\nfrom = \"Acme CX <cx@acme.example>\"\nlease_seconds = 1\n"
            "retry_seconds = 1\n" +
            extra);
  }
  CommandResult Run(const std::string& args) { return RunBellwether(dir_, args); }
  json RunJson(const std::string& args) {
    const CommandResult r = Run(args + " --format json");
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
    return json::parse(r.out, nullptr, false);
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  // The link's path (/s/TOKEN) of a mail.
  static std::string PathOf(const ReceivedMail& mail) {
    const std::string link = mail.Link();
    const size_t at = link.find("/s/");
    return at == std::string::npos ? "" : link.substr(at);
  }
  std::string Today() const { return FormatDate(SystemClock::Instance().Today()); }

  fs::path dir_;
  int port_ = 0;
  std::unique_ptr<test_support::SmtpSink> sink_;
  test_support::ServeProcess serve_;
};

TEST_F(SurveyEndToEndTest, AWaveIsSentAnsweredCountedRemindedAndNobodyIsAskedTwice) {
  ASSERT_EQ(Run("survey create W1 --title \"Acme survey\" --filter 'tier=A|B' "
                "--filter 'role=decision_maker|influencer' --reminder-after 1")
                .exit_code,
            0);
  const json sent = RunJson("survey send W1");
  const int invited = sent["invited"].get<int>();
  ASSERT_GT(invited, 5) << sent.dump();

  // Every account owner has an escalation lead; a webhook listens on loopback (allowed by
  // the test's configuration).
  std::string escalation = "allow_private_webhooks = true\n[loop.escalation]\n";
  {
    Result<std::unique_ptr<store::Store>> book =
        store::OpenSqliteStore((dir_ / "book.db").string());
    ASSERT_TRUE(book.ok());
    store::RecordQuery query;
    query.limit = 10000;
    Result<store::RecordPage> accounts = (*book)->ListRecords(RecordKind::kAccount, query);
    ASSERT_TRUE(accounts.ok());
    std::set<std::string> owners;
    for (const store::RecordFields& r : accounts->records) {
      for (const auto& [column, value] : r) {
        if (column == "owner" && !value.empty()) owners.insert(value);
      }
    }
    for (const std::string& owner : owners) {
      escalation += "\"" + owner + "\" = \"lead@acme.example\"\n";
    }
  }
  WriteConfig("[loop]\n" + escalation);
  test_support::WebhookReceiver receiver(dir_ / "hooks");
  ASSERT_TRUE(receiver.Start());
  const json hook = RunJson("webhook add http://127.0.0.1:" + std::to_string(receiver.port()) +
                            "/bellwether --events case.opened,response.created");
  const std::string secret = hook["secret"].get<std::string>();
  ASSERT_EQ(secret.rfind("whsec_", 0), 0u);

  ASSERT_TRUE(serve_.Start(dir_, port_)) << test_support::ReadFile(dir_ / "serve.log");
  ASSERT_TRUE(sink_->WaitForCount(invited)) << sink_->Count() << " of " << invited;
  std::vector<ReceivedMail> mails = sink_->Messages();
  ASSERT_EQ(static_cast<int>(mails.size()), invited);
  std::set<std::string> ids;
  std::set<std::string> recipients;
  for (const ReceivedMail& m : mails) {
    ids.insert(m.message_id);
    recipients.insert(m.envelope_to);
    EXPECT_EQ(m.subject, "Acme survey");
    EXPECT_NE(m.raw.find("\r\nList-Unsubscribe: <http://127.0.0.1:"), std::string::npos);
    EXPECT_FALSE(PathOf(m).empty()) << m.text;
    EXPECT_NE(m.html.find("<a href=\"http://127.0.0.1:"), std::string::npos);
  }
  EXPECT_EQ(static_cast<int>(ids.size()), invited);  // a Message-ID of its own each
  EXPECT_EQ(static_cast<int>(recipients.size()), invited);

  // Before the answer: the response rate of the metrics and of the wave.
  const std::string as_of = " --as-of " + Today();
  const json before = RunJson("metrics --db book.db" + as_of);
  const json responses_before = RunJson("report responses --db book.db" + as_of);

  // Follow a decision maker's link and answer as a detractor through the form.
  Result<std::unique_ptr<store::Store>> opened =
      store::OpenSqliteStore((dir_ / "book.db").string());
  ASSERT_TRUE(opened.ok());
  std::unique_ptr<store::Store> book = std::move(*opened);
  std::map<std::string, std::string> contact_of;  // email -> contact id
  Result<std::vector<store::SurveyInvite>> invites = book->outreach().ListInvites("W1");
  ASSERT_TRUE(invites.ok());
  for (const store::SurveyInvite& i : invites.value()) contact_of[i.email] = i.contact_id;
  const auto field = [&](RecordKind kind, const std::string& id, const std::string& name) {
    std::optional<store::RecordFields> r = *book->GetRecord(kind, {id});
    for (const auto& [column, value] : r.value_or(store::RecordFields())) {
      if (column == name) return value;
    }
    return std::string();
  };
  size_t chosen = mails.size();
  for (size_t i = 0; i < mails.size() && chosen == mails.size(); ++i) {
    // A decision maker of an account that has an owner.
    const std::string id = contact_of[mails[i].envelope_to];
    if (field(RecordKind::kContact, id, "role") == "decision_maker" &&
        !field(RecordKind::kAccount, field(RecordKind::kContact, id, "account_id"), "owner")
             .empty()) {
      chosen = i;
    }
  }
  ASSERT_LT(chosen, mails.size());
  const ReceivedMail& answerer = mails[chosen];
  const std::string contact = contact_of[answerer.envelope_to];
  const std::string account = field(RecordKind::kContact, contact, "account_id");
  const std::string owner = field(RecordKind::kAccount, account, "owner");
  book.reset();
  const std::string page = Url(PathOf(answerer));
  test_support::HttpAnswer form = Http(page);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<legend>How likely is it"), std::string::npos);
  EXPECT_NE(form.body.find("<label class=\"block\" for=\"answer-0\">What should we start doing?"),
            std::string::npos);
  const std::string answer =
      "score=2&comment=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E+too+slow&drivers=support&"
      "drivers=price&answer=Call+me";
  test_support::HttpAnswer thanks = Http(page, &answer);
  ASSERT_EQ(thanks.status, 200) << thanks.body;
  EXPECT_NE(thanks.body.find("<h1>Thank you</h1>"), std::string::npos);
  // Shown escaped when the link is opened again.
  form = Http(page);
  EXPECT_EQ(form.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(form.body.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; too slow"),
            std::string::npos);

  // The answer is a response of the wave, in every figure.
  const json after = RunJson("metrics --db book.db" + as_of);
  const json responses_after = RunJson("report responses --db book.db" + as_of);
  const double sent_total = responses_before["overall"]["sent"].get<double>();
  EXPECT_NEAR(after["response_rate"].get<double>(),
              before["response_rate"].get<double>() + 1.0 / sent_total, 1e-12);
  json wave_row;
  for (const json& row : responses_after["by_wave"]) {
    if (row["survey_id"] == "W1") wave_row = row;
  }
  ASSERT_FALSE(wave_row.is_null()) << responses_after.dump();
  EXPECT_EQ(wave_row["sent"].get<int>(), invited);
  EXPECT_EQ(wave_row["answered"].get<int>(), 1);
  // The case, opened for the account's owner, due 48 hours later.
  const json cases = RunJson("case list");
  ASSERT_EQ(cases["total"].get<int>(), 1) << cases.dump();
  const json& c = cases["items"][0];
  EXPECT_EQ(c["kind"], "detractor");
  EXPECT_EQ(c["status"], "open");
  EXPECT_EQ(c["contact_id"], contact);
  EXPECT_EQ(c["account_id"], account);
  EXPECT_EQ(c["owner"], owner);
  EXPECT_EQ(c["score"], 2);
  // The owner is told, and (a decision maker) the lead is alerted.
  ASSERT_TRUE(sink_->WaitForCount(invited + 2));
  std::set<std::string> case_mail_to;
  for (const ReceivedMail& m : sink_->Messages()) {
    if (m.subject.rfind("Case ", 0) == 0 || m.subject.rfind("Alert: ", 0) == 0) {
      case_mail_to.insert(m.envelope_to);
    }
  }
  EXPECT_EQ(case_mail_to, (std::set<std::string>{owner, "lead@acme.example"}));

  // The webhook events, each signed as the Standard Webhooks scheme says.
  ASSERT_TRUE(test_support::WaitFor([&] { return receiver.Requests().size() >= 2; },
                                    std::chrono::seconds(30)));
  std::set<std::string> types;
  for (const std::string& text : receiver.Requests()) {
    const json request = json::parse(text);
    const json& headers = request["headers"];
    const std::string body = request["body"];
    const std::string id = headers["webhook-id"];
    const std::string timestamp = headers["webhook-timestamp"];
    // HMAC-SHA256 with the key of the secret, computed here from scratch.
    const std::string encoded = secret.substr(6);
    std::string key(encoded.size(), '\0');
    size_t key_size = 0;
    ASSERT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(key.data()), key.size(),
                                encoded.data(), encoded.size(), nullptr, &key_size, nullptr,
                                sodium_base64_VARIANT_ORIGINAL),
              0);
    const std::string content = id + "." + timestamp + "." + body;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                                key_size);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(content.data()),
                                  content.size());
    crypto_auth_hmacsha256_final(&state, mac);
    char b64[64];
    sodium_bin2base64(b64, sizeof b64, mac, sizeof mac, sodium_base64_VARIANT_ORIGINAL);
    EXPECT_EQ(headers["webhook-signature"], std::string("v1,") + b64);
    EXPECT_EQ(id.rfind("msg_", 0), 0u);
    const json event = json::parse(body);
    types.insert(event["type"].get<std::string>());
    if (event["type"] == "case.opened") {
      EXPECT_EQ(event["data"]["owner"], owner);
    }
  }
  EXPECT_EQ(types, (std::set<std::string>{"case.opened", "response.created"}));

  // The loop figures: one case open; closed at once, it counts as closed within 48 hours.
  json loop = RunJson("report loop" + as_of);
  EXPECT_EQ(loop["cases_opened"].get<int>(), 1);
  EXPECT_EQ(loop["cases_closed"].get<int>(), 0);
  EXPECT_EQ(loop["closed_within_48h"].get<double>(), 0.0);
  EXPECT_TRUE(loop["median_hours_to_close"].is_null());
  const int case_id = c["id"].get<int>();
  EXPECT_EQ(Run("case update " + std::to_string(case_id) + " --status closed").exit_code, 2);
  ASSERT_EQ(Run("case update " + std::to_string(case_id) +
                " --status closed --note 'Called back' --action '90-day plan' --due 2027-03-01")
                .exit_code,
            0);
  loop = RunJson("report loop" + as_of);
  EXPECT_EQ(loop["cases_closed"].get<int>(), 1);
  EXPECT_EQ(loop["closed_within_48h"].get<double>(), 1.0);
  EXPECT_LT(loop["median_hours_to_close"].get<double>(), 1.0);
  EXPECT_EQ(RunJson("case show " + std::to_string(case_id))["action_due"], "2027-03-01");

  const json shown = RunJson("survey show W1");
  EXPECT_EQ(shown["figures"]["invited"].get<int>(), invited);
  EXPECT_EQ(shown["figures"]["delivered"].get<int>(), invited);
  EXPECT_EQ(shown["figures"]["answered"].get<int>(), 1);

  // Reminders go to everyone but the one who answered, each with a link of their own.
  const json reminded = RunJson("survey remind W1");
  EXPECT_EQ(reminded["reminded"].get<int>(), invited - 1);
  EXPECT_EQ(reminded["skipped"]["answered"].get<int>(), 1);
  ASSERT_TRUE(sink_->WaitForCount(2 * invited + 1));
  std::set<std::string> reminder_recipients;
  for (const ReceivedMail& m : sink_->Messages()) {
    if (m.subject != "Reminder: Acme survey") continue;
    reminder_recipients.insert(m.envelope_to);
    EXPECT_EQ(ids.count(m.message_id), 0u);
  }
  EXPECT_EQ(static_cast<int>(reminder_recipients.size()), invited - 1);
  EXPECT_EQ(reminder_recipients.count(answerer.envelope_to), 0u);

  // A second wave to the same audience within 90 days invites nobody.
  ASSERT_EQ(Run("survey create W2 --filter 'tier=A|B' --filter 'role=decision_maker|influencer'")
                .exit_code,
            0);
  const json second = RunJson("survey send W2");
  EXPECT_EQ(second["invited"].get<int>(), 0);
  EXPECT_EQ(second["skipped"]["fatigue"].get<int>(),
            invited + sent["skipped"]["fatigue"].get<int>());
}

TEST_F(SurveyEndToEndTest, TamperedReplayedAndOutOfRangeAnswersAndAThousandConcurrentSubmissions) {
  ASSERT_EQ(Run("survey create W1 --filter tier=A").exit_code, 0);
  const int invited = RunJson("survey send W1")["invited"].get<int>();
  ASSERT_GT(invited, 0);
  ASSERT_TRUE(serve_.Start(dir_, port_)) << test_support::ReadFile(dir_ / "serve.log");
  ASSERT_TRUE(sink_->WaitForCount(invited));
  const std::string path = PathOf(sink_->Messages().front());
  const std::string token = path.substr(3);

  // Tampered, unknown and malformed links all get the same page.
  std::string tampered = token;
  tampered[0] = tampered[0] == 'a' ? 'b' : 'a';
  const test_support::HttpAnswer bad = Http(Url("/s/" + tampered));
  EXPECT_EQ(bad.status, 404);
  EXPECT_EQ(Http(Url("/s/0123456789abcdef0123456789abcdef")).body, bad.body);
  EXPECT_EQ(Http(Url("/s/not-a-token")).body, bad.body);
  const std::string good_answer = "score=9";
  EXPECT_EQ(Http(Url("/s/" + tampered), &good_answer).status, 404);

  // Scores outside 0-10 are refused with the form again.
  for (const std::string score : {"11", "-1", "4.5", "x", ""}) {
    const std::string body = "score=" + score;
    const test_support::HttpAnswer refused = Http(Url(path), &body);
    EXPECT_EQ(refused.status, 400) << score;
    EXPECT_NE(refused.body.find("role=\"alert\""), std::string::npos) << score;
  }

  // 1,000 submissions of one token at once, with different scores: one response.
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 50; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        const std::string body = "score=" + std::to_string((t + i) % 11);
        if (Http(Url(path), &body).status == 200) ++ok;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1000);
  // Replayed after that: still one response.
  EXPECT_EQ(Http(Url(path), &good_answer).status, 200);
  serve_.Stop();

  Result<std::unique_ptr<store::Store>> store = store::OpenSqliteStore((dir_ / "book.db").string());
  ASSERT_TRUE(store.ok());
  store::RecordQuery query;
  query.limit = 100000;
  Result<store::RecordPage> responses = (*store)->ListRecords(RecordKind::kResponse, query);
  ASSERT_TRUE(responses.ok());
  int of_wave = 0;
  std::string score;
  for (const store::RecordFields& r : responses->records) {
    std::map<std::string, std::string> fields(r.begin(), r.end());
    if (fields["survey_id"] == "W1") {
      ++of_wave;
      score = fields["score"];
    }
  }
  EXPECT_EQ(of_wave, 1);
  EXPECT_EQ(score, "9");
}

TEST_F(SurveyEndToEndTest, A4xxIsRetriedUntilTheServerRecoversAnd5xxSuppressesTheAddress) {
  ASSERT_EQ(Run("survey create W1 --filter tier=A").exit_code, 0);
  const int invited = RunJson("survey send W1")["invited"].get<int>();
  ASSERT_GT(invited, 2);
  // One recipient's address is refused for good (the sink rejects @bounce.example): the
  // first invitation's queued mail is readdressed.
  std::string bounced;
  {
    Result<std::unique_ptr<store::Store>> store =
        store::OpenSqliteStore((dir_ / "book.db").string());
    ASSERT_TRUE(store.ok());
    Result<std::vector<store::SurveyInvite>> invites = (*store)->outreach().ListInvites("W1");
    ASSERT_TRUE(invites.ok() && !invites->empty());
    bounced = invites->front().email;
  }
  ASSERT_EQ(std::system(("sqlite3 '" + (dir_ / "book.db").string() +
                         "' \"UPDATE outbox SET recipient = 'gone@bounce.example' WHERE "
                         "recipient = '" +
                         bounced + "'\"")
                            .c_str()),
            0);

  sink_->SetTempFail(true);
  json pass = RunJson("outbox deliver");
  EXPECT_EQ(pass["sent"].get<int>(), 0);
  EXPECT_EQ(pass["retried"].get<int>(), invited - 1);
  EXPECT_EQ(pass["failed"].get<int>(), 1);
  EXPECT_EQ(pass["suppressed"].get<int>(), 1);
  EXPECT_EQ(sink_->Count(), 0u);

  sink_->SetTempFail(false);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // retry_seconds = 1
  pass = RunJson("outbox deliver");
  EXPECT_EQ(pass["sent"].get<int>(), invited - 1);
  EXPECT_EQ(pass["outbox"]["pending"].get<int>(), 0);
  EXPECT_EQ(sink_->Count(), static_cast<size_t>(invited - 1));
  const json shown = RunJson("survey show W1");
  EXPECT_EQ(shown["figures"]["delivered"].get<int>(), invited - 1);
  EXPECT_EQ(shown["figures"]["bounced"].get<int>(), 1);
}

TEST_F(SurveyEndToEndTest, ASenderKilledMidBatchLosesNothingAndRepeatsAtMostTheMailsInFlight) {
  ASSERT_EQ(Run("survey create W1").exit_code, 0);
  const int invited = RunJson("survey send W1")["invited"].get<int>();
  ASSERT_GT(invited, 100);
  sink_->SetDelayMs(10);
  pid_t sender =
      test_support::Spawn({BELLWETHER_BINARY, "outbox", "deliver"}, dir_, dir_ / "sender.log");
  ASSERT_TRUE(sink_->WaitForCount(invited / 3, std::chrono::seconds(60)));
  test_support::Stop(sender, SIGKILL);
  const size_t before_restart = sink_->Count();
  EXPECT_LT(before_restart, static_cast<size_t>(invited));
  sink_->SetDelayMs(0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // lease_seconds = 1
  const json pass = RunJson("outbox deliver");
  EXPECT_EQ(pass["outbox"]["pending"].get<int>(), 0);
  EXPECT_EQ(pass["outbox"]["sent"].get<int>(), invited);
  // The sink may still be writing the message it was holding when the sender died.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  std::map<std::string, int> received;
  for (const ReceivedMail& m : sink_->Messages()) ++received[m.message_id];
  EXPECT_EQ(static_cast<int>(received.size()), invited);  // every invitation arrived
  int repeated = 0;
  for (const auto& [id, n] : received) {
    EXPECT_LE(n, 2) << id;
    repeated += n - 1;
  }
  // Only the mails in flight when the sender died can arrive twice, with the same
  // Message-ID: at most one per SMTP connection ([smtp] connections, 4 by default), since a
  // connection gets its next mail only after its last one was recorded as sent
  // (docs/surveys.md, "Delivery guarantees").
  EXPECT_LE(repeated, 4);
}

}  // namespace
}  // namespace bw
