# Minimal stub of `numpy`: opto/trace/iterators.py only uses np.ndarray in an
# issubclass() check when iterating over a node; prompt construction never needs numpy.
class ndarray:  # never instantiated; no value in these graphs is an ndarray
    pass
