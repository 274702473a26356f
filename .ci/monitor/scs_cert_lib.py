"""The scope library the compliance monitor imports (`scs_cert_lib`), written for this project.

The monitor (`monitor.py` of the SCS standards repository) imports `load_spec`,
`annotate_validity`, `add_period`, `eval_buckets` and `evaluate` from `Tests/scs_cert_lib.py`
of the same repository. `../shared/fixtures` carries the monitor and the scopes but not that
file, so `start` puts this module in its place unless the standards checkout it uses has one
(then that one is used). It implements the same interface from the standard, as scs-scope
does in Rust:

- scs-0003-v1, "Basic concepts": a version's targets are the union of the targets of the
  modules it includes; a target passes when all its testcases pass (an empty one passes);
- scs-0003-v1, "Test-case descriptor": a result counts until the end of the next period of
  its testcase's `lifetime` (default `week`; `year`: end of the following month plus a year).

Results are the monitor's numbers: 1 pass, -1 fail, 0 did not finish; an absent result is
`None` in the buckets and counts as 0 in a verdict.
"""

from collections import defaultdict
from datetime import datetime, timedelta


def load_spec(document: dict) -> dict:
    """Resolve a scope document (scs-0003 format) into the shape the monitor reads.

    Adds `testcases` (id -> descriptor, with `attn`: in a `main` target of some version);
    turns `modules` and `versions` into dicts by id and name; gives each version `include`
    as `[{'module': dict, 'parameters': dict}]`, `targets` (name -> testcase ids), `tc_target`
    (testcase id -> its target in this version, `main` first, or None) and `_idx` (position).
    """
    testcases = {}
    for script in document.get('scripts') or ():
        for testcase in script.get('testcases') or ():
            if testcase['id'] in testcases:
                raise ValueError(f"testcase {testcase['id']!r} is declared twice")
            testcases[testcase['id']] = dict(testcase, attn=False)
    modules = {}
    for module in document.get('modules') or ():
        if module['id'] in modules:
            raise ValueError(f"module {module['id']!r} is declared twice")
        modules[module['id']] = module
    versions = {}
    for idx, version in enumerate(document.get('versions') or ()):
        name = version['version']
        if name in versions:
            raise ValueError(f"version {name!r} is declared twice")
        include = []
        for entry in version.get('include') or ():
            ref, params = (entry, {}) if isinstance(entry, str) else (entry['ref'], entry.get('parameters') or {})
            if ref not in modules:
                raise ValueError(f"version {name!r} includes unknown module {ref!r}")
            include.append({'module': modules[ref], 'parameters': params})
        targets = defaultdict(list)
        for entry in include:
            for target, ids in (entry['module'].get('targets') or {}).items():
                targets[target].extend(i for i in ids if i not in targets[target])
        tc_target = dict.fromkeys(testcases)
        for target in sorted(targets, key=lambda t: t != 'main'):
            for tc_id in targets[target]:
                if tc_id not in testcases:
                    raise ValueError(f"version {name!r}, target {target!r}: unknown testcase {tc_id!r}")
                if tc_target[tc_id] is None:
                    tc_target[tc_id] = target
                if target == 'main':
                    testcases[tc_id]['attn'] = True
        versions[name] = dict(version, include=include, targets=dict(targets), tc_target=tc_target, _idx=idx)
    for entry in document.get('timeline') or ():
        for name in entry.get('versions') or {}:
            if name not in versions:
                raise ValueError(f"timeline entry {entry.get('date')}: unknown version {name!r}")
    return dict(document, testcases=testcases, modules=modules, versions=versions,
                timeline=document.get('timeline') or [])


def annotate_validity(timeline: list, versions: dict, checkdate) -> None:
    """Set each version's `validity` on `checkdate` from the latest timeline entry not after it.

    `_explicit_validity` is the entry's word, or None where the entry does not name the
    version (then `validity` is `deprecated`).
    """
    current = [entry for entry in timeline if entry['date'] <= checkdate]
    words = max(current, key=lambda entry: entry['date'])['versions'] if current else {}
    for name, version in versions.items():
        version['_explicit_validity'] = words.get(name)
        version['validity'] = words.get(name) or 'deprecated'


def _first_of_month(year: int, month0: int) -> datetime:
    """The first of month `month0` (0-based, may exceed 11) counted from January of `year`."""
    return datetime(year + month0 // 12, month0 % 12 + 1, 1)


def add_period(checked_at: datetime, lifetime) -> datetime:
    """The first moment at which a result obtained at `checked_at` no longer counts."""
    day = datetime(checked_at.year, checked_at.month, checked_at.day)
    if lifetime == 'day':
        return day + timedelta(days=2)
    if lifetime in (None, 'week'):
        return day + timedelta(days=14 - day.weekday())
    if lifetime == 'month':
        return _first_of_month(day.year, day.month - 1 + 2)
    if lifetime == 'quarter':
        return _first_of_month(day.year, (day.month - 1) // 3 * 3 + 6)
    if lifetime == 'year':
        return _first_of_month(day.year + 1, day.month - 1 + 2)
    raise ValueError(f"unknown lifetime {lifetime!r}")


def _value(results: dict, tc_id):
    result = results.get(tc_id)
    return None if result is None else result.get('result', 0)


def eval_buckets(results: dict, tc_ids) -> dict:
    """Testcase ids by result: -1 failed, None absent, 0 did not finish, 1 passed."""
    buckets = {-1: [], None: [], 0: [], 1: []}
    for tc_id in tc_ids:
        buckets[_value(results, tc_id)].append(tc_id)
    return buckets


def evaluate(results: dict, tc_ids) -> int:
    """The verdict of a target: -1 if any testcase failed, else 0 if any is absent or did not
    finish, else 1 (also for an empty target)."""
    return min((_value(results, tc_id) or 0 for tc_id in tc_ids), default=1)
