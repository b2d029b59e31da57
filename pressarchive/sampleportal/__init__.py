"""A Liferay-style sample provincial portal served on loopback (tests and ``demo``)."""

from .portal import Fault, Portal, build_portal
from .server import PortalServer
from .spec import REFERENCE_TITLE, ArticleSpec, SectionSpec

__all__ = ["REFERENCE_TITLE", "ArticleSpec", "Fault", "Portal", "PortalServer", "SectionSpec",
           "build_portal"]
