#include "io/data_set_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "io/test_recording_sink.h"

namespace bw::io {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A valid data set touching every file and column; tests change one file at a time.
std::map<std::string, std::string> ValidFiles() {
  return {
      {"accounts.csv",
       "account_id,name,industry,region,owner,acquisition,created_on,churned_on\n"
       "A1,Muster AG,Manufacturing,DACH,am@vendor.example,earned,2020-01-15,\n"
       "A2,\"Beta, GmbH\",,,,bought,2021-03-01,2025-06-30\n"},
      {"contacts.csv",
       "contact_id,account_id,name,email,role,left_on\n"
       "C1,A1,Anna,anna@muster.example,decision_maker,\n"
       "C2,A2,Ben,,B,2025-01-31\n"},
      {"revenue.csv", "account_id,month,amount\nA1,2025-01,1234.50\nA1,2025-01,0.005\n"},
      {"invitations.csv", "invitation_id,contact_id,survey_id,sent_on\nI1,C1,2025-Q1,2025-01-02\n"},
      {"responses.csv",
       "response_id,contact_id,survey_id,responded_on,score,comment,drivers\n"
       "R1,C1,2025-Q1,2025-01-05,9,\"Gut, sehr gut\",support;price\n"},
      {"touchpoints.csv",
       "touchpoint_id,account_id,contact_id,type,occurred_on\n"
       "T1,A1,C1,call,2025-01-03\nT2,A2,,support_ticket,2025-02-01\n"},
      {"signals.csv", "account_id,signal,observed_on,value\nA1,usage_hours,2025-01-31,12.5\n"},
  };
}

class DataSetReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bw_data_set_reader_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Replaces the directory's contents by `files`.
  void Write(const std::map<std::string, std::string>& files) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    for (const auto& [name, text] : files) {
      std::ofstream(dir_ / name, std::ios::binary) << text;
    }
  }
  Result<ReadStats> Read(const ReadOptions& options = {}) {
    return ReadDataSet(dir_.string(), sink_, options);
  }
  // Writes the valid data set with `file` replaced by `text`, reads it, and returns the
  // error message ("" when the read succeeded).
  std::string ErrorWith(const std::string& file, const std::string& text) {
    std::map<std::string, std::string> files = ValidFiles();
    files[file] = text;
    Write(files);
    Result<ReadStats> stats = Read();
    if (stats.ok()) return "";
    EXPECT_EQ(stats.status().code(), StatusCode::kInvalidArgument);
    return stats.status().message();
  }

  std::filesystem::path dir_;
  RecordingSink sink_;
};

TEST_F(DataSetReaderTest, ReadsEveryFileInSinkOrder) {
  Write(ValidFiles());
  Result<ReadStats> stats = Read();
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->rows_read, 11);
  EXPECT_EQ(stats->rows_rejected, 0);
  EXPECT_THAT(
      sink_.events,
      ElementsAre("account A1|Muster AG|Manufacturing|DACH|am@vendor.example|earned|2020-01-15|",
                  "account A2|Beta, GmbH||||bought|2021-03-01|2025-06-30",
                  "contact C1|A1|Anna|anna@muster.example|decision_maker|",
                  "contact C2|A2|Ben||influencer|2025-01-31", "revenue A1|2025-01|1234.50",
                  "revenue A1|2025-01|0.01", "invitation I1|C1|2025-Q1|2025-01-02",
                  "response R1|C1|2025-Q1|2025-01-05|9|Gut, sehr gut|support;price",
                  "touchpoint T1|A1|C1|call|2025-01-03",
                  "touchpoint T2|A2||support_ticket|2025-02-01",
                  "signal A1|usage_hours|2025-01-31|12.5"));
}

TEST_F(DataSetReaderTest, OnlyAccountsIsRequired) {
  Write({{"accounts.csv", "name,account_id\nX,A9\n"}});
  Result<ReadStats> stats = Read();
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_THAT(sink_.events, ElementsAre("account A9|X||||||"));
}

TEST_F(DataSetReaderTest, MissingAccountsFile) {
  Write({{"contacts.csv", "contact_id,account_id,role\n"}});
  Result<ReadStats> stats = Read();
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(stats.status().message(), dir_.string() + "/accounts.csv: not found");
  Result<ReadStats> no_dir = ReadDataSet((dir_ / "nope").string(), sink_);
  ASSERT_FALSE(no_dir.ok());
  EXPECT_EQ(no_dir.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(no_dir.status().message(), (dir_ / "nope").string() + ": not found");
  EXPECT_THAT(sink_.events, IsEmpty());
}

TEST_F(DataSetReaderTest, HeaderMatchesCaseInsensitivelyAndTrimmed) {
  Write({{"accounts.csv", "\xEF\xBB\xBF Account_ID ,NAME,  Churned_On\r\nA1,N,\r\n"}});
  ASSERT_TRUE(Read().ok());
  EXPECT_THAT(sink_.events, ElementsAre("account A1|N||||||"));
}

TEST_F(DataSetReaderTest, RequiredColumnMissing) {
  EXPECT_EQ(ErrorWith("contacts.csv", "contact_id,account_id,name\nC1,A1,x\n"),
            "contacts.csv:1: role: required column missing");
  EXPECT_EQ(sink_.events.size(), 2u);  // the accounts, nothing after the error
}

TEST_F(DataSetReaderTest, DuplicateColumn) {
  EXPECT_EQ(ErrorWith("accounts.csv", "account_id,name,Name\nA1,x,y\n"),
            "accounts.csv:1: name: duplicate column");
  EXPECT_THAT(sink_.events, IsEmpty());
}

TEST_F(DataSetReaderTest, EmptyFileHasNoHeader) {
  EXPECT_EQ(ErrorWith("revenue.csv", ""), "revenue.csv:1: header row missing (the file is empty)");
  EXPECT_EQ(sink_.events.size(), 4u);
}

TEST_F(DataSetReaderTest, UnknownColumnIsAWarning) {
  Write({{"accounts.csv", "account_id,foo,name\nA1,bar,N\n"}});
  std::vector<std::string> warnings;
  ReadOptions options;
  options.on_warning = [&](const std::string& w) { warnings.push_back(w); };
  ASSERT_TRUE(Read(options).ok());
  EXPECT_THAT(warnings, ElementsAre("accounts.csv:1: unknown column \"foo\" ignored"));
  EXPECT_THAT(sink_.events, ElementsAre("account A1|N||||||"));
}

TEST_F(DataSetReaderTest, FieldCountDiffersFromHeader) {
  EXPECT_EQ(ErrorWith("revenue.csv", "account_id,month,amount\nA1,2025-01,1\nA1,2025-02,1,9\n"),
            "revenue.csv:3: row has 4 fields, header has 3");
  EXPECT_EQ(sink_.events.size(), 5u);
}

TEST_F(DataSetReaderTest, InvalidUtf8NamesTheColumn) {
  EXPECT_EQ(ErrorWith("responses.csv",
                      "response_id,contact_id,responded_on,score,comment\n"
                      "R1,C1,2025-01-05,9,ok\nR2,C1,2025-01-05,9,\"schlecht \xC3\"\n"),
            "responses.csv:3: comment: invalid UTF-8 (if the file is in another encoding, say "
            "which: --encoding windows-1252)");
  EXPECT_EQ(sink_.events.back(), "response R1|C1||2025-01-05|9|ok|");
}

TEST_F(DataSetReaderTest, MalformedCsvStopsTheRead) {
  EXPECT_EQ(ErrorWith("contacts.csv", "contact_id,account_id,role\nC1,A1,A\nC2,A1,\"B\n"),
            "contacts.csv:3: malformed CSV: quoted field is not terminated");
  EXPECT_EQ(sink_.events.back(), "contact C1|A1|||decision_maker|");
}

TEST_F(DataSetReaderTest, RequiredValueMissing) {
  EXPECT_EQ(ErrorWith("accounts.csv", "account_id,name\nA1,\n"),
            "accounts.csv:2: name: required value missing");
  EXPECT_THAT(sink_.events, IsEmpty());
  EXPECT_EQ(ErrorWith("invitations.csv",
                      "invitation_id,contact_id,survey_id,sent_on\nI1,C1,,2025-01-01\n"),
            "invitations.csv:2: survey_id: required value missing");
}

TEST_F(DataSetReaderTest, AccountIdAtMost64Bytes) {
  const std::string id65(65, 'a');
  EXPECT_EQ(ErrorWith("accounts.csv",
                      "account_id,name\n" + std::string(64, 'a') + ",ok\n" + id65 + ",N\n"),
            "accounts.csv:3: account_id: \"" + id65 + "\" is longer than 64 bytes");
  EXPECT_EQ(sink_.events.size(), 1u);
}

TEST_F(DataSetReaderTest, DuplicateKeys) {
  EXPECT_EQ(ErrorWith("accounts.csv", "account_id,name\nA1,x\nA2,y\n\nA1,z\n"),
            "accounts.csv:5: account_id: duplicate key \"A1\" (first on line 2)");
  EXPECT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(ErrorWith("contacts.csv", "contact_id,account_id,role\nC1,A1,user\nC1,A2,user\n"),
            "contacts.csv:3: contact_id: duplicate key \"C1\" (first on line 2)");
  EXPECT_EQ(ErrorWith("invitations.csv",
                      "invitation_id,contact_id,survey_id,sent_on\n"
                      "I1,C1,s,2025-01-01\nI1,C1,s,2025-01-02\n"),
            "invitations.csv:3: invitation_id: duplicate key \"I1\" (first on line 2)");
  EXPECT_EQ(ErrorWith("responses.csv",
                      "response_id,contact_id,responded_on,score\n"
                      "R1,C1,2025-01-01,1\nR1,C1,2025-01-01,2\n"),
            "responses.csv:3: response_id: duplicate key \"R1\" (first on line 2)");
  EXPECT_EQ(ErrorWith("touchpoints.csv",
                      "touchpoint_id,account_id,type,occurred_on\n"
                      "T1,A1,call,2025-01-01\nT1,A1,call,2025-01-01\n"),
            "touchpoints.csv:3: touchpoint_id: duplicate key \"T1\" (first on line 2)");
}

TEST_F(DataSetReaderTest, KeysAreCaseSensitiveAndNotTrimmed) {
  Write({{"accounts.csv", "account_id,name\nA1,x\na1,y\n\" A1\",z\n"}});
  ASSERT_TRUE(Read().ok());
  EXPECT_THAT(sink_.events,
              ElementsAre("account A1|x||||||", "account a1|y||||||", "account  A1|z||||||"));
}

TEST_F(DataSetReaderTest, UnknownReferences) {
  EXPECT_EQ(ErrorWith("contacts.csv", "contact_id,account_id,role\nC1,A1,A\nC3,X9,A\n"),
            "contacts.csv:3: account_id: unknown account \"X9\"");
  EXPECT_EQ(sink_.events.size(), 3u);
  EXPECT_EQ(ErrorWith("revenue.csv", "account_id,month,amount\nA3,2025-01,1\n"),
            "revenue.csv:2: account_id: unknown account \"A3\"");
  EXPECT_EQ(ErrorWith("invitations.csv",
                      "invitation_id,contact_id,survey_id,sent_on\nI1,C7,s,2025-01-01\n"),
            "invitations.csv:2: contact_id: unknown contact \"C7\"");
  EXPECT_EQ(
      ErrorWith("responses.csv", "response_id,contact_id,responded_on,score\nR1,c1,2025-01-01,1\n"),
      "responses.csv:2: contact_id: unknown contact \"c1\"");
  EXPECT_EQ(
      ErrorWith("touchpoints.csv",
                "touchpoint_id,account_id,contact_id,type,occurred_on\nT1,A1,C9,call,2025-01-01\n"),
      "touchpoints.csv:2: contact_id: unknown contact \"C9\"");
  EXPECT_EQ(ErrorWith("signals.csv", "account_id,signal,observed_on,value\nB1,x,2025-01-01,1\n"),
            "signals.csv:2: account_id: unknown account \"B1\"");
}

TEST_F(DataSetReaderTest, BadDates) {
  EXPECT_EQ(
      ErrorWith("accounts.csv", "account_id,name,created_on\nA1,x,2026-01-01\nA2,y,2026-13-01\n"),
      "accounts.csv:3: created_on: \"2026-13-01\" is not a date (YYYY-MM-DD)");
  EXPECT_EQ(sink_.events.size(), 1u);
  EXPECT_EQ(ErrorWith("contacts.csv", "contact_id,account_id,role,left_on\nC1,A1,A,2025-02-30\n"),
            "contacts.csv:2: left_on: \"2025-02-30\" is not a date (YYYY-MM-DD)");
  EXPECT_EQ(ErrorWith("invitations.csv",
                      "invitation_id,contact_id,survey_id,sent_on\nI1,C1,s,2025-1-2\n"),
            "invitations.csv:2: sent_on: \"2025-1-2\" is not a date (YYYY-MM-DD)");
  EXPECT_EQ(ErrorWith("responses.csv",
                      "response_id,contact_id,responded_on,score\nR1,C1, 2025-01-01,1\n"),
            "responses.csv:2: responded_on: \" 2025-01-01\" is not a date (YYYY-MM-DD)");
  EXPECT_EQ(
      ErrorWith("touchpoints.csv", "touchpoint_id,account_id,type,occurred_on\nT1,A1,call,\n"),
      "touchpoints.csv:2: occurred_on: required value missing");
  EXPECT_EQ(ErrorWith("signals.csv", "account_id,signal,observed_on,value\nA1,x,01.02.2025,1\n"),
            "signals.csv:2: observed_on: \"01.02.2025\" is not a date (YYYY-MM-DD)");
}

TEST_F(DataSetReaderTest, ChurnedBeforeCreated) {
  EXPECT_EQ(ErrorWith("accounts.csv",
                      "account_id,name,created_on,churned_on\nA1,x,2021-01-01,2020-12-31\n"),
            "accounts.csv:2: churned_on: \"2020-12-31\" is before created_on \"2021-01-01\"");
  EXPECT_THAT(sink_.events, IsEmpty());
  EXPECT_EQ(
      ErrorWith("accounts.csv",
                "account_id,name,created_on,churned_on\nA1,x,2021-01-01,2021-01-01\nA2,y,,\n"),
      "");
}

TEST_F(DataSetReaderTest, BadMonth) {
  EXPECT_EQ(ErrorWith("revenue.csv", "account_id,month,amount\nA1,2025-13,1\n"),
            "revenue.csv:2: month: \"2025-13\" is not a month (YYYY-MM)");
  EXPECT_EQ(sink_.events.size(), 4u);
}

TEST_F(DataSetReaderTest, BadAmounts) {
  EXPECT_EQ(ErrorWith("revenue.csv", "account_id,month,amount\nA1,2025-01,1\n\nA1,2025-02,-12.5\n"),
            "revenue.csv:4: amount: \"-12.5\" is negative");
  EXPECT_EQ(sink_.events.back(), "revenue A1|2025-01|1.00");
  EXPECT_EQ(ErrorWith("revenue.csv", "account_id,month,amount\nA1,2025-01,-0.001\n"),
            "revenue.csv:2: amount: \"-0.001\" is negative");
  EXPECT_EQ(ErrorWith("revenue.csv", "account_id,month,amount\nA1,2025-01,\"1,234.50\"\n"),
            "revenue.csv:2: amount: \"1,234.50\" is not an amount (like 1234.50)");
  EXPECT_EQ(ErrorWith("revenue.csv", "account_id,month,amount\nA1,2025-01,-0.00\n"), "");
}

TEST_F(DataSetReaderTest, ScoreMustBeAnIntegerFrom0To10) {
  for (const char* bad : {"11", "-1", "7.0", " 7", "+7", "1e1", "100"}) {
    EXPECT_EQ(
        ErrorWith("responses.csv", std::string("response_id,contact_id,responded_on,score\n"
                                               "R0,C1,2025-01-01,0\nR1,C1,2025-01-01,") +
                                       bad + "\n"),
        std::string("responses.csv:3: score: \"") + bad + "\" is not an integer from 0 to 10");
  }
  EXPECT_EQ(sink_.events.back(), "response R0|C1||2025-01-01|0||");
  EXPECT_EQ(
      ErrorWith("responses.csv", "response_id,contact_id,responded_on,score\nR1,C1,2025-01-01,\n"),
      "responses.csv:2: score: required value missing");
}

TEST_F(DataSetReaderTest, RolesAcceptAliases) {
  Write({{"accounts.csv", "account_id,name\nA1,x\n"},
         {"contacts.csv",
          "contact_id,account_id,role\nC1,A1,a\nC2,A1, Executive \nC3,A1,B\nC4,A1,MANAGEMENT\n"
          "C5,A1,middle_management\nC6,A1,c\nC7,A1,Frontline\nC8,A1,front_line\nC9,A1,User\n"}});
  ASSERT_TRUE(Read().ok());
  std::vector<std::string> roles;
  for (size_t i = 1; i < sink_.events.size(); ++i) {
    roles.push_back(sink_.events[i].substr(sink_.events[i].find("|||") + 3));
  }
  EXPECT_THAT(roles, ElementsAre("decision_maker|", "decision_maker|", "influencer|", "influencer|",
                                 "influencer|", "user|", "user|", "user|", "user|"));
  EXPECT_EQ(ErrorWith("contacts.csv", "contact_id,account_id,role\nC1,A1,boss\n"),
            "contacts.csv:2: role: \"boss\" is not a role (decision_maker, influencer, user or an "
            "alias)");
}

TEST_F(DataSetReaderTest, TouchpointTypeIsExact) {
  EXPECT_EQ(ErrorWith("touchpoints.csv",
                      "touchpoint_id,account_id,type,occurred_on\nT1,A1,Call,2025-01-01\n"),
            "touchpoints.csv:2: type: \"Call\" is not a touchpoint type (support_ticket, "
            "business_review, meeting, call, email, marketing_email, training, other)");
  EXPECT_EQ(sink_.events.size(), 8u);
}

TEST_F(DataSetReaderTest, AcquisitionIsExact) {
  EXPECT_EQ(ErrorWith("accounts.csv", "account_id,name,acquisition\nA1,x,\nA2,y,Earned\n"),
            "accounts.csv:3: acquisition: \"Earned\" is not an acquisition (earned, bought or "
            "empty)");
  EXPECT_THAT(sink_.events, ElementsAre("account A1|x||||||"));
}

TEST_F(DataSetReaderTest, EmailMustLookLikeAnAddress) {
  for (const char* bad : {"foo", "@x.de", "a@b", "a@@b.de", "a b@c.de", "a@b.", "a@.de"}) {
    EXPECT_EQ(ErrorWith("contacts.csv",
                        std::string("contact_id,account_id,email,role\nC1,A1,") + bad + ",A\n"),
              std::string("contacts.csv:2: email: \"") + bad + "\" is not an email address");
  }
  EXPECT_EQ(ErrorWith("contacts.csv",
                      "contact_id,account_id,email,role\nC1,A1,x.y+z@sub.example.com,A\n"),
            "");
}

TEST_F(DataSetReaderTest, SignalNameAndValue) {
  EXPECT_EQ(
      ErrorWith("signals.csv", "account_id,signal,observed_on,value\nA1,Usage,2025-01-01,1\n"),
      "signals.csv:2: signal: \"Usage\" is not a signal name ([a-z0-9_]+)");
  EXPECT_EQ(
      ErrorWith("signals.csv", "account_id,signal,observed_on,value\nA1,late-days,2025-01-01,1\n"),
      "signals.csv:2: signal: \"late-days\" is not a signal name ([a-z0-9_]+)");
  for (const std::string bad : {"abc", "1.5x", "inf", "nan", "1e999", " 1", "1,5"}) {
    const std::string value = bad == "1,5" ? std::string("\"1,5\"") : bad;
    EXPECT_EQ(ErrorWith("signals.csv",
                        "account_id,signal,observed_on,value\nA1,x,2025-01-01," + value + "\n"),
              "signals.csv:2: value: \"" + bad + "\" is not a finite number");
  }
  Write({{"accounts.csv", "account_id,name\nA1,x\n"},
         {"signals.csv",
          "account_id,signal,observed_on,value\nA1,a_1,2025-01-01,-3\nA1,b,2025-01-01,1e-3\n"}});
  sink_.events.clear();
  ASSERT_TRUE(Read().ok());
  EXPECT_THAT(sink_.events, ElementsAre("account A1|x||||||", "signal A1|a_1|2025-01-01|-3",
                                        "signal A1|b|2025-01-01|0.001"));
}

TEST_F(DataSetReaderTest, TextIsPassedThroughVerbatim) {
  Write({{"accounts.csv", "account_id,name,industry\nA1,\" Müller \"\"AG\"\" \",\"a\nb\"\n"},
         {"responses.csv", "response_id,contact_id,responded_on,score\n"}});
  ASSERT_TRUE(Read().ok());
  EXPECT_THAT(sink_.events, ElementsAre("account A1| Müller \"AG\" |a\nb|||||"));
}

TEST_F(DataSetReaderTest, SkipInvalidRejectsRowsAndReadsOn) {
  Write({{"accounts.csv", "account_id,name\nA1,x\nA2,\nA3,z\n"},
         {"contacts.csv",
          "contact_id,account_id,role\nC1,A2,A\nC1,A1,A\nC2,A1,\xFF\nC3,A3,A,extra\nC1,A3,B\n"}});
  std::vector<std::string> rejects;
  ReadOptions options;
  options.skip_invalid = true;
  options.on_reject = [&](std::string_view file, int64_t line,
                          const std::vector<std::string>& fields, const std::string& reason) {
    std::string text = std::string(file) + "@" + std::to_string(line) + ":";
    for (const std::string& f : fields) text += " [" + f + "]";
    rejects.push_back(text + " -> " + reason);
  };
  Result<ReadStats> stats = Read(options);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->rows_read, 8);
  EXPECT_EQ(stats->rows_rejected, 5);
  EXPECT_THAT(rejects,
              ElementsAre("accounts.csv@3: [A2] [] -> accounts.csv:3: name: required value missing",
                          // A2 was rejected, so it does not exist for the contacts.
                          "contacts.csv@2: [C1] [A2] [A] -> contacts.csv:2: account_id: unknown "
                          "account \"A2\"",
                          "contacts.csv@4: [C2] [A1] [\xFF] -> contacts.csv:4: role: invalid UTF-8 "
                          "(if the file is in another "
                          "encoding, say which: --encoding windows-1252)",
                          "contacts.csv@5: [C3] [A3] [A] [extra] -> contacts.csv:5: row has 4 "
                          "fields, header has 3",
                          "contacts.csv@6: [C1] [A3] [B] -> contacts.csv:6: contact_id: "
                          "duplicate key \"C1\" (first on line 3)"));
  EXPECT_THAT(sink_.events, ElementsAre("account A1|x||||||", "account A3|z||||||",
                                        "contact C1|A1|||decision_maker|"));
}

TEST_F(DataSetReaderTest, SinkErrorStopsTheRead) {
  Write(ValidFiles());
  sink_.fail_after = 3;
  Result<ReadStats> stats = Read();
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), StatusCode::kIoError);
  EXPECT_EQ(stats.status().message(), "sink full");
  EXPECT_EQ(sink_.events.size(), 3u);
}

TEST_F(DataSetReaderTest, ReportsProgress) {
  Write(ValidFiles());
  uint64_t total = 0;
  std::vector<uint64_t> done;
  ReadOptions options;
  options.on_progress = [&](uint64_t bytes_done, uint64_t bytes_total) {
    done.push_back(bytes_done);
    total = bytes_total;
  };
  ASSERT_TRUE(Read(options).ok());
  uint64_t expected_total = 0;
  for (const auto& [name, text] : ValidFiles()) expected_total += text.size();
  EXPECT_EQ(total, expected_total);
  ASSERT_EQ(done.size(), 7u);  // once a file, the files being small
  EXPECT_EQ(done.back(), expected_total);
}

TEST_F(DataSetReaderTest, FromMemoryGivesTheSameErrors) {
  const std::map<std::string, std::string> files = ValidFiles();
  DataSetBuffers buffers;
  buffers.accounts = files.at("accounts.csv");
  buffers.contacts = std::string_view("contact_id,account_id,role\nC1,A1,A\nC2,X9,A\n");
  Result<ReadStats> stats = ReadDataSetFromMemory(buffers, sink_);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().message(), "contacts.csv:3: account_id: unknown account \"X9\"");
  EXPECT_EQ(sink_.events.size(), 3u);
  Result<ReadStats> missing = ReadDataSetFromMemory(DataSetBuffers{}, sink_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "accounts.csv: not found");
}

}  // namespace
}  // namespace bw::io
