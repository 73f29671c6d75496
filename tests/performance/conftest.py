"""Every performance test works in one council of 20,000 children (see ``casefile``)."""

from __future__ import annotations

import pytest
from tests.factories import LocalAuthorityFactory
from tests.performance.casefile import CHILD_POPULATION

from hearth.organisation.models import LocalAuthority


@pytest.fixture(autouse=True)
def council(db: None) -> LocalAuthority:
    return LocalAuthorityFactory(child_population=CHILD_POPULATION)
