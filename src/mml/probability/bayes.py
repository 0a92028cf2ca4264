"""Bayes' theorem with every step named: product rule, sum rule, Bayes (book §6.3).

Examples
--------
>>> result = diagnostic_test(prior="0.01", sensitivity="0.95", specificity="0.9")
>>> result.posterior["disease"]
Fraction(19, 217)
>>> [step.rule for step in result.steps]
['product_rule', 'product_rule', 'sum_rule', 'bayes', 'bayes']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mml.errors import DomainError
from mml.probability.exact_probability import as_distribution, as_probability
from mml.steps import Derivation, MathText, Step, factor_text, fraction_latex, fraction_text

__all__ = ["BayesResult", "bayes", "diagnostic_test"]


def _percent(value: Fraction) -> str:
    return f"{float(value) * 100:.4g}%"


@dataclass(frozen=True)
class BayesResult:
    """Posterior probabilities of each hypothesis given the evidence.

    Attributes
    ----------
    posterior : dict of str to Fraction
        ``p(h | e)`` for each hypothesis ``h``.
    evidence : Fraction
        ``p(e) = Σ_h p(e | h) p(h)``, the normalising constant.
    joint : dict of str to Fraction
        ``p(e, h) = p(e | h) p(h)``.
    steps : Derivation
    """

    posterior: dict[str, Fraction]
    evidence: Fraction
    joint: dict[str, Fraction]
    steps: Derivation

    def __str__(self) -> str:
        return self.steps.render("text")

    def _repr_markdown_(self) -> str:
        return self.steps.render("markdown")


def bayes(
    prior: Mapping[str, Any], likelihood: Mapping[str, Any], evidence_name: str = "e"
) -> BayesResult:
    """Posterior ``p(h | e) = p(e | h) p(h) / p(e)`` for each hypothesis, exactly.

    Parameters
    ----------
    prior : mapping of hypothesis to probability
        ``p(h)``; must sum to 1.
    likelihood : mapping of hypothesis to probability
        ``p(e | h)`` for the observed evidence ``e``, one per hypothesis.
    evidence_name : str
        How to write the evidence in the steps (``"+"``, ``"rain"``).

    Returns
    -------
    BayesResult

    Raises
    ------
    DomainError
        For probabilities outside [0, 1], a prior that does not sum to 1, hypotheses that
        differ between prior and likelihood, or evidence of probability 0.

    Examples
    --------
    >>> r = bayes({"fair": "1/2", "loaded": "1/2"}, {"fair": "1/6", "loaded": "1/2"}, "six")
    >>> r.posterior
    {'fair': Fraction(1, 4), 'loaded': Fraction(3, 4)}
    """
    p_h = as_distribution(prior, "prior")
    if set(likelihood) != set(p_h):
        raise DomainError(
            f"likelihood must give p({evidence_name} | h) for exactly the hypotheses of the prior "
            f"{sorted(p_h)}; got {sorted(likelihood)}"
        )
    p_e_given_h = {h: as_probability(likelihood[h], f"likelihood[{h!r}]") for h in p_h}
    e = evidence_name
    derivation = Derivation(f"Bayes' theorem: p(h | {e}) for h in {{{', '.join(p_h)}}}")
    joint = {}
    for h in p_h:
        joint[h] = p_e_given_h[h] * p_h[h]
        derivation.add(
            Step(
                "product_rule",
                MathText(
                    f"p({e}, {h}) = p({e} | {h})·p({h}) = {factor_text(p_e_given_h[h])}·"
                    f"{factor_text(p_h[h])} = {fraction_text(joint[h])}",
                    rf"p({e}, \text{{{h}}}) = p({e} \mid \text{{{h}}})\,p(\text{{{h}}}) = "
                    rf"{fraction_latex(p_e_given_h[h])} \cdot {fraction_latex(p_h[h])} = "
                    rf"{fraction_latex(joint[h])}",
                ),
                data={"hypothesis": h, "value": joint[h]},
            )
        )
    evidence = sum(joint.values(), Fraction(0))
    if evidence == 0:
        raise DomainError(f"p({e}) = 0: the evidence is impossible under every hypothesis")
    derivation.add(
        Step(
            "sum_rule",
            MathText(
                f"p({e}) = Σ_h p({e}, h) = "
                + " + ".join(fraction_text(v) for v in joint.values())
                + f" = {fraction_text(evidence)}",
                rf"p({e}) = \sum_h p({e}, h) = "
                + " + ".join(fraction_latex(v) for v in joint.values())
                + f" = {fraction_latex(evidence)}",
            ),
            data={"value": evidence},
        )
    )
    posterior = {}
    for h in p_h:
        posterior[h] = joint[h] / evidence
        derivation.add(
            Step(
                "bayes",
                MathText(
                    f"p({h} | {e}) = p({e}, {h}) / p({e}) = {factor_text(joint[h])} / "
                    f"{factor_text(evidence)} = {fraction_text(posterior[h])} "
                    f"≈ {_percent(posterior[h])}",
                    rf"p(\text{{{h}}} \mid {e}) = \frac{{p({e}, \text{{{h}}})}}{{p({e})}} = "
                    rf"{fraction_latex(posterior[h])} \approx {float(posterior[h]):.4g}",
                ),
                data={"hypothesis": h, "value": posterior[h]},
            )
        )
    derivation.result = ", ".join(
        f"p({h} | {e}) = {fraction_text(v)}" for h, v in posterior.items()
    )
    return BayesResult(posterior, evidence, joint, derivation)


def diagnostic_test(
    prior: Any, sensitivity: Any, specificity: Any, result: str = "positive"
) -> BayesResult:
    """The disease-test problem: p(disease | test result) from prevalence and test accuracy.

    ``sensitivity = p(+ | disease)`` and ``specificity = p(− | healthy)``, so
    ``p(+ | healthy) = 1 − specificity``.

    Parameters
    ----------
    prior : probability
        The prevalence ``p(disease)``.
    sensitivity, specificity : probability
    result : {"positive", "negative"}

    Raises
    ------
    DomainError
        For probabilities outside [0, 1] or an unknown result.

    Examples
    --------
    >>> r = diagnostic_test(prior=0.01, sensitivity=0.95, specificity=0.9, result="negative")
    >>> r.posterior["disease"]
    Fraction(1, 1783)
    """
    p_disease = as_probability(prior, "prior")
    sens = as_probability(sensitivity, "sensitivity")
    spec = as_probability(specificity, "specificity")
    if result not in ("positive", "negative"):
        raise DomainError(f"result must be 'positive' or 'negative'; got {result!r}")
    likelihood = (
        {"disease": sens, "healthy": 1 - spec}
        if result == "positive"
        else {"disease": 1 - sens, "healthy": spec}
    )
    evidence = "+" if result == "positive" else "−"
    outcome = bayes({"disease": p_disease, "healthy": 1 - p_disease}, likelihood, evidence)
    outcome.steps.title = (
        f"Bayes' theorem for a {result} test: prevalence {fraction_text(p_disease)}, "
        f"sensitivity {fraction_text(sens)}, specificity {fraction_text(spec)}"
    )
    outcome.steps.conclusion.append(
        f"Of everyone who tests {result}, about {_percent(outcome.posterior['disease'])} have the "
        "disease: the prior matters as much as the test."
    )
    return outcome
