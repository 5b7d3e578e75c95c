#!/bin/bash
# The Kubernetes manifests (deploy/kubernetes, docs/kubernetes.md), with no
# cluster: every file parses and uses only known API fields; for each
# Indexed Job (and the CronJob's), tests/kubernetes_render.py runs the pod's
# own `sh -c` for every index, and each command has --shard i+1/N where N is
# completions = parallelism, and otherwise the very same words (campaign,
# targets, ports); NET_RAW is added exactly where --scan-type syn is used;
# the memory request covers the measured 30 MiB + 136 KiB per in-flight
# probe at the pod's --concurrency; kubectl parses every file offline.
source "$(dirname "$0")/emulate_lib.sh"
set -euo pipefail
need python3
python3 -c "import yaml" 2>/dev/null || skip "python3-yaml not installed"
SRC=${AMTSCOPE_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
K8S=$SRC/deploy/kubernetes

python3 - "$K8S" "$SRC/tests/kubernetes_render.py" "127.$BLOCK.0.0/24" <<'PY' || fail "manifests"
import datetime, glob, os, re, subprocess, sys
import yaml

k8s, render_py, loopback = sys.argv[1:4]

def fail(msg):
    sys.exit(f"FAIL: {msg}")

# The API fields these manifests may use (Kubernetes API reference, batch/v1
# and core/v1), so that a misspelt field, which the API server drops with a
# mere warning, fails here. None: any value.
S = {
    "top": {"apiVersion": None, "kind": None, "metadata": "meta", "spec": None, "data": None,
            "stringData": None, "type": None},
    "meta": {"name": None, "labels": None, "annotations": None, "namespace": None},
    "cronjob": {"schedule": None, "timeZone": None, "concurrencyPolicy": None, "startingDeadlineSeconds": None,
                "successfulJobsHistoryLimit": None, "failedJobsHistoryLimit": None, "suspend": None,
                "jobTemplate": "jobtemplate"},
    "jobtemplate": {"metadata": "meta", "spec": "job"},
    "job": {"completionMode": None, "completions": None, "parallelism": None, "backoffLimit": None,
            "backoffLimitPerIndex": None, "maxFailedIndexes": None, "podFailurePolicy": "pfp",
            "activeDeadlineSeconds": None, "ttlSecondsAfterFinished": None, "suspend": None,
            "podReplacementPolicy": None, "template": "template"},
    "pfp": {"rules": ["pfprule"]},
    "pfprule": {"action": None, "onExitCodes": None, "onPodConditions": None},
    "template": {"metadata": "meta", "spec": "pod"},
    "pod": {"restartPolicy": None, "automountServiceAccountToken": None, "enableServiceLinks": None,
            "securityContext": "podsc", "containers": ["container"], "volumes": ["volume"],
            "serviceAccountName": None, "nodeSelector": None, "tolerations": None, "affinity": None,
            "terminationGracePeriodSeconds": None, "priorityClassName": None, "imagePullSecrets": None,
            "topologySpreadConstraints": None},
    "podsc": {"runAsNonRoot": None, "runAsUser": None, "runAsGroup": None, "fsGroup": None,
              "supplementalGroups": None, "seccompProfile": None},
    "container": {"name": None, "image": None, "imagePullPolicy": None, "command": None, "args": None,
                  "env": ["env"], "resources": "resources", "securityContext": "sc", "workingDir": None,
                  "volumeMounts": ["mount"]},
    "env": {"name": None, "value": None, "valueFrom": "envsource"},
    "envsource": {"secretKeyRef": None, "configMapKeyRef": None, "fieldRef": None},
    "resources": {"requests": None, "limits": None},
    "sc": {"allowPrivilegeEscalation": None, "readOnlyRootFilesystem": None, "capabilities": "caps",
           "runAsNonRoot": None, "runAsUser": None, "runAsGroup": None, "seccompProfile": None},
    "caps": {"add": None, "drop": None},
    "mount": {"name": None, "mountPath": None, "readOnly": None, "subPath": None},
    "volume": {"name": None, "emptyDir": None, "configMap": None, "secret": None},
}

def check_fields(obj, typ, where):
    if isinstance(typ, list):
        for i, item in enumerate(obj):
            check_fields(item, typ[0], f"{where}[{i}]")
        return
    for key, value in obj.items():
        if key not in S[typ]:
            fail(f"{where}.{key}: not a field this test knows for {typ}")
        sub = S[typ][key]
        if key == "spec" and typ == "top":
            sub = {"Job": "job", "CronJob": "cronjob"}.get(obj["kind"])
        if sub:
            check_fields(value, sub, f"{where}.{key}")

def mib(q):
    m = re.fullmatch(r"(\d+)(Mi|Gi)", str(q)) or fail(f"memory {q}: write it in Mi or Gi")
    return int(m[1]) * (1024 if m[2] == "Gi" else 1)

def render(path, *args):
    p = subprocess.run([sys.executable, render_py, path, "--print0", "--binary", "/opt/amtscope", *args],
                       capture_output=True, text=True, check=False)
    if p.returncode:
        fail(f"kubernetes_render.py {os.path.basename(path)} {' '.join(args)}: {p.stderr.strip()}")
    return p.stdout.split("\0")[:-1]

def value_of(words, flag):
    if words.count(flag) != 1:
        fail(f"{flag} given {words.count(flag)} times: {words}")
    return words[words.index(flag) + 1]

jobs = 0
for path in sorted(glob.glob(f"{k8s}/*.yaml")):
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    if not docs:
        fail(f"{name}: empty")
    for d in docs:
        check_fields(d, "top", name)
        if d["kind"] not in ("Job", "CronJob"):
            continue
        jobs += 1
        spec = d["spec"] if d["kind"] == "Job" else d["spec"]["jobTemplate"]["spec"]
        pod = spec["template"]["spec"]
        n = spec["completions"]
        if spec.get("completionMode") != "Indexed" or spec.get("parallelism") != n:
            fail(f"{name}: not an Indexed Job with parallelism = completions = {n}")
        if "backoffLimitPerIndex" in spec and pod.get("restartPolicy") != "Never":
            fail(f"{name}: backoffLimitPerIndex needs restartPolicy: Never")
        # A CronJob's Job is NAME-<scheduled minute since 1970>; 29420000 is
        # Monday 2025-12-08 13:20 UTC, ISO week 2025-W50.
        job_name = f"{d['metadata']['name']}-29420000"
        first = None
        for i in range(n):
            words = render(path, "--index", str(i), "--job-name", job_name)
            if words[:2] != ["/opt/amtscope", "scan"]:
                fail(f"{name} index {i}: not an amtscope scan: {words}")
            if value_of(words, "--shard") != f"{i + 1}/{n}":
                fail(f"{name} index {i}: --shard {value_of(words, '--shard')}, want {i + 1}/{n}")
            words[words.index("--shard") + 1] = "I/N"
            first = first or words
            if words != first:
                fail(f"{name}: index {i} differs beyond --shard:\n  {first}\n  {words}")
        campaign = value_of(first, "--campaign")
        if d["kind"] == "CronJob":
            if campaign != "weekly-2025-W50":
                fail(f"{name}: campaign {campaign} for the Job of 2025-12-08, want weekly-2025-W50")
            iso = datetime.datetime.now(datetime.timezone.utc).isocalendar()
            by_hand = value_of(render(path, "--job-name", "amtscope-by-hand"), "--campaign")
            if by_hand != f"weekly-{iso[0]}-W{iso[1]:02d}":
                fail(f"{name}: a Job made by hand gets campaign {by_hand}, not this week's")
        # glob-*: the target words reach amtscope as written, never globbed.
        over = render(path, "--index", str(n - 1), "--job-name", job_name, "--targets", f"{loopback} glob-*",
                      "--ports", "16992")
        if over[2:4] != [loopback, "glob-*"] or value_of(over, "-p") != "16992" or any("198.1" in w for w in over):
            fail(f"{name}: --targets/--ports do not replace the manifest's as written: {over}")

        syn = "--scan-type" in first and value_of(first, "--scan-type") == "syn"
        for c in pod["containers"]:
            sc = c.get("securityContext", {})
            caps = sc.get("capabilities", {})
            if caps.get("drop") != ["ALL"] or caps.get("add", []) != (["NET_RAW"] if syn else []):
                fail(f"{name}: capabilities {caps}; want drop ALL and NET_RAW only with --scan-type syn")
            if sc.get("allowPrivilegeEscalation") is not False or sc.get("readOnlyRootFilesystem") is not True:
                fail(f"{name}: privilege escalation allowed or root filesystem writable")
            if not syn and pod.get("securityContext", {}).get("runAsNonRoot") is not True:
                fail(f"{name}: a connect scan must run as non-root")
            conc = int(value_of(first, "--concurrency")) if "--concurrency" in first else 2000
            need = (30 * 1024 + 136 * conc) / 1024
            res = c["resources"]
            req, lim = mib(res["requests"]["memory"]), mib(res["limits"]["memory"])
            if req < need or lim < req:
                fail(f"{name}: memory request {req} MiB / limit {lim} MiB; --concurrency {conc} needs {need:.0f} MiB")
        print(f"{name}: {n} shards, campaign {campaign}, {'syn' if syn else 'connect'},"
              f" memory {req}/{lim} MiB for --concurrency {conc}")
if jobs < 3:
    fail(f"{jobs} Indexed Jobs in {k8s}; want the job, its syn variant and the CronJob")
PY

# kubectl validates fields only against a server's OpenAPI (the API-field list
# above stands in for it); offline it still parses each file and maps its
# kind. An empty KUBECONFIG: never a real cluster.
if command -v kubectl >/dev/null 2>&1; then
  for f in "$K8S"/*.yaml; do
    KUBECONFIG=$WORK/no-kubeconfig kubectl annotate --local --dry-run=client -o name -f "$f" \
      amtscope.test/parsed=yes >"$WORK/kubectl.out" 2>&1 || { cat "$WORK/kubectl.out" >&2; fail "kubectl: $f"; }
    echo "kubectl: $(tr '\n' ' ' <"$WORK/kubectl.out")"
  done
else
  not_checked "kubectl not installed: the manifests were not parsed by kubectl"
fi
pass "every index renders its own shard of one campaign"
