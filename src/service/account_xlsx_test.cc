#include "service/account_xlsx.h"

#include <gtest/gtest.h>

#include "analytics/account_rows.h"
#include "snapshot/testing.h"

namespace bw::service {
namespace {

TEST(AccountXlsxTest, WritesAZipWorkbookWithTheAccountsSheet) {
  const snapshot::Snapshot empty;
  Result<std::string> bytes = AccountListToXlsx(empty, {});
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  ASSERT_GT(bytes->size(), 1000u);
  EXPECT_EQ(bytes->substr(0, 2), "PK");  // a zip container, as every .xlsx
  EXPECT_NE(bytes->find("xl/worksheets/sheet1.xml"), std::string::npos);
}

}  // namespace
}  // namespace bw::service
