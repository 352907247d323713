"""Keeping pandas out of a process that only needs pyarrow.

``pa.array``, ``pa.scalar`` and every compute call with a Python value ask pyarrow's pandas
shim whether the value is a pandas object, and the shim imports pandas to answer when it is
installed: about 0.2 s on every ``mapper check --csv``, which never touches a DataFrame.
`keep_pandas_out_of_pyarrow` (for command-line processes) lets the shim find pandas missing;
the array builders build from buffers and ask nothing, and the readers below look at
buffers through numpy, not through ``to_numpy`` (which asks too).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa


class _NoPandas:
    """A meta-path finder for which pandas does not exist."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is kept out of this process", name=name)


def keep_pandas_out_of_pyarrow() -> None:
    """Let pyarrow's pandas shim conclude, once, that pandas is not installed.

    Only for a process that never uses pandas with pyarrow (a ``mapper`` command): the shim
    remembers its answer, so ``to_pandas`` and ``pa.array(DataFrame)`` fail afterwards.
    ``import pandas`` itself keeps working; a process that already imported pandas is left
    alone.
    """
    import sys

    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)
    try:
        pa.scalar(0)  # the shim's first question: it tries pandas now, and fails
    finally:
        sys.meta_path.remove(blocker)


def int64_array(values: np.ndarray) -> pa.Array:
    import numpy as np
    import pyarrow as pa

    data = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])


def bool_array(values: np.ndarray) -> pa.Array:
    """A boolean mask as a pyarrow array, for kernels such as ``if_else``."""
    import pyarrow as pa

    return pa.array(values, type=pa.bool_())


def string_array(values: Sequence[str]) -> pa.Array:
    """A string array of ``values`` (no nulls)."""
    import numpy as np
    import pyarrow as pa

    encoded = [value.encode("utf-8") for value in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(item) for item in encoded], out=offsets[1:])
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(pa.string(), len(encoded), [None, pa.py_buffer(offsets), data])


def int64_values(array: pa.Array) -> np.ndarray:
    """An int64 array's values, without copying (no nulls)."""
    import numpy as np

    return np.frombuffer(array.buffers()[1], dtype=np.int64)[array.offset :][: len(array)]


def non_blank(column: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """The values of a string column that are not "" (the column itself when none is): two
    kernels on the lengths, no Python value (a length cast to bool is "not 0")."""
    import pyarrow as pa
    import pyarrow.compute as pc

    lengths = pc.binary_length(column)
    if not len(column) or pc.min(lengths).as_py() > 0:
        return column
    return column.filter(pc.cast(lengths, pa.bool_()))
