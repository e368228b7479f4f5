"""Metrics layer: the indicator catalogue, its SQL compiler, evaluator, RAG rules and explain."""
