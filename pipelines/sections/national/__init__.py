"""The local and national picture: the council against England, its region and neighbours.

From the DfE's children's social work workforce statistics (read from the DfE files, not from
the review's tidy data).
"""

from __future__ import annotations

from pipelines.core.registry import SectionSpec, register_section
from pipelines.core.section_build import EXTERNAL_INPUTS, file_digests
from pipelines.sections.national.parameters import NationalParameters


def compute_figures(ctx, params, *, national=None) -> list:
    """The section's typed figures for a run: those of its result (:func:`figures.compute_figures`).

    ``national``: the DfE data when the caller has read them already (``inputs``); else the
    run's stored result is read, or built from the DfE files (none when they are not there).
    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.national import figures

    return figures.compute_figures(
        ctx.review, ctx.frames(), params, meeting=ctx.meeting, national=national, ctx=ctx
    )


def build(ctx, params):
    """The section's result (:func:`result.build`), imported lazily like :func:`compute_figures`."""
    from pipelines.sections.national import result

    return result.build(ctx, params)


def dfe_inputs(ctx) -> dict[str, str]:
    """The DfE files the result is built on, by content (part of its stored result's key).

    The files :func:`~pipelines.datasets.national.dfe.load_national` would read, with their
    SHA-256; empty when they are not there (the build then stops with that message).
    """
    from pipelines.core.errors import ConfigError
    from pipelines.datasets.national.dfe import data_folder, load_national_config

    try:
        cfg = load_national_config()
        base = data_folder(cfg)
    except ConfigError:
        return {}
    return file_digests([base / cfg.files.indicators, base / cfg.files.neighbours])


def finding_text(fig, m, pol=None, **words) -> str | None:
    """The sentence of a key finding on one of the section's figures (:mod:`.text`), or None.

    Imported lazily so that loading a review config (which reads the registry) stays light.
    """
    from pipelines.sections.national import text

    return text.finding_text(fig, m, pol, **words)


SPEC = register_section(
    SectionSpec(
        name="national",
        notebook="30_local_vs_national",
        title="Local and national picture: children's social work workforce",
        parameters=NationalParameters,
        datasets=(),
        optional_datasets=(),
        figures=(
            "dfe_turnover",
            "dfe_agency_rate",
            "dfe_vacancy_rate",
            "dfe_caseload",
            "dfe_absence",
        ),
        compute_figures=compute_figures,
        build=build,
        finding_text=finding_text,
        inputs=("national",),
        purpose=(
            "DfE national statistics: the authority against England, its region and its "
            "statistical neighbours on turnover, agency workers, vacancies, caseloads and "
            "sickness absence; counts, trends, ranks and quartile bands"
        ),
    )
)
EXTERNAL_INPUTS[SPEC.notebook] = dfe_inputs
