"""Build progress in logs (issue 24): one plain line per step when stderr is not a terminal."""

from __future__ import annotations

from pipelines.cli import _Progress


class Bar:
    """Stands in for a tqdm bar: records what the progress callback does to it."""

    def __init__(self):
        self.n, self.desc = 0, ""

    def update(self, k: int) -> None:
        self.n += k

    def set_description_str(self, text: str) -> None:
        self.desc = text


def test_not_a_terminal_prints_one_line_per_step_without_carriage_returns(capsys):
    bar = Bar()
    progress = _Progress(bar, lines=True, label="Meeting 2016-09-21 (all)", total=3)
    for step in ("cleaning the data", "validating the data", "sections", "done in 5 s"):
        progress(step)
    err = capsys.readouterr().err
    assert "\r" not in err
    lines = err.splitlines()
    assert [line.split(" [")[0] for line in lines] == [
        "Meeting 2016-09-21 (all) 0/3 cleaning the data",
        "Meeting 2016-09-21 (all) 1/3 validating the data",
        "Meeting 2016-09-21 (all) 2/3 sections",
        "Meeting 2016-09-21 (all) 3/3 done in 5 s",
    ]
    assert bar.n == 3


def test_on_a_terminal_only_the_bar_moves(capsys):
    bar = Bar()
    progress = _Progress(bar)
    progress("cleaning the data")
    progress("validating the data")
    assert capsys.readouterr().err == ""
    assert (bar.n, bar.desc) == (1, "validating the data")
