"""A generated ladder that stresses the handbook's layout: many levels, three tracks, long titles,
level names and track names, many decision domains, long unbroken words, and findings (so the
pages carry marks). The browser test renders it with ``allow_invalid``."""

from __future__ import annotations

from typing import Any

AUTHORITIES = ("informed", "consulted", "recommends", "decides")
SCOPES = ("team", "group", "organization", "company", "industry")
DOMAINS = (
    "architecture",
    "budget",
    "hiring",
    "performance reviews",
    "strategy",
    "technology choices and build-versus-buy decisions",
)


def wide_ladder(levels: int = 10) -> dict[str, Any]:
    """The ladder as data (``Ladder.model_validate`` it): ``levels`` levels, a rung of each of
    three tracks on most of them, one pay gap (DL103) and one bonus gap (DL104)."""
    ids = [f"IC{n:02d}" for n in range(1, levels + 1)]
    level_list = [
        {
            "id": lid,
            "name": f"Career stage {n} of the engineering and research organisation",
            "pay": {"min": 60000 + n * 15000, "mid": 70000 + n * 17000, "max": 85000 + n * 20000},
        }
        for n, lid in enumerate(ids, start=1)
    ]

    def rung(track: str, n: int, lid: str) -> dict[str, Any]:
        scope = SCOPES[min(n * len(SCOPES) // (levels + 1), len(SCOPES) - 1)]
        titles = {
            "management": f"Senior Director of Platform Engineering and Operations {n}",
            "technical": f"Distinguished Principal Staff Software Engineer {n}",
            "research": f"Research Scientist {n}",
        }
        out: dict[str, Any] = {
            "level": lid,
            "title": titles[track],
            "code": f"{track[:3].upper()}-{n:02d}-EXTENDED-JOB-CODE",
            "aliases": [
                f"{track} alias number {n}",
                f"Supercalifragilisticexpialidocious-{track}-{n}",
            ],
            "summary": (
                "Owns https://example.com/an/exceptionally/long/unbroken/path/that/does/not/wrap "
                f"and leads work at level {n} across several teams and organisations."
            ),
            "scope": scope,
            "expectations": [
                "Writes design documents that other teams adopt without change",
                "Mentors people across the organisation, " * 3,
            ],
            "rewards": {
                "bonus_target": "0.15",
                "equity": 10000 * n,
                "perks": ["stock options", "sabbatical after five years", "learning budget"],
            },
            "decisions": [
                {
                    "domain": domain,
                    "authority": AUTHORITIES[min((n + i) // 3, 3)],
                    "scope": SCOPES[min((n + i) // 3, 4)],
                }
                for i, domain in enumerate(DOMAINS)
                if track != "research" or domain != "budget"
            ],
        }
        if track == "technical" and n == levels - 2:
            out["pay"] = {
                "min": 60000 + n * 12000, "mid": 70000 + n * 14000, "max": 85000 + n * 17000
            }
        if track == "technical" and n == levels - 3:
            out["rewards"] = {**out["rewards"], "bonus_target": "0.10"}
        return out

    tracks: dict[str, Any] = {
        "management": {
            "name": "People leadership and engineering management",
            "rungs": [rung("management", n, lid) for n, lid in enumerate(ids, 1) if n >= 3],
        },
        "technical": {
            "name": "Individual contributor (technical leadership)",
            "rungs": [rung("technical", n, lid) for n, lid in enumerate(ids, 1)],
        },
        "research": {
            "name": "Applied research",
            "rungs": [rung("research", n, lid) for n, lid in enumerate(ids, 1) if n >= 5],
        },
    }
    return {
        "dualladder": 1,
        "organization": "Wide Ladders International Holding Company Limited",
        "family": "Engineering, Research and Operations",
        "currency": "EUR",
        "effective": "2025-01-01",
        "policy": {"seat_at_the_table": ["strategy", "architecture"], "pay_tolerance": "0.05"},
        "levels": level_list,
        "tracks": tracks,
        "crossover": [
            {"from": "technical", "to": "management", "levels": ids[3:]},
            {"from": "management", "to": "technical", "levels": ids[3:]},
            {"from": "research", "to": "management", "levels": ids[6:]},
        ],
    }
