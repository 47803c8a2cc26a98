"""The charts of the report and of the Trends page, read from the matplotlib figures they draw: every text
large enough for a meeting room's projector, and no legend on the plotted data or off the picture."""
import pytest

from netmap.analysis import analyse
from netmap.analysis.kinds import names as kind_names
from netmap.dataset import example_path, read_dataset
from netmap.graph import build_graph
from netmap.report import charts

MIN_PT = 9  # the smallest text a projector in a meeting room still shows legibly


@pytest.fixture(scope="module")
def kbl():
    G = build_graph(read_dataset(example_path()))
    return analyse(G), G


def _drawn(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _legends(fig):
    return list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]


def _texts(fig):
    """Every visible, non-empty text of the figure: titles, tick labels, texts on the axes, legend entries."""
    found = []
    for ax in fig.axes:
        found += [ax.title, *ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels()]
    for legend in _legends(fig):
        found += legend.get_texts()
    return [x for x in found if x.get_visible() and x.get_text().strip()]


def assert_readable(fig):
    renderer = _drawn(fig)
    legends = _legends(fig)
    assert legends, "the chart has a legend"
    for legend in legends:
        sizes = [text.get_fontsize() for text in legend.get_texts()]
        assert sizes and min(sizes) >= MIN_PT, sizes
        box = legend.get_window_extent(renderer)
        for ax in fig.axes:
            assert not box.overlaps(ax.get_window_extent(renderer)), "the legend lies on the plotted data"
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1 and fig.bbox.y0 <= box.y0 <= box.y1 <= fig.bbox.y1
    small = {(x.get_text(), x.get_fontsize()) for x in _texts(fig) if x.get_fontsize() < MIN_PT}
    assert not small, small


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_findings_chart_is_readable_and_its_legend_off_the_bars(kbl, lang):
    result, _ = kbl
    fig = charts.findings_figure(result.findings, lang)
    assert_readable(fig)


def test_the_report_coverage_chart_is_readable(kbl):
    result, G = kbl
    codes, rows = charts.coverage_rows(result, G)
    fig = charts.coverage_figure(rows, codes, {r["network"]: r["network"] for r in rows}, "nl")
    assert_readable(fig)


def _trend_rows(n: int, kinds: list[str]) -> list[dict]:
    return [{"id": i + 1, "created": f"2026-{i % 12 + 1:02d}-01T10:00:00+00:00", "horizontal": 20 + i,
             "vertical": 4 + i, "findings": 10 * len(kinds), "by_kind": dict.fromkeys(kinds, 10), "networks": 31,
             "lacking": 3, "mean_perspectives": 3.9} for i in range(n)]


@pytest.mark.parametrize("name", ["ties", "findings", "coverage"])
@pytest.mark.parametrize("snapshots, many_kinds", [(2, False), (8, True)])
def test_the_trend_charts_are_readable_and_their_legends_off_the_data(name, snapshots, many_kinds):
    pytest.importorskip("fastapi")
    from netmap.web.charts import chart_figure

    kinds = sorted(kind_names()) if many_kinds else ["level_gap", "missing_perspective"]
    fig = chart_figure(name, _trend_rows(snapshots, kinds), "nl")
    assert_readable(fig)
    if name == "findings":
        assert len(fig.legends[0].get_texts()) == len(kinds)  # every kind named, none cut off
