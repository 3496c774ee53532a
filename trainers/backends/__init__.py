"""One module per backend; each imports its framework only when a trainer is prepared."""
