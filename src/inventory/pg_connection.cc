// PgConnection: libpq. `?` placeholders become $1..$n; text goes as binary
// BYTEA parameters (schema.cc), integers as text; BYTEA results are decoded
// from PostgreSQL's hex output. Write transactions take one advisory lock so
// writers serialise as they do on SQLite.
#include <libpq-fe.h>

#include <memory>
#include <string>

#include "core/strings.h"
#include "inventory/sql_connection.h"

namespace amtscope {
namespace {

constexpr unsigned kByteaOid = 17;
constexpr const char* kWriteLock = "SELECT pg_advisory_xact_lock(20175689)";

std::string Numbered(std::string_view sql) {
  std::string out;
  int n = 0;
  for (char c : sql) {
    if (c == '?') {
      out.push_back('$');
      out.append(std::to_string(++n));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

std::string DecodeBytea(const char* text, int length) {
  std::string_view hex(text, length);
  if (!hex.starts_with("\\x")) return std::string(hex);
  std::string out;
  out.reserve((hex.size() - 2) / 2);
  for (size_t i = 2; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(HexValue(hex[i]) * 16 + HexValue(hex[i + 1]));
  }
  return out;
}

// "postgresql://user:secret@host/db" → "postgresql://user@host/db".
std::string WithoutPassword(std::string_view url) {
  size_t scheme = url.find("://");
  size_t at = url.rfind('@');
  if (scheme == std::string_view::npos || at == std::string_view::npos)
    return std::string(url);
  std::string_view user = url.substr(0, at);
  size_t colon = user.find(':', scheme + 3);
  if (colon == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, colon)) + std::string(url.substr(at));
}

void IgnoreNotice(void*, const char*) {}

class PgConnection : public SqlConnection {
 public:
  PgConnection(PGconn* conn, std::string_view url)
      : conn_(conn), url_(WithoutPassword(url)) {}
  ~PgConnection() override { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }
  std::string Describe() const override { return url_; }

  Result<std::vector<SqlRow>> Query(
      std::string_view sql, const std::vector<SqlValue>& params) override {
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    std::vector<std::string> ints;
    ints.reserve(params.size());
    for (const SqlValue& p : params)
      AddParam(p, values, lengths, formats, ints);
    std::unique_ptr<PGresult, decltype(&PQclear)> res(
        PQexecParams(conn_, Numbered(sql).c_str(),
                     static_cast<int>(params.size()), nullptr, values.data(),
                     lengths.data(), formats.data(), 0),
        &PQclear);
    ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      return Error(res.get());
    return Rows(res.get());
  }

  Status BeginWrite() override {
    auto begun = Query("BEGIN", {});
    if (!begun.ok()) return begun.status();
    auto locked = Query(kWriteLock, {});
    if (locked.ok()) return Status::Ok();
    Rollback();
    return locked.status();
  }
  Status Commit() override { return Query("COMMIT", {}).status(); }
  void Rollback() override {
    if (PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
  }

  Status Error(const PGresult* res) const {
    std::string msg =
        OneLine(res ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
    std::string what = "inventory " + url_ + ": " + msg;
    if (PQstatus(conn_) != CONNECTION_OK) {
      return Status::IoError(
          what,
          "the PostgreSQL server is down or dropped the connection; "
          "results stay in the output and resume files, --resume stores them "
          "later");
    }
    const char* state =
        res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    if (state != nullptr && std::string_view(state).starts_with("53")) {
      return Status::IoError(
          what, "the PostgreSQL server is out of disk or resources");
    }
    return Status::IoError(what);
  }

 private:
  static void AddParam(const SqlValue& p, std::vector<const char*>& values,
                       std::vector<int>& lengths, std::vector<int>& formats,
                       std::vector<std::string>& ints) {
    if (const auto* i = std::get_if<int64_t>(&p)) {
      ints.push_back(std::to_string(*i));
      values.push_back(ints.back().c_str());
      lengths.push_back(0);
      formats.push_back(0);
    } else if (auto s = SqlText(p)) {
      values.push_back(s->data());
      lengths.push_back(static_cast<int>(s->size()));
      formats.push_back(1);  // raw bytes into a BYTEA column
    } else {
      values.push_back(nullptr);
      lengths.push_back(0);
      formats.push_back(0);
    }
  }

  static std::vector<SqlRow> Rows(const PGresult* res) {
    std::vector<SqlRow> rows;
    int n = PQntuples(res);
    int cols = PQnfields(res);
    rows.reserve(n);
    for (int r = 0; r < n; ++r) {
      SqlRow row;
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.emplace_back(std::nullopt);
        } else if (PQftype(res, c) == kByteaOid) {
          row.emplace_back(
              DecodeBytea(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
        } else {
          row.emplace_back(
              std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  PGconn* conn_;
  std::string url_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenPostgresConnection(
    std::string_view url) {
  std::string text(url);
  PGconn* conn = PQconnectdb(text.c_str());
  auto pg = std::make_unique<PgConnection>(conn, text);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string msg = conn ? OneLine(PQerrorMessage(conn)) : "out of memory";
    return Status::Unavailable(
        "inventory " + pg->Describe() + ": cannot connect: " + msg,
        "check that the PostgreSQL server runs and the URL, or use --no-db");
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return std::unique_ptr<SqlConnection>(std::move(pg));
}

}  // namespace amtscope
