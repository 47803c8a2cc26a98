"""The files of one run, by what they hold: the names `netmap run` writes, the report and the findings page
link to, and `netmap serve` offers as downloads. One place, so a renamed file cannot leave a dead link.

The names stay Dutch in an English run too: a folder of outputs, a link sent round and a user's own
script then work whatever language the run was made in (the pages inside are in the run's language).
"""
from __future__ import annotations

#: the report, per format (``netmap.report.FORMATS``)
REPORT_FILES = {"html": "rapport.html", "md": "rapport.md"}
#: the report's HTML, the name the findings page links back to
REPORT_FILE = REPORT_FILES["html"]
#: every finding for a reader; the report shows the top ones per kind and links here
FINDINGS_FILE = "bevindingen.html"
#: the whole analysis as JSON (``Analysis.to_dict()``)
FINDINGS_JSON = "bevindingen.json"
#: the definitions, beside the report, so a folder sent on keeps them
DEFINITIONS_FILE = "definities.html"
#: the maps beside the report: file name -> map view (``netmap.maps.VIEWS``)
MAP_FILES = {"kaart-niveaus.html": "levels", "kaart-netwerk.html": "force", "kaart-overlap.html": "overlap"}
#: what `netmap run` writes, in the order it prints them (the manifest ``netmap-run.json`` comes last)
RUN_FILES = (*REPORT_FILES.values(), DEFINITIONS_FILE, FINDINGS_FILE, FINDINGS_JSON, *MAP_FILES)
