"""Word diffs and provision-by-provision document diffs."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secretariat.negotiation.text.diff import (
    ProvisionChange,
    ProvisionText,
    diff_provisions,
    longest_increasing_subsequence,
    render_diff_html,
    tokenize,
    word_diff,
)


def _apply(ops, *, side):
    keep = {"old": ("equal", "delete"), "new": ("equal", "insert")}[side]
    return "".join(text for op, text in ops if op in keep)


class TestTokenize:
    def test_words_punctuation_spaces(self):
        assert tokenize("COVID-19/SARS, ok") == ["COVID", "-", "19", "/", "SARS", ",", " ", "ok"]

    def test_cjk_one_token_per_character(self):
        assert tokenize("日本はテスト") == ["日", "本", "は", "テ", "ス", "ト"]

    def test_cyrillic_words(self):
        assert tokenize("Программа  сотрудничества") == ["Программа", "  ", "сотрудничества"]


class TestWordDiff:
    def test_equal(self):
        assert word_diff("same", "same") == [("equal", "same")]
        assert word_diff("", "") == []

    def test_word_replacement(self):
        ops = word_diff(
            "The participants agree to cooperate closely.",
            "The participants decide to cooperate very closely!",
        )
        assert ops == [
            ("equal", "The participants "),
            ("delete", "agree"),
            ("insert", "decide"),
            ("equal", " to cooperate "),
            ("insert", "very "),
            ("equal", "closely"),
            ("delete", "."),
            ("insert", "!"),
        ]

    def test_japanese_character_level(self):
        assert word_diff("日本は医療協力を行う。", "日本は保健協力を行う。") == [
            ("equal", "日本は"),
            ("delete", "医療"),
            ("insert", "保健"),
            ("equal", "協力を行う。"),
        ]

    def test_adjacent_edits_read_as_one_change(self):
        ops = word_diff("alpha beta gamma", "one two gamma")
        assert ops == [("delete", "alpha beta"), ("insert", "one two"), ("equal", " gamma")]

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("", "new text"),
            ("old text", ""),
            ("a b c d e", "a c e f"),
            ("Мы [поддерживаем / одобряем]{KZ} программу.", "Мы поддерживаем программу!"),
            ("x  y", "x y"),
        ],
    )
    def test_ops_rebuild_both_sides(self, old, new):
        ops = word_diff(old, new)
        assert _apply(ops, side="old") == old
        assert _apply(ops, side="new") == new
        assert all(a[0] != b[0] for a, b in itertools.pairwise(ops))


P = ProvisionText


def _doc(*items):
    return [P(key, str(n), "operative", text) for n, (key, text) in enumerate(items, start=1)]


class TestDiffProvisions:
    def test_unchanged_and_changed(self):
        old = _doc(("a", "one"), ("b", "two"))
        new = _doc(("a", "one"), ("b", "two more"))
        assert diff_provisions(old, new) == [
            ProvisionChange("a", "unchanged", "1", "1", [("equal", "one")]),
            ProvisionChange("b", "changed", "2", "2", [("equal", "two"), ("insert", " more")]),
        ]

    def test_kind_change_is_a_change(self):
        old = [P("a", "1", "operative", "x")]
        new = [P("a", "", "heading", "x")]
        assert diff_provisions(old, new)[0].status == "changed"

    def test_insert_delete_in_place(self):
        old = _doc(("a", "one"), ("b", "two"), ("c", "three"))
        new = _doc(("a", "one"), ("n", "new"), ("c", "three"))
        changes = diff_provisions(old, new)
        assert [(c.key, c.status) for c in changes] == [
            ("a", "unchanged"),
            ("b", "deleted"),
            ("n", "inserted"),
            ("c", "unchanged"),
        ]
        assert changes[1] == ProvisionChange("b", "deleted", "2", None, [("delete", "two")])
        assert changes[2] == ProvisionChange("n", "inserted", None, "2", [("insert", "new")])

    def test_deleted_at_start_and_end(self):
        old = _doc(("x", "gone"), ("a", "one"), ("z", "gone too"))
        new = _doc(("a", "one"))
        assert [(c.key, c.status) for c in diff_provisions(old, new)] == [
            ("x", "deleted"),
            ("a", "unchanged"),
            ("z", "deleted"),
        ]

    def test_moved_with_edit(self):
        old = _doc(("a", "one"), ("b", "two"), ("c", "three"), ("d", "four"))
        new = _doc(("d", "four, edited"), ("a", "one"), ("b", "two"), ("c", "three"))
        changes = diff_provisions(old, new)
        assert [(c.key, c.status) for c in changes] == [
            ("d", "moved"),
            ("a", "unchanged"),
            ("b", "unchanged"),
            ("c", "unchanged"),
        ]
        assert changes[0].old_number == "4"
        assert changes[0].new_number == "1"
        assert changes[0].ops == [("equal", "four"), ("insert", ", edited")]

    def test_swap_marks_one_moved(self):
        old = _doc(("a", "1"), ("b", "2"))
        new = _doc(("b", "2"), ("a", "1"))
        statuses = sorted(c.status for c in diff_provisions(old, new))
        assert statuses == ["moved", "unchanged"]

    def test_empty_documents(self):
        assert diff_provisions([], []) == []
        assert [c.status for c in diff_provisions([], _doc(("a", "x")))] == ["inserted"]

    def test_thousand_provisions(self):
        """A large document with few changes (its speed: bench/bench_text.py)."""
        words = "the participants shall cooperate in the field of health and security " * 3
        old = [P(f"k{i}", str(i), "operative", f"{i} {words}") for i in range(1000)]
        new = list(old)
        for i in range(0, 1000, 25):  # 40 edited provisions
            new[i] = P(f"k{i}", str(i), "operative", f"{i} {words} amended [text / other]")
        new.insert(500, P("fresh", "x", "operative", "a new provision"))
        del new[10]
        changes = diff_provisions(old, new)
        assert sum(c.status == "changed" for c in changes) == 40
        assert [c.key for c in changes if c.status in ("inserted", "deleted")] == ["k10", "fresh"]


class TestLongestIncreasingSubsequence:
    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            ([], []),
            ([None, None], []),
            ([5], [0]),
            ([3, 1, 2], [1, 2]),
            ([1, None, 2, 0, 3], [0, 2, 4]),
            ([2, 2, 2], [2]),  # strictly increasing
            ([10, 20, 5, 6, 7, 30], [2, 3, 4, 5]),
        ],
    )
    def test_indices_of_a_longest_strictly_increasing_run(self, values, expected):
        assert longest_increasing_subsequence(values) == expected

    @settings(max_examples=200, deadline=None, database=None)
    @given(st.lists(st.one_of(st.none(), st.integers(0, 20)), max_size=10))
    def test_property_it_is_increasing_and_none_is_longer(self, values):
        found = longest_increasing_subsequence(values)
        assert found == sorted(found)
        picked = [values[k] for k in found]
        assert None not in picked
        assert all(a < b for a, b in itertools.pairwise(picked))
        present = [k for k, v in enumerate(values) if v is not None]
        longest = max(
            (
                len(subset)
                for size in range(len(present) + 1)
                for subset in itertools.combinations(present, size)
                if all(values[a] < values[b] for a, b in itertools.pairwise(subset))
            ),
            default=0,
        )
        assert len(found) == longest


class TestRenderDiffHtml:
    def test_ins_del_and_escaping(self):
        html = render_diff_html(word_diff("a <b> & c", "a <i> & c"))
        assert html == "a &lt;<del>b</del><ins>i</ins>&gt; &amp; c"
