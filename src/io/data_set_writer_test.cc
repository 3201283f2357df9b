#include "io/data_set_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <bit>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io/data_set_reader.h"
#include "io/test_recording_sink.h"

namespace bw::io {
namespace {

class DataSetWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bw_data_set_writer_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string Slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::filesystem::path dir_;
};

// Sends the same records to `a` and `b`.
Status Feed(DataSetSink& a, DataSetSink& b, const std::vector<double>& signal_values) {
  for (DataSetSink* sink : {&a, &b}) {
    BW_RETURN_IF_ERROR(sink->OnAccount({"A1", " Müller \"AG\", Köln ", "Manufacturing", "DACH",
                                        "am@vendor.example", Acquisition::kEarned,
                                        DayFromCivil(2020, 1, 15), kNoDay}));
    BW_RETURN_IF_ERROR(sink->OnAccount({"A,2", "two\r\nlines", "", "", "", Acquisition::kUnknown,
                                        kNoDay, DayFromCivil(2025, 6, 30)}));
    BW_RETURN_IF_ERROR(
        sink->OnContact({"C1", "A1", "Anna", "anna@muster.example", Role::kDecisionMaker, kNoDay}));
    BW_RETURN_IF_ERROR(
        sink->OnContact({"C\"2", "A,2", "", "", Role::kInfluencer, DayFromCivil(2024, 2, 29)}));
    BW_RETURN_IF_ERROR(sink->OnContact({"C3", "A,2", "  ", "", Role::kUser, kNoDay}));
    BW_RETURN_IF_ERROR(sink->OnRevenue({"A1", MakeMonthIndex(2025, 1), 123450}));
    BW_RETURN_IF_ERROR(sink->OnRevenue({"A,2", MakeMonthIndex(1999, 12), 0}));
    BW_RETURN_IF_ERROR(sink->OnInvitation({"I1", "C1", "2025-Q1", DayFromCivil(2025, 1, 2)}));
    BW_RETURN_IF_ERROR(sink->OnResponse({"R1", "C1", "2025-Q1", DayFromCivil(2025, 1, 5), 10,
                                         "Sehr gut,\n\"danke\"", "support; price"}));
    BW_RETURN_IF_ERROR(sink->OnResponse({"R2", "C\"2", "", DayFromCivil(2025, 1, 6), 0, "", ""}));
    BW_RETURN_IF_ERROR(sink->OnTouchpoint(
        {"T1", "A1", "C1", TouchpointType::kMarketingEmail, DayFromCivil(2025, 3, 1)}));
    BW_RETURN_IF_ERROR(sink->OnTouchpoint(
        {"T2", "A,2", "", TouchpointType::kBusinessReview, DayFromCivil(2025, 3, 2)}));
    // One date per value: (account, signal, date) is a signal's key (data-format.md).
    Day day = DayFromCivil(2025, 4, 1);
    for (double value : signal_values) {
      BW_RETURN_IF_ERROR(sink->OnSignal({"A1", "usage_1", day++, value}));
    }
  }
  return Status::Ok();
}

TEST_F(DataSetWriterTest, WritesTheSpecColumnsInOrder) {
  Result<std::unique_ptr<DataSetWriter>> writer = DataSetWriter::Open(dir_.string());
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  ASSERT_TRUE((*writer)
                  ->OnAccount({"A1", "N", "", "", "", Acquisition::kBought,
                               DayFromCivil(2021, 3, 1), kNoDay})
                  .ok());
  ASSERT_TRUE((*writer)->OnRevenue({"A1", MakeMonthIndex(2025, 2), 5}).ok());
  ASSERT_TRUE((*writer)->OnSignal({"A1", "s", DayFromCivil(2025, 4, 1), 0.1}).ok());
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_EQ(Slurp(dir_ / "accounts.csv"),
            "account_id,name,industry,region,owner,acquisition,created_on,churned_on\n"
            "A1,N,,,,bought,2021-03-01,\n");
  EXPECT_EQ(Slurp(dir_ / "contacts.csv"), "contact_id,account_id,name,email,role,left_on\n");
  EXPECT_EQ(Slurp(dir_ / "revenue.csv"), "account_id,month,amount\nA1,2025-02,0.05\n");
  EXPECT_EQ(Slurp(dir_ / "invitations.csv"), "invitation_id,contact_id,survey_id,sent_on\n");
  EXPECT_EQ(Slurp(dir_ / "responses.csv"),
            "response_id,contact_id,survey_id,responded_on,score,comment,drivers\n");
  EXPECT_EQ(Slurp(dir_ / "touchpoints.csv"),
            "touchpoint_id,account_id,contact_id,type,occurred_on\n");
  EXPECT_EQ(Slurp(dir_ / "signals.csv"),
            "account_id,signal,observed_on,value\nA1,s,2025-04-01,0.1\n");
}

TEST_F(DataSetWriterTest, RoundTripIsLossless) {
  std::vector<double> values = {
      0.0,      -0.0, 1.0, -3.5, 0.1, 1e-300, 5e-324, 1.7976931348623157e308, 123456789.123456789,
      2.0 / 3.0};
  std::mt19937_64 random(7);
  for (int i = 0; i < 200; ++i) {
    double value = std::bit_cast<double>(random());
    if (std::isfinite(value)) values.push_back(value);
  }
  RecordingSink expected;
  Result<std::unique_ptr<DataSetWriter>> writer = DataSetWriter::Open(dir_.string());
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  ASSERT_TRUE(Feed(expected, **writer, values).ok());
  ASSERT_TRUE((*writer)->Finish().ok());

  RecordingSink actual;
  Result<ReadStats> stats = ReadDataSet(dir_.string(), actual);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->rows_read, static_cast<int64_t>(12 + values.size()));
  EXPECT_EQ(actual.events, expected.events);
  // Doubles compared bit for bit (RecordingSink's text is exact too, but -0 must stay -0).
  EXPECT_EQ(actual.events.back(), expected.events.back());
  EXPECT_THAT(actual.events[13], ::testing::EndsWith("|-0"));
}

TEST_F(DataSetWriterTest, OpenFailsWhenTheDirectoryCannotBeCreated) {
  std::filesystem::create_directories(dir_);
  std::ofstream(dir_ / "file") << "x";
  const std::string target = (dir_ / "file" / "sub").string();
  Result<std::unique_ptr<DataSetWriter>> writer = DataSetWriter::Open(target);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kIoError);
  EXPECT_THAT(writer.status().message(), ::testing::StartsWith("cannot create " + target + ": "));
}

}  // namespace
}  // namespace bw::io
