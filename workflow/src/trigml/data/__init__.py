"""The ``data`` study: TrackML events (the challenge's CSV format, download or simulation) and their
validation against the real event 1000.

- ``trackml``: the challenge's per-event CSV format, reader/writer and the TrackML score;
- ``simulation``: a Pythia8-driven TrackML-like detector simulation writing that format.
"""
