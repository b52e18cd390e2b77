"""Topics are declared by capabilities (LIVE_TOPICS in their `live.py`) and registered by
the live app at start-up; names are checked, and a name cannot be taken twice."""

from __future__ import annotations

import importlib.machinery
import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest

from secretariat.core.events import EVENT_TYPES
from secretariat.live import topics
from secretariat.live.topics import Topic, get_topic, register_topic, register_topics


def _allow(user: Any, key: str) -> bool:
    return True


def _empty(user: Any, key: str) -> dict[str, Any]:
    return {}


@pytest.fixture
def forget() -> Iterator[list[str]]:
    names: list[str] = []
    yield names
    for name in names:
        topics.unregister_topic(name)


def test_every_declared_topic_is_registered_at_start_up() -> None:
    """The apps' LIVE_TOPICS were registered by LiveConfig.ready(); discovering again finds
    the same topics (registering them twice is harmless)."""
    found = topics.autodiscover_topics()
    assert "announcements" in {topic.name for topic in found}
    for topic in found:
        assert get_topic(topic.name) == topic


def test_every_typed_event_goes_to_a_registered_topic() -> None:
    declared = {topic for topic, _kind in EVENT_TYPES if not topic.startswith("test-")}
    assert declared  # announcements declares its events at least
    assert {name for name in declared if get_topic(name) is None} == set()


def test_a_module_declaring_something_else_is_a_mistake(
    monkeypatch: pytest.MonkeyPatch, forget: list[str]
) -> None:
    from django.apps import apps

    config = apps.get_app_config("announcements")
    module = types.ModuleType("secretariat.announcements.live")
    module.__spec__ = importlib.machinery.ModuleSpec(module.__name__, None)
    module.LIVE_TOPICS = [("notes", _allow, _empty)]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "secretariat.announcements.live", module)
    monkeypatch.setattr(apps, "get_app_configs", lambda: [config])
    with pytest.raises(TypeError, match="not a live Topic"):
        topics.autodiscover_topics()
    assert get_topic("notes") is None


def test_register_topics_takes_several(forget: list[str]) -> None:
    forget.extend(["t-one", "t-two"])
    register_topics([Topic("t-one", _allow, _empty), Topic("t-two", _allow, _empty)])
    assert get_topic("t-one") == Topic("t-one", _allow, _empty)
    assert get_topic("t-two") is not None


def test_the_one_at_a_time_helper_still_works(forget: list[str]) -> None:
    forget.append("t-old")
    topic = register_topic("t-old", authorize=_allow, snapshot=_empty)
    assert get_topic("t-old") is topic
    assert register_topic("t-old", authorize=_allow, snapshot=_empty) == topic  # again: fine


def test_a_taken_name_is_refused_for_other_functions(forget: list[str]) -> None:
    forget.append("t-taken")
    register_topic("t-taken", authorize=_allow, snapshot=_empty)
    with pytest.raises(ValueError, match="already registered"):
        register_topics([Topic("t-taken", lambda user, key: False, _empty)])
    assert get_topic("t-taken") == Topic("t-taken", _allow, _empty)


@pytest.mark.parametrize("name", ["", "Upper", "1st", "with space", "x" * 33, "dot.ted"])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="Topic name"):
        Topic(name, _allow, _empty)
    assert get_topic(name) is None
