"""Scale: the real OCI collection's examples and a synthetic 10,000-sample set infer quickly."""

from __future__ import annotations

import random
import time

import pytest

from generator.infer import infer_types
from generator.model import TypeRequest

from .support import OCI_COLLECTION, collection_requests

# Generous bounds (CPU seconds) so a loaded machine does not fail them; typical figures are in the report.
OCI_BUDGET = 2.0
SYNTHETIC_BUDGET = 10.0


def synthetic_requests(count: int, per_request: int = 50, seed: int = 7) -> list[TypeRequest]:
    """``count`` samples of resource-like objects over ``count // per_request`` use sites."""
    rng = random.Random(seed)
    states = ["ACTIVE", "CREATING", "DELETED", "FAILED"]
    requests = []
    for index in range(count // per_request):
        samples = []
        for n in range(per_request):
            sample: dict[str, object] = {
                "id": f"ocid1.thing.oc1..{rng.getrandbits(64):x}",
                "displayName": f"thing {n}",
                "lifecycleState": rng.choice(states),
                "sizeInGBs": rng.randint(0, 2**40),
                "ratio": rng.random() if n % 3 else rng.randint(0, 9),
                "timeCreated": "2020-06-22T19:48:13.717Z",
                "freeformTags": {f"k{i}": "v" for i in range(rng.randint(0, 3))},
                "items": [{"name": f"i{i}", "value": rng.randint(0, 9)} for i in range(rng.randint(0, 4))],
                "source": {"kind": "volume", "id": None if n % 5 == 0 else "ocid1"},
                "byId": {str(rng.getrandbits(32)): {"n": i} for i in range(rng.randint(0, 3))},
            }
            if n % 7:
                sample[f"field{index % 13}"] = [rng.randint(0, 9) for _ in range(3)]
            samples.append(sample)
        requests.append(TypeRequest(str(index), (f"Thing{index % 17}", f"Op{index}Response"), tuple(samples)))
    return requests


def cpu_seconds(requests: list[TypeRequest]) -> tuple[float, int]:
    start = time.process_time()
    result = infer_types(requests)
    return time.process_time() - start, len(result.models)


@pytest.mark.skipif(not OCI_COLLECTION.exists(), reason="needs /work/shared")
def test_oci_container_engine_examples() -> None:
    requests = collection_requests(OCI_COLLECTION)
    samples = sum(len(r.samples) for r in requests)
    assert samples > 100
    seconds, models = cpu_seconds(requests)
    print(f"oci: {len(requests)} sites, {samples} samples, {models} models, {seconds:.3f}s CPU")
    assert seconds < OCI_BUDGET


def test_ten_thousand_samples() -> None:
    requests = synthetic_requests(10_000)
    seconds, models = cpu_seconds(requests)
    print(f"synthetic: {len(requests)} sites, 10000 samples, {models} models, {seconds:.3f}s CPU")
    assert seconds < SYNTHETIC_BUDGET
