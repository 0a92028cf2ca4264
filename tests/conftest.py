"""Suite-wide settings: hypothesis runs derandomized, so CI and a fresh clone see the same
examples each run (a failure found once is found again), and no example has a deadline
(the machine is shared and slow examples are not bugs)."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "mml", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("mml")
