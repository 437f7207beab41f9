"""A report chapter promises nothing it does not hold: heading and introduction from its content."""

from __future__ import annotations

from pipelines.documents import chapters

WORKFORCE = "Workforce and costs: agency staff, pay, market supplements and caseloads"
SURVEYS_INTRO = (
    "What permanent social care staff and locum social workers said about working for the "
    "council, for the group's question \u201cwhy do social workers stay, and why do they "
    "leave?\u201d. Results are shown for each service, what staff wrote, a check of every "
    "survey figure the report published, and the locum survey."
)


def test_a_heading_drops_the_topics_the_chapter_does_not_show():
    body = "Agency workers cost £1,020,000 a year more; pay rates; average caseload 20.6"
    assert chapters.chapter_heading(WORKFORCE, body) == (
        "Workforce and costs: agency staff, pay and caseloads"
    )
    with_supplement = body + "; 43 staff on a £5,000 market supplement"
    assert chapters.chapter_heading(WORKFORCE, with_supplement) == WORKFORCE
    assert chapters.chapter_heading(WORKFORCE, "nothing about it") == "Workforce and costs"
    assert chapters.chapter_heading("Recruitment", "") == "Recruitment"
    # two short topics joined by "and": the first telling word of each must be shown
    assert chapters.chapter_heading("Staff and locum surveys", "staff survey") == "Staff surveys"
    assert chapters.chapter_heading("Staff and locum surveys", "locum survey: 12") == (
        "Staff and locum surveys"
    )
    assert chapters.chapter_heading("Leavers and exit interviews", "26 leavers") == "Leavers"
    assert chapters.chapter_heading("Recruitment and retention scorecard", "retention 12%") == (
        "Recruitment and retention scorecard"  # the first topic is kept
    )
    long = "How long starters stay, and where the workforce is heading"
    assert chapters.chapter_heading(long, "") == long  # not a list of short topics


def test_an_introduction_names_the_question_and_only_what_the_chapter_holds():
    intro = chapters.chapter_intro(SURVEYS_INTRO, ["Least positive questions, by service"], [])
    assert intro == (
        "For the group's question \u201cwhy do social workers stay, and why do they leave?\u201d: "
        "this chapter shows this table or chart: Least positive questions, by service."
    )
    assert "locum" not in intro and "check" not in intro
    two = chapters.chapter_intro("No question here.", ["A table", "B chart", "C table"], [2])
    assert two == "This chapter shows these tables and charts: A table; B chart; and C table."
    assert chapters.chapter_intro("", [], [1, 3]) == (
        "The evidence of this chapter is in the key findings."
    )
    assert chapters.chapter_intro("", [], []) == "This chapter gives its findings."


def test_topic_words_match_singular_and_plural():
    assert chapters.shows_topic("market supplements", "one supplement of £5,000")
    assert not chapters.shows_topic("caseloads", "agency rate")
    assert chapters.shows_topic("how staff", "anything")  # no telling word: kept
    assert not chapters.shows_topic("pay", "anything")
