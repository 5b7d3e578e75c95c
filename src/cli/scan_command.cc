// `amtscope scan`: find Intel AMT on the given networks and decide
// CVE-2017-5689 for each (issue 4). Options come from scan/scan_options.h.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "advisory/advisory_db.h"
#include "amt/web.h"
#include "cli/command.h"
#include "cli/inventory_recorder.h"
#include "cli/option_binding.h"
#include "cli/scan_recording.h"
#include "cli/terminal.h"
#include "core/text_escape.h"
#include "inventory/inventory.h"
#include "net/permutation.h"
#include "net/port_list.h"
#include "net/target_space.h"
#include "net/tls_client.h"
#include "net/tls_key_decode.h"
#include "report/output_writer.h"
#include "report/xml_merge.h"
#include "scan/checkpoint.h"
#include "scan/engine.h"
#include "scan/order_source.h"
#include "scan/output_plan.h"
#include "scan/packet_trace.h"
#include "scan/progress.h"
#include "scan/reconcile.h"
#include "scan/resume.h"
#include "scan/scan_options.h"
#include "scan/side_scan.h"
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

// How open ports will be found, decided before any output is started so
// the output can say it (nmap's scaninfo type) and a refused --scan-type syn
// is a configuration error (exit 2). auto = SYN when a raw socket opens.
Result<Discovery> ResolveDiscovery(ScanType scan_type) {
  if (scan_type == ScanType::kConnect) return Discovery::kConnect;
  auto raw = SynSocket::Open(1);
  if (raw.ok()) return Discovery::kSyn;
  if (scan_type == ScanType::kAuto) return Discovery::kConnect;
  return Status::InvalidArgument(raw.status().message(), raw.status().hint());
}

// `trace` (null unless -vv/--packet-trace) must outlive the engine.
EngineOptions MakeEngineOptions(const ScanOptions& o, Discovery discovery,
                                PacketTrace* trace) {
  EngineOptions e;
  e.probe.trace = trace;
  e.probe.timeout = o.timeout;
  e.probe.retries = static_cast<int>(o.retries);
  e.probe.deadline = o.probe_deadline;
  e.probe.passive = o.passive;
  e.probe.limits.max_body = o.max_response_bytes;
  e.discovery = discovery;
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

// The RMCP ping and the redirection probe (docs/scan.md "Protocols"). A
// resumed scan does not ping again: its first run's UDP records are in the
// output already.
SideScanSettings MakeSideSettings(const ScanOptions& o, bool resumed) {
  SideScanSettings s;
  if (!resumed) s.udp_ports = o.udp_ports;
  // AMT's default ports include the redirection probe of AMT addresses; an
  // explicit -p only when it names 16994 or 16995.
  const ScanOptions defaults;
  auto names = [&o](uint16_t p) {
    return std::find(o.ports.begin(), o.ports.end(), p) != o.ports.end();
  };
  s.redirection =
      (o.ports == defaults.ports && o.udp_ports == defaults.udp_ports) ||
      names(16994) || names(16995);
  s.ping.rate = o.rate;
  s.ping.timeout = o.syn_timeout;
  s.ping.retries = static_cast<int>(o.retries);
  s.redirection_probe.timeout = o.timeout;
  // Few at once: the probe runs beside the web probes, and a device must
  // not see its web TLS and redirection TLS handshakes pile up.
  s.redirection_probe.concurrency = std::min<size_t>(o.concurrency, 32);
  s.seed = o.seed;
  s.shard = o.shard;
  return s;
}

std::unique_ptr<ProgressReporter> StartProgress(const ScanOptions& o,
                                                const ScanEngine& engine,
                                                uint64_t total,
                                                uint64_t already) {
  if (o.quiet || o.progress == ProgressMode::kNone) return nullptr;
  bool tty =
      o.progress == ProgressMode::kTty ||
      (o.progress == ProgressMode::kAuto && IsInteractive(STDERR_FILENO));
  return std::make_unique<ProgressReporter>(engine.counters(), total, already,
                                            stderr, tty);
}

// -v: each open port's evidence on stderr as its finding arrives (the
// engine's findings, teed beside the outputs; nothing is written at Begin/End).
class EvidenceWriter : public OutputWriter {
 public:
  Status Begin(const ScanInfo&) override { return Status::Ok(); }
  Status Record(const Finding& finding) override {
    std::string text;
    for (const std::string& line : EvidenceLines(finding)) {
      text += PrintableLine(line) + "\n";
    }
    std::cerr << text << std::flush;
    return Status::Ok();  // stderr is best effort, like the progress line
  }
  Status End(const RunStats&) override { return Status::Ok(); }
};

// Where results go: stdout and/or files (appended to when resuming), all fed
// through one writer.
struct Output {
  std::vector<std::pair<std::string, std::unique_ptr<std::ofstream>>> files;
  std::unique_ptr<OutputWriter> writer;
};

// Refuses a file that cannot be created before any file is opened, so one
// bad -oX leaves the other outputs untouched (configuration error, exit 2).
Status CheckWritable(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::InvalidArgument(
        fmt::format("cannot write {}: no directory {}", path, dir.string()),
        "create the directory first, or give another output file");
  }
  if (access(dir.c_str(), W_OK) != 0 && access(path.c_str(), W_OK) != 0) {
    return Status::InvalidArgument(
        fmt::format("cannot write {}: directory {} is not writable", path,
                    dir.string()),
        "give an output file in a directory you may write to");
  }
  return Status::Ok();
}

Status OpenOutput(const ScanOptions& o, bool resuming, Output* out,
                  std::unique_ptr<OutputWriter> recorder) {
  AMTSCOPE_ASSIGN_OR_RETURN(std::vector<OutputTarget> targets, PlanOutputs(o));
  for (const OutputTarget& t : targets) {
    if (!t.path.empty()) AMTSCOPE_RETURN_IF_ERROR(CheckWritable(t.path));
  }
  std::vector<NamedWriter> writers;
  // Colour and the note cut only for a terminal on stdout, never a file.
  const WriterOptions stdout_style = TableStyle(StdoutTerminal());
  for (const OutputTarget& t : targets) {
    std::ostream* stream = &std::cout;
    bool append = false;
    if (!t.path.empty()) {
      if (resuming) {
        AMTSCOPE_ASSIGN_OR_RETURN(
            append, PrepareAppend(OutputFormatName(t.format), t.path));
      }
      auto file = std::make_unique<std::ofstream>(
          t.path, append ? std::ios::app : std::ios::trunc);
      if (!*file) {
        return Status::InvalidArgument(
            fmt::format("cannot write {}: {}", t.path, std::strerror(errno)),
            "check the file and its directory are writable");
      }
      stream = file.get();
      out->files.emplace_back(t.path, std::move(file));
    }
    WriterOptions options = t.path.empty() ? stdout_style : WriterOptions{};
    options.append = append;
    options.reason = o.reason;
    AMTSCOPE_ASSIGN_OR_RETURN(
        auto writer,
        MakeOutputWriter(OutputFormatName(t.format), *stream, options));
    writers.push_back({t.path.empty() ? "stdout" : t.path, std::move(writer)});
  }
  if (o.verbose || o.packet_trace) {  // -vv shows the evidence too
    writers.push_back({"stderr", std::make_unique<EvidenceWriter>()});
  }
  if (recorder) writers.push_back({"inventory", std::move(recorder)});
  out->writer = MakeTeeWriter(std::move(writers));
  return Status::Ok();
}

// Flushes every output; the first that failed is named.
Status CloseOutput(Output* out) {
  std::cout.flush();
  if (!std::cout) {
    return Status::IoError("cannot write stdout",
                           "check that the disk is not full");
  }
  for (auto& [path, file] : out->files) {
    file->close();
    if (!*file) {
      return Status::IoError(fmt::format("cannot write {}", path),
                             "check that the disk is not full");
    }
  }
  return Status::Ok();
}

struct Plan {
  ScanOptions options;
  std::optional<ResumeState> resumed;
  TargetSpace space;
};

// "1h52m", "3m20s", "45s": how long `probes` take at `rate` per second.
std::string Duration(uint64_t probes, uint32_t rate) {
  uint64_t s = probes / std::max<uint32_t>(rate, 1);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, s % 3600 / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

// The large-scan guard counts probes (addresses x ports), the work a scan
// does and what reaches the network; TargetSpace already refuses more than
// 2^24 addresses.
Status CheckLargeScan(const ScanOptions& o, uint64_t addresses) {
  constexpr uint64_t kLarge = uint64_t{1} << 24;
  uint64_t probes = addresses * o.ports.size();
  if (probes <= kLarge || o.confirm_large) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("{} probes ({} addresses x {} ports), more than 2^24 "
                  "({}); about {} at --rate {}",
                  probes, addresses, o.ports.size(), kLarge,
                  Duration(probes, o.rate), o.rate),
      "add --confirm-large if you really mean it, or narrow with --exclude "
      "or -p");
}

Result<Plan> MakePlan(const ScanOptions& cli) {
  Plan plan;
  plan.options = cli;
  if (!cli.resume.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(ResumeState st, LoadResumeFile(cli.resume));
    plan.options = ResumedOptions(st, cli);
    plan.resumed = std::move(st);
  }
  // The checkpoint and the reconciliation read the main output back, so its
  // format is fixed here (and saved in the resume file), not left to "auto".
  const std::string& main = plan.options.output;
  if (!plan.options.format && !main.empty() && main != "-")
    plan.options.format = FormatForPath(main);
  AMTSCOPE_ASSIGN_OR_RETURN(plan.space, BuildSpace(plan.options));
  AMTSCOPE_RETURN_IF_ERROR(CheckLargeScan(plan.options, plan.space.size()));
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

// Says how far the scan got and how to continue it: --resume FILE, or for a
// campaign shard the same command (its checkpoint is in the inventory).
Status Interrupted(const Plan& plan, const ScanOrder& order,
                   const CompletionTracker& tracker) {
  std::fprintf(stderr,
               "amtscope: interrupted after %llu of %llu probes; results so "
               "far are written.\n",
               static_cast<unsigned long long>(tracker.done_count()),
               static_cast<unsigned long long>(order.size()));
  if (!plan.options.campaign.empty()) {
    return Status::Interrupted(
        "scan interrupted",
        "run the same command again: the shard continues from its "
        "checkpoint in the inventory");
  }
  return Status::Interrupted("scan interrupted",
                             "continue with: amtscope scan --resume " +
                                 PrintableLine(plan.options.resume_file));
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

// What every shard of a campaign must share, in words a mismatch message
// can show: the same space (fingerprint covers targets and excludes), ports
// and order.
std::string CampaignKey(const Plan& plan) {
  const ScanOptions& o = plan.options;
  return fmt::format(
      "{} addresses (fingerprint {:016x}), ports {}, udp {}, "
      "seed {}",
      plan.space.size(), plan.space.Fingerprint(), fmt::join(o.ports, ","),
      o.udp_ports.empty() ? "none"
                          : fmt::format("{}", fmt::join(o.udp_ports, ",")),
      o.seed);
}

// --campaign: claims the shard and, when it ran before (anywhere), resumes
// from the checkpoint stored in the inventory. Sets *already_done when the
// shard finished earlier.
Status JoinCampaignShard(Plan& plan, const CommandContext& ctx,
                         ScanRecording* rec, bool* already_done) {
  AMTSCOPE_ASSIGN_OR_RETURN(ShardGrant grant,
                            JoinCampaign(plan.options, CampaignKey(plan),
                                         plan.space.size(), ctx, rec));
  *already_done = grant.already_done;
  if (grant.already_done || grant.checkpoint.empty()) return Status::Ok();
  AMTSCOPE_ASSIGN_OR_RETURN(
      ResumeState state,
      ParseResumeFile(grant.checkpoint,
                      "the checkpoint of campaign " + plan.options.campaign));
  // Another machine's -o file is not here: the inventory holds its results.
  if (state.options.output != plan.options.output) {
    state.options.output.clear();
    state.output_bytes = ResumeState::kUnknownOutputBytes;
  }
  uint64_t done = state.watermark + state.done_above.size();
  std::fprintf(stderr,
               "amtscope: shard %s of campaign '%s' continues from its "
               "checkpoint (%llu of %llu probes done)\n",
               plan.options.shard.ToString().c_str(),
               plan.options.campaign.c_str(),
               static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(state.total_positions));
  plan.resumed = std::move(state);
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
  ScanRecording rec;
  if (!o.campaign.empty()) {
    bool already_done = false;
    if (Status st = JoinCampaignShard(plan, ctx, &rec, &already_done); !st.ok())
      return ReportError(st);
    if (already_done) {
      std::fprintf(stderr,
                   "amtscope: shard %s of campaign '%s' is done already; "
                   "nothing to scan\n",
                   o.shard.ToString().c_str(), o.campaign.c_str());
      return kExitOk;
    }
  }
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
  auto discovery = ResolveDiscovery(o.scan_type);
  if (!discovery.ok()) return ReportError(discovery.status());
  if (Status st = StartScanRecording(plan.options, plan.resumed.has_value(),
                                     plan.space.size(), ctx, &rec);
      !st.ok())
    return ReportError(st);
  std::unique_ptr<InventoryRecorder> recorder;
  if (rec.inventory) {
    recorder =
        std::make_unique<InventoryRecorder>(*rec.inventory, o.db_scan_id);
    rec.recorder = recorder.get();
  }
  Output out;
  if (Status st =
          OpenOutput(o, plan.resumed.has_value(), &out, std::move(recorder));
      !st.ok())
    return ReportError(st);
  ScanInfo info{ctx.command_line,
                o.ports,
                plan.space.size(),
                std::chrono::system_clock::now(),
                *discovery == Discovery::kSyn ? "syn" : "connect",
                o.seed};
  info.udp_ports = o.udp_ports;
  if (Status st = out.writer->Begin(info); !st.ok()) return ReportError(st);
  Checkpointer checkpoint(BaseState(plan, order));
  // A lost shard stops the scan at once: the new holder scans it.
  std::function<void()> stop_scan;
  if (rec.campaign) {
    checkpoint.SaveThrough([&](const ResumeState& st) {
      Status saved = SaveCampaignCheckpoint(rec, o, st);
      if (saved.code() == StatusCode::kUnavailable && stop_scan) stop_scan();
      return saved;
    });
  }
  if (Status st = checkpoint.Save(tracker, RunStats{}); !st.ok()) {
    std::fprintf(stderr, "amtscope: %s; the scan runs but cannot be resumed\n",
                 PrintableLine(st.ToString()).c_str());
  }
  std::optional<PacketTrace> trace;
  if (o.packet_trace) trace.emplace(stderr);
  UseBuiltinRsaKeyDecoding();  // one certificate parsed per TLS port
  ScanEngine engine(MakeEngineOptions(o, *discovery, trace ? &*trace : nullptr),
                    *db, *tls);
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
  SideScan side(sink, *db, plan.space,
                MakeSideSettings(o, plan.resumed.has_value()));
  stop_scan = [&engine, &side] {
    side.Stop();
    engine.Stop();
  };
  signals.SetHandler(stop_scan);
  side.Start(**tls);  // own threads: the TCP probes do not wait for them
  Status run = engine.Run(source, side);
  if (run.code() == StatusCode::kInterrupted) side.Stop();
  Status udp = side.Finish();
  signals.SetHandler({});
  if (!udp.ok())
    std::fprintf(stderr, "amtscope: %s\n",
                 PrintableLine(udp.ToString()).c_str());
  if (progress) progress->Finish();
  for (const std::string& note : engine.notes())
    std::fprintf(stderr, "amtscope: %s\n", note.c_str());
  bool interrupted = run.code() == StatusCode::kInterrupted;
  RunStats stats = Totals(sink, plan, interrupted);
  Status end = out.writer->End(stats);
  Status closed = CloseOutput(&out);
  if (closed.ok() && end.ok() && o.format == OutputFormat::kXml &&
      plan.resumed && !o.output.empty()) {
    end = MergeXmlHosts(o.output);
  }
  // Saved before the end is recorded: a campaign shard's checkpoint needs
  // the shard still held.
  Status saved =
      interrupted ? checkpoint.Save(tracker, sink.stats()) : Status::Ok();
  Status recorded = FinishScanRecording(
      rec, o,
      interrupted ? ScanStatus::kInterrupted
      : run.ok() && sink.status().ok() && end.ok() && closed.ok()
          ? ScanStatus::kDone
          : ScanStatus::kFailed,
      stats, tracker.done_count(), order.size());
  if (!recorded.ok() && (interrupted || !run.ok()))
    std::fprintf(stderr, "amtscope: %s\n",
                 PrintableLine(recorded.ToString()).c_str());
  if (interrupted) {
    if (!saved.ok()) return ReportError(saved);
    return ReportError(Interrupted(plan, order, tracker));
  }
  if (!run.ok()) return ReportError(run);
  if (!sink.status().ok()) return ReportError(sink.status());
  if (!end.ok()) return ReportError(end);
  if (!closed.ok()) return ReportError(closed);
  if (!recorded.ok()) {
    // The resume file stays, exact, so `--resume` stores what the database
    // missed (StoreEarlierResults) without probing anything again.
    (void)checkpoint.Save(tracker, sink.stats());
    return ReportError(recorded);
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
  BindOptions(sub, ScanOptionTable(), options.get());
  sub->footer(
      "Only scan networks you are authorised to test: without --passive, "
      "vulnerable\n"
      "hosts are logged into through the bypass (an IDS sees an "
      "authentication-bypass\n"
      "attempt); --passive sends no login and decides by version only.\n"
      "Probes each open port: TLS on 16993/664, GET /index.htm, then (unless "
      "--passive)\n"
      "one request with an EMPTY Digest response and one control with a wrong "
      "response.\n"
      "Vulnerable only when the empty one gets in and the wrong one does not.\n"
      "Examples:\n"
      "  amtscope scan 198.18.0.0/24\n"
      "  amtscope scan -p 16992,16993,623,664 198.18.0.0/16 --rate 20000 -o "
      "amt.ndjson\n"
      "  amtscope scan 198.18.0.0/24 -oA amt-scan    amt-scan.nmap .xml .gnmap "
      ".ndjson\n"
      "  amtscope scan -iL hosts.txt --exclude 198.18.0.1 --passive\n"
      "  amtscope scan 198.18.0.0/16 --shard 1/4 --seed 7 -oX shard1.xml\n"
      "  amtscope scan --resume amtscope.resume      continue an interrupted "
      "scan\n"
      "-o FILE takes its format from the extension (.xml .ndjson .json .csv "
      ".gnmap)\n"
      "unless --format is given; -oN/-oX/-oG/-oA/-oJ FILE add outputs (- = "
      "stdout).\n"
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
