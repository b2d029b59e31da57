"""Site profiles: one TOML file a portal, on top of an optional platform definition.

A profile is data, not code: where a portal's sections are, how its lists paginate and
which selectors give its fields. ``sites/platforms/<platform>.toml`` carries the defaults
shared by every portal on one CMS; a site's own keys override them. Loading validates
every key and names the file and key of any mistake.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

# importlib.resources: profiles load from an installed package, a checkout, or a zipped
# egg (scrapyd runs the spider from one).
SITES_DIR: Any = resources.files("pressarchive") / "sites"
PLATFORMS_DIR: Any = SITES_DIR / "platforms"

# Rule lists: each rule is a CSS selector (parsel, ``::text``/``::attr()`` allowed) or an
# XPath expression (starting with "/", "./" or "(").
RULE_FIELDS = ("title", "published", "author", "lead", "body", "category", "byline")

_SECTION_KEYS = {"name": str, "path": str}
_POLITENESS_KEYS = {"download_delay": (int, float), "concurrency": int, "autothrottle": bool}
_DISCOVERY_KEYS = {
    "article_links": list, "list_dates": list, "next_page": list,
    "article_url_pattern": str, "max_list_pages": int,
    # Feeds and sitemaps: explicit paths/URLs, or auto-discovery (<link rel=alternate> in
    # list pages; robots.txt Sitemap: lines and /sitemap.xml). Generic mode turns both on.
    "feeds": list, "sitemaps": list, "find_feeds": bool, "use_sitemaps": bool,
}
_FIELDS_KEYS = dict.fromkeys(RULE_FIELDS, list)
_CLEANUP_KEYS = {"remove": list, "chrome_phrases": list, "title_reject": list}
_TOP_KEYS: dict[str, Any] = {
    "name": str, "title": str, "platform": str, "base_url": str, "province": str,
    "language": str, "enabled": bool, "verified": bool, "allowed_domains": list,
    "sections": list, "date_formats": list, "description": str, "source": str,
    "politeness": dict, "discovery": dict, "fields": dict, "cleanup": dict,
    "former_domains": list,
}
# A merged province's old portal (``[[former_domains]]``): its own host, platform and rules.
_FORMER_KEYS: dict[str, Any] = {
    "domain": str, "base_url": str, "platform": str, "title": str, "date_formats": list,
    "sections": list, "discovery": dict, "fields": dict, "cleanup": dict,
}
_TABLES = {
    "politeness": _POLITENESS_KEYS, "discovery": _DISCOVERY_KEYS,
    "fields": _FIELDS_KEYS, "cleanup": _CLEANUP_KEYS,
}
_PLATFORM_ONLY_FORBIDDEN = ("base_url", "sections", "former_domains")


class ProfileError(ValueError):
    """A profile file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Section:
    name: str
    path: str


@dataclass
class Profile:
    """A merged (platform + site) profile."""

    name: str
    title: str
    base_url: str
    sections: list[Section]
    platform: str | None = None
    province: str | None = None
    language: str = "vi"
    enabled: bool = True
    verified: bool = True
    allowed_domains: list[str] = field(default_factory=list)
    date_formats: list[str] = field(default_factory=list)
    politeness: dict[str, Any] = field(default_factory=dict)
    discovery: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, list[str]] = field(default_factory=dict)
    cleanup: dict[str, list[str]] = field(default_factory=dict)
    path: Any = None  # the file it was loaded from (a Path, or a resource in an egg)
    home: str = ""  # the canonical base URL articles are stored under (base_url before
    # any --base-url rebasing; "" means base_url)
    former: list[Profile] = field(default_factory=list)  # old portals (former_domains),
    # each a profile of this name on its own host with its own platform and rules

    def rules(self, name: str) -> list[str]:
        return list(self.fields.get(name, []))

    def rebased(self, base_url: str) -> Profile:
        """The same profile on another host (mirror, moved domain, test server)."""
        base_url = _check_url(base_url, "--base-url", "base_url")
        host = urlsplit(base_url).hostname or ""
        clone = Profile(**{**self.__dict__})
        clone.home = self.canonical_base
        clone.base_url = base_url
        clone.allowed_domains = [host]
        return clone

    @property
    def canonical_base(self) -> str:
        """The base URL of the archive's identity: the profile's own, whatever host the
        pages were fetched from."""
        return self.home or self.base_url

    def canonical_url(self, url: str) -> str:
        """A fetched URL under the profile's canonical base (the same URL when the
        profile is not rebased, or the URL is on another host)."""
        return rehost(url, self.base_url, self.canonical_base)

    def fetch_url(self, url: str) -> str:
        """A stored (canonical) URL on the host this run fetches from."""
        return rehost(url, self.canonical_base, self.base_url)

    def section_urls(self) -> list[tuple[Section, str]]:
        return [(s, self.base_url + s.path if s.path.startswith("/") else s.path)
                for s in self.sections]

    def rules_for(self, url: str) -> Profile:
        """The profile whose rules fit ``url``: the former domain's that covers it (the
        most specific, if several), else this one."""
        return max((p for p in self.former if p.matches_url(url)),
                   key=lambda p: max(len(d) for d in p.allowed_domains), default=self)

    def matches_url(self, url: str) -> bool:
        """Is ``url`` an http(s) URL on one of the profile's domains? (A ``file://`` URL
        naming an allowed host is not on-site: it would read the crawler's own disk.)"""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            return False
        host = (parts.hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def rehost(url: str, source: str, target: str) -> str:
    """``url`` moved from base URL ``source`` to base URL ``target``: the same path and
    query on the other scheme and host (and base path). URLs elsewhere are unchanged."""
    if source == target:
        return url
    src, dst, parts = urlsplit(source), urlsplit(target), urlsplit(url)
    if (parts.scheme.lower(), parts.netloc.lower()) != (src.scheme.lower(), src.netloc.lower()):
        return url
    path, prefix = parts.path, src.path.rstrip("/")
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix):]
    path = dst.path.rstrip("/") + (path or "/")
    return urlunsplit((dst.scheme, dst.netloc, path, parts.query, parts.fragment))


def _check_url(value: str, where: str, key: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProfileError(f"{where}: key '{key}' must be an http(s) URL, got {value!r}")
    return value.rstrip("/")


def _toml_files(folder: Any) -> dict[str, Any]:
    """name -> file of every ``*.toml`` in a folder (a Path or an importlib Traversable)."""
    if not folder.is_dir():
        return {}
    return {f.name.removesuffix(".toml"): f for f in folder.iterdir()
            if f.name.endswith(".toml") and f.is_file()}


def _read_toml(path: Any) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read: {exc}") from exc


def _type_name(expected: Any) -> str:
    if isinstance(expected, tuple):
        return " or ".join(t.__name__ for t in expected)
    return {str: "string", list: "list", dict: "table", int: "integer", bool: "boolean"}.get(
        expected, expected.__name__)


def _validate(data: dict[str, Any], path: Path, *, platform: bool) -> None:
    for key, value in data.items():
        if key not in _TOP_KEYS:
            raise ProfileError(f"{path}: unknown key '{key}'")
        expected = _TOP_KEYS[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ProfileError(f"{path}: key '{key}' must be a {_type_name(expected)}")
        if platform and key in _PLATFORM_ONLY_FORBIDDEN:
            raise ProfileError(f"{path}: key '{key}' belongs in a site profile, not a platform")
        if key in _TABLES:
            for sub, subvalue in value.items():
                allowed = _TABLES[key]
                if sub not in allowed:
                    raise ProfileError(f"{path}: unknown key '{key}.{sub}'")
                want = allowed[sub]
                if not isinstance(subvalue, want) or isinstance(subvalue, bool) != (want is bool):
                    raise ProfileError(
                        f"{path}: key '{key}.{sub}' must be a {_type_name(want)}")
                if want is list and not all(isinstance(v, str) for v in subvalue):
                    raise ProfileError(f"{path}: key '{key}.{sub}' must be a list of strings")
    if "discovery" in data and "article_url_pattern" in data["discovery"]:
        try:
            re.compile(data["discovery"]["article_url_pattern"])
        except re.error as exc:
            raise ProfileError(
                f"{path}: key 'discovery.article_url_pattern' is not a valid regex: {exc}"
            ) from exc
    for i, section in enumerate(data.get("sections", [])):
        where = f"{path}: key 'sections[{i}]"
        if not isinstance(section, dict):
            raise ProfileError(f"{where}' must be a table with name and path")
        for sub in section:
            if sub not in _SECTION_KEYS:
                raise ProfileError(f"{where}.{sub}' is unknown")
        for sub in _SECTION_KEYS:
            if not isinstance(section.get(sub), str) or not section[sub].strip():
                raise ProfileError(f"{where}.{sub}' is missing or not a string")


def _validate_former(entries: list[Any], path: Path) -> None:
    for i, entry in enumerate(entries):
        where = f"{path}: key 'former_domains[{i}]"
        if not isinstance(entry, dict):
            raise ProfileError(f"{where}' must be a table with at least a domain")
        for key, value in entry.items():
            if key not in _FORMER_KEYS:
                raise ProfileError(f"{where}.{key}' is unknown")
            if not isinstance(value, _FORMER_KEYS[key]):
                raise ProfileError(f"{where}.{key}' must be a {_type_name(_FORMER_KEYS[key])}")
        if not entry.get("domain", "").strip():
            raise ProfileError(f"{where}.domain' is missing")
        _validate({k: v for k, v in entry.items()
                   if k in _TABLES or k in ("date_formats", "sections")},
                  Path(f"{path} former_domains[{i}]"), platform=False)


def _former_profile(entry: dict[str, Any], parent: dict[str, Any], path: Any) -> Profile:
    """The profile of one former domain: the site's name, the old host, its platform's
    defaults under its own keys (nothing inherited from the site's current rules)."""
    domain = entry["domain"].strip().lower()
    merged = _merge(load_platform(entry["platform"], path), entry) if "platform" in entry \
        else entry
    base_url = _check_url(entry.get("base_url", f"https://{domain}"), str(path),
                          "former_domains.base_url")
    return Profile(
        name=parent["name"], title=entry.get("title", parent["title"]), base_url=base_url,
        sections=[Section(x["name"].strip(), x["path"].strip())
                  for x in entry.get("sections", [])], platform=entry.get("platform"),
        province=parent.get("province"),
        language=parent.get("language", "vi"), allowed_domains=[domain],
        date_formats=list(merged.get("date_formats", [])),
        discovery=dict(merged.get("discovery", {})),
        fields={k: list(v) for k, v in merged.get("fields", {}).items()},
        cleanup={k: list(v) for k, v in merged.get("cleanup", {}).items()}, path=path)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def load_platform(name: str, where: Path) -> dict[str, Any]:
    platforms = _toml_files(PLATFORMS_DIR)
    if name not in platforms:
        known = ", ".join(sorted(platforms))
        raise ProfileError(f"{where}: key 'platform': unknown platform {name!r} (known: {known})")
    path = platforms[name]
    data = _read_toml(path)
    _validate(data, path, platform=True)
    return data


def load_profile_file(path: str | Path | Any) -> Profile:
    """Load, validate and merge one site profile file."""
    path = Path(path) if isinstance(path, str) else path
    data = _read_toml(path)
    _validate(data, path, platform=False)
    for key in ("name", "title", "base_url", "sections"):
        if key not in data:
            raise ProfileError(f"{path}: missing key '{key}'")
    if not data["sections"]:
        raise ProfileError(f"{path}: key 'sections' needs at least one section")
    if data["name"] != path.name.removesuffix(".toml"):
        raise ProfileError(f"{path}: key 'name' is {data['name']!r} but the file is {path.name}")
    _validate_former(data.get("former_domains", []), path)
    merged = _merge(load_platform(data["platform"], path), data) if "platform" in data else data
    base_url = _check_url(merged["base_url"], str(path), "base_url")
    host = urlsplit(base_url).hostname or ""
    return Profile(
        name=merged["name"],
        title=merged["title"],
        base_url=base_url,
        sections=[Section(s["name"].strip(), s["path"].strip()) for s in merged["sections"]],
        platform=data.get("platform"),
        province=merged.get("province"),
        language=merged.get("language", "vi"),
        enabled=merged.get("enabled", True),
        verified=merged.get("verified", True),
        allowed_domains=[d.lower() for d in merged.get("allowed_domains") or [host]],
        date_formats=list(merged.get("date_formats", [])),
        politeness=dict(merged.get("politeness", {})),
        discovery=dict(merged.get("discovery", {})),
        fields={k: list(v) for k, v in merged.get("fields", {}).items()},
        cleanup={k: list(v) for k, v in merged.get("cleanup", {}).items()},
        path=path,
        former=[_former_profile(e, merged, path) for e in data.get("former_domains", [])],
    )


def sites_dirs() -> list[Any]:
    """Where profiles live: ``$PRESSARCHIVE_SITES`` (``:``-separated folders of your own
    profiles, searched first), then the bundled ``pressarchive/sites``."""
    extra = [Path(p) for p in os.environ.get("PRESSARCHIVE_SITES", "").split(os.pathsep) if p]
    return [*extra, SITES_DIR]


def _profile_paths() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for folder in reversed(sites_dirs()):  # earlier folders win
        paths.update(_toml_files(folder))
    return paths


def profile_names() -> list[str]:
    return sorted(_profile_paths())


def load_profile(name: str) -> Profile:
    """Load the profile called ``name``; an unknown name raises KeyError."""
    path = _profile_paths().get(name)
    if path is None:
        raise KeyError(name)
    return load_profile_file(path)


def load_all() -> list[Profile]:
    return [load_profile_file(path) for _, path in sorted(_profile_paths().items())]


def profile_for_url(url: str) -> Profile | None:
    """The profile whose domains cover ``url``, if any."""
    for profile in load_all():
        if profile.matches_url(url):
            return profile
    return None


def generic_profile(url: str, owner: Profile | None = None) -> Profile:
    """A profile for a portal nobody has described yet: one list page, generic rules.
    Under the name of ``owner`` (the profile whose domain covers ``url``), if given."""
    url = _check_url(url, "URL", "url")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    base = f"{parts.scheme}://{parts.netloc}"
    start = url[len(base):] or "/"
    return Profile(
        name=owner.name if owner else host.removeprefix("www."),
        home=owner.canonical_base if owner else "",
        title=host,
        base_url=base,
        sections=[Section(name=start, path=start)],
        allowed_domains=[host.removeprefix("www.")],
        verified=False,
        discovery={"find_feeds": True, "use_sitemaps": True},
    )


def url_profile(url: str) -> Profile:
    """The generic profile of a crawl started from ``url``, named after the profile that
    owns its domain, if one does (so its articles join that site's)."""
    return generic_profile(url, profile_for_url(_check_url(url, "URL", "url")))
