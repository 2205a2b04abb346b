"""An accuracy report (``wirecoder.evaluate.Report``) as Markdown tables or plain JSON."""

from __future__ import annotations

from wirecoder.evaluate import Agreement, Report, Scores

__all__ = ["format_markdown", "report_to_dict"]


def _plain(item: Scores | Agreement) -> dict[str, object]:
    names = ("right", "total", "share") if isinstance(item, Agreement) else _SCORE_FIELDS
    return {name: getattr(item, name) for name in names}


_SCORE_FIELDS = ("gold", "predicted", "matched", "precision", "recall", "f1")


def report_to_dict(report: Report) -> dict[str, object]:
    """The report as plain JSON-ready values."""
    return {
        "scope": report.scope,
        "articles": report.articles,
        "missing": list(report.missing),
        "negated_left_out": {"gold": report.negated_gold, "predicted": report.negated_predicted},
        "overall": _plain(report.overall),
        "type_only": _plain(report.type_only),
        "per_type": {name: _plain(scores) for name, scores in report.per_type},
        "confusions": [
            {"gold": c.gold_type, "predicted": c.predicted_type, "count": c.count}
            for c in report.confusions
        ],
        "actor_accuracy": _plain(report.actor_accuracy),
        "recipient_accuracy": _plain(report.recipient_accuracy),
        "coded_sides": _plain(report.coded_sides),
    }


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _row(name: str, scores: Scores) -> str:
    cells = (scores.gold, scores.predicted, scores.matched)
    rates = (scores.precision, scores.recall, scores.f1)
    return f"| {name} | " + " | ".join([*map(str, cells), *map(_num, rates)]) + " |"


def _share(agreement: Agreement) -> str:
    return f"{_num(agreement.share)} ({agreement.right}/{agreement.total})"


def format_markdown(report: Report) -> str:
    """The report as Markdown: per-type table, overall rows, side figures and confusions."""
    lines = [
        "| type | gold | predicted | matched | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(_row(name, scores) for name, scores in report.per_type),
        _row("**overall**", report.overall),
        _row("type only (sides ignored)", report.type_only),
        "",
        f"- articles scored: {report.articles} (scope `{report.scope}`)"
        + (f", {len(report.missing)} of them with no prediction" if report.missing else ""),
        f"- negated events left out: gold {report.negated_gold}, "
        f"predicted {report.negated_predicted}",
        f"- actor-country accuracy (same-type pairs): {_share(report.actor_accuracy)}",
        f"- recipient-country accuracy (same-type pairs): {_share(report.recipient_accuracy)}",
        f"- predicted sides with a country or IGO: {_share(report.coded_sides)}",
    ]
    if report.confusions:
        lines += ["", "| gold type | predicted as | events |", "| --- | --- | ---: |"]
        lines += [f"| {c.gold_type} | {c.predicted_type} | {c.count} |" for c in report.confusions]
    return "\n".join(lines) + "\n"
