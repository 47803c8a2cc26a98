"""LibreOffice Calc headless, for tests of files LibreOffice writes (installed by scripts/test.sh)."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def soffice_convert(source, fmt: str, out):
    """``source`` converted by LibreOffice to ``fmt`` (e.g. ``ods``) in ``out``; fails in CI without it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        reason = "LibreOffice (soffice) is not installed; scripts/test.sh installs libreoffice-calc-nogui"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(reason)
        pytest.skip(reason)
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", fmt, "--outdir", str(out), str(source)], check=True, capture_output=True,
                   timeout=180)
    return out / (source.stem + "." + fmt.split(":")[0])
