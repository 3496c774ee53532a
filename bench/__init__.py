"""Descent Lab's benchmarks: ``python -m bench`` (or ``--quick``; ``--smoke`` only proves that
everything runs). Figures are printed, never asserted; ratios are measured side by side in one
run because these machines are noisy."""
