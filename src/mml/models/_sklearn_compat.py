"""The one place in ``mml`` that touches scikit-learn: interoperability, never algorithms.

Two protocols make scikit-learn's own tools (``check_estimator``, ``clone``,
``cross_validate``, ``Pipeline``) treat our estimators as theirs:

- ``__sklearn_tags__`` (scikit-learn >= 1.6) must return scikit-learn's ``Tags``
  dataclass. :func:`sklearn_tags` builds it, importing scikit-learn lazily, only
  when scikit-learn itself asks.
- scikit-learn recognises an unfitted estimator (and a converted ``y``) by the
  class of the exception (warning) it raises. :func:`not_fitted_error` returns our :class:`mml.errors.NotFittedError`;
  only when scikit-learn has *already* been imported by the caller does it return a
  subclass that is also ``sklearn.exceptions.NotFittedError``. It never imports
  scikit-learn, so ``mml.models`` works without it. :func:`interoperable_warning`
  does the same for ``DataConversionWarning``.

Examples
--------
>>> err = not_fitted_error("not fitted")
>>> from mml.errors import NotFittedError
>>> isinstance(err, NotFittedError) and isinstance(err, AttributeError)
True
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any

from mml.errors import NotFittedError

__all__ = ["sklearn_tags", "not_fitted_error", "interoperable_warning"]


@lru_cache(maxsize=1)
def _combined_not_fitted_error(sklearn_class: type) -> type:
    return type("NotFittedError", (NotFittedError, sklearn_class), {"__module__": "mml.errors"})


def not_fitted_error(message: str) -> NotFittedError:
    """The NotFittedError to raise: ours, and scikit-learn's too if it is loaded."""
    exceptions = sys.modules.get("sklearn.exceptions")
    sklearn_class = getattr(exceptions, "NotFittedError", None)
    if sklearn_class is None:
        return NotFittedError(message)
    return _combined_not_fitted_error(sklearn_class)(message)


@lru_cache(maxsize=8)
def _combined_warning(ours: type, theirs: type) -> type:
    return type(ours.__name__, (ours, theirs), {"__module__": ours.__module__})


def interoperable_warning(ours: type) -> type:
    """Our warning class, or (when scikit-learn is loaded) a subclass of it and of
    scikit-learn's class of the same name, so scikit-learn's warning filters apply."""
    exceptions = sys.modules.get("sklearn.exceptions")
    theirs = getattr(exceptions, ours.__name__, None)
    if theirs is None:
        return ours
    return _combined_warning(ours, theirs)


def sklearn_tags(estimator: Any) -> Any:
    """Build scikit-learn's ``Tags`` for one of our estimators.

    The estimator describes itself with plain class attributes, read here:
    ``_estimator_type`` (``"classifier"``, ``"regressor"``, ``"clusterer"``,
    ``"density_estimator"`` or None), ``_is_transformer``, and the dictionary
    returned by ``_tag_overrides()`` whose keys are dotted tag paths such as
    ``"target_tags.multi_output"``.

    Raises
    ------
    ImportError
        If scikit-learn is not installed (only scikit-learn calls this).
    """
    from sklearn.utils import (
        ClassifierTags,
        RegressorTags,
        Tags,
        TargetTags,
        TransformerTags,
    )

    kind = getattr(estimator, "_estimator_type", None)
    tags = Tags(
        estimator_type=kind,
        target_tags=TargetTags(required=kind in ("classifier", "regressor")),
        transformer_tags=TransformerTags()
        if getattr(estimator, "_is_transformer", False)
        else None,
        classifier_tags=ClassifierTags() if kind == "classifier" else None,
        regressor_tags=RegressorTags() if kind == "regressor" else None,
    )
    for path, value in estimator._tag_overrides().items():
        *parents, leaf = path.split(".")
        target = tags
        for parent in parents:
            target = getattr(target, parent)
        setattr(target, leaf, value)
    return tags
