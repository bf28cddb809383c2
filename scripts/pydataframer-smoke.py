# Drives the simulator with DataFramer's own Python SDK (pydataframer 0.19.2), to check that the
# simulator is faithful enough for it: specs, runs (progress, files, ZIP, cancel, delete, limits)
# and evaluations. Not part of `npm test` (it needs the SDK from PyPI); run it by hand:
#
#   python3 -m venv /tmp/sdk && /tmp/sdk/bin/pip install pydataframer==0.19.2
#   DATAFRAMER_API_KEY=sim_local npm run simulator -- --port 8799 --complete-after-reads 2 &
#   DATAFRAMER_API_KEY=sim_local DATAFRAMER_BASE_URL=http://127.0.0.1:8799 /tmp/sdk/bin/python scripts/pydataframer-smoke.py
import os

from dataframer import BadRequestError, Dataframer

c = Dataframer(api_key=os.environ["DATAFRAMER_API_KEY"], base_url=os.environ["DATAFRAMER_BASE_URL"])
TERMINAL = ("SUCCEEDED", "FAILED", "CANCELED")


def wait(read):
    while True:
        job = read()
        if job.status in TERMINAL:
            return job


spec = c.dataframer.specs.create(name=f"sdk-smoke-{os.getpid()}", generation_objectives="Short product reviews")
assert wait(lambda: c.dataframer.specs.retrieve(spec.id)).status == "SUCCEEDED"
run = c.dataframer.runs.create(spec_id=spec.id, number_of_samples=5, skip_outline=True, revision_types=["conformance"])
assert run.status == "PENDING" and run.runtime_params.number_of_samples == 5
done = wait(lambda: c.dataframer.runs.retrieve(run.id))
assert done.status == "SUCCEEDED" and done.samples_completed == 5 and done.total_cost > 0
assert len(done.generated_files) == 5 and any(r.id == run.id for r in c.dataframer.runs.list())
link = c.dataframer.runs.files.download(done.generated_files[0].id, run_id=run.id)
assert link.download_url.startswith("https://")
assert c.dataframer.runs.files.download_all(run.id).download_url is None  # 202: building
assert c.dataframer.runs.files.download_all(run.id).download_url.startswith("https://")
evaluation = c.dataframer.evaluations.create(run_id=run.id)
finished = wait(lambda: c.dataframer.evaluations.retrieve(evaluation.id))
assert finished.status == "SUCCEEDED" and len(finished.sample_classifications) == 5
assert [e.id for e in c.dataframer.runs.evaluations.list(run.id)] == [evaluation.id]
other = c.dataframer.runs.create(spec_id=spec.id, number_of_samples=3)
c.dataframer.runs.cancel(other.id)
assert c.dataframer.runs.retrieve(other.id).status == "CANCELED"
try:
    c.dataframer.runs.cancel(other.id)
    raise AssertionError("a canceled run was canceled again")
except BadRequestError:
    pass
c.dataframer.runs.delete(other.id)
try:
    c.dataframer.runs.create(spec_id=spec.id, number_of_samples=20_001)
    raise AssertionError("20,001 samples were accepted")
except BadRequestError:
    pass
print("pydataframer drove the simulator: specs, runs, files, evaluations, cancel, delete: ok")
