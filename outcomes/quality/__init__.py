"""The ministry's quality side (app label "quality"): QA samples and findings, attribution reviews, surveys,
complaints and the ombudsperson.

The job-quality index that used to live at `outcomes.quality` is now `outcomes.job_quality`; the names are still
reachable from here, lazily (importing it eagerly would load models before the app registry is ready).
"""


def __getattr__(name):
    from outcomes import job_quality

    try:
        return getattr(job_quality, name)
    except AttributeError:
        raise AttributeError(f"module 'outcomes.quality' has no attribute {name!r}") from None
