"""trigml.data.inputs: the lists the data rules use."""

from trigml import patterns
from trigml.data import inputs


def config(local=None):
    return {"data": {"trackml": {"events": [1000, 7], "local_dir": local}}}


def test_event_csvs_and_dir():
    files = inputs.event_csvs(config())
    assert len(files) == 8 and files[0] == patterns.data.trackml_event(event="000001000", part="hits")
    assert files[-1].endswith("event000000007-truth.csv")
    assert all(f.startswith(inputs.events_dir() + "/") for f in files)


def test_local_source():
    assert inputs.local_source(config("data/x.zip"), "/repo") == "/repo/data/x.zip"
    assert inputs.local_source(config("/abs/x.zip"), "/repo") == "/abs/x.zip"
    assert inputs.local_source(config(None), "/repo") == "MISSING: set data.trackml.local_dir"


def test_output_dir():
    assert inputs.output_dir(None, ["results/data/trackml/events/event000001000-hits.csv"]) == (
        "results/data/trackml/events"
    )
