"""Validation keeps nothing in its Great Expectations context that GX would write again and again
(issue 24): GX serialises its whole configuration each time a data asset, batch definition,
suite or validation definition is added, so every dataset's suite runs on a batch of one shared
asset (``Batch.validate``), and no suite or validation definition is stored."""

from __future__ import annotations

import datetime as dt

from pipelines.core import validation
from tests.conftest import demo_frames


def test_every_dataset_is_validated_on_one_asset_and_no_suite_is_stored(monkeypatch):
    contexts = []
    made = validation._context

    def keep(gx):
        contexts.append(made(gx))
        return contexts[-1]

    monkeypatch.setattr(validation, "_context", keep)
    frames = demo_frames()
    report = validation.validate_datasets(frames, today=dt.date(2016, 9, 21))
    validated = {r.dataset for r in report.results} & set(frames)
    assert len(validated) >= 4, validated  # the demo review's datasets, each its own suite
    (context,) = contexts
    (source,) = context.data_sources.all().values()
    assert [a.name for a in source.assets] == ["dataset"]
    assert [d.name for d in source.assets[0].batch_definitions] == ["whole_dataframe"]
    assert context.suites.all() == [] and context.validation_definitions.all() == []
