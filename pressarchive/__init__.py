"""pressarchive: crawl provincial government news portals into a SQLite archive."""

__version__ = "0.1.0"
