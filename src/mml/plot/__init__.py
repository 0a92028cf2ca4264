"""Pictures of the mathematics, drawn with matplotlib (imported lazily, inside each function).

Every function returns the matplotlib ``Figure`` and takes ``ax=`` to draw into an existing
axes.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from mml.plot import linear_system
>>> fig = linear_system("3x + y = 9; 4x - 2y = 5")
>>> [line.get_label() for line in fig.axes[0].lines if line.get_label() != "_axis"]
['3x + y = 9', '4x - 2y = 5', 'solution (2.3, 2.1)']
"""

from mml.plot.linear_systems import linear_system

__all__ = ["linear_system"]
