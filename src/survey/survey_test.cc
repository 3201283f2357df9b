// Unit tests of the survey module against a real SQLite store in a temporary file, with a
// ManualClock for time and a recording transport instead of an SMTP server.
#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "store/store.h"
#include "survey/answers.h"
#include "survey/email.h"
#include "survey/invitations.h"
#include "survey/mail_texts.h"
#include "survey/outbox_sender.h"
#include "survey/pages.h"
#include "survey/token.h"
#include "survey/wave.h"

namespace bw::survey {
namespace {

using std::chrono::hours;

constexpr Day kToday = 20'500;  // 2026-02-13

// Finds the link token in a rendered mail (the plain text part is base64: decode it).
std::string TokenOf(const std::string& payload);

class RecordingTransport final : public MailTransport {
 public:
  SendResult Send(std::string_view from, std::string_view to, std::string_view message) override {
    SendResult result;
    auto scripted = replies_.find(std::string(to));
    const long code = scripted != replies_.end() ? scripted->second : 250;
    result.smtp_code = code;
    result.kind = ClassifySmtpReply(code);
    if (result.kind == SendResult::Kind::kSent) {
      sent.push_back({std::string(from), std::string(to), std::string(message)});
    } else {
      result.detail = std::to_string(code) + " scripted";
    }
    return result;
  }
  struct Sent {
    std::string from, to, message;
  };
  std::vector<Sent> sent;
  std::map<std::string, long> replies_;  // recipient -> reply code
};

class SurveyTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDir() + "/survey_test_" +
            testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
    Result<std::unique_ptr<store::Store>> opened = store::OpenSqliteStore(path_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store_ = std::move(*opened);
    Result<store::ImportCounts> written = store_->Write([](store::WriteTransaction& tx) -> Status {
      AccountRecord a;
      a.account_id = "A1";
      a.name = "Acme";
      a.owner = "owner@vendor.example";
      BW_RETURN_IF_ERROR(tx.sink().OnAccount(a));
      for (const char* id : {"C1", "C2", "C3", "C4"}) {
        ContactRecord c;
        c.contact_id = id;
        c.account_id = "A1";
        // The record views its texts: they must outlive the call.
        const std::string name = "Name of " + std::string(id);
        c.name = name;
        const std::string email = std::string(id) + "@customer.example";
        c.email = email;
        BW_RETURN_IF_ERROR(tx.sink().OnContact(c));
      }
      return Status::Ok();
    });
    ASSERT_TRUE(written.ok()) << written.status().message();
    context_.public_url = "https://cx.vendor.example";
    context_.from = {"Vendor CX", "cx@vendor.example"};
    context_.settings.questions = {"What should we start doing?"};
  }
  void TearDown() override {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }

  AudienceMember Member(const std::string& id) {
    AudienceMember m;
    m.contact_id = id;
    m.name = "Name of " + id;
    m.email = id + "@customer.example";
    return m;
  }
  void CreateWave(const std::string& id, const std::string& language = "") {
    WaveSpec spec;
    spec.wave_id = id;
    spec.title = "Quarterly survey";
    spec.language = language;
    spec.max_reminders = 2;
    ASSERT_TRUE(survey::CreateWave(*store_, spec, context_.settings, clock_).ok());
  }
  // Delivers the outbox and returns the tokens of the mails sent, by recipient.
  std::map<std::string, std::string> Deliver() {
    DeliveryOptions options;
    options.envelope_from = "cx@vendor.example";
    const size_t before = transport_.sent.size();
    Result<DeliveryReport> report = DeliverMailOnce(*store_, transport_, clock_, options);
    EXPECT_TRUE(report.ok()) << report.status().message();
    std::map<std::string, std::string> tokens;
    for (size_t i = before; i < transport_.sent.size(); ++i) {
      tokens[transport_.sent[i].to] = TokenOf(transport_.sent[i].message);
    }
    return tokens;
  }
  Result<AnswerOutcome> Answer(const std::string& token, const AnswerForm& form) {
    AnswerOutcome outcome;
    Result<store::ImportCounts> written = store_->Write([&](store::WriteTransaction& tx) -> Status {
      BW_ASSIGN_OR_RETURN(outcome, SubmitAnswer(tx, token, form, context_.settings, clock_));
      return Status::Ok();
    });
    if (!written.ok()) return written.status();
    return outcome;
  }
  int64_t ResponseCount() {
    store::RecordQuery query;
    Result<store::RecordPage> page = store_->ListRecords(RecordKind::kResponse, query);
    return page.ok() ? page->total : -1;
  }

  std::string path_;
  std::unique_ptr<store::Store> store_;
  ManualClock clock_{ManualClock::Noon(kToday)};
  OutreachContext context_;
  RecordingTransport transport_;
};

std::string DecodeBase64Lines(std::string_view text) {
  std::string joined;
  for (char c : text) {
    if (c != '\r' && c != '\n') joined += c;
  }
  std::string out(joined.size(), '\0');
  size_t length = 0;
  if (sodium_init() < 0) return {};
  sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), joined.data(),
                    joined.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL);
  out.resize(length);
  return out;
}

// The plain text part of a rendered mail, decoded.
std::string PlainTextOf(const std::string& payload) {
  const std::string marker =
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n";
  const size_t start = payload.find(marker);
  if (start == std::string::npos) return {};
  const size_t body = start + marker.size();
  const size_t end = payload.find("--=_bw_", body);
  return DecodeBase64Lines(std::string_view(payload).substr(body, end - body));
}

std::string TokenOf(const std::string& payload) {
  const std::string text = PlainTextOf(payload);
  const size_t at = text.find("/s/");
  if (at == std::string::npos) return {};
  return text.substr(at + 3, 32);
}

TEST(TokenTest, TokensAre128RandomBitsAndOnlyTheirHashIsKept) {
  const std::string a = NewToken();
  const std::string b = NewToken();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(LooksLikeToken(a));
  EXPECT_FALSE(LooksLikeToken(a.substr(1)));
  EXPECT_FALSE(LooksLikeToken("G" + a.substr(1)));
  // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
  EXPECT_EQ(TokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(EmailTest, LineBreaksInNamesAndSubjectsNeverMakeAHeader) {
  EmailContent c;
  c.from = {"CX", "cx@vendor.example"};
  c.to = {"Eve\r\nBcc: victim@example.com", "eve@customer.example"};
  c.subject = "Hello\r\nX-Injected: yes\nDate: never";
  c.text = "text";
  c.html = "<p>html</p>";
  c.message_id = "bw-1@vendor.example";
  c.date = 0;
  const std::string m = RenderEmail(c);
  EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos) << m;
  EXPECT_EQ(m.find("\r\nX-Injected:"), std::string::npos) << m;
  EXPECT_EQ(m.find("\nX-Injected:"), std::string::npos) << m;
  EXPECT_NE(m.find("Subject: Hello X-Injected: yes Date: never\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("To: \"Eve Bcc: victim@example.com\" <eve@customer.example>\r\n"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_EQ(MessageIdOf(m), "bw-1@vendor.example");
}

TEST(EmailTest, NonAsciiHeaderTextIsAnEncodedWord) {
  EXPECT_EQ(HeaderText("Jürgen"), "=?UTF-8?B?SsO8cmdlbg==?=");
  EXPECT_EQ(HeaderText("  a \t b  "), "a b");
}

TEST(EmailTest, AddressesAreCheckedAndParsed) {
  EXPECT_TRUE(IsValidEmailAddress("a.b@c.example"));
  EXPECT_FALSE(IsValidEmailAddress("a b@c.example"));
  EXPECT_FALSE(IsValidEmailAddress("a@b@c"));
  EXPECT_FALSE(IsValidEmailAddress("a@c.example\r\nRCPT TO:<x@y>"));
  EXPECT_FALSE(IsValidEmailAddress("@c.example"));
  Result<MailAddress> parsed = ParseMailAddress("\"Acme CX\" <cx@acme.example>");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->name, "Acme CX");
  EXPECT_EQ(parsed->address, "cx@acme.example");
  EXPECT_FALSE(ParseMailAddress("Acme <cx@acme.example").ok());
}

TEST(WaveTest, SpecsAreCheckedNamingTheFlag) {
  WaveSpec spec;
  spec.wave_id = "2026 Q1";
  EXPECT_EQ(ValidateWaveSpec(spec).field(), "wave");
  spec.wave_id = "2026-Q1";
  spec.language = "fr";
  EXPECT_EQ(ValidateWaveSpec(spec).field(), "language");
  spec.language = "de";
  spec.title = "a\nb";
  EXPECT_EQ(ValidateWaveSpec(spec).field(), "title");
  spec.title = "ok";
  spec.max_reminders = 6;
  EXPECT_EQ(ValidateWaveSpec(spec).field(), "max-reminders");
  spec.max_reminders = 1;
  EXPECT_TRUE(ValidateWaveSpec(spec).ok());
}

TEST_F(SurveyTest, SendingInvitesEachContactOnceWithAMailAndAnInvitationRecord) {
  CreateWave("W1");
  std::vector<AudienceMember> audience = {Member("C1"), Member("C2"), Member("C3")};
  audience[2].email = "not an address";
  Result<SendReport> report = SendWave(*store_, "W1", audience, context_, clock_);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->invited, 2);
  EXPECT_EQ(report->no_email, 1);
  Result<std::optional<store::RecordFields>> record =
      store_->GetRecord(RecordKind::kInvitation, {InvitationId("W1", "C1")});
  ASSERT_TRUE(record.ok() && record->has_value());
  // Sending again invites nobody twice.
  report = SendWave(*store_, "W1", audience, context_, clock_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->invited, 0);
  EXPECT_EQ(report->already_invited, 2);

  const std::map<std::string, std::string> tokens = Deliver();
  ASSERT_EQ(tokens.size(), 2u);
  const std::string& mail = transport_.sent[0].to == "c1@customer.example"
                                ? transport_.sent[0].message
                                : transport_.sent[1].message;
  EXPECT_NE(mail.find("Subject: Quarterly survey\r\n"), std::string::npos);
  EXPECT_NE(mail.find("List-Unsubscribe: <https://cx.vendor.example/s/"), std::string::npos);
  EXPECT_NE(PlainTextOf(mail).find("Hello Name of C1,"), std::string::npos) << PlainTextOf(mail);
  EXPECT_TRUE(LooksLikeToken(tokens.at("c1@customer.example")));
  EXPECT_TRUE(Deliver().empty());  // nothing goes twice
}

TEST_F(SurveyTest, NobodyIsInvitedTwiceWithinTheFatiguePeriodOrAfterLeavingOrUnsubscribing) {
  CreateWave("W1");
  CreateWave("W2", "de");
  ASSERT_TRUE(SendWave(*store_, "W1", {Member("C1")}, context_, clock_).ok());
  AudienceMember left = Member("C2");
  left.left_on = kToday - 1;
  ASSERT_TRUE(store_->outreach().Suppress("C3@customer.example", "unsubscribed", 0).ok());
  clock_.Advance(hours(24 * 89));
  Result<SendReport> report =
      SendWave(*store_, "W2", {Member("C1"), left, Member("C3"), Member("C4")}, context_, clock_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->fatigued, 1);
  EXPECT_EQ(report->left, 1);
  EXPECT_EQ(report->suppressed, 1);
  EXPECT_EQ(report->invited, 1);  // C4
  // 90 days after the first invitation C1 may be asked again.
  CreateWave("W3");
  clock_.Advance(hours(24));
  report = SendWave(*store_, "W3", {Member("C1")}, context_, clock_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->invited, 1);
}

TEST_F(SurveyTest, AnAnswerIsOneResponseOfTheWaveThatMayBeChangedForSevenDays) {
  CreateWave("W1");
  ASSERT_TRUE(SendWave(*store_, "W1", {Member("C1")}, context_, clock_).ok());
  const std::string token = Deliver().at("c1@customer.example");
  Result<LinkView> view = OpenLink(*store_, token, context_.settings, clock_);
  ASSERT_TRUE(view.ok()) << view.status().message();
  EXPECT_EQ(view->score, -1);

  AnswerForm form;
  form.score = "3";
  form.comment = "<script>alert(1)</script> & more";
  form.drivers = {"support", "price"};
  form.answers = {"Call back"};
  Result<AnswerOutcome> outcome = Answer(token, form);
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_TRUE(outcome->first_answer);
  form.score = "9";
  outcome = Answer(token, form);  // replayed with another score: a change, not a second answer
  ASSERT_TRUE(outcome.ok());
  EXPECT_FALSE(outcome->first_answer);
  EXPECT_EQ(ResponseCount(), 1);
  Result<std::optional<store::RecordFields>> response =
      store_->GetRecord(RecordKind::kResponse, {ResponseId(InvitationId("W1", "C1"))});
  ASSERT_TRUE(response.ok() && response->has_value());
  std::map<std::string, std::string> fields((*response)->begin(), (*response)->end());
  EXPECT_EQ(fields["score"], "9");
  EXPECT_EQ(fields["survey_id"], "W1");
  EXPECT_EQ(fields["comment"], "<script>alert(1)</script> & more");  // stored as typed
  EXPECT_EQ(fields["drivers"], "support;price");

  view = OpenLink(*store_, token, context_.settings, clock_);
  ASSERT_TRUE(view.ok());
  const std::string page = RenderAnswerPage(*view, token, nullptr, "", "");
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), std::string::npos);
  EXPECT_NE(page.find("value=\"9\" checked"), std::string::npos);

  clock_.Advance(hours(24 * 7));
  EXPECT_EQ(OpenLink(*store_, token, context_.settings, clock_).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Answer(token, form).status().code(), StatusCode::kNotFound);
}

TEST_F(SurveyTest, ScoresOutsideZeroToTenAndUnknownDriversAreRefused) {
  CreateWave("W1");
  ASSERT_TRUE(SendWave(*store_, "W1", {Member("C1")}, context_, clock_).ok());
  const std::string token = Deliver().at("c1@customer.example");
  for (const char* score : {"-1", "11", "", "5.5", "05", "1e1", "ten", " 5"}) {
    AnswerForm form;
    form.score = score;
    Result<AnswerOutcome> outcome = Answer(token, form);
    ASSERT_FALSE(outcome.ok()) << score;
    EXPECT_EQ(outcome.status().field(), "score") << score;
  }
  AnswerForm form;
  form.score = "10";
  form.drivers = {"weather"};
  EXPECT_EQ(Answer(token, form).status().field(), "drivers");
  form.drivers = {};
  form.comment = std::string(kMaxCommentBytes + 1, 'x');
  EXPECT_EQ(Answer(token, form).status().field(), "comment");
  form.comment = "bad \xff byte";
  EXPECT_EQ(Answer(token, form).status().field(), "comment");
  EXPECT_EQ(ResponseCount(), 0);
}

TEST_F(SurveyTest, TamperedUnknownAndExpiredLinksAllGetTheSameNotFound) {
  CreateWave("W1");
  ASSERT_TRUE(SendWave(*store_, "W1", {Member("C1")}, context_, clock_).ok());
  const std::string token = Deliver().at("c1@customer.example");
  std::string tampered = token;
  tampered[5] = tampered[5] == 'a' ? 'b' : 'a';
  Result<LinkView> bad = OpenLink(*store_, tampered, context_.settings, clock_);
  Result<LinkView> unknown = OpenLink(*store_, NewToken(), context_.settings, clock_);
  Result<LinkView> malformed = OpenLink(*store_, "../../etc/passwd", context_.settings, clock_);
  clock_.Advance(hours(24 * context_.settings.link_valid_days));
  Result<LinkView> expired = OpenLink(*store_, token, context_.settings, clock_);
  for (const Result<LinkView>* r : {&bad, &unknown, &malformed, &expired}) {
    EXPECT_EQ(r->status().code(), StatusCode::kNotFound);
    EXPECT_EQ(r->status().message(), bad.status().message());
  }
}

TEST_F(SurveyTest, RemindersGoOnlyToThoseWhoHaveNotAnsweredWithALinkOfTheirOwn) {
  CreateWave("W1");
  ASSERT_TRUE(
      SendWave(*store_, "W1", {Member("C1"), Member("C2"), Member("C3")}, context_, clock_).ok());
  const std::map<std::string, std::string> first = Deliver();
  AnswerForm form;
  form.score = "8";
  ASSERT_TRUE(Answer(first.at("c1@customer.example"), form).ok());
  ASSERT_TRUE(store_->outreach().Suppress("c3@customer.example", "unsubscribed", 0).ok());

  Result<RemindReport> due = RemindWave(*store_, "W1", /*only_due=*/true, context_, clock_);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->reminded, 0);  // the wave's 7 days have not passed
  EXPECT_EQ(due->not_due, 2);   // C2, and C3 (suppressed, but checked later)
  Result<RemindReport> report = RemindWave(*store_, "W1", /*only_due=*/false, context_, clock_);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->reminded, 1);
  EXPECT_EQ(report->answered, 1);
  EXPECT_EQ(report->suppressed, 1);
  const std::map<std::string, std::string> reminders = Deliver();
  ASSERT_EQ(reminders.size(), 1u);
  const std::string& reminder_token = reminders.at("c2@customer.example");
  EXPECT_NE(reminder_token, first.at("c2@customer.example"));
  EXPECT_NE(transport_.sent.back().message.find("Subject: Reminder: Quarterly survey"),
            std::string::npos);
  // Both of C2's links open the same invitation.
  EXPECT_TRUE(OpenLink(*store_, reminder_token, context_.settings, clock_).ok());
  EXPECT_TRUE(OpenLink(*store_, first.at("c2@customer.example"), context_.settings, clock_).ok());
  // max_reminders = 2: one more, then none.
  ASSERT_EQ(RemindWave(*store_, "W1", false, context_, clock_)->reminded, 1);
  EXPECT_EQ(RemindWave(*store_, "W1", false, context_, clock_)->exhausted, 1);
}

TEST_F(SurveyTest, GermanWavesWriteGermanMailsAndPages) {
  CreateWave("W1", "de");
  ASSERT_TRUE(SendWave(*store_, "W1", {Member("C1")}, context_, clock_).ok());
  const std::string token = Deliver().at("c1@customer.example");
  EXPECT_NE(PlainTextOf(transport_.sent[0].message).find("Guten Tag Name of C1,"),
            std::string::npos);
  Result<LinkView> view = OpenLink(*store_, token, context_.settings, clock_);
  ASSERT_TRUE(view.ok());
  const std::string page = RenderAnswerPage(*view, token, nullptr, "", "");
  EXPECT_NE(page.find("<html lang=\"de\">"), std::string::npos);
  EXPECT_NE(page.find("<legend>Wie wahrscheinlich"), std::string::npos);
  EXPECT_NE(page.find("<label class=\"block\" for=\"answer-0\">What should we start doing?"),
            std::string::npos);
}

TEST_F(SurveyTest, UnsubscribingSuppressesTheAddressEvenAfterTheLinkExpired) {
  CreateWave("W1");
  ASSERT_TRUE(SendWave(*store_, "W1", {Member("C1")}, context_, clock_).ok());
  const std::string token = Deliver().at("c1@customer.example");
  clock_.Advance(hours(24 * 365));
  Result<std::optional<std::string>> language = Unsubscribe(*store_, token, clock_);
  ASSERT_TRUE(language.ok());
  EXPECT_EQ(language->value_or(""), "en");
  EXPECT_TRUE(*store_->outreach().IsSuppressed("c1@customer.example"));
  EXPECT_FALSE(Unsubscribe(*store_, NewToken(), clock_)->has_value());
}

TEST_F(SurveyTest, A4xxIsRetriedWithBackoffAndA5xxSuppressesTheAddress) {
  CreateWave("W1");
  ASSERT_TRUE(SendWave(*store_, "W1", {Member("C1"), Member("C2")}, context_, clock_).ok());
  transport_.replies_["c1@customer.example"] = 451;
  transport_.replies_["c2@customer.example"] = 550;
  DeliveryOptions options;
  options.envelope_from = "cx@vendor.example";
  Result<DeliveryReport> report = DeliverMailOnce(*store_, transport_, clock_, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->retried, 1);
  EXPECT_EQ(report->failed, 1);
  EXPECT_EQ(report->suppressed, 1);
  EXPECT_TRUE(*store_->outreach().IsSuppressed("c2@customer.example"));
  EXPECT_FALSE(*store_->outreach().IsSuppressed("c1@customer.example"));

  // The server recovers; the retry waits for its backoff (30 to 60 s after the first try).
  transport_.replies_.clear();
  EXPECT_EQ(DeliverMailOnce(*store_, transport_, clock_, options)->sent, 0);
  clock_.Advance(std::chrono::seconds(60));
  report = DeliverMailOnce(*store_, transport_, clock_, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->sent, 1);
  ASSERT_EQ(transport_.sent.size(), 1u);
  EXPECT_EQ(transport_.sent[0].to, "c1@customer.example");
  Result<store::OutboxCounts> counts = store_->outreach().CountOutbox();
  EXPECT_EQ(counts->sent, 1);
  EXPECT_EQ(counts->failed, 1);
  EXPECT_EQ(counts->pending, 0);
}

TEST_F(SurveyTest, SeveralConnectionsSendEveryMailOnceAndRecordEachOutcome) {
  CreateWave("W1");
  ASSERT_TRUE(SendWave(*store_, "W1", {Member("C1"), Member("C2"), Member("C3"), Member("C4")},
                       context_, clock_)
                  .ok());
  // Three connections, each refusing C2 for good and C3 for now.
  std::vector<std::unique_ptr<RecordingTransport>> connections;
  std::vector<MailTransport*> pointers;
  for (int i = 0; i < 3; ++i) {
    connections.push_back(std::make_unique<RecordingTransport>());
    connections.back()->replies_["c2@customer.example"] = 550;
    connections.back()->replies_["c3@customer.example"] = 421;
    pointers.push_back(connections.back().get());
  }
  DeliveryOptions options;
  options.envelope_from = "cx@vendor.example";
  options.batch = 1;  // a claim per mail: the pass claims while other mails are out
  Result<DeliveryReport> report = DeliverMailOnce(*store_, pointers, clock_, options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->sent, 2);
  EXPECT_EQ(report->failed, 1);
  EXPECT_EQ(report->suppressed, 1);
  EXPECT_EQ(report->retried, 1);
  std::map<std::string, int> received;
  for (const auto& c : connections) {
    for (const RecordingTransport::Sent& sent : c->sent) ++received[sent.to];
  }
  EXPECT_EQ(received,
            (std::map<std::string, int>{{"c1@customer.example", 1}, {"c4@customer.example", 1}}));
  Result<store::OutboxCounts> counts = store_->outreach().CountOutbox();
  EXPECT_EQ(counts->sent, 2);
  EXPECT_EQ(counts->failed, 1);
  EXPECT_EQ(counts->pending, 1);  // C3, due again after its backoff
  EXPECT_TRUE(*store_->outreach().IsSuppressed("c2@customer.example"));
  // A pass with nothing due starts no connection and sends nothing.
  EXPECT_EQ(DeliverMailOnce(*store_, pointers, clock_, options)->sent, 0);
}

TEST(RetryTest, BackoffDoublesUpToTheLimitWithJitterBetweenHalfAndAll) {
  DeliveryOptions options;
  EXPECT_EQ(RetryDelaySeconds(options, 1, 1.0), 60);
  EXPECT_EQ(RetryDelaySeconds(options, 1, 0.0), 30);
  EXPECT_EQ(RetryDelaySeconds(options, 3, 1.0), 240);
  EXPECT_EQ(RetryDelaySeconds(options, 30, 1.0), 6 * 3600);
  EXPECT_EQ(ClassifySmtpReply(250), SendResult::Kind::kSent);
  EXPECT_EQ(ClassifySmtpReply(421), SendResult::Kind::kRetry);
  EXPECT_EQ(ClassifySmtpReply(550), SendResult::Kind::kRejected);
  EXPECT_EQ(ClassifySmtpReply(535), SendResult::Kind::kRetry);
}

}  // namespace
}  // namespace bw::survey
