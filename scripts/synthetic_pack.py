#!/usr/bin/env python3
"""Write a synthetic region pack with N services for benchmarks: the demo pack with its
services repeated under numbered codes (`taxi-permit-0042`), so texts, departments and blank
forms stay realistic. Usage: scripts/synthetic_pack.py N OUT_DIR (from the repository root)."""

import re
import shutil
import sys
from pathlib import Path

n, out = int(sys.argv[1]), Path(sys.argv[2])
demo = Path("regions/demo")
if out.exists():
    shutil.rmtree(out)
shutil.copytree(demo, out, ignore=shutil.ignore_patterns("tools"))
text = (demo / "catalog.yaml").read_text(encoding="utf-8")
head, services = text.split("\nservices:\n", 1)
items = ["  - code:" + item for item in services.split("  - code:")[1:]]
generated = []
for i in range(n):
    item = items[i % len(items)]
    copy = i // len(items)
    if copy:
        item = re.sub(r"^  - code: (\S+)", lambda m: f"  - code: {m.group(1)}-{copy:04d}", item, count=1)
        # Only the originals stay priority services.
        item = item.replace("    priority: true\n", "    priority: false\n")
    generated.append(item.rstrip("\n") + "\n")
(out / "catalog.yaml").write_text(head + "\nservices:\n" + "".join(generated), encoding="utf-8")
print(f"{out}: {n} services")
