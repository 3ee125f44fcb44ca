"""Schemathesis checks for scripts/fuzz-api.sh: a refused request changes nothing.

Before every call the agents (with their dials) and the live rules are read; after a 4xx
answer they must read the same. The run uses one worker, so no other request interleaves.
"""

import os
import urllib.request

import schemathesis

BASE = os.environ["DIALER_FUZZ_BASE"]
TOKEN = os.environ["DIALER_FUZZ_TOKEN"]
_before = {}


def _state():
    """What a refused request must leave as it was."""
    parts = []
    for path in ("/agents", "/rules"):
        request = urllib.request.Request(BASE + path, headers={"Authorization": "Bearer " + TOKEN})
        with urllib.request.urlopen(request, timeout=10) as response:
            parts.append(response.read().decode())
    return parts


@schemathesis.hook
def before_call(context, case, kwargs):
    _before[id(case)] = _state()


@schemathesis.check
def refused_request_changes_nothing(ctx, response, case):
    before = _before.pop(id(case), None)
    if before is None or not 400 <= response.status_code < 500:
        return None
    if _state() != before:
        raise AssertionError(f"a {response.status_code} answer changed the agents or the rules")
    return None
