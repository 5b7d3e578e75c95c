#!/usr/bin/env bash
# nmap 7.93 against the emulator: http-vuln-cve2017-5689 says VULNERABLE for a
# vulnerable host and nothing for a patched one; -sV names Intel Active
# Management Technology with the right version (docs/protocol.md §1.5, §2.11).
source "$(dirname "$0")/emulate_lib.sh"
need nmap
VULN=$(random_addr); PATCHED=$(random_addr); NEW=$(random_addr)
start_emu vuln --listen "$VULN" --ports 16992 --firmware 7.1.91 --mode vulnerable
start_emu patched --listen "$PATCHED" --ports 16992 --firmware 7.1.91.3272 --mode patched
start_emu new --listen "$NEW" --ports 16992 --firmware 11.0.25.3001 --mode patched

nmap -n -Pn -p 16992 --script http-vuln-cve2017-5689 "$VULN" > "$WORK/vuln.txt" 2>&1
cat "$WORK/vuln.txt"
grep -q "State: VULNERABLE" "$WORK/vuln.txt" || fail "nmap did not report the vulnerable host"
grep -q "CVE:CVE-2017-5689" "$WORK/vuln.txt" || fail "no CVE id in nmap output"

nmap -n -Pn -p 16992 --script http-vuln-cve2017-5689 "$PATCHED" > "$WORK/patched.txt" 2>&1
cat "$WORK/patched.txt"
grep -q "16992/tcp open" "$WORK/patched.txt" || fail "patched host not scanned"
if grep -q "VULNERABLE" "$WORK/patched.txt"; then fail "nmap reported the patched host"; fi

nmap -n -Pn -sV -p 16992 "$VULN" > "$WORK/sv.txt" 2>&1
cat "$WORK/sv.txt"
grep -q "Intel Active Management Technology.* 7\.1\.91" "$WORK/sv.txt" || fail "-sV did not name AMT 7.1.91"

# Newer firmware answers 302 with an absolute Location (nmap's anchored 302 match).
nmap -n -Pn -sV -p 16992 "$NEW" > "$WORK/sv-new.txt" 2>&1
cat "$WORK/sv-new.txt"
grep -q "Intel Active Management Technology.* 11\.0\.25" "$WORK/sv-new.txt" || fail "-sV did not name AMT 11.0.25"
echo PASS
