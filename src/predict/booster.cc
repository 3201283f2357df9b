#include "predict/booster.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>

#include "core/executor.h"

namespace bw::predict {
namespace {

// The library's message without the stack trace it appends after the first line.
Status XgbError(const char* what) {
  std::string message = XGBGetLastError();
  message = message.substr(0, message.find('\n'));
  return Internal(std::string("xgboost: ") + what + ": " + message);
}

// Frees a DMatrix when it goes out of scope.
class DMatrix {
 public:
  static Result<DMatrix> From(const Matrix& m) {
    DMatrix d;
    if (XGDMatrixCreateFromMat(m.values, m.rows, m.cols, std::numeric_limits<float>::quiet_NaN(),
                               &d.handle_) != 0) {
      return XgbError("creating a matrix");
    }
    if (m.labels != nullptr && XGDMatrixSetFloatInfo(d.handle_, "label", m.labels, m.rows) != 0) {
      return XgbError("setting labels");
    }
    if (m.base_margin != nullptr &&
        XGDMatrixSetFloatInfo(d.handle_, "base_margin", m.base_margin, m.rows) != 0) {
      return XgbError("setting base margins");
    }
    return d;
  }
  DMatrix() = default;
  DMatrix(DMatrix&& o) noexcept : handle_(o.handle_) { o.handle_ = nullptr; }
  DMatrix(const DMatrix&) = delete;
  DMatrix& operator=(const DMatrix&) = delete;
  DMatrix& operator=(DMatrix&& o) noexcept {
    std::swap(handle_, o.handle_);
    return *this;
  }
  ~DMatrix() {
    if (handle_ != nullptr) XGDMatrixFree(handle_);
  }
  DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

Status SetParam(BoosterHandle b, const char* name, const std::string& value) {
  if (XGBoosterSetParam(b, name, value.c_str()) != 0) return XgbError(name);
  return Status::Ok();
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// The value of "...-logloss:0.123" at the end of an evaluation line.
double LastValue(const char* line) {
  const std::string s(line);
  const size_t colon = s.rfind(':');
  if (colon == std::string::npos) return std::numeric_limits<double>::infinity();
  return std::strtod(s.c_str() + colon + 1, nullptr);
}

}  // namespace

int DefaultThreads() {
  return static_cast<int>(std::max<size_t>(1, ProcessExecutor().Concurrency()));
}

Booster::~Booster() {
  if (handle_ != nullptr) XGBoosterFree(handle_);
}
Booster::Booster(Booster&& other) noexcept
    : handle_(other.handle_), best_rounds_(other.best_rounds_) {
  other.handle_ = nullptr;
}
Booster& Booster::operator=(Booster&& other) noexcept {
  if (this != &other) {
    if (handle_ != nullptr) XGBoosterFree(handle_);
    handle_ = other.handle_;
    best_rounds_ = other.best_rounds_;
    other.handle_ = nullptr;
  }
  return *this;
}

Result<Booster> Booster::Train(const Matrix& train, const Matrix& valid, const BoosterParams& p,
                               int rounds) {
  BW_ASSIGN_OR_RETURN(DMatrix dtrain, DMatrix::From(train));
  DMatrix dvalid;
  const bool has_valid = valid.rows > 0;
  if (has_valid) {
    BW_ASSIGN_OR_RETURN(dvalid, DMatrix::From(valid));
  }
  Booster booster;
  DMatrixHandle train_handle = dtrain.get();
  if (XGBoosterCreate(&train_handle, 1, &booster.handle_) != 0) return XgbError("creating");
  BoosterHandle b = booster.handle_;
  const int threads = p.nthread > 0 ? p.nthread : DefaultThreads();
  BW_RETURN_IF_ERROR(SetParam(b, "verbosity", "0"));
  BW_RETURN_IF_ERROR(SetParam(b, "objective", "binary:logistic"));
  BW_RETURN_IF_ERROR(SetParam(b, "eval_metric", "logloss"));
  BW_RETURN_IF_ERROR(SetParam(b, "tree_method", "hist"));
  BW_RETURN_IF_ERROR(SetParam(b, "max_depth", std::to_string(p.max_depth)));
  BW_RETURN_IF_ERROR(SetParam(b, "eta", Number(p.eta)));
  BW_RETURN_IF_ERROR(SetParam(b, "max_bin", std::to_string(p.max_bin)));
  BW_RETURN_IF_ERROR(SetParam(b, "min_child_weight", Number(p.min_child_weight)));
  BW_RETURN_IF_ERROR(SetParam(b, "subsample", Number(p.subsample)));
  BW_RETURN_IF_ERROR(SetParam(b, "colsample_bytree", Number(p.colsample_bytree)));
  BW_RETURN_IF_ERROR(SetParam(b, "lambda", Number(p.lambda)));
  BW_RETURN_IF_ERROR(SetParam(b, "seed", std::to_string(p.seed % 2147483647)));
  BW_RETURN_IF_ERROR(SetParam(b, "nthread", std::to_string(threads)));
  double best = std::numeric_limits<double>::infinity();
  int best_round = 0;
  for (int iter = 0; iter < rounds; ++iter) {
    if (XGBoosterUpdateOneIter(b, iter, dtrain.get()) != 0) return XgbError("training");
    if (!has_valid) continue;
    DMatrixHandle eval_handle = dvalid.get();
    const char* name = "valid";
    const char* line = nullptr;
    if (XGBoosterEvalOneIter(b, iter, &eval_handle, &name, 1, &line) != 0) {
      return XgbError("evaluating");
    }
    const double loss = LastValue(line);
    if (loss < best - 1e-9) {
      best = loss;
      best_round = iter + 1;
    } else if (iter + 1 - best_round >= p.early_stopping_rounds) {
      break;
    }
  }
  booster.best_rounds_ = has_valid ? std::max(1, best_round) : rounds;
  if (has_valid) {
    // Keep the trees of the best round only.
    BoosterHandle sliced = nullptr;
    if (XGBoosterSlice(b, 0, booster.best_rounds_, 1, &sliced) != 0) return XgbError("slicing");
    XGBoosterFree(booster.handle_);
    booster.handle_ = sliced;
  }
  return booster;
}

Result<Booster> Booster::LoadJson(const std::string& json) {
  Booster booster;
  if (XGBoosterCreate(nullptr, 0, &booster.handle_) != 0) return XgbError("creating");
  if (XGBoosterLoadModelFromBuffer(booster.handle_, json.data(), json.size()) != 0) {
    return InvalidArgument(std::string("the XGBoost model cannot be loaded: ") + XGBGetLastError());
  }
  int rounds = 0;
  if (XGBoosterBoostedRounds(booster.handle_, &rounds) != 0) return XgbError("reading rounds");
  booster.best_rounds_ = rounds;
  return booster;
}

Result<std::string> Booster::SaveJson() const {
  bst_ulong len = 0;
  const char* data = nullptr;
  if (XGBoosterSaveModelToBuffer(handle_, R"({"format": "json"})", &len, &data) != 0) {
    return XgbError("saving");
  }
  return std::string(data, len);
}

Result<std::vector<float>> Booster::Predict(const Matrix& m) const {
  if (m.rows == 0) return std::vector<float>();
  BW_ASSIGN_OR_RETURN(DMatrix d, DMatrix::From(m));
  bst_ulong len = 0;
  const float* out = nullptr;
  if (XGBoosterPredict(handle_, d.get(), 0, 0, 0, &len, &out) != 0) return XgbError("predicting");
  return std::vector<float>(out, out + len);
}

Result<std::vector<float>> Booster::Contributions(const Matrix& m) const {
  if (m.rows == 0) return std::vector<float>();
  BW_ASSIGN_OR_RETURN(DMatrix d, DMatrix::From(m));
  bst_ulong len = 0;
  const float* out = nullptr;
  if (XGBoosterPredict(handle_, d.get(), 4, 0, 0, &len, &out) != 0) {
    return XgbError("computing contributions");
  }
  if (len != m.rows * (m.cols + 1)) return Internal("xgboost: unexpected contribution count");
  return std::vector<float>(out, out + len);
}

}  // namespace bw::predict
