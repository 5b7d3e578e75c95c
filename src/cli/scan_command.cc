// `amtscope scan`: find Intel AMT on the given networks and decide
// CVE-2017-5689 for each (issue 4). Options come from scan/scan_options.h.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "advisory/advisory_db.h"
#include "cli/command.h"
#include "net/permutation.h"
#include "net/port_list.h"
#include "net/target_space.h"
#include "net/tls_client.h"
#include "report/output_writer.h"
#include "report/text_escape.h"
#include "report/xml_merge.h"
#include "scan/checkpoint.h"
#include "scan/engine.h"
#include "scan/order_source.h"
#include "scan/progress.h"
#include "scan/reconcile.h"
#include "scan/resume.h"
#include "scan/scan_options.h"
#include "scan/stop_signals.h"
#include "scan/syn_socket.h"
#include "scan/writer_sink.h"

namespace amtscope::cli {
namespace {

Result<TargetSpace> BuildSpace(const ScanOptions& o) {
  TargetSpec spec;
  spec.include = o.targets;
  spec.exclude = o.excludes;
  spec.confirm_large = o.confirm_large;
  for (const std::string& f : o.input_lists) {
    AMTSCOPE_ASSIGN_OR_RETURN(auto more, ReadTargetFile(f));
    spec.include.insert(spec.include.end(), more.begin(), more.end());
  }
  for (const std::string& f : o.exclude_files) {
    AMTSCOPE_ASSIGN_OR_RETURN(auto more, ReadTargetFile(f));
    spec.exclude.insert(spec.exclude.end(), more.begin(), more.end());
  }
  return TargetSpace::Build(spec, SystemResolver());
}

EngineOptions MakeEngineOptions(const ScanOptions& o) {
  EngineOptions e;
  e.probe.timeout = o.timeout;
  e.probe.retries = static_cast<int>(o.retries);
  e.probe.deadline = o.probe_deadline;
  e.probe.passive = o.passive;
  e.probe.limits.max_body = o.max_response_bytes;
  e.discovery = o.scan_type == "syn"       ? Discovery::kSyn
                : o.scan_type == "connect" ? Discovery::kConnect
                                           : Discovery::kAuto;
  e.syn_timeout = o.syn_timeout;
  e.rate = o.rate;
  e.concurrency = o.concurrency;
  e.threads =
      static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 2u));
  e.tls_ports.clear();
  for (uint16_t p : o.ports) {
    if (IsAmtTlsPort(p)) e.tls_ports.push_back(p);
  }
  e.handle_signals = false;  // StopSignals covers the whole command
  return e;
}

std::unique_ptr<ProgressReporter> StartProgress(const ScanOptions& o,
                                                const ScanEngine& engine,
                                                uint64_t total,
                                                uint64_t already) {
  if (o.quiet || o.progress == "none") return nullptr;
  bool tty = o.progress == "tty" ||
             (o.progress == "auto" && IsInteractive(STDERR_FILENO));
  return std::make_unique<ProgressReporter>(engine.counters(), total, already,
                                            stderr, tty);
}

// Where results go: stdout or -o FILE (appended to when resuming).
struct Output {
  std::ofstream file;
  std::ostream* stream = &std::cout;
  std::unique_ptr<OutputWriter> writer;
};

Status OpenOutput(const ScanOptions& o, bool resuming, Output* out) {
  bool append = false;
  if (!o.output.empty()) {
    if (resuming) {
      AMTSCOPE_ASSIGN_OR_RETURN(append, PrepareAppend(o.format, o.output));
    }
    out->file.open(o.output, append ? std::ios::app : std::ios::trunc);
    if (!out->file) {
      return Status::IoError(fmt::format("cannot write {}", o.output),
                             "check the directory exists and is writable");
    }
    out->stream = &out->file;
  }
  AMTSCOPE_ASSIGN_OR_RETURN(out->writer,
                            MakeOutputWriter(o.format, *out->stream, {append}));
  return Status::Ok();
}

struct Plan {
  ScanOptions options;
  std::optional<ResumeState> resumed;
  TargetSpace space;
};

Result<Plan> MakePlan(const ScanOptions& cli) {
  Plan plan;
  plan.options = cli;
  if (!cli.resume.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(ResumeState st, LoadResumeFile(cli.resume));
    plan.options = ResumedOptions(st, cli);
    plan.resumed = std::move(st);
  }
  AMTSCOPE_ASSIGN_OR_RETURN(plan.space, BuildSpace(plan.options));
  return plan;
}

// The scan's identity in its resume file; progress is added at each save.
ResumeState BaseState(const Plan& plan, const ScanOrder& order) {
  ResumeState st;
  st.options = plan.options;
  st.total_positions = order.size();
  st.target_count = plan.space.size();
  st.target_fingerprint = plan.space.Fingerprint();
  if (plan.resumed) st.counters = plan.resumed->counters;
  return st;
}

Status SaveProgress(const Plan& plan, const ScanOrder& order,
                    const CompletionTracker& tracker, const RunStats& session,
                    Checkpointer& checkpoint) {
  AMTSCOPE_RETURN_IF_ERROR(checkpoint.Save(tracker, session));
  std::fprintf(stderr,
               "amtscope: interrupted after %llu of %llu probes; results so "
               "far are written.\n"
               "amtscope: continue with: amtscope scan --resume %s\n",
               static_cast<unsigned long long>(tracker.done_count()),
               static_cast<unsigned long long>(order.size()),
               PrintableLine(plan.options.resume_file).c_str());
  return Status::Ok();
}

// Marks done what the output already holds beyond the resume file's
// knowledge (kill -9, a second resume), so nothing is written twice.
Status Reconcile(const Plan& plan, const ScanOrder& order,
                 CompletionTracker* tracker) {
  if (!plan.resumed) return Status::Ok();
  AMTSCOPE_ASSIGN_OR_RETURN(
      uint64_t n,
      ReconcileWithOutput(*plan.resumed, plan.space, order, tracker));
  if (n > 0) {
    std::fprintf(stderr,
                 "amtscope: %llu result(s) in '%s' are newer than the resume "
                 "file; they are kept and not probed again\n",
                 static_cast<unsigned long long>(n),
                 PrintableLine(plan.options.output).c_str());
  }
  return Status::Ok();
}

RunStats Totals(const WriterSink& sink, const Plan& plan, bool interrupted) {
  RunStats stats = sink.stats();
  if (plan.resumed) {
    const ResumeCounters& c = plan.resumed->counters;
    stats.targets_done += c.targets_done;
    stats.open_ports += c.open_ports;
    stats.amt_found += c.amt_found;
    stats.vulnerable += c.vulnerable;
  }
  stats.interrupted = interrupted;
  stats.end = std::chrono::system_clock::now();
  return stats;
}

// Runs the whole scan; returns the exit code.
int RunScan(const ScanOptions& cli, const CommandContext& ctx) {
  StopSignals signals;  // first: no later thread may take a SIGINT itself
  auto plan_or = MakePlan(cli);
  if (!plan_or.ok()) return ReportError(plan_or.status());
  Plan& plan = *plan_or;
  const ScanOptions& o = plan.options;
  if (Status st = RefuseToOverwriteUnfinished(o); !st.ok())
    return ReportError(st);
  auto db = AdvisoryDb::Load(ctx.advisories_file);
  if (!db.ok()) return ReportError(db.status());
  auto tls = TlsClientContexts::Create();
  if (!tls.ok()) return ReportError(tls.status());
  ScanOrder order(plan.space.size(), static_cast<uint32_t>(o.ports.size()),
                  o.seed, o.shard);
  if (plan.resumed) {
    if (Status st = CheckResumeMatches(*plan.resumed, plan.space, order.size());
        !st.ok()) {
      return ReportError(st);
    }
  }
  CompletionTracker tracker =
      plan.resumed ? CompletionTracker(*plan.resumed) : CompletionTracker();
  if (Status st = Reconcile(plan, order, &tracker); !st.ok())
    return ReportError(st);
  const CompletionTracker initial = tracker;  // read by feeders; never written
  if (o.scan_type == "syn") {  // fail before any output is started
    if (auto raw = SynSocket::Open(1); !raw.ok())
      return ReportError(raw.status());
  }
  Output out;
  if (Status st = OpenOutput(o, plan.resumed.has_value(), &out); !st.ok())
    return ReportError(st);
  ScanInfo info{"amtscope scan " + fmt::format("{}", fmt::join(o.targets, " ")),
                o.ports, plan.space.size(), std::chrono::system_clock::now()};
  if (Status st = out.writer->Begin(info); !st.ok()) return ReportError(st);
  Checkpointer checkpoint(BaseState(plan, order));
  if (Status st = checkpoint.Save(tracker, RunStats{}); !st.ok()) {
    std::fprintf(stderr, "amtscope: %s; the scan runs but cannot be resumed\n",
                 PrintableLine(st.ToString()).c_str());
  }
  ScanEngine engine(MakeEngineOptions(o), *db, *tls);
  for (const std::string& note : engine.notes())
    std::fprintf(stderr, "amtscope: %s\n", note.c_str());
  // The sink runs under its own mutex: findings are written, then the
  // position marked done, then maybe checkpointed (resume.h contract).
  WriterSink sink(*out.writer, [&](uint64_t pos, const RunStats& stats) {
    tracker.MarkDone(pos);
    checkpoint.AfterDone(tracker, stats);
  });
  OrderSource source(plan.space, o.ports, order, initial.watermark(),
                     [&initial](uint64_t pos) { return initial.IsDone(pos); });
  auto progress = StartProgress(o, engine, order.size(), initial.done_count());
  signals.SetHandler([&engine] { engine.Stop(); });
  Status run = engine.Run(source, sink);
  signals.SetHandler({});
  if (progress) progress->Finish();
  for (const std::string& note : engine.notes())
    std::fprintf(stderr, "amtscope: %s\n", note.c_str());
  bool interrupted = run.code() == StatusCode::kInterrupted;
  RunStats stats = Totals(sink, plan, interrupted);
  Status end = out.writer->End(stats);
  out.stream->flush();
  if (end.ok() && o.format == "xml" && plan.resumed && !o.output.empty()) {
    out.file.close();
    end = MergeXmlHosts(o.output);
  }
  if (interrupted) {
    if (Status st =
            SaveProgress(plan, order, tracker, sink.stats(), checkpoint);
        !st.ok())
      return ReportError(st);
    return ReportError(run);
  }
  if (!run.ok()) return ReportError(run);
  if (!sink.status().ok()) return ReportError(sink.status());
  if (!end.ok()) return ReportError(end);
  if (!*out.stream) {
    return ReportError(
        Status::IoError("writing the results failed", "check free disk space"));
  }
  if (std::string note = RemoveResumeFiles(o); !note.empty())
    std::fprintf(stderr, "amtscope: %s\n", PrintableLine(note).c_str());
  return o.fail_on_findings && stats.vulnerable > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void AddScanCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* sub = app.add_subcommand("scan",
                                     "Find Intel AMT web servers and decide "
                                     "CVE-2017-5689 (INTEL-SA-00075) for each");
  auto options = std::make_shared<ScanOptions>();
  AddScanOptions(sub, options.get());
  sub->footer(
      "Probes each open port: TLS on 16993/664, GET /index.htm, then (unless "
      "--passive)\n"
      "one request with an EMPTY Digest response and one control with a wrong "
      "response.\n"
      "Vulnerable only when the empty one gets in and the wrong one does not.\n"
      "Examples:\n"
      "  amtscope scan 198.18.0.0/24\n"
      "  amtscope scan -p 16992,16993,623,664 198.18.0.0/16 --rate 20000 -o "
      "amt.ndjson --format ndjson\n"
      "  amtscope scan -iL hosts.txt --exclude 198.18.0.1 --passive\n"
      "  amtscope scan 198.18.0.0/16 --shard 1/4 --seed 7 --format xml -o "
      "shard1.xml\n"
      "  amtscope scan --resume amtscope.resume      continue an interrupted "
      "scan\n"
      "Progress goes to stderr; results to stdout or -o. Exit: 0 done, 1 "
      "vulnerable found\n"
      "(--fail-on-findings), 2 usage, 3 runtime error, 130 interrupted (resume "
      "file written).");
  sub->callback([&ctx, options] {
    if (Status st = FinalizeScanOptions(options.get()); !st.ok()) {
      ctx.exit_code = ReportError(st);
      return;
    }
    if (options->echo) {
      std::cout << EchoScanOptions(*options);
      ctx.exit_code = kExitOk;
      return;
    }
    ctx.exit_code = RunScan(*options, ctx);
  });
}

}  // namespace amtscope::cli
