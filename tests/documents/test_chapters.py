"""A report chapter promises nothing it does not hold: heading and introduction from its content."""

from __future__ import annotations

import re

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


def test_an_introduction_names_the_question_once_and_counts_what_the_chapter_holds():
    asked: set[str] = set()
    intro = chapters.chapter_intro(SURVEYS_INTRO, tables=1, asked=asked)
    assert intro == (
        "For the group's question \u201cwhy do social workers stay, and why do they leave?\u201d: "
        "this chapter shows one table."
    )
    assert "locum" not in intro and "check" not in intro
    # the same question in a later chapter is not quoted again
    again = chapters.chapter_intro(SURVEYS_INTRO, tables=2, charts=1, findings=2, asked=asked)
    assert again == ("This chapter gives two findings and shows two tables and one chart.")
    # no table's title is repeated: the introduction counts them
    assert chapters.chapter_intro("No question here.", charts=3) == (
        "This chapter shows three charts."
    )
    assert chapters.chapter_intro("", key_numbers=[1, 3]) == (
        "The evidence of this chapter is in key findings 1 and 3."
    )
    assert chapters.chapter_intro("", findings=1) == "This chapter gives one finding."
    assert chapters.chapter_intro("") == "This chapter has no finding, table or chart of its own."


def test_an_introduction_with_a_long_question_is_two_sentences_of_at_most_35_words():
    """reader12: a generated introduction in sentences of at most about 35 words. A question of
    24 words before "this chapter gives two findings, refers to key finding 5 and shows three
    tables and two charts" made one sentence of 43; it is said in a sentence of its own."""
    question = (
        "why do so many of our newly qualified children's social workers leave the council "
        "within their first two years, and what would make them stay longer?"
    )
    intro = f"The evidence answers the group's question \u201c{question}\u201d with data."
    said = chapters.chapter_intro(
        intro, tables=3, charts=2, findings=2, referred=["key finding 5"], asked=set()
    )
    assert said == (
        f"This chapter bears on the group's question \u201c{question}\u201d. It gives two "
        "findings, refers to key finding 5 and shows three tables and two charts."
    )
    for sentence in said.split("\u201d. "):
        assert len(re.findall(r"[\w\u2019']+", sentence)) <= 35, sentence


def test_a_closing_note_is_given_in_full_once_then_in_a_few_words():
    said: set[str] = set()
    first = chapters.chapter_closing(hidden=True, said=said)
    assert first == (
        "Figures shown [c] in this chapter are of groups so small that people could be "
        "identified; the exempt appendix gives them, for members only."
    )
    assert chapters.chapter_closing(hidden=True, said=said) == (
        "Figures shown [c] are in the exempt appendix."
    )
    assert chapters.chapter_closing(hidden=False, said=said) == ""


def test_a_closing_note_never_sends_a_reader_to_the_technical_annex():
    """Reader11, Luton 21 September 2016: five chapters ended "Technical annex: 26 more tables
    and charts." The annex is not published and not a background paper (docs/architecture.md),
    so a chapter's closing note names only the exempt appendix, for its [c] figures."""
    import inspect

    said: set[str] = set()
    notes = [chapters.chapter_closing(hidden=h, said=said) for h in (True, False, True)]
    assert notes[1] == "" and all("annex" not in n.casefold() for n in notes)
    # the tables left out of a chapter are no longer counted for a note about them
    assert "more" not in inspect.signature(chapters.chapter_closing).parameters


def test_topic_words_match_singular_and_plural():
    assert chapters.shows_topic("market supplements", "one supplement of £5,000")
    assert not chapters.shows_topic("caseloads", "agency rate")
    assert chapters.shows_topic("how staff", "anything")  # no telling word: kept
    assert not chapters.shows_topic("pay", "anything")


def test_an_introduction_states_no_count_the_disclosure_check_reads_as_people():
    """ "shows two charts on leavers" stopped the 21 September 2016 build: a count before a
    people noun is a small count of people to the public files' check."""
    from pipelines.core import artefact_audit, disclosure

    for tables in range(4):
        for charts, found in ((0, 0), (1, 0), (2, 3), (0, 4)):
            intro = chapters.chapter_intro("", tables=tables, charts=charts, findings=found)
            assert not disclosure.people_counts(intro, 5), intro
            assert not artefact_audit.stated_small_counts(intro, 5), intro


def test_no_shared_notebook_quotes_a_groups_question_as_if_it_were_every_reviews():
    """A section notebook serves every council's review: its introduction never quotes "the
    group's question(s)" (one review's words would be printed as another group's)."""
    import nbformat

    from pipelines.core.config import notebooks_dir

    for path in sorted(notebooks_dir().glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        intro = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
        assert chapters._QUESTION.search(intro) is None, path.name
