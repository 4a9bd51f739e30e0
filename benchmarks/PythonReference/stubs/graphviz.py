# Minimal stub of the third-party `graphviz` package: opto/trace/utils.py imports
# Digraph at module level; it is only used for drawing graphs, never for prompts.
class Digraph:
    def __init__(self, *args, **kwargs):
        raise RuntimeError("graphviz stub: drawing graphs is not supported here")
