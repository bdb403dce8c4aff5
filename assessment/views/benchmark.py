from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from assessment.selectors.benchmarking import benchmark

from .common import visible_assessment


@login_required
def benchmark_view(request, pk: int):
    assessment = visible_assessment(request, pk)
    dims = {d["code"]: d for d in assessment.framework.content["dimensions"]}
    return render(request, "assessment/benchmark.html", {
        "assessment": assessment, "bench": benchmark(assessment=assessment), "dims": dims,
    })
