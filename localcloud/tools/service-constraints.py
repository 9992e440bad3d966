#!/usr/bin/env python3
"""Writes the input constraints localcloud checks (protocol/InputValidator) from AWS's service models.

    python3 localcloud/tools/service-constraints.py [botocore data dir]

For each service below it reads the botocore model (service-2.json, as the AWS CLI installs it) and
keeps only what the validator needs: the operations the service's README lists under
"## Supported operations", their HTTP binding, and the input shapes with a constraint somewhere
beneath them (min, max, pattern, required), without documentation. That keeps the resources
at a few kilobytes each where the models are megabytes. Run it again when a service gains an operation.
"""
import json
import pathlib
import re
import sys

DATA = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/lib/python3/dist-packages/awscli/botocore/data")
ROOT = pathlib.Path(__file__).resolve().parent.parent
SERVICES = ROOT / "src/main/java/dev/chatlab/localcloud/services"
OUT = ROOT / "src/main/resources/dev/chatlab/localcloud/protocol/constraints"

# model name -> (model version, the service package whose README lists the operations)
MODELS = {
    "lambda": ("2015-03-31", "lambda"),
    "apigateway": ("2015-07-09", "apigateway"),
    "apigatewayv2": ("2018-11-29", "apigateway"),
    "iam": ("2010-05-08", "iam"),
    "sts": ("2011-06-15", "sts"),
    "route53": ("2013-04-01", "route53"),
    "logs": ("2014-03-28", "logs"),
    "cloudformation": ("2010-05-15", "cloudformation"),
}
# Not enums: the models the AWS CLI ships lag AWS (this one lists no java21 runtime), and a
# value AWS added since would be refused.
CONSTRAINTS = ("min", "max", "pattern")
# API Gateway v2's model states its lengths in shape names only ("StringWithLengthBetween1And128").
LENGTH_IN_NAME = re.compile(r"StringWithLengthBetween(\d+)And(\d+)$")


def supported_operations(package):
    readme = (SERVICES / package / "README.md").read_text()
    section = readme.split("## Supported operations", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"\b[A-Z][A-Za-z0-9]+\b", section))


def trim(model, operations):
    shapes = model["shapes"]
    kept = {}

    def constrained(name, seen):
        """The trimmed shape, or None when nothing beneath it is constrained."""
        if name in kept:
            return kept[name]
        if name in seen:
            return None
        seen = seen | {name}
        shape = shapes[name]
        out = {"type": shape["type"]}
        for key in CONSTRAINTS:
            if key in shape:
                out[key] = shape[key]
        length = LENGTH_IN_NAME.match(name)
        if length and shape["type"] == "string":
            out.setdefault("min", int(length.group(1)))
            out.setdefault("max", int(length.group(2)))
        if shape["type"] == "structure":
            members = {}
            for member, ref in shape.get("members", {}).items():
                target = constrained(ref["shape"], seen)
                if target is not None or member in shape.get("required", []):
                    members[member] = {k: ref[k] for k in ("shape", "location", "locationName") if k in ref}
            if members:
                out["members"] = members
            if shape.get("required"):
                out["required"] = shape["required"]
            if shape.get("payload"):
                out["payload"] = shape["payload"]
        elif shape["type"] in ("list", "map"):
            for part in ("member", "key", "value"):
                if part in shape and constrained(shape[part]["shape"], seen) is not None:
                    out[part] = shape[part]["shape"]
        if len(out) == 1 and shape["type"] not in ("integer", "long"):
            return None
        kept[name] = out
        return out

    ops = {}
    for name in sorted(operations & set(model["operations"])):
        op = model["operations"][name]
        entry = {"http": [op["http"]["method"], op["http"]["requestUri"]]}
        if "input" in op and constrained(op["input"]["shape"], frozenset()) is not None:
            entry["input"] = op["input"]["shape"]
            if "locationName" in op["input"]:
                entry["root"] = op["input"]["locationName"]  # a REST-XML body's root element
        ops[name] = entry
    return {"protocol": model["metadata"]["protocol"], "operations": ops, "shapes": dict(sorted(kept.items()))}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (version, package) in MODELS.items():
        model = json.loads((DATA / name / version / "service-2.json").read_text())
        trimmed = trim(model, supported_operations(package))
        target = OUT / (name + ".json")
        target.write_text(json.dumps(trimmed, indent=1, sort_keys=True) + "\n")
        print(f"{target.relative_to(ROOT)}: {len(trimmed['operations'])} operations, {len(trimmed['shapes'])} shapes, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
