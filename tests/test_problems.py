"""problems.py: the one collector of a check's problems (Problems): added one at a time, at a
place or in bulk, read sorted, counted."""

from __future__ import annotations

from generator.problems import ERROR, WARNING, Problem, Problems, Where

B_ERROR = Problem("b.yml", 3, 1, "quiet-hours", "late")
A_WARNING = Problem("a.yml", 9, 4, "unused-var", "unused", WARNING)
A_ERROR = Problem("a.yml", 2, 7, "unknown-channel", "no channel")


def test_an_empty_collector_is_empty():
    problems = Problems()
    assert len(problems) == 0 and not problems
    assert list(problems) == [] and problems.sorted() == []
    assert (problems.errors, problems.warnings) == (0, 0)
    assert problems.counts() == {}


def test_it_is_read_sorted_by_path_line_column_code_and_message():
    problems = Problems([B_ERROR])
    problems.add(A_WARNING)
    problems.extend([A_ERROR])
    assert list(problems) == [A_ERROR, A_WARNING, B_ERROR]
    assert problems.sorted() == [A_ERROR, A_WARNING, B_ERROR]
    assert problems.found == (B_ERROR, A_WARNING, A_ERROR)  # the order they were added in


def test_problems_at_one_place_keep_the_order_they_were_found_in():
    # same path, line, column, code and message: only the severity differs, and the first found comes first
    lowered = Problem("a.yml", 1, 1, "headline-length", "long", WARNING)
    raised = Problem("a.yml", 1, 1, "headline-length", "long", ERROR)
    assert list(Problems([lowered, raised])) == [lowered, raised]
    assert list(Problems([raised, lowered])) == [raised, lowered]


def test_at_adds_a_problem_at_a_place():
    problems = Problems()
    problems.at(Where("content/site.yml", 4, 2), "bad-value", "no")
    problems.at(Where("content/site.yml"), "stray-file", "odd", WARNING)
    assert list(problems) == [
        Problem("content/site.yml", 1, 1, "stray-file", "odd", WARNING),
        Problem("content/site.yml", 4, 2, "bad-value", "no", ERROR),
    ]


def test_it_counts_errors_warnings_and_codes():
    problems = Problems([B_ERROR, A_WARNING, A_ERROR, B_ERROR])
    assert len(problems) == 4 and problems
    assert (problems.errors, problems.warnings) == (3, 1)
    assert problems.counts() == {"quiet-hours": 2, "unused-var": 1, "unknown-channel": 1}


def test_extend_takes_a_generator_once():
    problems = Problems()
    problems.extend(p for p in (A_ERROR, B_ERROR))
    assert len(problems) == 2 and list(problems) == list(problems)  # read twice, still both
