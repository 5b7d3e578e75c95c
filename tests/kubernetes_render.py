#!/usr/bin/env python3
"""Renders the command a pod of an Indexed Job (or a CronJob's Job) runs.

Usage: kubernetes_render.py MANIFEST [--index I] [--binary PATH] [--env K=V]...
           [--targets T] [--ports P] [--job-name NAME] [--print0 | --print-only | --exec]
       kubernetes_render.py MANIFEST --completions

Builds the container's environment as the kubelet would (env values, the
JOB_COMPLETION_INDEX the Job controller adds, $(VAR) expansion in env values,
command and args), then runs its `sh -c` script for real with /bin/sh (dash,
as in debian:12) and an `amtscope` on PATH that records its argv. Prints that
argv with argv[0] = --binary, one word per line (--print0: NUL after each).
--print-only prints the container's command as a shell line instead;
--exec runs the script as the pod would, `amtscope` being --binary, in this
process (same pid: a test can kill it; the exit status is amtscope's), in the
current directory, with the pod's environment plus the caller's HOME, TMPDIR,
XDG_* and AMTSCOPE_SYSCONFDIR (the pod's files). Values from a Secret must be
given with --env. --targets/--ports replace the TARGETS/PORTS env values so a
test can point the manifest at loopback. Exit 2 on a bad manifest or
arguments (docs/kubernetes.md section 7).
"""
import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time

import yaml

# The image's PATH (debian:12); the manifest's script must not need more.
IMAGE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SHELLS = {"sh", "bash", "dash"}
# Where the pod's files are (HOME, /etc/amtscope): kept from the caller, so a
# test's own directories stand in for the image's. Nothing else leaks in.
FILESYSTEM_VARS = ("HOME", "TMPDIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "AMTSCOPE_SYSCONFDIR")


def die(msg):
    print(f"kubernetes_render: {msg}", file=sys.stderr)
    sys.exit(2)


def expand(text, env):
    """Kubernetes' $(VAR) expansion (k8s.io/kubernetes third_party expansion):
    $$ is $, $(NAME) is NAME's value when defined, else left as written."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "$" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "$":
                out.append("$")
                i += 2
                continue
            if nxt == "(":
                close = text.find(")", i + 2)
                if close >= 0:
                    name = text[i + 2:close]
                    out.append(env[name] if name in env else text[i:close + 1])
                    i = close + 1
                    continue
            out.append(text[i:i + 2])
            i += 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def load_job(path):
    """(kind, name, job spec) of the first Job or CronJob in the file."""
    try:
        with open(path, encoding="utf-8") as f:
            docs = [d for d in yaml.safe_load_all(f) if d]
    except (OSError, yaml.YAMLError) as e:
        die(f"{path}: {e}")
    for d in docs:
        if d.get("kind") == "Job":
            return "Job", d["metadata"]["name"], d["spec"]
        if d.get("kind") == "CronJob":
            return "CronJob", d["metadata"]["name"], d["spec"]["jobTemplate"]["spec"]
    die(f"{path}: no Job or CronJob")


def pod_env(container, index, job_name, overrides, exec_mode):
    """The container's environment: its env list in order (each value may
    use earlier ones), then JOB_COMPLETION_INDEX, then --env overrides."""
    env = {}
    field_values = {
        "metadata.labels['batch.kubernetes.io/job-name']": job_name,
        "metadata.labels['job-name']": job_name,
        "metadata.annotations['batch.kubernetes.io/job-completion-index']": str(index),
        "metadata.namespace": "default",
    }
    for e in container.get("env", []):
        name = e["name"]
        if name in overrides:
            env[name] = overrides[name]
        elif "value" in e:
            env[name] = expand(str(e["value"]), env)
        elif "fieldRef" in e.get("valueFrom", {}) and e["valueFrom"]["fieldRef"]["fieldPath"] in field_values:
            env[name] = field_values[e["valueFrom"]["fieldRef"]["fieldPath"]]
        elif exec_mode:
            die(f"env {name} comes from {list(e.get('valueFrom', {}))}: give it with --env {name}=VALUE")
        else:
            env[name] = f"<{name} from {', '.join(e.get('valueFrom', {}))}>"
    env["JOB_COMPLETION_INDEX"] = str(index)
    env.update(overrides)
    return env


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("manifest")
    ap.add_argument("--index", type=int, default=0, help="JOB_COMPLETION_INDEX (0-based)")
    ap.add_argument("--binary", default="amtscope", help="argv[0] printed, the binary run by --exec")
    ap.add_argument("--env", "--set-env", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--targets", help="replaces the TARGETS env value")
    ap.add_argument("--ports", help="replaces the PORTS env value")
    ap.add_argument("--job-name", help="the Job's name (default: metadata.name; CronJob: NAME-<minutes now>)")
    ap.add_argument("--container", help="container name (default: the first)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--print0", action="store_true", help="NUL after each word instead of a newline")
    mode.add_argument("--print-only", action="store_true", help="print the container command as a shell line")
    mode.add_argument("--exec", action="store_true", help="run the pod's command here, as this process")
    mode.add_argument("--completions", action="store_true", help="print N (spec.completions) and exit")
    a = ap.parse_args()

    kind, name, spec = load_job(a.manifest)
    if spec.get("completionMode") != "Indexed":
        die(f"{a.manifest}: {kind} {name} is not completionMode: Indexed")
    n = int(spec.get("completions", 1))
    if a.completions:
        print(n)
        return
    if not 0 <= a.index < n:
        die(f"--index {a.index} outside 0..{n - 1} (completions: {n})")
    containers = spec["template"]["spec"]["containers"]
    matching = [c for c in containers if a.container in (None, c["name"])]
    if not matching:
        die(f"no container {a.container}")
    container = matching[0]

    overrides = {}
    for kv in a.env:
        key, sep, value = kv.partition("=")
        if not sep or not key:
            die(f"--env {kv}: expected KEY=VALUE")
        overrides[key] = value
    declared = {e["name"] for e in container.get("env", [])}
    for key, value in (("TARGETS", a.targets), ("PORTS", a.ports)):
        if value is not None:
            if key not in declared:
                die(f"--{key.lower()}: the container has no {key} env to replace")
            overrides[key] = value
    if a.job_name is None:
        a.job_name = name if kind == "Job" else f"{name}-{int(time.time()) // 60}"
    env = pod_env(container, a.index, a.job_name, overrides, a.exec)

    argv = [expand(str(w), env) for w in container.get("command", []) + container.get("args", [])]
    if not argv:
        die("the container has no command (the image's entrypoint is not in the manifest)")
    script = None
    if os.path.basename(argv[0]) in SHELLS and len(argv) >= 3 and argv[1] == "-c":
        script = argv[2:]
    elif os.path.basename(argv[0]) != "amtscope":
        die(f"command {argv[0]}: neither sh -c nor amtscope")

    if a.print_only:
        assigns = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        print(f"env -i PATH={IMAGE_PATH} {assigns} {shlex.join(argv)}")
        return
    if a.exec:
        run_pod(argv, script, env, a.binary)
    words = record_argv(script, env) if script else argv[1:]
    sep = "\0" if a.print0 else "\n"
    sys.stdout.write("".join(w + sep for w in [a.binary] + words))


def local_env(env, path):
    return {**{k: os.environ[k] for k in FILESYSTEM_VARS if k in os.environ}, **env, "PATH": path}


def record_argv(script, env):
    """Runs `sh -c SCRIPT...` with a recording `amtscope` first on PATH."""
    with tempfile.TemporaryDirectory(prefix="k8s-render.") as tmp:
        out = os.path.join(tmp, "argv")
        shim = os.path.join(tmp, "amtscope")
        with open(shim, "w", encoding="utf-8") as f:
            f.write(f"#!/bin/sh\nprintf '%s\\0' \"$@\" > {shlex.quote(out)}\n")
        os.chmod(shim, 0o755)
        # Something for a target pattern to match: a script that globs its
        # targets (no set -f) shows it, e.g. with --targets 'glob-*'.
        open(os.path.join(tmp, "glob-canary"), "w", encoding="utf-8").close()
        proc = subprocess.run(["/bin/sh", "-c", *script], env=local_env(env, f"{tmp}:{IMAGE_PATH}"),
                              cwd=tmp, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not os.path.exists(out):
            die(f"the pod's script exited {proc.returncode} without running amtscope: {proc.stderr.strip()}")
        with open(out, encoding="utf-8") as f:
            return f.read().split("\0")[:-1]


def run_pod(argv, script, env, binary):
    """Replaces this process with the pod's command; `amtscope` is BINARY."""
    binary = os.path.abspath(binary)
    if os.path.basename(binary) == "amtscope":
        bindir = os.path.dirname(binary)
    else:  # a PATH entry where `amtscope` is BINARY; left behind (we exec)
        bindir = tempfile.mkdtemp(prefix="k8s-render-bin.")
        os.symlink(binary, os.path.join(bindir, "amtscope"))
    env = local_env(env, f"{bindir}:{IMAGE_PATH}")
    if script is None:
        os.execve(binary, ["amtscope"] + argv[1:], env)
    os.execve("/bin/sh", ["/bin/sh", "-c", *script], env)


if __name__ == "__main__":
    main()
