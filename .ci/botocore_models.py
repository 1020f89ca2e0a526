"""Writes the botocore API models the tests and `cargo xtask api` read, as plain JSON.

botocore ships them gzipped inside the pinned wheel (.ci/requirements.txt); this writes
target/botocore-models/<service>.json (service-2) and <service>-examples.json (examples-1).
Run with the venv's Python: .venv/bin/python .ci/botocore_models.py
"""

import json
import pathlib

import botocore
import botocore.loaders

out = pathlib.Path(__file__).resolve().parent.parent / "target" / "botocore-models"
out.mkdir(parents=True, exist_ok=True)
loader = botocore.loaders.Loader()
for service in ("ecs", "elbv2", "iam", "ec2", "logs", "scheduler", "application-autoscaling", "efs", "ecr"):
    model = loader.load_service_model(service, "service-2")
    (out / f"{service}.json").write_text(json.dumps(model))
examples = loader.load_service_model("ecs", "examples-1")
(out / "ecs-examples.json").write_text(json.dumps(examples))
(out / "VERSION").write_text(botocore.__version__ + "\n")
