"""Timing scripts, each printing a table of figures beside a baseline measured in the same run:
`python -m benchmarks.bench_x`, or `make bench` for all. Not part of the test suite."""
