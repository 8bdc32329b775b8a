#!/usr/bin/env python3
"""Fails when any NuGet package in the restore graph is under the AGPL.

Reads every project's obj/project.assets.json (written by `dotnet restore`), so transitive packages
count too, and each package's .nuspec in the restored package folder: its licence expression, its
licence URL, or (type="file") the licence file it ships. A project without an assets file, a package
whose .nuspec is missing, or a graph of no packages at all fails too: the check never passes unread.

Usage: python3 tests/check-licences.py PROJECT.csproj...   (after a restore)
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

AGPL = re.compile(r"\bAGPL|Affero", re.IGNORECASE)


def nuspec_licence(folder):
    nuspecs = [f for f in os.listdir(folder) if f.endswith(".nuspec")] if os.path.isdir(folder) else []
    if not nuspecs:
        return None
    metadata = next(e for e in ET.parse(os.path.join(folder, nuspecs[0])).getroot() if e.tag.endswith("metadata"))
    texts = []
    for element in metadata:
        tag = element.tag.split("}")[-1]
        if tag == "license":
            value = (element.text or "").strip()
            if element.get("type") == "file":
                path = os.path.join(folder, value)
                texts.append(f"file {value}: " + (open(path, encoding="utf-8", errors="replace").read(4000) if os.path.isfile(path) else "(missing)"))
            else:
                texts.append(value)
        elif tag == "licenseUrl":
            texts.append((element.text or "").strip())
    return " | ".join(texts) or "(none given)"


def main(projects):
    if not projects:
        sys.exit("check-licences: name the projects to check")
    problems, packages = [], {}
    for project in projects:
        assets = os.path.join(os.path.dirname(os.path.abspath(project)), "obj", "project.assets.json")
        if not os.path.isfile(assets):
            problems.append(f"{project}: no obj/project.assets.json (restore first)")
            continue
        data = json.load(open(assets, encoding="utf-8"))
        roots = list(data.get("packageFolders", {}))
        for name, library in data.get("libraries", {}).items():
            if library.get("type") != "package":
                continue
            folder = next((os.path.join(root, library["path"]) for root in roots if os.path.isdir(os.path.join(root, library["path"]))), None)
            packages.setdefault(name, (project, folder))
    for name, (project, folder) in sorted(packages.items()):
        licence = nuspec_licence(folder) if folder else None
        if licence is None:
            problems.append(f"{name} (in {project}): its .nuspec was not found in the package folders")
        elif AGPL.search(licence):
            problems.append(f"{name} (in {project}) is AGPL: {licence[:200]}")
    if not packages:
        problems.append("no packages found in the restore graph: nothing was checked")
    if problems:
        print("Licence check FAILED:", *problems, sep="\n  ", file=sys.stderr)
        sys.exit(1)
    print(f"Licence check: {len(packages)} packages in {len(projects)} projects, none AGPL.")


if __name__ == "__main__":
    main(sys.argv[1:])
