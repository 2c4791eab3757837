"""The array form of stance statements: periods agree with the calendar, firsts with a loop."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from graph.analysis.discourse import Selection, affiliation_network, stances
from graph.analysis.stancetable import first_of_each, period

CALENDAR = {
    "week": lambda day: day.isocalendar()[:2],
    "month": lambda day: (day.year, day.month),
    "year": lambda day: day.year,
}


def test_periods_group_dates_as_the_calendar_does() -> None:
    days = [dt.date(2019, 12, 20) + dt.timedelta(days=n) for n in range(2300)]  # 2020 has ISO week 53
    date = np.array([day.isoformat() for day in days])
    for rule, calendar in CALENDAR.items():
        codes = period(rule, date, date).tolist()
        expected = [calendar(day) for day in days]
        assert all((codes[i] == codes[i + 1]) == (expected[i] == expected[i + 1])
                   for i in range(len(days) - 1)), rule


def test_first_of_each_keeps_the_first_in_order() -> None:
    rng = random.Random(7)
    rows = [(rng.choice("xyz"), rng.randint(-1, 1), rng.choice(["a", "b"])) for _ in range(200)]
    order = list(range(200))
    rng.shuffle(order)
    seen, expected = set(), []
    for i in order:
        if rows[i] not in seen:
            seen.add(rows[i])
            expected.append(i)
    columns = [np.array(column) for column in zip(*rows, strict=True)]
    assert first_of_each(columns, np.array(order)).tolist() == sorted(expected)


def test_a_duplicate_rule_may_be_given_as_a_string(debate) -> None:
    found = affiliation_network(debate, Selection(duplicates="range"), "ignore")  # type: ignore[arg-type]
    assert found.dense().tolist()[0][1] == 1  # Avalon on the peacekeeping force


def test_stances_come_by_date_then_id(debate) -> None:
    keys = [(s.date, s.statement) for s in stances(debate)]
    assert keys == sorted(keys) and len(keys) == 10  # not "discusses", not "speaks for"
