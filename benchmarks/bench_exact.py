"""Issue 2 (foundation) benchmarks.

- ``exact.rref`` with steps recorded vs SymPy's ``Matrix.rref()`` (which records none), on
  random integer matrices of size 4, 8 and 12: target ratio ≤ 1.
- ``mml solve "..."`` as a whole process vs a script that imports SymPy and calls ``linsolve``
  on the same system: target ≤ 0.5 (at least 2× faster).
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from benchmarks.harness import Row, compare

LECTURE_SYSTEM = "2x + 4y - z = 5; 7x - 2y + 3z = 6; 9x + 2y + 2z = 11"

SYMPY_SCRIPT = """
import sympy
x, y, z = sympy.symbols("x y z")
equations = [2*x + 4*y - z - 5, 7*x - 2*y + 3*z - 6, 9*x + 2*y + 2*z - 11]
print(sympy.linsolve(equations, [x, y, z]))
"""


def _rref_rows(quick: bool) -> list[Row]:
    import sympy

    from mml.exact import rref

    rows = []
    rng = np.random.default_rng(0)
    for n in (4, 8, 12):
        A = rng.integers(-9, 10, size=(n, n)).tolist()

        def ours(A=A):
            result = rref(A)
            _ = result.steps[-1].after  # materialise the final state too, as a reader would
            return result

        def reference(A=A):
            return sympy.Matrix(A).rref()

        rows.append(
            compare(
                "exact.rref (with steps)",
                f"{n}×{n}",
                ours,
                reference,
                "sympy.Matrix.rref",
                target=1.0,
                repeat=3 if quick else 15,
                number=3,
            )
        )
    return rows


def _process_rows(quick: bool) -> list[Row]:
    mml_command = [sys.executable, "-m", "mml.cli", "solve", LECTURE_SYSTEM]
    sympy_command = [sys.executable, "-c", SYMPY_SCRIPT]

    def ours():
        subprocess.run(mml_command, check=True, capture_output=True)

    def reference():
        subprocess.run(sympy_command, check=True, capture_output=True)

    return [
        compare(
            "`mml solve` whole process",
            "3×3 (lecture P3)",
            ours,
            reference,
            "python -c 'sympy.linsolve'",
            target=0.5,
            repeat=3 if quick else 7,
        )
    ]


def run(quick: bool = False) -> list[Row]:
    return _rref_rows(quick) + _process_rows(quick)
