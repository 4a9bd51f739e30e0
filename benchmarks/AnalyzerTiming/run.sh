#!/usr/bin/env bash
# Times the analyzers (and the generator) on a synthetic project of 5,000 methods with ReportAnalyzer.
# Usage: bash benchmarks/AnalyzerTiming/run.sh [methods]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" "$work/Synthetic" "${1:-5000}"
cd "$work/Synthetic"
# Two builds are measured: with the compiler server (a developer's machine: the server keeps the compiler and the
# generator loaded and compiled by the JIT from one build to the next) and without it (a compiler process per build, as
# in most CI, or wherever UseSharedCompilation=false is set in the environment). Each is the second of two builds.
# Restore and a first build; its errors are shown if it fails.
dotnet build -c Release -nologo -v:q -p:UseSharedCompilation=true > first.log || { grep -E "error" first.log | sort -u | head -20; exit 1; }
for shared in true false; do
  touch Program.cs
  dotnet build -c Release -nologo --no-restore -p:UseSharedCompilation=$shared -v:q > /dev/null
  touch Program.cs
  dotnet build -c Release -nologo --no-restore -p:UseSharedCompilation=$shared -p:ReportAnalyzer=true -v:detailed -clp:PerformanceSummary > build.log
  echo "== compiler server: $shared"
  {
    grep -E "Total analyzer execution time" build.log
    grep -A5 -E "^ +[0-9.<]+ +[0-9<]+ +Trace\.Analyzers, Version" build.log
    grep -E "Total generator execution time" build.log
    grep -A1 -E "^ +[0-9.<]+ +[0-9<]+ +Trace\.Generators, Version" build.log
    grep -E "^ +[0-9]+ ms +Csc " build.log | head -1
  } | sed 's/^ *//'
done
