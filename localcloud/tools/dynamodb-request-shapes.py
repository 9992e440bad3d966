#!/usr/bin/env python3
"""Writes the request shapes of DynamoDB's service model (botocore's service-2.json) as the
compact file localcloud validates requests with (RequestShapes.java): for each operation
localcloud serves, its input shape; for each shape reachable from those, its type and its
constraints (required members, min/max, pattern, enum), without the documentation.

Regenerate when the model changes:
    python3 localcloud/tools/dynamodb-request-shapes.py \
        /usr/lib/python3/dist-packages/awscli/botocore/data/dynamodb/2012-08-10/service-2.json \
        > localcloud/src/main/resources/dev/chatlab/localcloud/services/dynamodb/validation/request-shapes.json
"""
import json
import sys

OPERATIONS = ["CreateTable", "DescribeTable", "ListTables", "UpdateTable", "DeleteTable",
              "TagResource", "UntagResource", "ListTagsOfResource", "DescribeTimeToLive",
              "UpdateTimeToLive", "PutItem", "GetItem", "UpdateItem", "DeleteItem",
              "BatchGetItem", "BatchWriteItem", "Query", "Scan", "TransactWriteItems",
              "TransactGetItems"]
KEPT = ("type", "required", "min", "max", "pattern", "enum")


def main(path):
    model = json.load(open(path))
    shapes = model["shapes"]
    kept = {}

    def visit(name):
        if name in kept:
            return
        shape = shapes[name]
        compact = {key: shape[key] for key in KEPT if key in shape}
        kept[name] = compact
        if shape["type"] == "structure":
            compact["members"] = {member: spec["shape"] for member, spec in shape["members"].items()}
            for spec in shape["members"].values():
                visit(spec["shape"])
        elif shape["type"] == "list":
            compact["member"] = shape["member"]["shape"]
            visit(shape["member"]["shape"])
        elif shape["type"] == "map":
            compact["key"] = shape["key"]["shape"]
            compact["value"] = shape["value"]["shape"]
            visit(shape["key"]["shape"])
            visit(shape["value"]["shape"])

    operations = {}
    for operation in OPERATIONS:
        input_shape = model["operations"][operation]["input"]["shape"]
        operations[operation] = input_shape
        visit(input_shape)
    json.dump({"source": "botocore dynamodb 2012-08-10 service-2.json (Apache-2.0)",
               "operations": operations, "shapes": dict(sorted(kept.items()))},
              sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
