#!/usr/bin/python3
"""Checks the reports tests/report_browser_test.sh wrote (issue 13).

argv: WORK (inventory dumps, reports) ART (report.html; screenshot goes
here) N (the fleet's /24 prefix, e.g. 127.150.20) AMTSCOPE (the binary, for
a 450-device report from NDJSON: the table in several chunks). The HTML is opened in
headless Chromium through Selenium; Markdown, SARIF and CSV are parsed.
"""
import csv
import ipaddress
import json
import re
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

work, art, net, amtscope = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
html_path = f"{art}/report.html"
html_url = "file://" + html_path
devices = json.load(open(f"{work}/devices.json"))
SEV = {"vulnerable": 3, "unknown": 2, "not-vulnerable": 1, "not-amt": 0}


def check(cond, what):
    if not cond:
        print(f"FAIL: {what}", file=sys.stderr)
        sys.exit(1)


# --- what `inventory devices --json` says, and what the fleet must give ---
amt = [d for d in devices if d["verdict"] != "not-amt"]
vuln = [d for d in devices if d["verdict"] == "vulnerable"]
fixed = [d for d in devices if d["first_fixed"] and d["verdict"] != "vulnerable"]
# The known fleet: .1 .2/.20 .3 .4 .5 .6 .7 = 7 devices, 6 AMT (not .7),
# vulnerable .20 .3 .5, fixed .1, new .5.
check(len(devices) == 7, f"7 devices in the inventory, got {len(devices)}")
check(len(amt) == 6 and len(vuln) == 3 and len(fixed) == 1,
      f"inventory: amt {len(amt)} vuln {len(vuln)} fixed {len(fixed)}")
check({d["ip"] for d in vuln} == {f"{net}.20", f"{net}.3", f"{net}.5"},
      f"vulnerable devices {[d['ip'] for d in vuln]}")
records = {}
for scan in (1, 2):
    for line in open(f"{work}/s{scan}.ndjson"):
        r = json.loads(line)
        if r.get("type") == "port":
            records[(scan, r["ip"], r["port"])] = r
s2 = [r for (scan, _, _), r in records.items() if scan == 2]
# Each AMT device's advisories, from the NDJSON of the scan that saw it last:
# one advisory bar segment per (advisory, verdict).
advisory_segments = {(a, x["verdict"]) for x in amt
                     for a in records[(x["last_scan"], x["ip"], x["port"])]["advisories"]}


def options(js=True):
    o = Options()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--window-size=1280,900",
              "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync"):
        o.add_argument(a)
    if not js:
        o.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return o


def start(js=True):
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options(js))


d = start()
try:
    d.get(html_url)
    card = lambda i: d.find_element(By.CSS_SELECTOR, f"#{i} .num").text.replace(",", "")
    check(card("card-amt") == str(len(amt)), f"card AMT {card('card-amt')} != {len(amt)}")
    check(card("card-vuln") == str(len(vuln)), f"card vulnerable {card('card-vuln')}")
    check(card("card-fixed") == str(len(fixed)), f"card fixed {card('card-fixed')}")
    check(card("card-new") == "1", f"card new {card('card-new')}")
    count = lambda css: len(d.find_elements(By.CSS_SELECTOR, css))
    check(count("#chart-trend circle.pt") == 3 * 2, "trend: 3 series x 2 scans points")
    check(count("#chart-trend polyline.line") == 3, "trend: 3 lines")
    # Firmware: one bar segment per (line, verdict) with devices.
    segs = {(int(x["version"].split(".")[0]) if x["version"] else "?", x["verdict"]) for x in amt}
    check(count("#chart-firmware rect.bar") == len(segs),
          f"firmware bars {count('#chart-firmware rect.bar')} != {len(segs)} {segs}")
    # Networks: every device is in site "lab": one row, one segment per verdict.
    check(count("#chart-networks rect.bar") == len({x["verdict"] for x in amt}),
          "network bars")
    check(count("#chart-advisories rect.bar") == len(advisory_segments),
          f"advisory bars {count('#chart-advisories rect.bar')} != {len(advisory_segments)}")
    for chart in ("chart-trend", "chart-firmware", "chart-networks"):
        check(d.find_element(By.CSS_SELECTOR, f"#{chart} > title").get_attribute("textContent"),
              f"{chart} has a title")
        check(count(f"#{chart} .axis-label") >= 1, f"{chart} has an axis label")
    rows = lambda: d.find_elements(By.CSS_SELECTOR, "#devtable tbody tr")
    check(len(rows()) == len(devices), f"table rows {len(rows())} != {len(devices)}")
    ids = sorted(int(r.find_elements(By.TAG_NAME, "td")[0].text) for r in rows())
    check(ids == sorted(x["device"] for x in devices), "table device ids = inventory ids")
    first_verdicts = [r.find_elements(By.TAG_NAME, "td")[6].text for r in rows()]
    check(first_verdicts == sorted(first_verdicts, key=lambda v: -SEV[v]),
          f"default order most severe first: {first_verdicts}")

    def column(i):
        return [r.find_elements(By.TAG_NAME, "td")[i].text for r in rows()]

    def click_header(i):
        d.find_elements(By.CSS_SELECTOR, "#devtable thead th button")[i].click()

    click_header(1)  # Address, ascending
    addrs = column(1)
    key = lambda a: ipaddress.ip_address(a)
    check(addrs == sorted(addrs, key=key), f"address ascending {addrs}")
    click_header(1)
    check(column(1) == sorted(addrs, key=key, reverse=True), "address descending")
    check(d.find_elements(By.CSS_SELECTOR, "#devtable thead th")[1].get_attribute("aria-sort") == "descending",
          "aria-sort says descending")
    click_header(6)  # Verdict by severity
    check([SEV[v] for v in column(6)] == sorted(SEV[v] for v in column(6)), "verdict by severity")

    visible = lambda: [r for r in rows() if r.is_displayed()]
    Select(d.find_element(By.ID, "vf")).select_by_visible_text("vulnerable")
    check(len(visible()) == len(vuln), f"verdict filter: {len(visible())} shown")
    check(d.find_element(By.ID, "shown").text == f"{len(vuln)} of {len(devices)} devices shown",
          "the count says what is shown")
    Select(d.find_element(By.ID, "vf")).select_by_visible_text("all")
    q = d.find_element(By.ID, "q")
    q.send_keys(f"{net}.20")
    check(len(visible()) == 1, f"text filter {net}.20: {len(visible())} shown")
    q.clear()
    q.send_keys("x")
    q.send_keys("\b")
    check(len(visible()) == len(devices), "cleared filter shows all")

    # Dark mode and print styles apply.
    bg = lambda: d.execute_script("return getComputedStyle(document.body).backgroundColor")
    light = bg()
    d.execute_cdp_cmd("Emulation.setEmulatedMedia",
                      {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    check(bg() != light, f"dark mode changes the background ({light})")
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
    check(d.execute_script("return getComputedStyle(document.getElementById('controls')).display") == "none",
          "print hides the controls")
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})

    # Full-page screenshot, as an artifact: every chunk of the table drawn
    # (off-screen chunks are skipped by content-visibility until scrolled to).
    d.execute_script("document.querySelectorAll('.devchunk').forEach("
                     "function(c){c.style.contentVisibility='visible';})")
    height = d.execute_script("return document.documentElement.scrollHeight")
    shot = d.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1}})
    import base64
    open(f"{art}/report.png", "wb").write(base64.b64decode(shot["data"]))

    errors = [e for e in d.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    check(not errors, f"console errors: {errors}")
    requests = []
    for entry in d.get_log("performance"):
        m = json.loads(entry["message"])["message"]
        if m["method"] == "Network.requestWillBeSent":
            requests.append(m["params"]["request"]["url"])
    check(requests and all(u == html_url for u in requests),
          f"network requests other than the file: {[u for u in requests if u != html_url]}")
finally:
    d.quit()

# 450 devices (198.18.0.0/15, stored only): three chunks of the table; sorting
# and filtering work across them.
big = []
for i in range(450):
    v = ["vulnerable", "unknown", "not-vulnerable"][i % 3]
    big.append({"type": "port", "ip": f"198.18.{i // 200}.{i % 200 + 1}", "port": 16992,
                "tls": False, "amt": True, "product": "amt", "version": "9.5.30",
                "realm": f"Digest:{i + 1:08X}000000000000000000000000", "verdict": v,
                "basis": "bypass", "advisories": ["INTEL-SA-00075"] if v == "vulnerable" else [],
                "time": "2026-11-01T01:00:00.000Z", "bypass_status": 200, "control_status": 401})
with open(f"{work}/big.ndjson", "w") as f:
    f.writelines(json.dumps(r) + "\n" for r in big)
subprocess.run([amtscope, "report", "--from-ndjson", f"{work}/big.ndjson", "-o", f"{work}/big.html"],
               check=True, stdout=subprocess.DEVNULL)
d = start()
try:
    d.get(f"file://{work}/big.html")
    check(len(d.find_elements(By.CSS_SELECTOR, "#devtable .devchunk")) == 3, "450 rows in 3 chunks")
    rows = lambda: d.find_elements(By.CSS_SELECTOR, "#devtable tbody tr")
    check(len(rows()) == 450, "450 rows")
    d.find_elements(By.CSS_SELECTOR, "#devtable thead th button")[1].click()
    addrs = d.execute_script("return Array.prototype.map.call(document.querySelectorAll("
                             "'#devtable tbody tr'), function(r){return r.cells[1].textContent;})")
    check(addrs == sorted((r["ip"] for r in big), key=ipaddress.ip_address), "sorted across chunks")
    Select(d.find_element(By.ID, "vf")).select_by_visible_text("vulnerable")
    check(len(rows()) == 150 and d.find_element(By.ID, "shown").text == "150 of 450 devices shown",
          f"filtered across chunks: {len(rows())}")
    check(not d.find_elements(By.CSS_SELECTOR, "#devtable .devchunk")[1].is_displayed(),
          "an emptied chunk is hidden")
    check(not [e for e in d.get_log("browser") if e["level"] == "SEVERE"], "no console error (450)")
finally:
    d.quit()

# Without JavaScript the page is complete; the controls stay hidden.
d = start(js=False)
try:
    d.get(html_url)
    check(len(d.find_elements(By.CSS_SELECTOR, "#devtable tbody tr")) == len(devices), "no-JS table rows")
    check(not d.find_element(By.ID, "controls").is_displayed(), "no-JS: no dead controls")
    check(d.find_element(By.CSS_SELECTOR, "#card-vuln .num").text == str(len(vuln)), "no-JS card")
finally:
    d.quit()

# --- Markdown ---
md = open(f"{work}/report.md").read()
body = lambda text: text.split("\n", 3)[3]  # after the title and the time line
check(body(md) == body(open(f"{work}/stdout.md").read()), "-o - writes the same Markdown")
check(f"| **Vulnerable now** | **{len(vuln)}** |" in md, "markdown vulnerable count")
check(f"| AMT devices seen | {len(amt)} (of {len(devices)} devices) |" in md, "markdown AMT count")
check("## Top networks" in md and "| lab | 3 |" in md, "markdown networks")
rows_md = [l for l in md.splitlines() if l.startswith(f"| {net}.")]
check(sorted(l.split(" | ")[0][2:] for l in rows_md) == sorted(x["ip"] for x in vuln),
      f"markdown vulnerable rows {rows_md}")

# --- SARIF 2.1.0: the required fields (no Debian or npm package carries the
# schema); also the OASIS schema itself when $AMTSCOPE_SARIF_SCHEMA names a
# copy of sarif-schema-2.1.0.json and python3-jsonschema is installed.
def schema_errors(doc):
    import os
    path = os.environ.get("AMTSCOPE_SARIF_SCHEMA")
    if not path:
        return []
    import jsonschema
    return [e.message for e in jsonschema.Draft4Validator(json.load(open(path))).iter_errors(doc)]


def sarif(path):
    doc = json.load(open(path))
    errors = schema_errors(doc)
    check(not errors, f"{path} against the SARIF schema: {errors[:3]}")
    check(doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"], "sarif version/$schema")
    check(len(doc["runs"]) == 1, "one run")
    run = doc["runs"][0]
    drv = run["tool"]["driver"]
    check(drv["name"] == "amtscope", "driver name")
    rule_ids = [r["id"] for r in drv["rules"]]
    check(len(rule_ids) == len(set(rule_ids)) and "INTEL-SA-00075" in rule_ids, "rules per advisory")
    for r in drv["rules"]:
        check(r["helpUri"].startswith("https://") and r["properties"]["cves"] and
              all(re.fullmatch(r"CVE-\d{4}-\d+", c) for c in r["properties"]["cves"])
              and r["shortDescription"]["text"], f"rule {r['id']}")
    for res in run["results"]:
        check(res["ruleId"] in rule_ids and drv["rules"][res["ruleIndex"]]["id"] == res["ruleId"],
              "result names a rule")
        check(res["level"] in ("error", "note") and res["message"]["text"], "result level/message")
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        check(re.fullmatch(r"https?://[0-9.]+:\d+/", uri), f"location {uri}")
        check(re.fullmatch(r"[0-9a-f]{32}", res["partialFingerprints"]["amtscopeDevicePort/v1"]),
              "fingerprint")
    return {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: res
            for res in run["results"]}


now, then = sarif(f"{work}/report.sarif"), sarif(f"{work}/scan1.sarif")
want = {f"http://{x['ip']}:{x['port']}/": x["verdict"] for x in devices
        if x["verdict"] in ("vulnerable", "unknown")}
check({u: r["properties"]["verdict"] for u, r in now.items()} == want, f"sarif results {list(now)}")
check(all((r["level"] == "error") == (r["properties"]["verdict"] == "vulnerable") for r in now.values()),
      "error for vulnerable, note for unknown")
fp = lambda r: r["partialFingerprints"]["amtscopeDevicePort/v1"]
check(fp(now[f"http://{net}.3:16992/"]) == fp(then[f"http://{net}.3:16992/"]), "fingerprint stable: same address")
check(fp(now[f"http://{net}.20:16992/"]) == fp(then[f"http://{net}.2:16992/"]), "fingerprint stable: moved device")

# --- CSV ---
rows_csv = list(csv.DictReader(open(f"{work}/report.csv", newline="")))
check(len(rows_csv) == len(devices), "csv rows")
check({(r["ip"], r["verdict"]) for r in rows_csv} == {(x["ip"], x["verdict"]) for x in devices}, "csv = inventory")

# --- --from-ndjson: one scan, no database ---
one = open(f"{work}/from-ndjson.html").read()
n_vuln_s2 = len({r["ip"] for r in s2 if r["verdict"] == "vulnerable"})
check(f'id="card-vuln"><span class="num">{n_vuln_s2}<' in one, "--from-ndjson vulnerable card")
print("report checks passed")
