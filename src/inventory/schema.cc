// Schema: version 1, and the migration loop later versions extend.
#include "inventory/schema.h"

#include <string>
#include <vector>

#include "inventory/inventory.h"
#include "inventory/sql_rows.h"

namespace amtscope {
namespace {

// %ID% and %TEXT% differ per dialect: PostgreSQL keeps strings as BYTEA so
// any NUL-free bytes a peer sent (not always UTF-8) are stored unchanged.
const std::vector<std::vector<std::string>>& Migrations() {
  static const std::vector<std::vector<std::string>> kMigrations = {
      {
          // 0 → 1
          "CREATE TABLE scans (id %ID%, start_ms BIGINT NOT NULL, end_ms "
          "BIGINT NOT NULL,"
          " status %TEXT% NOT NULL, command_line %TEXT% NOT NULL, targets "
          "%TEXT% NOT NULL,"
          " ports %TEXT% NOT NULL, options %TEXT% NOT NULL, site %TEXT% NOT "
          "NULL,"
          " scanner_host %TEXT% NOT NULL, source %TEXT% NOT NULL, target_count "
          "BIGINT NOT NULL,"
          " targets_done BIGINT NOT NULL, open_ports BIGINT NOT NULL, "
          "amt_found BIGINT NOT NULL,"
          " vulnerable BIGINT NOT NULL)",
          "CREATE TABLE devices (id %ID%, first_seen_ms BIGINT NOT NULL,"
          " last_seen_ms BIGINT NOT NULL, ip %TEXT% NOT NULL, port INTEGER NOT "
          "NULL,"
          " verdict %TEXT% NOT NULL, first_vulnerable_ms BIGINT, "
          "first_fixed_ms BIGINT,"
          " realm %TEXT% NOT NULL, cert_sha256 %TEXT% NOT NULL, product %TEXT% "
          "NOT NULL,"
          " version %TEXT% NOT NULL, site %TEXT% NOT NULL, last_scan_id BIGINT "
          "NOT NULL)",
          "CREATE INDEX devices_cert ON devices (cert_sha256)",
          "CREATE INDEX devices_realm ON devices (realm)",
          "CREATE INDEX devices_address ON devices (ip, port)",
          "CREATE TABLE observations (scan_id BIGINT NOT NULL REFERENCES scans "
          "(id),"
          " ip %TEXT% NOT NULL, port INTEGER NOT NULL, device_id BIGINT NOT "
          "NULL,"
          " time_ms BIGINT NOT NULL, tls INTEGER NOT NULL, tls_version %TEXT% "
          "NOT NULL,"
          " amt INTEGER NOT NULL, product %TEXT% NOT NULL, server %TEXT% NOT "
          "NULL,"
          " version %TEXT% NOT NULL, realm %TEXT% NOT NULL, verdict %TEXT% NOT "
          "NULL,"
          " basis %TEXT% NOT NULL, advisories %TEXT% NOT NULL, reason %TEXT% "
          "NOT NULL,"
          " error %TEXT% NOT NULL, bypass_status INTEGER NOT NULL,"
          " control_status INTEGER NOT NULL, first_status INTEGER NOT NULL,"
          " web_ui_disabled INTEGER NOT NULL, resource %TEXT% NOT NULL,"
          " bypass_marker INTEGER NOT NULL, cert_sha256 %TEXT% NOT NULL,"
          " PRIMARY KEY (scan_id, ip, port))",
          "CREATE INDEX observations_device ON observations (device_id)",
          "CREATE TABLE machines (scan_id BIGINT NOT NULL REFERENCES scans "
          "(id),"
          " identity %TEXT% NOT NULL, time_ms BIGINT NOT NULL, hostname %TEXT% "
          "NOT NULL,"
          " vendor %TEXT% NOT NULL, model %TEXT% NOT NULL, me_version %TEXT% "
          "NOT NULL,"
          " sku %TEXT% NOT NULL, provisioning %TEXT% NOT NULL, lms %TEXT% NOT "
          "NULL,"
          " verdicts %TEXT% NOT NULL, report %TEXT% NOT NULL, PRIMARY KEY "
          "(scan_id, identity))",
      },
      {
          // 1 → 2: most devices have no certificate (plain 16992) and many
          // no per-device realm; indexing only real values keeps those
          // indexes small and each insert cheaper (device_linker.cc asks
          // with the same conditions so the planner can use them).
          "DROP INDEX devices_cert",
          "DROP INDEX devices_realm",
          "CREATE INDEX devices_cert ON devices (cert_sha256) WHERE "
          "cert_sha256 <> ''",
          "CREATE INDEX devices_realm ON devices (realm) WHERE realm <> ''",
      },
      {
          // 2 → 3: issue 15's fields, and one observation per address, port
          // and protocol (623/tcp and the RMCP ping on 623/udp are two). A
          // primary key cannot change in place in SQLite: copy, swap.
          "CREATE TABLE observations_v3 (scan_id BIGINT NOT NULL REFERENCES "
          "scans (id),"
          " ip %TEXT% NOT NULL, port INTEGER NOT NULL, device_id BIGINT NOT "
          "NULL,"
          " time_ms BIGINT NOT NULL, tls INTEGER NOT NULL, tls_version %TEXT% "
          "NOT NULL,"
          " amt INTEGER NOT NULL, product %TEXT% NOT NULL, server %TEXT% NOT "
          "NULL,"
          " version %TEXT% NOT NULL, realm %TEXT% NOT NULL, verdict %TEXT% NOT "
          "NULL,"
          " basis %TEXT% NOT NULL, advisories %TEXT% NOT NULL, reason %TEXT% "
          "NOT NULL,"
          " error %TEXT% NOT NULL, bypass_status INTEGER NOT NULL,"
          " control_status INTEGER NOT NULL, first_status INTEGER NOT NULL,"
          " web_ui_disabled INTEGER NOT NULL, resource %TEXT% NOT NULL,"
          " bypass_marker INTEGER NOT NULL, cert_sha256 %TEXT% NOT NULL,"
          " proto %TEXT% NOT NULL, provisioning %TEXT% NOT NULL,"
          " redirection INTEGER, exposures %TEXT% NOT NULL,"
          " PRIMARY KEY (scan_id, ip, port, proto))",
          "INSERT INTO observations_v3 SELECT scan_id, ip, port, device_id, "
          "time_ms, tls, tls_version, amt, product, server, version, realm, "
          "verdict, basis, advisories, reason, error, bypass_status, "
          "control_status, first_status, web_ui_disabled, resource, "
          "bypass_marker, cert_sha256, %TCP%, %EMPTY%, NULL, %EMPTYLIST% FROM "
          "observations",
          "DROP TABLE observations",
          "ALTER TABLE observations_v3 RENAME TO observations",
          "CREATE INDEX observations_device ON observations (device_id)",
      },
      {
          // 3 → 4: campaigns (issue 14): the shards of one campaign record
          // into one scan; each shard's checkpoint and lease live here so a
          // shard restarted on any machine continues where it stopped.
          "ALTER TABLE scans ADD COLUMN campaign %TEXT% NOT NULL DEFAULT ''",
          "ALTER TABLE scans ADD COLUMN shards INTEGER NOT NULL DEFAULT 0",
          // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one statement
          "ALTER TABLE scans ADD COLUMN campaign_key %TEXT% NOT NULL DEFAULT "
          "''",
          "CREATE UNIQUE INDEX scans_campaign ON scans (campaign) WHERE "
          "campaign <> ''",
          "CREATE TABLE campaign_shards (scan_id BIGINT NOT NULL REFERENCES "
          "scans (id), shard INTEGER NOT NULL, status %TEXT% NOT NULL,"
          " holder %TEXT% NOT NULL, lease_until_ms BIGINT NOT NULL,"
          " started_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL,"
          " end_ms BIGINT NOT NULL, total BIGINT NOT NULL, done BIGINT NOT "
          "NULL, targets_done BIGINT NOT NULL, open_ports BIGINT NOT NULL,"
          " amt_found BIGINT NOT NULL, vulnerable BIGINT NOT NULL,"
          " checkpoint %TEXT% NOT NULL, PRIMARY KEY (scan_id, shard))",
      },
  };
  return kMigrations;
}

std::string ForDialect(std::string sql, SqlDialect dialect) {
  bool pg = dialect == SqlDialect::kPostgres;
  auto replace = [&sql](const std::string& from, const std::string& to) {
    for (size_t at = sql.find(from); at != std::string::npos;
         at = sql.find(from, at)) {
      sql.replace(at, from.size(), to);
    }
  };
  replace("%ID%",
          pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace("%TEXT%", pg ? "BYTEA" : "TEXT");
  // String constants in a %TEXT% column: BYTEA needs them converted.
  replace("%TCP%", pg ? "convert_to('tcp', 'UTF8')" : "'tcp'");
  replace("%EMPTY%", pg ? "convert_to('', 'UTF8')" : "''");
  replace("%EMPTYLIST%", pg ? "convert_to('[]', 'UTF8')" : "'[]'");
  return sql;
}

Result<int64_t> CurrentVersion(SqlConnection& db) {
  auto created = db.Query(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
      {});
  if (!created.ok()) return created.status();
  auto rows = db.Query("SELECT MAX(version) FROM schema_version", {});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? 0 : CellInt((*rows)[0][0]);
}

Status Upgrade(SqlConnection& db, int64_t from) {
  const auto& migrations = Migrations();
  for (int64_t v = from; v < static_cast<int64_t>(migrations.size()); ++v) {
    for (const std::string& sql : migrations[v]) {
      auto done = db.Query(ForDialect(sql, db.dialect()), {});
      if (!done.ok())
        return done.status().WithContext("schema migration to version " +
                                         std::to_string(v + 1));
    }
    auto done =
        db.Query("INSERT INTO schema_version (version) VALUES (?)", {v + 1});
    if (!done.ok()) return done.status();
  }
  return Status::Ok();
}

}  // namespace

Status MigrateSchema(SqlConnection& db) {
  AMTSCOPE_RETURN_IF_ERROR(db.BeginWrite());
  auto version = CurrentVersion(db);
  if (!version.ok()) {
    db.Rollback();
    return version.status();
  }
  if (*version > kInventorySchemaVersion) {
    db.Rollback();
    return Status::InvalidArgument(
        db.Describe() + " has inventory schema version " +
            std::to_string(*version) + ", newer than this amtscope's " +
            std::to_string(kInventorySchemaVersion),
        "use a newer amtscope, or another --db; the database was not modified");
  }
  Status st = Upgrade(db, *version);
  if (!st.ok()) {
    db.Rollback();
    return st;
  }
  return db.Commit();
}

}  // namespace amtscope
