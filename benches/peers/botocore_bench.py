"""botocore, the code under the AWS CLI, on the benchmark documents: `json.loads` (what the CLI
does with --cli-input-json), parameter validation against the ECS model, and serialization of
the RegisterTaskDefinition request body. Prints {set: {operation: seconds per pass}} as JSON.

Usage: botocore_bench.py DOCS_DIR [--quick] [--rounds N]
"""
import json
import sys
import time
from pathlib import Path

import botocore.session
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator


def best_of(function, rounds, budget):
    """The fastest of `rounds` timings of `function`, each repeated to last ~`budget` s."""
    start = time.perf_counter()
    function()
    once = max(time.perf_counter() - start, 1e-7)
    repeat = max(1, int(budget / once))
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            function()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def main():
    docs = Path(sys.argv[1])
    quick = "--quick" in sys.argv
    budget = 0.05 if quick else 0.5
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3 if quick else 5
    model = botocore.session.get_session().get_service_model("ecs")
    operation = model.operation_model("RegisterTaskDefinition")
    validator = ParamValidator()
    serializer = create_serializer("json", include_validation=False)

    def validate(params):
        # The report is built either way; a few corpus files are skeletons botocore rejects.
        return validator.validate(params, operation.input_shape).has_errors()

    results = {}
    for path in sorted(docs.glob("*.jsonl")):
        texts = [line for line in path.read_text().splitlines() if line]
        params = [json.loads(t) for t in texts]
        results[path.stem] = {
            "parse": best_of(lambda: [json.loads(t) for t in texts], rounds, budget),
            "validate": best_of(lambda: [validate(p) for p in params], rounds, budget),
            "render": best_of(lambda: [serializer.serialize_to_request(p, operation)["body"] for p in params], rounds, budget),
            "pipeline": best_of(
                lambda: [serializer.serialize_to_request((lambda p: (validate(p), p)[1])(json.loads(t)), operation)["body"] for t in texts],
                rounds,
                budget,
            ),
        }
    print(json.dumps(results))


main()
