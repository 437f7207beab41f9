"""The local authority a review names (a DfE code, an ONS code or a name).

Checked against the DfE children's social work workforce files when they are present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.core import plugins
from pipelines.core.errors import ConfigError

__all__ = ["DFE_CODE", "ONS_CODE", "AuthorityCheck", "check_la_code"]


#: A DfE local authority code (3 digits, the ``old_la_code`` of the DfE files).
DFE_CODE = re.compile(r"^\d{3}$")
#: An ONS code of an English local authority with social care duties or a district:
#: E06 unitary, E07 district, E08 metropolitan district, E09 London borough, E10 county.
ONS_CODE = re.compile(r"^E(0[6-9]|10)\d{6}$")


@dataclass(frozen=True)
class AuthorityCheck:
    """What a review's ``la_code`` (code or name) was found to name.

    Attributes
    ----------
    asked : str
        The text as given (DfE code, ONS code or name).
    checked : bool
        True when it was resolved against the DfE children's social work workforce files; False
        when those files were not found and a well-formed code was accepted unchecked.
    name : str
        The authority's name as the DfE publishes it ("" when unchecked).
    dfe_code : str
        Its DfE code, ``"331"`` ("" when unchecked and not given as a DfE code).
    ons_code : str
        Its ONS code in the latest year with figures ("" when unchecked and not given as one).

    """

    asked: str
    checked: bool
    name: str = ""
    dfe_code: str = ""
    ons_code: str = ""

    def describe(self) -> str:
        """One line for the officer: the authority found, or that the code is unchecked."""
        if self.checked:
            return f"{self.name} (DfE code {self.dfe_code}, ONS code {self.ons_code})"
        return (
            f"{self.asked} (not checked: the DfE national files were not found; run "
            "evidence-pack fetch-national to check it)"
        )


def check_la_code(text: str) -> AuthorityCheck:
    """Resolve a local authority given as a DfE code, an ONS code or a name.

    With the DfE files present (see :func:`pipelines.datasets.national.dfe.data_folder`) the
    text is resolved by :func:`pipelines.datasets.national.resolve.resolve_authority`, the resolver
    ``evidence-pack benchmark`` uses. Without them a well-formed code (:data:`DFE_CODE`,
    :data:`ONS_CODE`) is accepted unchecked and a name is refused, since it cannot be checked.

    Raises
    ------
    ValueError
        Nothing matches (the message lists the closest published names), or the files are
        missing and the text is not a well-formed code.

    """
    asked = str(text or "").strip()
    # Through the plug-in loader, as core finds the datasets' and sections' registrations: core
    # must not import a dataset family, and the resolver belongs with the DfE reader.
    resolve = plugins.load("national")
    try:
        found = resolve.authority_of(asked)
    except ConfigError as exc:
        raise ValueError(str(exc)) from None
    if found is not None:
        return AuthorityCheck(asked, True, found.name, found.key, found.ons_code)
    if DFE_CODE.match(asked):
        return AuthorityCheck(asked, False, dfe_code=asked)
    if ONS_CODE.match(asked):
        return AuthorityCheck(asked, False, ons_code=asked)
    raise ValueError(
        f'"{asked}" is not a DfE code (3 digits, e.g. 331) or an ONS code (e.g. E08000026), '
        "and a name cannot be checked because the DfE national files were not found. Give the "
        "code, or run evidence-pack fetch-national and try again."
    )
