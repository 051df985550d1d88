"""The two-tabs rule (docs/adr/0004): the later save wins, but never silently."""

from assessment.framework.two_tabs import judge, page_state, shown_value, state_digest


def _state(**answers: str) -> dict[str, str]:
    return page_state({f"culture.{k}": v for k, v in answers.items()}, None)


def test_a_save_over_what_another_tab_saved_since_the_page_was_shown_is_told():
    shown, stored, posted = _state(change="2"), _state(change="4"), _state(change="1")
    verdict = judge(stored=stored, posted=posted, shown=shown, page="p1", last_save=None)
    assert verdict.overwrote
    assert verdict.remember == ["p1", state_digest({**stored, **posted})]


def test_a_save_over_what_nobody_changed_is_not_told():
    shown = stored = _state(change="2")
    assert not judge(
        stored=stored, posted=_state(change="3"), shown=shown, page="p", last_save=None
    ).overwrote


def test_a_page_posted_twice_is_compared_with_its_own_save():
    stored, posted = _state(change="3"), _state(change="5")
    own = ["p1", state_digest(stored)]
    assert not judge(
        stored=stored, posted=posted, shown=_state(change="1"), page="p1", last_save=own
    ).overwrote


def test_a_post_that_does_not_say_what_it_showed_is_never_told_and_not_remembered():
    verdict = judge(
        stored=_state(change="4"), posted=_state(change="1"), shown=None, page="", last_save=None
    )
    assert (verdict.overwrote, verdict.remember) == (False, None)


def test_a_question_left_empty_keeps_its_value_and_is_no_overwrite():
    stored = page_state({"culture.change": "4"}, None)
    posted = page_state({}, None)
    assert not judge(
        stored=stored, posted=posted, shown=_state(), page="p", last_save=None
    ).overwrote


def test_what_a_page_showed_is_its_state_in_sorted_order():
    assert shown_value({"b.q": "1", "a.q": "dk"}, None).startswith("a.q=dk&b.q=1&comment=")
