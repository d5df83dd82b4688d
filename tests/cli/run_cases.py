#!/usr/bin/env python3
"""Runs the CLI end-to-end cases kept as data: tests/cli/**/*.case.

A case file holds 'key: value' lines (blank lines and '#' comments ignored):
  args: geocode --format csv Torkham      the command line (shell-quoted), required
  stdin: path                             file fed to stdin, relative to the case
  env: NAME=VALUE                         extra environment (repeatable)
  setup: frontiermap args...              a command run first, must exit 0 (repeatable)
  exit: 0                                 expected exit code (default 0)
  stdout-contains: text                   (repeatable) substring of stdout
  stdout-not-contains: text               (repeatable)
  stdout-matches: regex                   (repeatable) re.search on stdout
  stdout-lines: N                         number of stdout lines
  stderr-contains: text                   (repeatable)
  stderr-matches: regex                   (repeatable)
  stderr-empty: yes
  stdout-is: path                         stdout must equal this file byte for byte
                                          (relative to the case; a diff is shown)
  stderr-is: path                         the same for stderr
  copy: path name                         copies a file (relative to the case) to
                                          {tmp}/name before the setup (repeatable)
  file-exists: path                       a file the command must create, relative to {tmp}
  file-absent: path
  file-contains: path text                a file of the command's holds the text
  file-not-contains: path text            (repeatable; path has no spaces)
{tmp} in any value is a fresh scratch directory (also the working directory),
{src} is tests/cli. The environment is pinned: FRONTIERMAP_DB unset, HOME={tmp}.
Usage: run_cases.py FRONTIERMAP_BINARY CASE_DIR [NAME_FILTER]
(CTest runs one folder at a time: NAME_FILTER "/where/".)
"""
import difflib, glob, os, re, shlex, shutil, subprocess, sys, tempfile

REPEATABLE = {"env", "setup", "stdout-contains", "stdout-not-contains", "stdout-matches",
              "stderr-contains", "stderr-matches", "file-exists", "file-absent", "copy",
              "file-contains", "file-not-contains"}


def parse(path):
    case = {k: [] for k in REPEATABLE}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, val = line.partition(": ")
            if not sep:
                key, val = line.rstrip(":"), ""
            if key in REPEATABLE:
                case[key].append(val)
            elif key in ("args", "stdin", "exit", "stdout-lines", "stderr-empty", "timeout",
                         "stdout-is", "stderr-is"):
                case[key] = val
            else:
                raise SystemExit(f"{path}:{n}: unknown key '{key}'")
    if "args" not in case:
        raise SystemExit(f"{path}: no 'args:' line")
    return case


def run_case(binary, path, srcdir):
    case = parse(path)
    failures = []
    with tempfile.TemporaryDirectory(prefix="fmcase") as tmp:
        sub = lambda s: s.replace("{tmp}", tmp).replace("{src}", srcdir)
        env = {k: v for k, v in os.environ.items() if k != "FRONTIERMAP_DB"}
        env["HOME"] = tmp
        for e in case["env"]:
            k, _, v = sub(e).partition("=")
            env[k] = v
        timeout = float(case.get("timeout", "120"))
        here = os.path.dirname(path)
        for c in case["copy"]:
            src, _, name = sub(c).partition(" ")
            shutil.copyfile(os.path.join(here, src), os.path.join(tmp, name or os.path.basename(src)))
        for s in case["setup"]:
            r = subprocess.run([binary] + shlex.split(sub(s)), cwd=tmp, env=env,
                               capture_output=True, timeout=timeout)
            if r.returncode != 0:
                return [f"setup '{s}' exited {r.returncode}: {r.stderr.decode(errors='replace')}"]
        stdin = open(os.path.join(os.path.dirname(path), case["stdin"]), "rb") \
            if "stdin" in case else subprocess.DEVNULL
        try:
            r = subprocess.run([binary] + shlex.split(sub(case["args"])), cwd=tmp, env=env,
                               stdin=stdin, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return [f"timed out after {timeout}s"]
        out = r.stdout.decode("utf-8", errors="replace")
        err = r.stderr.decode("utf-8", errors="replace")
        want = int(case.get("exit", "0"))
        if r.returncode != want:
            failures.append(f"exit {r.returncode}, expected {want}")
        if r.returncode < 0 or "runtime error" in err or "AddressSanitizer" in err:
            failures.append("crashed or sanitizer report")
        for t in case["stdout-contains"]:
            if sub(t) not in out:
                failures.append(f"stdout lacks {t!r}")
        for t in case["stdout-not-contains"]:
            if sub(t) in out:
                failures.append(f"stdout has {t!r}")
        for t in case["stdout-matches"]:
            if not re.search(sub(t), out, re.M):
                failures.append(f"stdout does not match /{t}/")
        if "stdout-lines" in case and len(out.splitlines()) != int(case["stdout-lines"]):
            failures.append(f"stdout has {len(out.splitlines())} lines, expected {case['stdout-lines']}")
        for t in case["stderr-contains"]:
            if sub(t) not in err:
                failures.append(f"stderr lacks {t!r}")
        for t in case["stderr-matches"]:
            if not re.search(sub(t), err, re.M):
                failures.append(f"stderr does not match /{t}/")
        if case.get("stderr-empty") == "yes" and err.strip():
            failures.append("stderr not empty")
        for key, text in (("stdout-is", out), ("stderr-is", err)):
            if key in case:
                with open(os.path.join(here, case[key]), encoding="utf-8") as f:
                    want_text = sub(f.read())
                if text != want_text:
                    diff = difflib.unified_diff(want_text.splitlines(True), text.splitlines(True),
                                                case[key], "actual", n=1)
                    failures.append(f"{key.split('-')[0]} differs from {case[key]}:\n" +
                                    "".join(list(diff)[:60]))
        for p in case["file-exists"]:
            if not os.path.exists(os.path.join(tmp, sub(p))):
                failures.append(f"file {p} was not created")
        for p in case["file-absent"]:
            if os.path.exists(os.path.join(tmp, sub(p))):
                failures.append(f"file {p} exists")
        for key in ("file-contains", "file-not-contains"):
            for v in case[key]:
                p, text = v.split(" ", 1)
                try:
                    body = open(os.path.join(tmp, sub(p)), encoding="utf-8").read()
                except OSError as e:
                    failures.append(f"file {p}: {e}")
                    continue
                if (text in body) != (key == "file-contains"):
                    failures.append(f"file {p} {'lacks' if key == 'file-contains' else 'holds'} '{text}'")
        if failures:
            failures.append("stdout: " + out[:2000])
            failures.append("stderr: " + err[:2000])
    return failures


def main():
    binary, srcdir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    pattern = sys.argv[3] if len(sys.argv) > 3 else ""
    cases = sorted(glob.glob(os.path.join(srcdir, "**", "*.case"), recursive=True))
    cases = [c for c in cases if pattern in "/" + os.path.relpath(c, srcdir)]
    failed = 0
    for c in cases:
        name = os.path.relpath(c, srcdir)
        fails = run_case(binary, c, srcdir)
        print(("FAIL " if fails else "ok   ") + name)
        for f in fails:
            print("     " + f.replace("\n", "\n     "))
        failed += bool(fails)
    print(f"{len(cases)} cases, {failed} failed")
    sys.exit(1 if failed or not cases else 0)


if __name__ == "__main__":
    main()
