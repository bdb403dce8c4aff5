"""Helpers of the benchmarks (a package, so `make bench` does not run them)."""
